"""The lantern sculptures the festival stands in the stream: steel frames carrying glowing panels. Pure.

Each kind is built around its own origin (the base's centre on the stream bed, +Z up, facing -Y) and returns two
meshes: the frame (dark steel ribs) and the panels (the translucent hanji or silk, lit from inside by night: the
renderer makes them glow). Kinds echo the festival's recurring subjects:

- ``chorong``: a 청사초롱, the blue-and-red hexagonal silk lantern of Joseon processions, blue crown, red body;
- ``moon``: a moon on a ring stand (the festival's "Seoul Moon");
- ``carp``: a leaping carp (잉어), body, tail and fins.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.architecture.mesh import Mesh, merge, rotate_z, srgb_to_linear, translate
from game.architecture.primitives import grid, lathe, polygon, sweep

Color = tuple[float, float, float, float]
FRAME = (*srgb_to_linear("#2B2B30"), 1.0)
CHORONG_BLUE = (*srgb_to_linear("#3C6FD8"), 1.0)
CHORONG_RED = (*srgb_to_linear("#E0443A"), 1.0)
RIB = [(-0.05, -0.05), (0.05, -0.05), (0.05, 0.05), (-0.05, 0.05)]  # a rib's square section, 10 cm


@dataclass(frozen=True)
class Sculpture:
    kind: str
    frame: Mesh
    panels: Mesh

    @property
    def height(self) -> float:
        return float(merge([self.frame, self.panels]).bounds()[1][2])

    def glow_colour(self) -> tuple[float, float, float]:
        """The panels' mean colour: the light the sculpture throws on the water."""
        c = self.panels.colors[:, :3].mean(axis=0)
        return float(c[0]), float(c[1]), float(c[2])


def colour(hex_srgb: str) -> Color:
    return (*srgb_to_linear(hex_srgb), 1.0)


def _ring(radius: float, z: float, sides: int) -> np.ndarray:
    a = np.linspace(0.0, 2 * np.pi, sides + 1)
    return np.stack([radius * np.cos(a), radius * np.sin(a), np.full_like(a, z)], 1)


def _rib(points: np.ndarray) -> Mesh:
    return sweep(np.asarray(points, np.float64), RIB, FRAME, caps=True)


def chorong(height: float = 4.6) -> Sculpture:
    """A hexagonal lantern: six panels (blue above, red below) between rings, a pointed crown and a finial."""
    r = 0.34 * height
    z0, zm, z1 = 0.6, 0.6 + 0.55 * (height - 1.4), height - 0.8
    sides = 6
    ring = _ring(r, 0.0, sides)[:-1, :2]
    panels, ribs = [], []
    for (x0, y0), (x1, y1) in zip(ring, np.roll(ring, -1, axis=0), strict=True):
        for za, zb, c in ((z0, zm, CHORONG_RED), (zm, z1, CHORONG_BLUE)):
            pts = np.array([[[x0, y0, za], [x0, y0, zb]], [[x1, y1, za], [x1, y1, zb]]])
            panels.append(grid(pts, c, outward=((x0 + x1) / 2, (y0 + y1) / 2, 0.0)))
        ribs.append(_rib([[x0, y0, z0], [x0, y0, z1]]))
    apex = (0.0, 0.0, height)
    for (x0, y0), (x1, y1) in zip(ring, np.roll(ring, -1, axis=0), strict=True):
        pts = np.array([[[x0, y0, z1], list(apex)], [[x1, y1, z1], list(apex)]])
        panels.append(grid(pts, CHORONG_BLUE, outward=((x0 + x1) / 2, (y0 + y1) / 2, 0.3)))
        ribs.append(_rib([[x0, y0, z1], list(apex)]))
    panels.append(polygon(ring, z0, CHORONG_RED, up=False))
    for z in (z0, zm, z1):
        ribs.append(_rib(_ring(r + 0.02, z, sides)))
    ribs.append(_rib([[0.0, 0.0, 0.0], [0.0, 0.0, z0]]))  # the post it stands on
    return Sculpture("chorong", merge(ribs), merge(panels))


def moon(tint: Color, diameter: float = 4.4) -> Sculpture:
    """A faceted globe on a ring stand, meridian ribs over it."""
    r = diameter / 2
    stand = 0.8
    phi = np.linspace(0.0, np.pi, 13)
    panels = lathe(r * np.sin(phi), stand + r - r * np.cos(phi), (0.0, 0.0, 0.0), tint, segments=24)
    ribs = []
    for k in range(6):
        a = k * np.pi / 6
        ribs.append(_rib(np.stack([(r + 0.03) * np.sin(phi) * np.cos(a), (r + 0.03) * np.sin(phi) * np.sin(a),
                                   stand + r - (r + 0.03) * np.cos(phi)], 1)))
    ribs.append(_rib(_ring(r * 0.55, stand * 0.5, 16)))
    for k in range(3):
        a = 2 * np.pi * k / 3
        ribs.append(_rib([[r * 0.55 * math.cos(a), r * 0.55 * math.sin(a), 0.0],
                          [r * 0.3 * math.cos(a), r * 0.3 * math.sin(a), stand + 0.2]]))
    return Sculpture("moon", merge(ribs), panels)


def carp(tint: Color, length: float = 6.0) -> Sculpture:
    """A carp leaping upstream: a lathed body along +Y tilted up, a forked tail, dorsal and side fins."""
    f = np.linspace(0.0, 1.0, 14)
    radii = 0.19 * length * np.sin(np.pi * np.clip(f, 0.02, 0.98)) ** 0.8 * (1.0 - 0.35 * f)
    body = lathe(radii, f * length, (0.0, 0.0, 0.0), tint, segments=16)  # along +Z first, turned below
    rings = [_rib(_ring(float(radii[i]) + 0.03, float(f[i] * length), 16)) for i in range(2, 13, 2)]
    spine = _rib(np.stack([np.zeros(14), radii + 0.03, f * length], 1))
    fins = [
        grid(np.array([[[0.0, 0.0, 0.02 * length], [0.0, 0.0, -0.22 * length]],
                       [[0.0, 0.0, 0.02 * length], [0.0, 0.28 * length, -0.25 * length]]]), tint, outward=(1, 0, 0)),
        grid(np.array([[[0.0, 0.0, 0.02 * length], [0.0, 0.0, -0.22 * length]],
                       [[0.0, 0.0, 0.02 * length], [0.0, -0.28 * length, -0.25 * length]]]), tint, outward=(-1, 0, 0)),
        grid(np.array([[[0.0, 0.17 * length, 0.45 * length], [0.0, 0.17 * length, 0.7 * length]],
                       [[0.0, 0.27 * length, 0.5 * length], [0.0, 0.2 * length, 0.7 * length]]]), tint,
             outward=(1, 0, 0)),
    ]
    tilt = np.eye(4)  # the body's axis (+Z) turned 55° about X: the carp leans forward, head up
    a = math.radians(55.0)
    tilt[1:3, 1:3] = [[math.cos(a), math.sin(a)], [-math.sin(a), math.cos(a)]]
    lift = translate(0.0, -0.23 * length, 0.4 * length)
    turn = lift @ tilt
    panels = merge([body, *fins]).transformed(turn)
    frame = merge([*rings, spine]).transformed(turn)
    post = _rib([[0.0, 0.0, 0.0], [0.0, 0.0, 0.3 * length]])
    return Sculpture("carp", merge([frame, post]), panels)


def build(kind: str, tint: Color, heading: float = 0.0) -> Sculpture:
    """One sculpture of ``kind`` in the edition's colour ``tint`` (the chorong keeps its own blue and red),
    turned by ``heading`` degrees about its base."""
    match kind:
        case "chorong":
            s = chorong()
        case "moon":
            s = moon(tint)
        case "carp":
            s = carp(tint)
        case _:
            raise ValueError(f"no lantern sculpture of kind {kind!r}")
    turn = rotate_z(heading)
    return Sculpture(kind, s.frame.transformed(turn), s.panels.transformed(turn))


def placements(head: float, end: float, keep_clear: list[tuple[float, float]], spacing: float = 17.0,
               margin: float = 20.0) -> list[float]:
    """Distances along the stream (same axis as ``head``/``end``) for the sculptures: evenly spaced from the
    fall to the end, none within a bridge's or stepping stones' span (``keep_clear``)."""
    out = []
    s = head + margin
    while s <= end - margin / 2:
        if not any(lo - 3.0 < s < hi + 3.0 for lo, hi in keep_clear):
            out.append(s)
        s += spacing
    return out


Light = tuple[tuple[float, float, float, float], tuple[float, float, float, float]]
LIGHT_REACH = 5.0  # metres over which a sculpture's light spreads on the water
LIGHT_STRENGTH = 0.9


@dataclass(frozen=True)
class Dressing:
    """The festival's sculptures in world metres, merged (two draw calls), and the light they throw."""

    frame: Mesh
    panels: Mesh
    kinds: tuple[str, ...]
    bases: tuple[tuple[float, float, float], ...]  # each sculpture's base, world metres
    lights: tuple[Light, ...]  # ((x, y, z, reach), (r, g, b, strength)) on the water


def dress_stream(edition, lay, centre: tuple[float, float]) -> Dressing:
    """Stand ``edition``'s sculptures (its kinds and palette, in turn) in the water of the stream laid out as
    ``lay`` (a ``game.architecture.stream.StreamLayout`` around the world point ``centre``), clear of bridges
    and stepping stones, each turned square to the flow and standing on the bed."""
    clear = [(b.s - b.width / 2, b.s + b.width / 2) for b in lay.bridges] + [(s - 1.0, s + 1.0) for s in lay.stones]
    frames, panels, kinds, bases, lights = [], [], [], [], []
    bed = lay.water_z - 0.3
    for k, s in enumerate(placements(lay.head, lay.end, clear)):
        kind = edition.kinds[k % len(edition.kinds)]
        tint = colour(edition.palette[k % len(edition.palette)])
        sculpture = build(kind, tint, lay.heading_at(s) + (90.0 if kind == "carp" else 0.0))
        x, y = centre[0] + s, centre[1] + float(lay.t_at(s))
        move = translate(x, y, bed)
        frames.append(sculpture.frame.transformed(move))
        panels.append(sculpture.panels.transformed(move))
        kinds.append(kind)
        bases.append((x, y, bed))
        lights.append(((x, y, lay.water_z, LIGHT_REACH), (*sculpture.glow_colour(), LIGHT_STRENGTH)))
    return Dressing(merge(frames), merge(panels), tuple(kinds), tuple(bases), tuple(lights))


WASH_HALF = 4.5  # metres along the wall either side of a sculpture that its light reaches


def wall_washes(dressing: Dressing, lay, centre: tuple[float, float]) -> Mesh:
    """The sculptures' light on the channel's walls: for each, a quad on both walls facing the water, its UVs
    running -1..1 from the patch's centre (the shader fades the light out towards the edges), coloured with
    the sculpture's light."""
    quads = []
    for (x, _, _), (_, (r, g, b, _)) in zip(dressing.bases, dressing.lights, strict=True):
        s = x - centre[0]
        ss = np.array([s - WASH_HALF, s + WASH_HALF])
        for sign in (1.0, -1.0):
            t = lay.t_at(ss) + sign * (lay.half_channel - 0.03)
            corners = np.array([[[ss[0], t[0], lay.walkway_z], [ss[0], t[0], 0.0]],
                                [[ss[1], t[1], lay.walkway_z], [ss[1], t[1], 0.0]]])
            corners[..., 0] += centre[0]
            corners[..., 1] += centre[1]
            q = grid(corners, (r, g, b, 1.0), outward=(0.0, -sign, 0.0))
            q.uvs[:] = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]], np.float32)
            quads.append(q)
    return merge(quads)
