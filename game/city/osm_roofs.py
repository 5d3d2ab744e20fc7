"""Roof shapes of imported buildings (OpenStreetMap's Simple 3D Buildings ``roof:shape``). Pure.

Every roof here is a height field over the building's own frame: the outline turned along its longest wall (the
ridge runs that way unless ``roof:orientation=across``), centred in the outline's box there, ``L`` the box's half
length along the ridge and ``W`` its half width. Gabled, hipped, pyramidal and skillion roofs are made of planes
meeting on a few straight creases; splitting the outline's triangles on those lines makes every piece one plane, so
the roof is exact for any outline, L-shapes and courtyards included, and the walls rise to meet it (a gable end
climbs to the ridge). Domes and round (barrel) roofs are curved: a finer set of lines makes them smooth enough.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

#: Shapes drawn as such; the keys of :data:`LIKE` are drawn as the nearest of them.
SHAPES = ("flat", "gabled", "hipped", "pyramidal", "skillion", "dome", "round")
#: OSM shapes without a model of their own, drawn as the shape closest in silhouette.
LIKE = {"half-hipped": "hipped", "mansard": "hipped", "gambrel": "gabled", "saltbox": "gabled", "onion": "dome",
        "side_hipped": "hipped", "cone": "pyramidal"}
#: The pitch of a pitched roof mapped with neither ``roof:height`` nor ``roof:levels`` nor ``roof:angle``: 30°,
#: common for Korean houses and schools (a skillion is flatter, 15°).
DEFAULT_PITCH = 30.0
SKILLION_PITCH = 15.0
#: A dome is as high as half its width: a hemisphere on a round outline.
DOME_RISE = 1.0
CURVE_STEPS = 6  # lines across each half of a dome or barrel roof
CURVED = ("dome", "round")
_COMPASS = {"N": 0.0, "NNE": 22.5, "NE": 45.0, "ENE": 67.5, "E": 90.0, "ESE": 112.5, "SE": 135.0, "SSE": 157.5,
            "S": 180.0, "SSW": 202.5, "SW": 225.0, "WSW": 247.5, "W": 270.0, "WNW": 292.5, "NW": 315.0,
            "NNW": 337.5}


def shape_of(tags: Mapping[str, str]) -> str:
    """The shape to draw for ``roof:shape`` (flat when missing or unknown)."""
    shape = (tags.get("roof:shape") or "flat").strip().lower()
    shape = LIKE.get(shape, shape)
    return shape if shape in SHAPES else "flat"


def parse_direction(text: str | None) -> float | None:
    """``roof:direction``: the compass bearing a skillion slopes down towards, in degrees (``90``, ``E``)."""
    if not text:
        return None
    t = text.strip().upper()
    if t in _COMPASS:
        return _COMPASS[t]
    try:
        value = float(t)
    except ValueError:
        return None
    return value % 360.0 if math.isfinite(value) else None


def parse_angle(text: str | None) -> float | None:
    """``roof:angle`` in degrees, above 0 and below 90; None when unusable."""
    try:
        value = float((text or "").strip())
    except ValueError:
        return None
    return value if 0.0 < value < 90.0 else None


@dataclass(frozen=True)
class Frame:
    """The building's frame: ``centre`` (world metres), ``axis`` the unit ridge direction, half extents ``L`` along
    it and ``W`` across."""

    centre: np.ndarray
    axis: np.ndarray
    L: float
    W: float

    @classmethod
    def of(cls, outer: np.ndarray, across: bool = False) -> Frame:
        d = np.roll(outer, -1, axis=0) - outer
        longest = d[int(np.argmax(np.hypot(d[:, 0], d[:, 1])))]
        axis = longest / np.hypot(*longest)
        if across:
            axis = _left(axis)
        side = _left(axis)
        u, v = outer @ axis, outer @ side
        centre = axis * (u.min() + u.max()) / 2 + side * (v.min() + v.max()) / 2
        return cls(centre, axis, float(u.max() - u.min()) / 2, float(v.max() - v.min()) / 2)

    @property
    def side(self) -> np.ndarray:
        """The unit direction across the ridge (+v): the ridge direction turned a quarter left."""
        return _left(self.axis)

    def local(self, points: np.ndarray) -> np.ndarray:
        """World (N, 2) to frame (u along the ridge, v across)."""
        rel = points - self.centre
        return np.c_[rel @ self.axis, rel @ self.side]

    def world(self, uv: np.ndarray) -> np.ndarray:
        return self.centre + uv[:, :1] * self.axis + uv[:, 1:2] * self.side


def _left(v: np.ndarray) -> np.ndarray:
    return np.array([-v[1], v[0]])


@dataclass(frozen=True)
class Roof:
    """A roof over a frame: ``shape``, its ``height`` above the eaves, and for a skillion the bearing it slopes
    down towards (None: across the ridge, down towards the frame's -v side)."""

    shape: str
    height: float
    direction: float | None = None

    def rise(self, frame: Frame, uv: np.ndarray) -> np.ndarray:
        """Height above the eaves at frame points ``uv`` (N, 2)."""
        u, v = np.abs(uv[:, 0]), np.abs(uv[:, 1])
        L, W, h = max(frame.L, 1e-6), max(frame.W, 1e-6), self.height
        if self.shape == "gabled":
            f = 1 - v / W
        elif self.shape == "hipped":
            f = np.minimum(1 - v / W, (L - u) / W)
        elif self.shape == "pyramidal":
            f = np.minimum(1 - v / W, 1 - u / L)
        elif self.shape == "skillion":
            down, corners = self._downhill(frame)
            f = (corners.max() - uv @ down) / max(float(np.ptp(corners)), 1e-6)
        elif self.shape == "dome":
            f = np.sqrt(np.clip(1 - (u / L) ** 2 - (v / W) ** 2, 0, 1))
        elif self.shape == "round":
            f = np.sqrt(np.clip(1 - (v / W) ** 2, 0, 1))
        else:
            f = np.zeros(len(uv))
        return h * np.clip(f, 0.0, 1.0)

    def _downhill(self, frame: Frame) -> tuple[np.ndarray, np.ndarray]:
        """The skillion's downhill direction in the frame, and where the frame box's corners lie along it: the
        slope spans the box from its highest corner to its lowest, whatever part of the outline is asked about."""
        if self.direction is None:
            down = np.array([0.0, -1.0])
        else:
            b = math.radians(self.direction)
            bearing = np.array([math.sin(b), math.cos(b)])  # east, north
            down = np.array([bearing @ frame.axis, bearing @ frame.side])
        corners = np.array([[a * frame.L, c * frame.W] for a in (-1, 1) for c in (-1, 1)])
        return down, corners @ down

    def slope_span(self, frame: Frame) -> float:
        """Metres across which the roof climbs to its full height (for the default pitch): the half width for the
        two-sided roofs, the whole box along the slope for a skillion."""
        return float(np.ptp(self._downhill(frame)[1])) if self.shape == "skillion" else frame.W

    def creases(self, frame: Frame) -> list[tuple[float, float, float]]:
        """Lines ``a·u + b·v = c`` in the frame on which the height field may bend: pieces between them are flat."""
        L, W = frame.L, frame.W
        if self.shape == "gabled":
            return [(0.0, 1.0, 0.0)]
        if self.shape == "hipped":
            c = L - W
            return [(0.0, 1.0, 0.0), (1.0, 0.0, 0.0), (1.0, -1.0, c), (1.0, 1.0, c), (-1.0, 1.0, c), (-1.0, -1.0, c)]
        if self.shape == "pyramidal":
            return [(0.0, 1.0, 0.0), (1.0, 0.0, 0.0), (W, -L, 0.0), (W, L, 0.0)]
        if self.shape == "dome":
            steps = [k / CURVE_STEPS for k in range(-CURVE_STEPS + 1, CURVE_STEPS)]
            return [(1.0, 0.0, s * L) for s in steps] + [(0.0, 1.0, s * W) for s in steps]
        if self.shape == "round":
            return [(0.0, 1.0, k / CURVE_STEPS * W) for k in range(-CURVE_STEPS + 1, CURVE_STEPS)]
        return []


def curved_normals(roof: Roof, frame: Frame, uv: np.ndarray, step: float = 0.05) -> np.ndarray:
    """World normals (N, 3) of a dome or barrel roof at frame points ``uv``, from the height field's slope (central
    differences, ``step`` metres; at the rim, where the slope is vertical, the normal lies nearly flat)."""
    du, dv = np.array([step, 0.0]), np.array([0.0, step])
    gu = (roof.rise(frame, uv + du) - roof.rise(frame, uv - du)) / (2 * step)
    gv = (roof.rise(frame, uv + dv) - roof.rise(frame, uv - dv)) / (2 * step)
    grad = gu[:, None] * frame.axis + gv[:, None] * frame.side
    n = np.c_[-grad, np.ones(len(uv))]
    return n / np.linalg.norm(n, axis=1, keepdims=True)


def default_height(roof: Roof, frame: Frame, angle: float | None) -> float:
    """Metres a roof mapped with neither ``roof:height`` nor ``roof:levels`` rises: at ``roof:angle`` (else the
    default pitch) over its slope, a dome or barrel as high as its half width; 0 for a flat roof."""
    if roof.shape == "flat":
        return 0.0
    if roof.shape in CURVED:
        return DOME_RISE * frame.W
    pitch = angle or (SKILLION_PITCH if roof.shape == "skillion" else DEFAULT_PITCH)
    return math.tan(math.radians(pitch)) * roof.slope_span(frame)


def _clip(poly: list[np.ndarray], line: tuple[float, float, float], keep_above: bool) -> list[np.ndarray]:
    """The part of convex polygon ``poly`` on one side of ``a·u + b·v = c`` (Sutherland–Hodgman, one plane)."""
    a, b, c = line
    sign = 1.0 if keep_above else -1.0
    out: list[np.ndarray] = []
    for k, p in enumerate(poly):
        q = poly[(k + 1) % len(poly)]
        sp, sq = sign * (a * p[0] + b * p[1] - c), sign * (a * q[0] + b * q[1] - c)
        if sp >= 0:
            out.append(p)
        if (sp >= 0) != (sq >= 0):
            t = sp / (sp - sq)
            out.append(p + (q - p) * t)
    return out


def _area(poly: Sequence[np.ndarray]) -> float:
    return 0.5 * sum(float(p[0] * q[1] - q[0] * p[1]) for p, q in zip(poly, [*poly[1:], poly[0]], strict=True))


def split(triangles: np.ndarray, lines: Sequence[tuple[float, float, float]]) -> np.ndarray:
    """Triangles (M, 3, 2) cut on every line into triangles (K, 3, 2) that each lie on one side of all of them,
    winding kept, slivers dropped."""
    pieces = [list(t) for t in triangles]
    for line in lines:
        a, b, c = line
        cut: list[list[np.ndarray]] = []
        for poly in pieces:
            s = [a * p[0] + b * p[1] - c for p in poly]
            if min(s) >= -1e-9 or max(s) <= 1e-9:
                cut.append(poly)
                continue
            cut += [half for half in (_clip(poly, line, True), _clip(poly, line, False)) if len(half) >= 3]
        pieces = cut
    out = [(poly[0], poly[k], poly[k + 1]) for poly in pieces for k in range(1, len(poly) - 1)]
    out = [t for t in out if _area(t) > 1e-9]
    return np.array(out, np.float64).reshape(-1, 3, 2)


def wall_stations(a: np.ndarray, b: np.ndarray, frame: Frame, lines: Sequence[tuple[float, float, float]]
                  ) -> list[float]:
    """Where along wall a→b (0..1) a crease crosses it, with both ends: the wall's top is straight between two."""
    la, lb = frame.local(np.array([a, b]))
    ts = {0.0, 1.0}
    for ca, cb, c in lines:
        sa, sb = ca * la[0] + cb * la[1] - c, ca * lb[0] + cb * lb[1] - c
        if (sa > 1e-9 and sb < -1e-9) or (sa < -1e-9 and sb > 1e-9):
            ts.add(sa / (sa - sb))
    return sorted(ts)
