"""Streets and open areas from ``assets/district/streets.json`` as world-space ribbons and polygons. Pure."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from game import geo
from game.architecture.mesh import Mesh, merge, srgb_to_linear

STREETS_PATH = Path(__file__).resolve().parents[2] / "assets" / "district" / "streets.json"
ROAD_Z = 0.03
SIDEWALK = 6.0  # metres of pavement either side of the carriageway
LANE_PAINT = (*srgb_to_linear((0.93, 0.93, 0.9)), 1.0)
CENTRE_PAINT = (*srgb_to_linear((0.95, 0.78, 0.2)), 1.0)


@dataclass(frozen=True)
class Street:
    id: str
    name_ko: str
    name_en: str
    width: float
    points: np.ndarray  # (N, 2) world metres (east, north)


@dataclass(frozen=True)
class OpenArea:
    id: str
    kind: str  # the material it is drawn in
    polygon: np.ndarray  # (N, 2) world metres
    tint: tuple[float, float, float, float] = (1.0, 1.0, 1.0, 1.0)  # linear colour over the material (palace 마사토)


@lru_cache(maxsize=1)
def load(path: Path = STREETS_PATH) -> tuple[tuple[Street, ...], tuple[OpenArea, ...]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    streets = tuple(
        Street(s["id"], s["name_ko"], s["name_en"], float(s["width"]),
               np.array([geo.to_local(lat, lon) for lat, lon in s["points"]]))
        for s in data["streets"])
    areas = tuple(
        OpenArea(a["id"], a["kind"], np.array([geo.to_local(lat, lon) for lat, lon in a["polygon"]]),
                 (*srgb_to_linear(a.get("tint", "#FFFFFF")), 1.0))
        for a in data["open_areas"])
    return streets, areas


def distance_to_polyline(points: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """Distance from each of ``xy`` (M, 2) to the polyline ``points`` (N, 2)."""
    a, b = points[:-1], points[1:]
    ab = b - a
    t = np.einsum("mkj,kj->mk", xy[:, None, :] - a[None], ab) / np.maximum((ab * ab).sum(1), 1e-9)
    t = np.clip(t, 0, 1)
    closest = a[None] + t[..., None] * ab[None]
    return np.linalg.norm(xy[:, None, :] - closest, axis=2).min(axis=1)


def point_in_polygon(poly: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """Even-odd rule for each point of ``xy`` (M, 2)."""
    inside = np.zeros(len(xy), bool)
    x, y = xy[:, 0], xy[:, 1]
    for (x1, y1), (x2, y2) in zip(poly, np.roll(poly, -1, axis=0), strict=True):
        crosses = (y1 > y) != (y2 > y)
        xint = x1 + (y - y1) * (x2 - x1) / ((y2 - y1) or 1e-12)
        inside ^= crosses & (x < xint)
    return inside


def along(street: Street, start: float, spacing: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """Points every ``spacing`` metres along ``street``'s centre line from ``start``, each with the unit vector to
    its left: what stands beside the road (lamp posts, trees) is placed from these, off the kerb on either side."""
    seg = np.diff(street.points, axis=0)
    seg_len = np.linalg.norm(seg, axis=1)
    run = np.concatenate([[0.0], np.cumsum(seg_len)])
    out = []
    for d in np.arange(start, run[-1], spacing):
        k = min(int(np.searchsorted(run, d, side="right")) - 1, len(seg) - 1)
        t = seg[k] / seg_len[k]
        out.append((street.points[k] + t * (d - run[k]), np.array([-t[1], t[0]])))
    return out


def offset_polyline(points: np.ndarray, offset: float) -> np.ndarray:
    """The polyline shifted ``offset`` metres to its left, with mitred joins (lanes, pavements and ribbons)."""
    d = np.diff(points, axis=0)
    d /= np.linalg.norm(d, axis=1, keepdims=True)
    seg_n = np.stack([-d[:, 1], d[:, 0]], 1)
    normals = np.vstack([seg_n[:1], seg_n[:-1] + seg_n[1:], seg_n[-1:]])
    normals /= np.linalg.norm(normals, axis=1, keepdims=True)
    scale = np.ones(len(points))
    scale[1:-1] = 1.0 / np.maximum((normals[1:-1] * seg_n[:-1]).sum(1), 0.5)
    return points + normals * (offset * scale)[:, None]


def _ribbon(points: np.ndarray, half: float, z: float, colour: tuple[float, ...], offset: float = 0.0) -> Mesh:
    """A flat strip of half-width ``half`` along ``points``, shifted sideways by ``offset``; mitred joins."""
    left, right = offset_polyline(points, offset + half), offset_polyline(points, offset - half)
    n = len(points)
    pos = np.zeros((2 * n, 3), np.float32)
    pos[0::2, :2], pos[1::2, :2] = right, left
    pos[:, 2] = z
    along = np.concatenate([[0], np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))])
    uv = np.zeros((2 * n, 2), np.float32)
    uv[0::2, 0], uv[1::2, 0] = 0, 2 * half
    uv[0::2, 1] = uv[1::2, 1] = along
    idx = [(2 * i, 2 * i + 2, 2 * i + 1) for i in range(n - 1)] + [(2 * i + 1, 2 * i + 2, 2 * i + 3)
                                                                    for i in range(n - 1)]
    return Mesh(pos, np.tile(np.float32([0, 0, 1]), (2 * n, 1)), uv,
                np.tile(np.asarray(colour, np.float32), (2 * n, 1)), np.asarray(idx, np.uint32))


def _dashes(points: np.ndarray, offset: float, dash: float = 3.0, gap: float = 6.0) -> list[np.ndarray]:
    """Polyline pieces of a dashed lane line ``offset`` metres to the left of the centre line."""
    seg_len = np.linalg.norm(np.diff(points, axis=0), axis=1)
    along = np.concatenate([[0], np.cumsum(seg_len)])
    out = []
    s = 0.0
    while s + dash < along[-1]:
        ts = np.array([s, s + dash])
        pts = np.stack([np.interp(ts, along, points[:, 0]), np.interp(ts, along, points[:, 1])], 1)
        out.append(pts)
        s += dash + gap
    return out


def street_meshes(streets: tuple[Street, ...]) -> dict[str, Mesh]:
    """Carriageways (asphalt), pavements (paving) and lane paint (lime) for all streets."""
    asphalt, pave, paint = [], [], []
    grey = (1.0, 1.0, 1.0, 1.0)
    for s in streets:
        half = s.width / 2
        asphalt.append(_ribbon(s.points, half, ROAD_Z, grey))
        pave.append(_ribbon(s.points, SIDEWALK / 2, 0.12, grey, offset=half + SIDEWALK / 2))
        pave.append(_ribbon(s.points, SIDEWALK / 2, 0.12, grey, offset=-half - SIDEWALK / 2))
        paint.append(_ribbon(s.points, 0.12, ROAD_Z + 0.01, CENTRE_PAINT, offset=0.25))
        paint.append(_ribbon(s.points, 0.12, ROAD_Z + 0.01, CENTRE_PAINT, offset=-0.25))
        lanes = int(half // 3.3)
        for k in range(1, lanes):
            for sign in (1, -1):
                for piece in _dashes(s.points, 0.0):
                    paint.append(_ribbon(piece, 0.08, ROAD_Z + 0.01, LANE_PAINT, offset=sign * k * 3.3))
    return {"asphalt": merge(asphalt), "paving": merge(pave), "lime": merge(paint)}


def area_meshes(areas: tuple[OpenArea, ...]) -> dict[str, Mesh]:
    """Open areas (lawns, palace grounds) as flat convex fans at a hair above the ground."""
    out: dict[str, list[Mesh]] = {}
    for a in areas:
        n = len(a.polygon)
        pos = np.zeros((n, 3), np.float32)
        pos[:, :2] = a.polygon
        pos[:, 2] = 0.05
        idx = np.asarray([(0, i, i + 1) for i in range(1, n - 1)], np.uint32)
        area = 0.5 * np.sum(a.polygon[:, 0] * np.roll(a.polygon[:, 1], -1) - np.roll(a.polygon[:, 0], -1)
                            * a.polygon[:, 1])
        if area < 0:
            idx = idx[:, ::-1]
        out.setdefault(a.kind, []).append(Mesh(pos, np.tile(np.float32([0, 0, 1]), (n, 1)), pos[:, :2].copy(),
                                               np.tile(np.float32(a.tint), (n, 1)), np.ascontiguousarray(idx)))
    return {k: merge(v) for k, v in out.items()}
