"""Seoul City Hall: the 1926 stone building with its central tower, the 2012 glass wave behind, Seoul Plaza.

Layout along +Y (front faces -Y): Seoul Plaza's oval lawn, the old building, then the new one whose front
leans forward over the old building like a breaking wave, its curtain wall banded floor by floor.
``new.setback`` is the distance from the old building's front to the new one's front.
"""

from __future__ import annotations

import numpy as np

from game.architecture import palette
from game.architecture.building import Building, Parts
from game.architecture.mesh import Mesh, box, merge
from game.architecture.primitives import grid, lathe

OLD_STONE = (0.98, 0.93, 0.84, 1.0)  # warm granite facing, over the granite texture
GLASS = (0.9, 0.95, 1.0, 1.0)  # over the glass texture
GLASS_BAND = (0.42, 0.47, 0.52, 1.0)
WINDOW = (0.22, 0.25, 0.28, 1.0)
COPPER = palette.rgba("#5D7F72")


def old_building(parts: Parts, width: float, depth: float, height: float, tower_h: float, floors: int,
                 y_front: float, rng: np.random.Generator) -> Mesh:
    """The 1926 building: a stone block with cornice, window rows, a projecting centre and its clock tower.

    Returns the main block, whose bounds are the building's measured width, depth and height."""
    yc = y_front + depth / 2
    main = box((width, depth, height), (0, yc, 0), OLD_STONE)
    parts.add("granite", main,
              box((width + 0.8, depth + 0.8, 0.6), (0, yc, height - 0.6), palette.jitter(OLD_STONE, rng, 0.05)),
              box((width + 0.4, depth + 0.4, 1.2), (0, yc, 0), palette.jitter(OLD_STONE, rng, 0.08)))
    tw, td = 0.2 * width, 0.45 * depth
    parts.add("granite", box((tw, td + 2.0, tower_h - 4.0), (0, y_front + td / 2 - 2.0, 0), OLD_STONE),
              box((tw + 0.6, td + 2.6, 0.5), (0, y_front + td / 2 - 2.0, tower_h - 4.5), OLD_STONE))
    parts.add("metal", lathe([tw * 0.55, tw * 0.5, 0.6, 0.0], [0, 1.6, 3.6, 4.0], (0, y_front + td / 2 - 2.0,
                                                                                   tower_h - 4.0), COPPER, 4))
    parts.add("metal", box((2.2, 0.1, 2.2), (0, y_front - 3.05, tower_h - 8.0), palette.BAEK))  # the clock
    windows = []
    fh = (height - 1.5) / floors
    for f in range(floors):
        z = 1.4 + f * fh + 0.35 * fh
        for x in np.linspace(-width / 2 + 2.5, width / 2 - 2.5, 17):
            if abs(x) < tw / 2 + 0.5:
                continue
            windows.append(box((1.3, 0.1, 0.5 * fh), (x, y_front - 0.02, z), WINDOW))
        for x in np.linspace(-tw / 2 + 1.2, tw / 2 - 1.2, 4):
            windows.append(box((1.1, 0.1, 0.5 * fh), (x, y_front - 2.05, z), WINDOW))
    parts.add("glass", merge(windows))
    parts.collide(-width / 2, y_front, 0, width / 2, y_front + depth, height)
    parts.collide(-tw / 2, y_front - 2.0, 0, tw / 2, y_front, tower_h)
    return main


def _front_y(z: np.ndarray, height: float, lean: float) -> np.ndarray:
    """How far the glass front leans out (toward -Y) at height ``z``: nothing at the ground, ``lean`` at the crest."""
    return -lean * (np.clip(z / height, 0.0, 1.0)) ** 2.2


def _shell_outline(depth: float, height: float, lean: float, n: int) -> np.ndarray:
    """(y, z) outline of the back wall and the roof rising from it to the crest, counter-clockwise seen from +X."""
    s = np.linspace(0.0, 1.0, n)
    back = np.stack([np.full(n, depth), s * 0.7 * height], 1)
    roof_y = depth - s * (depth + lean)
    roof = np.stack([roof_y, 0.7 * height + 0.3 * height * np.sin(s * np.pi / 2)], 1)
    return np.vstack([back[:-1], roof])


def new_building(width: float, depth: float, height: float, floors: int, y_front: float) -> Mesh:
    """The 2012 glass building: back and roof lofted along X, and a glass front that leans out toward the old
    building like a breaking wave, most in the middle; each storey is a spandrel band and a glass band."""
    xs = np.linspace(-width / 2, width / 2, 17)
    k = 1.0 - 0.5 * (2 * xs / width) ** 2  # the wave curls furthest at the middle
    leans, heights = 14.0 * k, height * (0.92 + 0.08 * k)
    outline = [_shell_outline(depth, h, lean, 12) for h, lean in zip(heights, leans, strict=True)]
    shell_pts = np.stack([np.column_stack([np.full(len(o), x), y_front + o[:, 0], o[:, 1]])
                          for x, o in zip(xs, outline, strict=True)])
    shell = grid(shell_pts[::-1], GLASS_BAND)  # x descending makes d/dx × d/ds face out of the section
    bands = []
    floor_h = 1.0 / floors
    for f in range(floors):
        for lo, hi, color in ((f * floor_h, f * floor_h + 0.2 * floor_h, GLASS_BAND),
                              (f * floor_h + 0.2 * floor_h, (f + 1) * floor_h, GLASS)):
            fr = np.linspace(lo, hi, 3)
            z = heights[:, None] * fr[None, :]
            y = y_front + _front_y(z, heights[:, None], leans[:, None])
            pts = np.stack([np.broadcast_to(xs[:, None], z.shape), y, z], axis=2)
            bands.append(grid(pts, color, outward=(0, -1, 0)))
    caps = []
    for i, sx in ((0, -1.0), (-1, 1.0)):
        fr = np.linspace(0.0, 1.0, 12)
        front = np.column_stack([np.full(12, xs[i]), y_front + _front_y(heights[i] * fr[::-1], heights[i], leans[i]),
                                 heights[i] * fr[::-1]])
        rim = np.vstack([shell_pts[i], front[1:]])
        centre = np.array([xs[i], y_front + depth * 0.55, heights[i] * 0.3])
        fan = np.stack([np.repeat(centre[None], len(rim), 0), rim], 1)
        caps.append(grid(fan, GLASS_BAND, outward=(sx, 0, 0)))
    return merge([shell, *bands, *caps])


def plaza(parts: Parts, width: float, depth: float, y_front: float) -> None:
    """Seoul Plaza: paving with the oval lawn."""
    yc = y_front - depth / 2
    parts.add("paving", box((width, depth, 0.02), (0, yc, 0), palette.NEUTRAL))
    theta = np.linspace(0, 2 * np.pi, 33)
    rim = np.stack([0.38 * width * np.cos(theta), yc + 0.36 * depth * np.sin(theta), np.full(33, 0.05)], 1)
    centre = np.tile([0.0, yc, 0.05], (33, 1))
    parts.add("grass", grid(np.stack([centre, rim], 1), palette.NEUTRAL, outward=(0, 0, 1)))


def build_city_hall(lid: str, params: dict, rng: np.random.Generator, footprint: tuple[float, float]) -> Building:
    old, new, pl = params["old"], params["new"], params["plaza"]
    depth_total = footprint[1]
    new_front = depth_total / 2 - float(new["depth"])
    old_front = new_front - float(new["setback"])
    parts = Parts()
    main = old_building(parts, float(old["width"]), float(old["depth"]), float(old["height"]),
                        float(old["tower_height"]), int(old["floors"]), old_front, rng)
    glass = new_building(float(new["width"]), float(new["depth"]), float(new["height"]), int(new["floors"]),
                         new_front)
    parts.add("glass", glass)
    parts.collide(-float(new["width"]) / 2, new_front, 0, float(new["width"]) / 2, new_front + float(new["depth"]),
                  float(new["height"]))
    plaza(parts, float(pl["width"]), float(pl["depth"]), old_front - 2.0)
    glo, ghi = glass.bounds()
    olo, ohi = main.bounds()
    dims = {
        "new_width": float(ghi[0] - glo[0]), "new_height": float(ghi[2]), "new_depth": float(ghi[1] - new_front),
        "new_front": float(new_front), "old_front": float(olo[1]),
        "old_width": float(ohi[0] - olo[0]), "old_depth": float(ohi[1] - olo[1]), "old_height": float(ohi[2]),
        "tower_height": float(parts.merged("metal").bounds()[1][2]),
        "setback": float(new_front - olo[1]),
    }
    return parts.build(dims)
