"""The city's own lights after dark: street lamps along the avenues and the office blocks' window grids. Pure.

Lamps are merged meshes (poles, lamp heads, and a flat pool of light on the road under each head: light falloff
faked by a shader instead of one real light per lamp, which simplepbr cannot afford on a software rasterizer).
Windows are one quad per façade a hair in front of the wall; the shader draws the grid of panes on it (bays of
:data:`BAY` metres, storeys of :data:`STOREY`) and decides per pane whether it is lit, from the block's seed and the
hour, so a given instant always shows the same windows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from game.architecture.building import Box
from game.architecture.mesh import Mesh, box, merge, quads, srgb_to_linear
from game.city.streets import Street, along

#: The avenues that carry a row of lamps on each side (Seoul's trunk roads through the district).
LIT_AVENUES = ("sejong-daero", "taepyeong-ro", "jongno", "namdaemun-ro")
LAMP_SPACING = 32.0  # metres between lamps on one side; the two sides are staggered by half of it
LAMP_HEIGHT = 9.0
ARM = 2.2  # metres the arm reaches over the carriageway
POOL_RADIUS = 11.0  # the faked pool of light on the ground under a head
POOL_Z = 0.16  # above the pavement (0.12) and the lane paint, so the pool lies on both
LAMP_COLOUR = (*srgb_to_linear((1.0, 0.86, 0.66)), 1.0)  # the warm-white LED Seoul fits on its avenues
POLE_COLOUR = (*srgb_to_linear("#4a4f55"), 1.0)
BAY = 3.2  # metres between window centres along a façade
STOREY = 3.6  # metres per floor
WINDOW_OFFSET = 0.12  # metres in front of the wall: clear of it in the depth buffer at a kilometre


def lit_share(hour: float) -> float:
    """Share of office windows lit at ``hour`` (0–24, local time): full through the working day, most on in the
    evening rush, thinning after 21:00 to the few night shifts; the panes' own shader varies it per floor."""
    h = hour % 24.0
    points = [(0, 0.12), (5, 0.08), (7, 0.35), (9, 0.8), (18, 0.8), (20, 0.6), (22, 0.4), (24, 0.12)]
    for (h0, s0), (h1, s1) in zip(points[:-1], points[1:], strict=True):
        if h0 <= h <= h1:
            return s0 + (s1 - s0) * (h - h0) / (h1 - h0)
    raise AssertionError("unreachable: the points span the day")


def hour_seed(day_of_year: int, hour: int) -> int:
    """The pattern's seed for one hour: the same instant always shows the same lit windows, the next hour others."""
    return day_of_year * 24 + hour


def lamp_posts(streets: Iterable[Street], avenues: tuple[str, ...] = LIT_AVENUES,
               spacing: float = LAMP_SPACING) -> np.ndarray:
    """Lamp posts as rows (east, north, arm east, arm north): the foot on the kerb edge of the pavement, on both
    sides of each avenue, and the unit direction its arm reaches over the road."""
    rows = []
    for s in streets:
        if s.id not in avenues:
            continue
        for side, start in ((1.0, spacing / 4), (-1.0, spacing * 3 / 4)):
            for p, left in along(s, start, spacing):
                foot = p + side * left * (s.width / 2 + 0.8)
                rows.append((*foot, *(-side * left)))
    return np.asarray(rows, np.float64).reshape(-1, 4)


def _placed(mesh: Mesh, x: float, y: float, heading: float) -> Mesh:
    """``mesh`` (built around the origin, arm along +X) turned to ``heading`` radians and moved to (x, y)."""
    c, s = math.cos(heading), math.sin(heading)
    m = np.array([[c, -s, 0, x], [s, c, 0, y], [0, 0, 1, 0], [0, 0, 0, 1]])
    return mesh.transformed(m)


def lamp_meshes(posts: np.ndarray) -> dict[str, Mesh]:
    """``poles`` (metal), ``heads`` (uv 0.5 everywhere: the lamp shader's full glow) and ``pools`` (square quads
    whose uv runs 0–1 across, for the shader's radial falloff), merged over all ``posts``."""
    pole = merge([box((0.22, 0.22, LAMP_HEIGHT), (0, 0, 0), POLE_COLOUR),
                  box((ARM, 0.12, 0.12), (ARM / 2, 0, LAMP_HEIGHT - 0.25), POLE_COLOUR)])
    head = box((0.9, 0.38, 0.16), (ARM, 0, LAMP_HEIGHT - 0.42), LAMP_COLOUR)
    head.uvs[:] = 0.5
    r = POOL_RADIUS
    pool = Mesh(np.float32([(-r, -r, 0), (r, -r, 0), (r, r, 0), (-r, r, 0)]) + np.float32([ARM + 1.5, 0, POOL_Z]),
                np.tile(np.float32([0, 0, 1]), (4, 1)), np.float32([(0, 0), (1, 0), (1, 1), (0, 1)]),
                np.tile(np.float32(LAMP_COLOUR), (4, 1)), np.uint32([(0, 1, 2), (0, 2, 3)]))
    out: dict[str, list[Mesh]] = {"poles": [], "heads": [], "pools": []}
    for x, y, ax, ay in posts:
        heading = math.atan2(ay, ax)
        for name, mesh in (("poles", pole), ("heads", head), ("pools", pool)):
            out[name].append(_placed(mesh, x, y, heading))
    return {k: merge(v) for k, v in out.items()}


def window_mesh(blocks: Iterable[Box], seed: int = 7) -> Mesh:
    """One quad per façade of every block, spanning its whole bays and storeys (the roof parapet stays blank).

    uv is metres along the façade and up from the ground (the shader's grid); the colour carries the block's
    random seed (r, g, b), so neighbouring blocks light differently and some burn warm, others cool office white.
    """
    rng = np.random.default_rng(seed)
    pos, nrm, uv, col = [], [], [], []
    for x0, y0, _, x1, y1, z1 in blocks:
        floors = int((z1 - 1.0) // STOREY)
        if floors < 1:
            continue
        top = floors * STOREY
        r, g, tone = rng.random(3)
        o = WINDOW_OFFSET
        faces = (  # (start corner, along unit vector, length, normal): counter-clockwise seen from outside
            ((x0, y0 - o), (1, 0), x1 - x0, (0, -1)),
            ((x1 + o, y0), (0, 1), y1 - y0, (1, 0)),
            ((x1, y1 + o), (-1, 0), x1 - x0, (0, 1)),
            ((x0 - o, y1), (0, -1), y1 - y0, (-1, 0)),
        )
        for (sx, sy), (ux, uy), length, (nx, ny) in faces:
            bays = int(length // BAY)
            if bays < 1:
                continue
            margin = (length - bays * BAY) / 2
            a = (sx + ux * margin, sy + uy * margin)
            b = (a[0] + ux * bays * BAY, a[1] + uy * bays * BAY)
            pos += [(*a, 0.0), (*b, 0.0), (*b, top), (*a, top)]
            nrm += [(nx, ny, 0)] * 4
            uv += [(0, 0), (bays * BAY, 0), (bays * BAY, top), (0, top)]
            col += [(r, g, tone, 1.0)] * 4
    return quads(pos, nrm, uv, col)
