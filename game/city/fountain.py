"""The 12·23 fountain round Admiral Yi's statue on Gwanghwamun Square: its jets and its coloured lights. Pure.

The fountain is named for the admiral's twelve ships and twenty-three battles; here a ring of twelve tall jets round
the pedestal and an outer ring of twenty-three low ones, in the 11 m fountain field of the square's builder
(game/architecture/square.py). The counts follow the name; heights, rings and colours are estimated from
photographs, not surveyed. Like Seoul's other outdoor fountains it runs in the warm months only (April to October,
estimated) and is lit in colour after dark: each jet and the pool of light on the wet paving at its foot carry one
hue of a ring of colours round the statue.
"""

from __future__ import annotations

import colorsys
import datetime as dt
import math

import numpy as np

from game.architecture.mesh import Mesh, merge, srgb_to_linear
from game.architecture.primitives import lathe

SEASON = (4, 10)  # first and last month the jets run [E]
TALL = (12, 6.5, 8.0)  # (jets, ring radius m, height m) [E]: the twelve ships
LOW = (23, 9.8, 2.4)  # the twenty-three battles [E]
SHIP_CLEAR = (1.6, -4.5)  # no jet within this half-width of the axis south of this offset: the turtle ship's place
POOL = 1.6  # metres: the half-width of the pool of light at a jet's foot
POOL_Z = 0.07  # above the square's fountain field (0.035) and the puddles
POSITION_TAG = "estimated"


def runs_on(when: dt.date) -> bool:
    """Whether the fountain runs (and is lit) on ``when``: the warm months of :data:`SEASON`."""
    return SEASON[0] <= when.month <= SEASON[1]


def jets(centre: tuple[float, float]) -> list[tuple[float, float, float, float]]:
    """(x, y, height, hue 0–1) of every jet round the statue at ``centre``, in the square's frame (+Y north), none
    where the turtle ship stands before the pedestal (south, -Y)."""
    out = []
    for count, radius, height in (TALL, LOW):
        for k in range(count):
            a = 2 * math.pi * (k + 0.5) / count
            dx, dy = radius * math.sin(a), radius * math.cos(a)
            if abs(dx) < SHIP_CLEAR[0] and dy < SHIP_CLEAR[1]:
                continue
            out.append((centre[0] + dx, centre[1] + dy, height, k / count))
    return out


def _colour(hue: float) -> tuple[float, float, float, float]:
    """The light's linear colour for ``hue``: fully saturated, as the fountain's LED floods are."""
    return (*srgb_to_linear(colorsys.hsv_to_rgb(hue, 0.85, 1.0)), 1.0)


def meshes(centre: tuple[float, float]) -> dict[str, Mesh]:
    """``jets`` (tapering columns of water, uv 0.5 everywhere: the lamp shader's full glow in their light's colour)
    and ``pools`` (a square quad at each jet's foot, uv 0–1 across, for the shader's radial falloff)."""
    columns, pools = [], []
    for x, y, height, hue in jets(centre):
        colour = _colour(hue)
        column = lathe([0.2, 0.14, 0.05], [0.0, 0.75 * height, height], (x, y, 0.0), colour, segments=6)
        column.uvs[:] = 0.5
        columns.append(column)
        r = POOL
        pools.append(Mesh(np.float32([(x - r, y - r, POOL_Z), (x + r, y - r, POOL_Z), (x + r, y + r, POOL_Z),
                                      (x - r, y + r, POOL_Z)]),
                          np.tile(np.float32([0, 0, 1]), (4, 1)), np.float32([(0, 0), (1, 0), (1, 1), (0, 1)]),
                          np.tile(np.float32(colour), (4, 1)), np.uint32([(0, 1, 2), (0, 2, 3)])))
    return {"jets": merge(columns), "pools": merge(pools)}
