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
from game.architecture.primitives import quad

AWNINGS = tuple(palette.rgba(c) for c in ("#C8372D", "#2F63B4", "#E3B23C", "#2E8B57", "#E07A2F", "#8E44AD",
                                          "#D94F70", "#1F9E9E"))
GOODS = tuple(palette.rgba(c) for c in ("#B33A3A", "#E8C15A", "#5B8C3A", "#3A5BA0", "#D9D2C5", "#7A4A2A",
                                        "#E36F9B", "#4A4A4A"))
FACADES = ((1.0, 0.97, 0.92, 1.0), (0.9, 0.9, 0.9, 1.0), (1.0, 0.93, 0.8, 1.0), (0.8, 0.8, 0.78, 1.0),
           (0.95, 0.86, 0.74, 1.0), (0.86, 0.92, 0.94, 1.0))  # tints over the concrete texture
WINDOW = (0.22, 0.26, 0.3, 1.0)  # over the glass texture


def lanes(extent: float, count: int) -> np.ndarray:
    """Centre lines of ``count`` alleys spread evenly across ``extent`` (centred on 0)."""
    return -extent / 2 + extent * (np.arange(count) + 1) / (count + 1)


def _blocks(extent: float, centres: np.ndarray, corridor: float) -> list[tuple[float, float]]:
    edges = [-extent / 2] + [e for c in centres for e in (c - corridor / 2, c + corridor / 2)] + [extent / 2]
    return [(a, b) for a, b in zip(edges[::2], edges[1::2], strict=True) if b - a > 2.0]


def _stall_strip(parts: Parts, x0: float, x1: float, y_edge: float, side: int, depth: float, along_x: bool,
                 rng: np.random.Generator) -> None:
    """Stalls between ``x0`` and ``x1`` along one side of a lane; ``side`` points from the lane into the block."""
    counters, goods, awnings = [], [], []
    n = max(1, round((x1 - x0) / 2.6))
    step = (x1 - x0) / n

    def place(a: float, b: float, c: float, d: float) -> tuple[float, float, float, float]:
        return (a, b, c, d) if along_x else (b, a, d, c)

    for k in range(n):
        a = x0 + k * step + 0.1
        b = a + step - 0.2
        ya, yb = y_edge, y_edge + side * depth
        lo, hi = min(ya, yb), max(ya, yb)
        cx0, cy0, cx1, cy1 = place(a, lo, b, hi)
        size = (cx1 - cx0, cy1 - cy0, 0.9)
        counters.append(box(size, ((cx0 + cx1) / 2, (cy0 + cy1) / 2, 0.0), palette.rgba("#6B5B4B")))
        gx0, gy0, gx1, gy1 = place(a + 0.15, lo + 0.15, b - 0.15, hi - 0.15)
        goods.append(box((gx1 - gx0, gy1 - gy0, rng.uniform(0.2, 0.6)), ((gx0 + gx1) / 2, (gy0 + gy1) / 2, 0.9),
                         GOODS[int(rng.integers(len(GOODS)))]))
        color = AWNINGS[int(rng.integers(len(AWNINGS)))]
        y_lane, y_wall = y_edge - side * 0.5, y_edge + side * depth
        z_low, z_high = 2.5, 3.2
        p = [place(a, y_lane, 0, 0)[:2], place(b, y_lane, 0, 0)[:2], place(b, y_wall, 0, 0)[:2],
             place(a, y_wall, 0, 0)[:2]]
        top = [(p[0][0], p[0][1], z_low), (p[1][0], p[1][1], z_low), (p[2][0], p[2][1], z_high),
               (p[3][0], p[3][1], z_high)]
        face_up = quad(top, color)
        if float(face_up.normals[:, 2].mean()) < 0:
            top = top[::-1]
            face_up = quad(top, color)
        under = quad(top[::-1], palette.jitter(color, rng, 0.0))
        awnings += [face_up, under.transformed(np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, -0.02],
                                                          [0, 0, 0, 1]]))]
    parts.add("wood", *counters)
    parts.add("fabric", *goods, *awnings)
    cx0, cy0, cx1, cy1 = place(x0, min(y_edge, y_edge + side * depth), x1, max(y_edge, y_edge + side * depth))
    parts.collide(cx0, cy0, 0.0, cx1, cy1, 1.2)


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
    dims = {
        "alleys_ew": float(len(ew)), "alleys_ns": float(len(ns)), "alley_width": alley_w,
        "stall_depth": stall_d, "block_height_min": float(min(lows)), "block_height_max": float(max(highs)),
        "width": width, "depth": depth,
    }
    for i, y in enumerate(ew):
        dims[f"alley_ew_{i}_y"] = float(y)
    for i, x in enumerate(ns):
        dims[f"alley_ns_{i}_x"] = float(x)
    return parts.build(dims)
