"""Rain puddles: flat ellipses by the kerbs on the carriageway, on the pavements and on a square's paving. Pure.

Where water gathers in Seoul's streets after rain: in the gutter along the kerb, in the dips of the pavement.
All of them are one mesh (one draw call, a few thousand triangles), shown only while it rains; their shader
(``shaders/puddle``) mirrors the sky by the view angle, so they shine against the wet asphalt by day.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from game.architecture.mesh import Mesh, merge
from game.city.streets import ROAD_Z, SIDEWALK, Street, along

SPACING = 6.0  # metres between puddle spots along a street (each side)
SIDES = 10
LIFT = 0.012  # above what it lies on
PAVEMENT_Z = 0.12  # the pavements' top (game/city/streets.py)
SQUARE_Z = 0.02  # a square's paving (game/architecture/square.py)


def _ellipse(centre: tuple[float, float, float], axis: np.ndarray, length: float, width: float) -> Mesh:
    """A flat ellipse facing up: ``length`` along unit ``axis``, ``width`` across it."""
    a = np.linspace(0, 2 * math.pi, SIDES, endpoint=False)
    side = np.array([-axis[1], axis[0]])
    ring = (np.cos(a)[:, None] * axis * length / 2 + np.sin(a)[:, None] * side * width / 2) + centre[:2]
    pos = np.vstack([centre, np.column_stack([ring, np.full(SIDES, centre[2])])]).astype(np.float32)
    idx = [(0, 1 + i, 1 + (i + 1) % SIDES) for i in range(SIDES)]
    n = len(pos)
    return Mesh(pos, np.tile(np.float32([0, 0, 1]), (n, 1)), pos[:, :2].copy(), np.ones((n, 4), np.float32),
                np.asarray(idx, np.uint32))


def puddles(streets: Iterable[Street], seed: int = 41) -> Mesh:
    """Every street's puddles: at each spot, on either side, one in the gutter or one on the pavement (some
    spots stay dry)."""
    rng = np.random.default_rng(seed)
    out = []
    for s in streets:
        for p, left in along(s, SPACING / 3, SPACING):
            axis = np.array([left[1], -left[0]])
            for side in (1.0, -1.0):
                roll = rng.uniform()
                if roll < 0.25:
                    continue
                if roll < 0.7:  # the gutter, by the kerb
                    across, z = s.width / 2 - rng.uniform(0.4, 1.6), ROAD_Z + LIFT
                else:  # a dip in the pavement
                    across, z = s.width / 2 + rng.uniform(1.0, SIDEWALK - 1.0), PAVEMENT_Z + LIFT
                x, y = p + side * left * across + axis * rng.uniform(-2.0, 2.0)
                out.append(_ellipse((x, y, z), axis, rng.uniform(1.5, 4.5), rng.uniform(0.8, 2.0)))
    return merge(out) if out else Mesh.empty()


def square_puddles(width: float, length: float, lawns: float, count: int = 160, seed: int = 43) -> Mesh:
    """Puddles on a paved square (its own frame, ``width`` across x, ``length`` along y), none on the lawns that
    take its first ``lawns`` metres from the west edge: pools where the flags have settled, any way round."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        turn = rng.uniform(0, math.pi)
        x, y = rng.uniform(-width / 2 + lawns + 2.0, width / 2 - 2.0), rng.uniform(-length / 2 + 3.0, length / 2 - 3.0)
        out.append(_ellipse((x, y, SQUARE_Z + LIFT), np.array([math.cos(turn), math.sin(turn)]),
                            rng.uniform(1.5, 5.0), rng.uniform(1.0, 2.5)))
    return merge(out)
