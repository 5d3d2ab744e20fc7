"""Gwanghwamun Square (2022): the paved 60 m × 557 m square, its history waterway, trees, and the two statues.

The statues are stylised silhouettes built from lathes and boxes, sized to the sourced figures: King Sejong
seated in gilt bronze, 6.2 m on a 4.2 m base, and Admiral Yi standing in dark bronze with his long sword,
6.5 m on a 10.5 m pedestal with the turtle-ship model before it (S18). Offsets are catalogue ``north_offset``
values along +Y (the square's front faces -Y, south).
"""

from __future__ import annotations

import numpy as np

from game.architecture import palette
from game.architecture.building import Building, Parts
from game.architecture.mesh import Mesh, box, merge
from game.architecture.primitives import disc, lathe, quad
from game.architecture.stone_base import plinth

DARK_BRONZE = palette.rgba("#3E3A2C")


def _paving(width: float, length: float, rng: np.random.Generator) -> Mesh:
    """Granite flags in 10 m fields of slightly different tone, so the huge plane is not one flat colour."""
    fields = []
    nx, ny = max(1, round(width / 10)), max(1, round(length / 10))
    xs, ys = np.linspace(-width / 2, width / 2, nx + 1), np.linspace(-length / 2, length / 2, ny + 1)
    for x0, x1 in zip(xs[:-1], xs[1:], strict=True):
        for y0, y1 in zip(ys[:-1], ys[1:], strict=True):
            c = palette.jitter((0.95, 0.95, 0.95, 1.0), rng, 0.05)
            fields.append(quad([(x0, y0, 0.02), (x1, y0, 0.02), (x1, y1, 0.02), (x0, y1, 0.02)], c))
    return merge(fields)


def tree_spots(params: dict, seed: int = 31) -> np.ndarray:
    """(x, y, height) of the trees on the green, tree-lined west side (25 % green, S18), in the square's frame:
    two rows 12 m apart along the lawn strips. The trees themselves are planted at every start in the season's
    colour (game/scenes/streetscape.py), outside the cached square."""
    width, length = float(params["width"]), float(params["length"])
    rng = np.random.default_rng(seed)
    spots = [(gx, float(ty) + rng.uniform(-1.5, 1.5), rng.uniform(7.0, 10.0))
             for gx in _green_rows(width) for ty in np.arange(-length / 2 + 14, length / 2 - 12, 12.0)]
    return np.asarray(spots, np.float64).reshape(-1, 3)


def _green_rows(width: float) -> tuple[float, float]:
    """The x of the west side's two lawn strips (and their tree rows)."""
    return -width / 2 + 3.0, -width / 2 + 9.0


def sejong(x: float, y: float, statue_h: float, statue_w: float, base_h: float,
           rng: np.random.Generator) -> tuple[Mesh, Mesh]:
    """(granite base, gilt statue): the seated king with his crown, robe over the throne and a book in hand."""
    base = Parts()
    plinth(base, 8.5, 6.0, base_h - 0.6, rng, center=(x, y))
    granite = merge([base.merged("granite"), base.merged("paving"),
                     box((7.4, 5.0, 0.6), (x, y, base_h - 0.6), palette.GRANITE)])
    s = statue_h
    z = base_h
    g = palette.GILT
    parts = [
        box((statue_w, 2.6, 0.3 * s), (x, y + 0.5, z), palette.jitter(g, rng, 0.06)),  # throne seat
        box((statue_w * 0.85, 0.35, 0.66 * s), (x, y + 1.65, z), palette.jitter(g, rng, 0.06)),  # throne back
        box((2.3, 2.2, 0.42 * s), (x, y - 0.2, z), g),  # robe over the knees
        box((2.0, 0.5, 0.3 * s), (x, y - 1.4, z), g),  # the robe's fall in front of the shins
        lathe([1.2, 1.15, 1.0, 0.7, 0.35], [0.0, 0.12 * s, 0.24 * s, 0.31 * s, 0.34 * s], (x, y + 0.45, z + 0.4 * s),
              g, 12),  # torso and shoulders
        lathe([0.2, 0.42, 0.46, 0.38, 0.05], [0.0, 0.04 * s, 0.09 * s, 0.14 * s, 0.16 * s],
              (x, y + 0.4, z + 0.73 * s), g, 12),  # head
        box((0.8, 0.75, 0.1 * s), (x, y + 0.45, z + 0.87 * s), g),  # 익선관 crown
        box((0.22, 0.12, 0.09 * s), (x - 0.28, y + 0.78, z + 0.91 * s), g),  # the crown's upright wings
        box((0.22, 0.12, 0.09 * s), (x + 0.28, y + 0.78, z + 0.91 * s), g),
        box((1.0, 0.7, 0.12), (x - 0.45, y - 0.75, z + 0.44 * s), g),  # the book open on his lap
        box((0.3, 1.3, 0.28), (x + 0.85, y - 0.4, z + 0.52 * s), g),  # right forearm reaching forward
    ]
    return granite, merge(parts)


def admiral_yi(x: float, y: float, statue_h: float, base_h: float, rng: np.random.Generator) -> tuple[Mesh, Mesh]:
    """(granite pedestal, bronze statue): Admiral Yi in armour holding his long sword upright, turtle ship before."""
    ped = Parts()
    plinth(ped, 7.0, 7.0, 2.2, rng, center=(x, y))
    granite = [ped.merged("granite"), ped.merged("paving"),
               box((4.4, 4.4, base_h - 3.2), (x, y, 2.2), palette.jitter(palette.GRANITE, rng, 0.03)),
               box((5.2, 5.2, 0.5), (x, y, base_h - 1.0), palette.GRANITE),
               box((4.6, 4.6, 0.5), (x, y, base_h - 0.5), palette.GRANITE)]
    s, z, b = statue_h, base_h, DARK_BRONZE
    figure = [
        box((0.45, 0.55, 0.2 * s), (x - 0.35, y, z), b), box((0.45, 0.55, 0.2 * s), (x + 0.35, y, z), b),  # boots
        lathe([1.2, 1.05, 0.85, 0.8, 1.0, 0.9], [0.0, 0.18 * s, 0.34 * s, 0.42 * s, 0.52 * s, 0.58 * s],
              (x, y, z + 0.14 * s), b, 12),  # armour coat to the shins, breastplate
        box((1.6, 0.5, 0.55 * s), (x, y + 0.75, z + 0.12 * s), b),  # cloak hanging behind
        box((2.3, 0.6, 0.08 * s), (x, y + 0.1, z + 0.66 * s), b),  # shoulders
        lathe([0.3, 0.36, 0.3, 0.12, 0.03], [0.0, 0.08 * s, 0.16 * s, 0.21 * s, 0.26 * s], (x, y, z + 0.74 * s), b,
              10),  # head and helmet with its spike
        box((0.16, 0.16, 0.7 * s), (x + 0.25, y - 0.75, z + 0.12 * s), b),  # the long sword, held upright
        box((0.6, 0.2, 0.12), (x + 0.25, y - 0.75, z + 0.6 * s), b),  # guard
        box((0.3, 0.9, 0.22 * s), (x + 0.5, y - 0.4, z + 0.52 * s), b),  # arms on the hilt
        box((0.3, 0.9, 0.22 * s), (x, y - 0.4, z + 0.52 * s), b),
    ]
    ship_y = y - 7.0
    figure += [  # the turtle ship (거북선) model before the pedestal
        box((1.6, 4.0, 0.8), (x, ship_y, 0.0), b),
        lathe([0.85, 0.8, 0.5, 0.0], [0.0, 0.3, 0.6, 0.7], (x, ship_y, 0.8), b, 10),
        box((0.5, 0.8, 0.5), (x, ship_y - 2.2, 0.6), b),  # dragon head at the bow
    ]
    return merge(granite), merge(figure)


def build_square(lid: str, params: dict, rng: np.random.Generator) -> Building:
    width, length = float(params["width"]), float(params["length"])
    parts = Parts()
    parts.add("paving", _paving(width, length, rng))
    ch = params["water_channel"]
    cl, cw = float(ch["length"]), float(ch["width"])
    cx = width / 2 - 5.0
    y0, y1 = length / 2 - 20.0 - cl, length / 2 - 20.0
    parts.add("water", quad([(cx - cw / 2, y0, 0.04), (cx + cw / 2, y0, 0.04), (cx + cw / 2, y1, 0.04),
                             (cx - cw / 2, y1, 0.04)], palette.NEUTRAL))
    parts.add("granite", box((0.3, cl, 0.15), (cx - cw / 2 - 0.15, (y0 + y1) / 2, 0.0), palette.GRANITE),
              box((0.3, cl, 0.15), (cx + cw / 2 + 0.15, (y0 + y1) / 2, 0.0), palette.GRANITE))
    for gx in _green_rows(width):
        g0, g1 = -length / 2 + 10, length / 2 - 10
        parts.add("grass", quad([(gx - 2.5, g0, 0.05), (gx + 2.5, g0, 0.05), (gx + 2.5, g1, 0.05),
                                 (gx - 2.5, g1, 0.05)], palette.NEUTRAL))
    sj, yi = params["sejong"], params["yi"]
    sj_y, yi_y = float(sj["north_offset"]), float(yi["north_offset"])
    sj_base, sj_statue = sejong(0.0, sj_y, float(sj["statue_height"]), float(sj["statue_width"]),
                                float(sj["base_height"]), rng)
    yi_base, yi_statue = admiral_yi(0.0, yi_y, float(yi["statue_height"]), float(yi["base_height"]), rng)
    parts.add("granite", sj_base, yi_base)
    parts.add("bronze", sj_statue, yi_statue)
    parts.add("water", disc(11.0, (0.0, yi_y, 0.035), palette.NEUTRAL, 24))  # the 12·23 fountain field round Admiral Yi
    parts.collide(-4.25, sj_y - 3.0, 0.0, 4.25, sj_y + 3.0, float(sj["base_height"]) + float(sj["statue_height"]))
    parts.collide(-3.5, yi_y - 3.5, 0.0, 3.5, yi_y + 3.5, float(yi["base_height"]) + float(yi["statue_height"]))
    lo, hi = parts.merged("paving").bounds()
    dims = {"width": float(hi[0] - lo[0]), "length": float(hi[1] - lo[1])}
    for name, base, statue in (("sejong", sj_base, sj_statue), ("yi", yi_base, yi_statue)):
        blo, bhi = base.bounds()
        slo, shi = statue.bounds()
        dims[f"{name}_base_height"] = float(bhi[2])
        dims[f"{name}_statue_height"] = float(shi[2] - bhi[2])
        dims[f"{name}_north_offset"] = float((blo[1] + bhi[1]) / 2)
    dims["water_channel_length"] = float(y1 - y0)
    dims["water_channel_width"] = cw
    dims["sejong_statue_width"] = float(sj_statue.bounds()[1][0] - sj_statue.bounds()[0][0])
    return parts.build(dims)
