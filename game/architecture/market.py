"""Namdaemun Market: a grid of narrow stall alleys between blocks of low, crowded shop buildings.

Each alley is a walking lane of ``alley_width`` lined on both sides by a strip of stalls ``stall_depth`` deep
(counters heaped with goods under bright sloping awnings); the blocks between alleys are cut into shop
buildings of random height within ``block_height``, with shop-sign bands and window rows. Colliders cover
blocks and stall counters only, so every lane stays walkable end to end.
"""

from __future__ import annotations

import numpy as np

from game.architecture import palette
from game.architecture.building import Building, Parts
from game.architecture.mesh import box, merge
from game.architecture.primitives import boxes, quad, quads

AWNINGS = tuple(palette.rgba(c) for c in ("#C8372D", "#2F63B4", "#E3B23C", "#2E8B57", "#E07A2F", "#8E44AD",
                                          "#D94F70", "#1F9E9E"))
GOODS = tuple(palette.rgba(c) for c in ("#B33A3A", "#E8C15A", "#5B8C3A", "#3A5BA0", "#D9D2C5", "#7A4A2A",
                                        "#E36F9B", "#4A4A4A"))
FACADES = ((1.0, 0.97, 0.92, 1.0), (0.9, 0.9, 0.9, 1.0), (1.0, 0.93, 0.8, 1.0), (0.8, 0.8, 0.78, 1.0),
           (0.95, 0.86, 0.74, 1.0), (0.86, 0.92, 0.94, 1.0))  # tints over the concrete texture
WINDOW = (0.22, 0.26, 0.3, 1.0)  # over the glass texture
COUNTER = palette.rgba("#6B5B4B")


def lanes(extent: float, count: int) -> np.ndarray:
    """Centre lines of ``count`` alleys spread evenly across ``extent`` (centred on 0)."""
    return -extent / 2 + extent * (np.arange(count) + 1) / (count + 1)


def _blocks(extent: float, centres: np.ndarray, corridor: float) -> list[tuple[float, float]]:
    edges = [-extent / 2] + [e for c in centres for e in (c - corridor / 2, c + corridor / 2)] + [extent / 2]
    return [(a, b) for a, b in zip(edges[::2], edges[1::2], strict=True) if b - a > 2.0]


def _stall_strip(parts: Parts, x0: float, x1: float, y_edge: float, side: int, depth: float, along_x: bool,
                 rng: np.random.Generator) -> None:
    """Stalls between ``x0`` and ``x1`` along one side of a lane; ``side`` points from the lane into the block.

    Coordinates run ``u`` along the lane and ``v`` across it, swapped into x/y for north–south lanes."""
    n = max(1, round((x1 - x0) / 2.6))
    step = (x1 - x0) / n
    a = x0 + np.arange(n) * step + 0.1
    b = a + step - 0.2
    lo, hi = sorted((y_edge, y_edge + side * depth))

    def xy(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (u, v) if along_x else (v, u)

    def stack(u: np.ndarray, v: np.ndarray, z: np.ndarray) -> np.ndarray:
        x, y = xy(np.broadcast_to(u, z.shape), np.broadcast_to(v, z.shape))
        return np.stack([x, y, z], axis=-1)

    zero = np.zeros(n)
    counters = boxes(stack(b - a, np.full(n, hi - lo), np.full(n, 0.9)), stack((a + b) / 2, (lo + hi) / 2, zero),
                     np.tile(COUNTER, (n, 1)))
    heaps = boxes(stack(b - a - 0.3, np.full(n, hi - lo - 0.3), rng.uniform(0.2, 0.6, n)),
                  stack((a + b) / 2, (lo + hi) / 2, np.full(n, 0.9)),
                  np.asarray(GOODS)[rng.integers(0, len(GOODS), n)])
    # awnings slope down from the shop wall (3.2 m) to 0.5 m over the lane (2.5 m), coloured both sides
    v_lane, v_wall = y_edge - side * 0.5, y_edge + side * depth
    corners = np.stack([stack(a, v_lane, np.full(n, 2.5)), stack(b, v_lane, np.full(n, 2.5)),
                        stack(b, v_wall, np.full(n, 3.2)), stack(a, v_wall, np.full(n, 3.2))], axis=1)
    up = np.cross(corners[0, 1] - corners[0, 0], corners[0, 3] - corners[0, 0])[2] > 0
    top = corners if up else corners[:, ::-1]
    colors = np.asarray(AWNINGS)[rng.integers(0, len(AWNINGS), n)]
    parts.add("wood", counters)
    parts.add("fabric", heaps, quads(top, colors), quads(top[:, ::-1] - [0.0, 0.0, 0.02], colors))
    cx0, cy0 = xy(np.array(x0), np.array(lo))
    cx1, cy1 = xy(np.array(x1), np.array(hi))
    parts.collide(float(cx0), float(cy0), 0.0, float(cx1), float(cy1), 1.2)


def _shop_block(parts: Parts, x0: float, x1: float, y0: float, y1: float, heights: tuple[float, float],
                rng: np.random.Generator) -> tuple[float, float]:
    """Cut a block into shop buildings along its longer side; returns the (lowest, highest) roof."""
    along_x = (x1 - x0) >= (y1 - y0)
    a0, a1 = (x0, x1) if along_x else (y0, y1)
    cuts = [a0]
    while cuts[-1] < a1 - 8.0:
        cuts.append(cuts[-1] + rng.uniform(6.0, 14.0))
    cuts[-1] = a1
    lo, hi = np.inf, -np.inf
    walls, signs, windows = [], [], []
    for a, b in zip(cuts[:-1], cuts[1:], strict=True):
        h = float(rng.uniform(*heights))
        lo, hi = min(lo, h), max(hi, h)
        bx0, bx1, by0, by1 = (a, b, y0, y1) if along_x else (x0, x1, a, b)
        walls.append(box((bx1 - bx0 - 0.2, by1 - by0, h), ((bx0 + bx1) / 2, (by0 + by1) / 2, 0.0),
                         FACADES[int(rng.integers(len(FACADES)))]))
        signs.append(box((bx1 - bx0 - 0.1, by1 - by0 + 0.3, 1.1), ((bx0 + bx1) / 2, (by0 + by1) / 2, 3.3),
                         AWNINGS[int(rng.integers(len(AWNINGS)))]))
        for side in (-1, 1):  # an upright shop sign sticking out over each lane, above the awnings
            length = float(rng.uniform(2.5, min(6.0, h - 5.0)))
            at = (a + 0.8) if rng.random() < 0.5 else (b - 0.8)
            out = (by1 if side > 0 else by0) + side * 0.55 if along_x else (bx1 if side > 0 else bx0) + side * 0.55
            size = (0.25, 0.9, length) if along_x else (0.9, 0.25, length)
            centre = (at, out, 4.4) if along_x else (out, at, 4.4)
            signs.append(box(size, centre, AWNINGS[int(rng.integers(len(AWNINGS)))]))
        for z in np.arange(5.5, h - 1.5, 3.2):
            centre = ((bx0 + bx1) / 2, (by0 + by1) / 2, z)
            w, d = bx1 - bx0, by1 - by0
            if rng.random() < 0.45:  # upper-floor shops hang their name boards across the floor line
                color = AWNINGS[int(rng.integers(len(AWNINGS)))]
                signs += [box((w - 0.6, d + 0.24, 0.85), centre[:2] + (z - 1.0,), color),
                          box((w + 0.24, d - 0.6, 0.85), centre[:2] + (z - 1.0,), color)]
            windows += [box((w - 1.2, d + 0.08, 1.3), centre, WINDOW), box((w + 0.08, d - 1.2, 1.3), centre, WINDOW)]
        parts.collide(bx0, by0, 0.0, bx1, by1, h)
    parts.add("concrete", *walls)
    parts.add("plaster", *signs)
    parts.add("glass", merge(windows))
    return lo, hi


def _clearance(parts: Parts, y: float) -> float:
    """Free width of the east–west lane at ``y``, between the colliders either side of it."""
    below = max(c[4] for c in parts.colliders if c[4] <= y)
    above = min(c[1] for c in parts.colliders if c[1] >= y)
    return float(above - below)


def _stall_depth(parts: Parts, y: float) -> float:
    """Depth of the stall strip just north of the east–west lane at ``y`` (the lowest colliders there)."""
    north = [c for c in parts.colliders if c[1] >= y and c[5] < 2.0]
    nearest = min(north, key=lambda c: c[1])
    return float(nearest[4] - nearest[1])


def build_market(lid: str, params: dict, rng: np.random.Generator, footprint: tuple[float, float]) -> Building:
    width, depth = footprint
    alley_w, stall_d = float(params["alley_width"]), float(params["stall_depth"])
    heights = (float(params["block_height"][0]), float(params["block_height"][1]))
    corridor = alley_w + 2 * stall_d
    ns = lanes(width, int(params["alleys_ns"]))  # x of the north–south alleys
    ew = lanes(depth, int(params["alleys_ew"]))  # y of the east–west alleys
    parts = Parts()
    parts.add("asphalt", quad([(-width / 2, -depth / 2, 0.01), (width / 2, -depth / 2, 0.01),
                               (width / 2, depth / 2, 0.01), (-width / 2, depth / 2, 0.01)],
                              palette.NEUTRAL))
    xb, yb = _blocks(width, ns, corridor), _blocks(depth, ew, corridor)
    lows, highs = [], []
    for x0, x1 in xb:
        for y0, y1 in yb:
            lo, hi = _shop_block(parts, x0, x1, y0, y1, heights, rng)
            lows.append(lo)
            highs.append(hi)
    for y in ew:  # stalls along both sides of each east–west lane, broken at the crossings
        for x0, x1 in xb:
            _stall_strip(parts, x0, x1, y - alley_w / 2, -1, stall_d, True, rng)
            _stall_strip(parts, x0, x1, y + alley_w / 2, 1, stall_d, True, rng)
    for x in ns:
        for y0, y1 in yb:
            _stall_strip(parts, y0, y1, x - alley_w / 2, -1, stall_d, False, rng)
            _stall_strip(parts, y0, y1, x + alley_w / 2, 1, stall_d, False, rng)
    lo, hi = parts.merged("asphalt").bounds()
    dims = {
        "alleys_ew": float(len(ew)), "alleys_ns": float(len(ns)), "alley_width": _clearance(parts, float(ew[0])),
        "stall_depth": _stall_depth(parts, float(ew[0])), "block_height_min": float(min(lows)),
        "block_height_max": float(max(highs)), "width": float(hi[0] - lo[0]), "depth": float(hi[1] - lo[1]),
    }
    for i, y in enumerate(ew):
        dims[f"alley_ew_{i}_y"] = float(y)
    for i, x in enumerate(ns):
        dims[f"alley_ns_{i}_x"] = float(x)
    return parts.build(dims)
