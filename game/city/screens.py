"""Media screens on the towers along Sejong-daero, facing Gwanghwamun Square. Pure.

Seoul's towers round the square carry large LED screens and media façades that play slogans and art, brightest
after dark. Which blocks carry one, and each screen's size and place on its façade, are estimated (the blocks
themselves are the district's massing): the tallest façades that face the avenue within the square's reach, a
screen high on each, never two within :data:`SEPARATION` of each other. Each is one quad a hair in front of the
window grid and the shop fronts; its shader draws a gradient in the screen's colours under a line of Hangul.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from game.architecture.building import Box
from game.architecture.mesh import Mesh, quads, srgb_to_linear
from game.city.night import WINDOW_OFFSET
from game.city.streets import Street, distance_to_polyline

AVENUE = "sejong-daero"
REACH = 90.0  # metres from the avenue's centre line to a façade that faces it across the pavement
SQUARE_SPAN = (-300.0, 300.0)  # world north range (metres) of the square's reach along the avenue [E]
MIN_HEIGHT = 40.0  # metres: only towers carry screens
COUNT = 4
SEPARATION = 80.0  # metres between screens
MAX_WIDTH = 22.0
ASPECT = 0.45  # height over width
BELOW_TOP = 5.0  # metres from the screen's top to the roof
OFFSET = WINDOW_OFFSET * 3  # in front of the window grid (1×) and the shop fronts (2×)
#: the screens' colours (sRGB), one a screen in turn: deep blue, teal, orange, violet
COLOURS = ("#1530c8", "#00a09a", "#f08a10", "#7020d0")
POSITION_TAG = "estimated"


@dataclass(frozen=True)
class Screen:
    centre: tuple[float, float, float]  # world metres
    along: tuple[float, float]  # unit vector along the façade, left to right seen from the avenue
    normal: tuple[float, float]  # outward unit normal of the façade
    width: float
    height: float


def spots(blocks: Iterable[Box], streets: Iterable[Street], count: int = COUNT) -> list[Screen]:
    """The screens, tallest façades first: faces of blocks at least :data:`MIN_HEIGHT` tall whose centre lies
    within :data:`REACH` of the avenue inside :data:`SQUARE_SPAN` and whose normal points at the avenue."""
    avenue = next((s for s in streets if s.id == AVENUE), None)
    if avenue is None:
        return []
    candidates = []
    for x0, y0, _, x1, y1, z1 in blocks:
        if z1 < MIN_HEIGHT:
            continue
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        faces = ((mx, y0, (1.0, 0.0), (0.0, -1.0), x1 - x0), (x1, my, (0.0, 1.0), (1.0, 0.0), y1 - y0),
                 (mx, y1, (-1.0, 0.0), (0.0, 1.0), x1 - x0), (x0, my, (0.0, -1.0), (-1.0, 0.0), y1 - y0))
        for fx, fy, along, normal, length in faces:
            if not SQUARE_SPAN[0] <= fy <= SQUARE_SPAN[1]:
                continue
            at = np.array([[fx, fy]])
            if distance_to_polyline(avenue.points, at)[0] > REACH:
                continue
            ahead = at + np.array(normal) * 10.0  # a step out from the face comes nearer the avenue
            if distance_to_polyline(avenue.points, ahead)[0] > distance_to_polyline(avenue.points, at)[0] - 8.0:
                continue
            width = float(min(length * 0.7, MAX_WIDTH))
            centre = (float(fx + normal[0] * OFFSET), float(fy + normal[1] * OFFSET),
                      float(z1 - BELOW_TOP - width * ASPECT / 2))
            candidates.append(Screen(centre, along, normal, width, width * ASPECT))
    chosen: list[Screen] = []
    for s in sorted(candidates, key=lambda s: (-s.centre[2], s.centre[0], s.centre[1])):
        if all(np.hypot(s.centre[0] - c.centre[0], s.centre[1] - c.centre[1]) >= SEPARATION for c in chosen):
            chosen.append(s)
        if len(chosen) == count:
            break
    return chosen


def panel_mesh(screens: Iterable[Screen]) -> Mesh:
    """One quad a screen, facing out of its façade: uv 0–1 across it (0, 0 at the bottom left seen from outside),
    the vertex colour the screen's colour (its shader blends it into the same colour with its hue turned a third)."""
    pos, nrm, uv, col = [], [], [], []
    for k, s in enumerate(screens):
        cx, cy, cz = s.centre
        ax, ay = s.along[0] * s.width / 2, s.along[1] * s.width / 2
        h = s.height / 2
        pos += [(cx - ax, cy - ay, cz - h), (cx + ax, cy + ay, cz - h), (cx + ax, cy + ay, cz + h),
                (cx - ax, cy - ay, cz + h)]
        nrm += [(*s.normal, 0.0)] * 4
        uv += [(0, 0), (1, 0), (1, 1), (0, 1)]
        col += [(*srgb_to_linear(COLOURS[k % len(COLOURS)]), 1.0)] * 4
    return quads(pos, nrm, uv, col)
