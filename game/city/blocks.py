"""Massing for the surrounding city blocks, so landmarks stand in a city rather than on a void. Pure.

Blocks are placed on a jittered grid wherever no street, open area or landmark claims the ground; heights
follow central Seoul's pattern (high-rise offices along the big roads, low buildings in the lanes).
Deterministic for a given seed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from game.architecture import vertex_ao
from game.architecture.mesh import Mesh, box, merge, srgb_to_linear
from game.city.streets import SIDEWALK, OpenArea, Street, distance_to_polyline, point_in_polygon

#: World region filled with blocks (east min/max, north min/max), metres around the origin.
REGION = (-1000.0, 850.0, -1750.0, 600.0)
CELL = 34.0
TILE = 400.0  # blocks are merged per tile so distant tiles are culled whole
FACADES = ["#c9c2b4", "#b9b3a8", "#d8d2c4", "#9fa3a6", "#a88f7a", "#c4b8a0", "#8d9499", "#e0ddd5"]
GLASS_TINTS = ["#7f9cb0", "#6f8c9c", "#8fa6b3", "#5d7685"]


@dataclass(frozen=True)
class Block:
    x: float
    y: float
    width: float  # east-west
    depth: float  # north-south
    height: float
    material: str  # "concrete" or "glass"
    colour: tuple[float, float, float, float]

    @property
    def aabb(self) -> tuple[float, float, float, float, float, float]:
        return (self.x - self.width / 2, self.y - self.depth / 2, 0.0,
                self.x + self.width / 2, self.y + self.depth / 2, self.height)


def footprint_poly(centre: tuple[float, float], size: tuple[float, float], heading: float,
                    margin: float) -> np.ndarray:
    """Corners of a landmark footprint (width along its front, depth) rotated to its compass heading."""
    w, d = size[0] / 2 + margin, size[1] / 2 + margin
    a = math.radians(heading)
    # building-local +X is to the right of the front (front faces the heading); +Y is behind it
    right = np.array([-math.cos(a), math.sin(a)])
    back = np.array([-math.sin(a), -math.cos(a)])
    c = np.asarray(centre)
    return np.array([c + sx * w * right + sy * d * back for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))])


def generate(streets: Iterable[Street], areas: Iterable[OpenArea],
             landmark_footprints: Iterable[tuple[tuple[float, float], tuple[float, float], float]],
             seed: int = 1394) -> list[Block]:
    """Blocks for every free grid cell. ``landmark_footprints``: (centre, (width, depth), heading) each."""
    rng = np.random.default_rng(seed)
    e0, e1, n0, n1 = REGION
    xs = np.arange(e0 + CELL / 2, e1, CELL)
    ys = np.arange(n0 + CELL / 2, n1, CELL)
    gx, gy = np.meshgrid(xs, ys)
    centres = np.stack([gx.ravel(), gy.ravel()], 1)
    free = np.ones(len(centres), bool)
    near_big_road = np.full(len(centres), np.inf)
    for s in streets:
        d = distance_to_polyline(s.points, centres)
        free &= d > s.width / 2 + SIDEWALK + CELL * 0.45
        if s.width >= 24:
            near_big_road = np.minimum(near_big_road, d)
    for a in areas:
        free &= ~point_in_polygon(a.polygon, centres)
    for centre, size, heading in landmark_footprints:
        free &= ~point_in_polygon(footprint_poly(centre, size, heading, 18.0 + CELL / 2), centres)
    blocks = []
    for (x, y), ok, road_d in zip(centres, free, near_big_road, strict=True):
        r = rng.random(6)
        if not ok:
            continue
        w = CELL * (0.55 + 0.3 * r[0])
        d = CELL * (0.55 + 0.3 * r[1])
        tall = road_d < 60
        h = (25 + 70 * r[2] ** 1.5) if tall else (7 + 18 * r[2])
        glass = tall and r[3] < 0.55
        tint = (GLASS_TINTS if glass else FACADES)[int(r[4] * (4 if glass else len(FACADES)))]
        blocks.append(Block(float(x + (r[5] - 0.5) * 4), float(y), w, d, float(h),
                            "glass" if glass else "concrete", (*srgb_to_linear(tint), 1.0)))
    return blocks


def block_meshes(blocks: list[Block]) -> dict[tuple[int, int, str], Mesh]:
    """Merged meshes keyed by (tile column, tile row, material); roofs get a darker tone, walls a darker foot."""
    groups: dict[tuple[int, int, str], list[Mesh]] = {}
    for b in blocks:
        key = (int(math.floor(b.x / TILE)), int(math.floor(b.y / TILE)), b.material)
        mesh = box((b.width, b.depth, b.height), (b.x, b.y, 0.0), b.colour)
        # drop the bottom face (never seen) and darken the roof a little
        mesh.indices = mesh.indices[:10]
        mesh.colors[16:20, :3] *= 0.7
        groups.setdefault(key, []).append(mesh)
    # the street darkens a façade towards its foot (the ground's occlusion, as the landmarks' kit has it)
    merged = {k: merge(v) for k, v in groups.items()}
    return {k: vertex_ao.darker(m, vertex_ao.visibility(None, m)) for k, m in merged.items()}
