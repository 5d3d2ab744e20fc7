"""Ground-floor shop fronts on the blocks along the district's avenues: one quad per façade that faces one. Pure.

Seoul's office blocks along Sejong-daero, Taepyeong-ro, Jongno and Namdaemun-ro open at street level into shops,
cafés and bank branches under a band of signboards. Each such façade gets one quad from the ground to
:data:`SHOP_HEIGHT`, a hair in front of the window grid; its shader (``shaders/shopfront``) draws the shop units,
glass, mullions, signboards with Hangul-like lettering and, after dark, lit windows and glowing signs. Two triangles
a façade, merged per tile: the whole street level costs a draw call or two per view.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from game.architecture.building import Box
from game.architecture.mesh import Mesh, quads
from game.city.night import LIT_AVENUES, WINDOW_OFFSET
from game.city.streets import SIDEWALK, Street, distance_to_polyline

SHOP_HEIGHT = 4.6  # metres: the shop's glass and its signboard band (one tall ground storey)
OFFSET = WINDOW_OFFSET * 2  # in front of the window grid, which it covers at street level
REACH = 40.0  # a façade this far (metres) beyond the avenue's pavement still faces it across a forecourt


def shop_faces(blocks: Iterable[Box], streets: Iterable[Street], avenues: tuple[str, ...] = LIT_AVENUES,
               seed: int = 5) -> Mesh:
    """A quad on every face of a block by one of ``avenues`` (within :data:`REACH` of its pavement): the street
    side, and the alleys between the blocks, which in Seoul are lined with shops and restaurants too.

    uv is metres along the façade and up from the ground; the colour carries the façade's random seed (r, g) and
    its shop style (b), as the window grid's does.
    """
    main = [(s.points, s.width / 2 + SIDEWALK + REACH) for s in streets if s.id in avenues]
    rng = np.random.default_rng(seed)
    pos, nrm, uv, col = [], [], [], []
    for x0, y0, _, x1, y1, _ in blocks:
        centre = np.array([[(x0 + x1) / 2, (y0 + y1) / 2]])
        if not any(distance_to_polyline(p, centre)[0] < reach + (x1 - x0 + y1 - y0) / 4 for p, reach in main):
            continue
        o = OFFSET
        faces = (  # (start corner, along unit vector, length, outward normal): counter-clockwise from outside
            ((x0, y0 - o), (1, 0), x1 - x0, (0, -1)),
            ((x1 + o, y0), (0, 1), y1 - y0, (1, 0)),
            ((x1, y1 + o), (-1, 0), x1 - x0, (0, 1)),
            ((x0 - o, y1), (0, -1), y1 - y0, (-1, 0)),
        )
        for (sx, sy), (ux, uy), length, (nx, ny) in faces:
            a, b = (sx, sy), (sx + ux * length, sy + uy * length)
            pos += [(*a, 0.0), (*b, 0.0), (*b, SHOP_HEIGHT), (*a, SHOP_HEIGHT)]
            nrm += [(nx, ny, 0)] * 4
            uv += [(0, 0), (length, 0), (length, SHOP_HEIGHT), (0, SHOP_HEIGHT)]
            col += [(*rng.random(3), 1.0)] * 4
    return quads(pos, nrm, uv, col)
