"""Street trees coloured by the season: ginkgos along Sejong-daero, broadleaf trees on Gwanghwamun Square. Pure.

Seoul plants ginkgo along its avenues; in November they turn the road gold and from December they stand bare.
Every ginkgo is a thin trunk and a narrow cone-like crown of a dozen triangles; the square's trees have rounded
crowns (rust-orange in November) and in winter a grey-brown mass of bare twigs. Each kind is merged into two
meshes: a few hundred trees cost two draw calls.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from game.architecture.mesh import Mesh, box, merge, srgb_to_linear
from game.architecture.primitives import lathe
from game.city.blocks import footprint_poly
from game.city.streets import SIDEWALK, Street, along, point_in_polygon

AVENUES = ("sejong-daero",)
SPACING = 9.0  # metres between trees in a row
SET_BACK = SIDEWALK * 0.6  # metres from the carriageway's edge into the pavement (the lamps stand at its kerb)
BARK = (*srgb_to_linear("#5b4a3c"), 1.0)
TWIGS = srgb_to_linear("#6e6259")  # a bare crown seen from the street: fine twigs against the sky
SIDES = 6


def positions(streets: Iterable[Street],
              footprints: Iterable[tuple[tuple[float, float], tuple[float, float], float]] = (),
              avenues: tuple[str, ...] = AVENUES, spacing: float = SPACING) -> np.ndarray:
    """(east, north) of every tree: both pavements of each avenue, none inside a landmark's footprint (given as
    (centre, (width, depth), heading) each, 4 m of margin)."""
    pts = []
    for s in streets:
        if s.id not in avenues:
            continue
        for side in (1.0, -1.0):
            pts += [p + side * left * (s.width / 2 + SET_BACK) for p, left in along(s, spacing / 2, spacing)]
    xy = np.asarray(pts, np.float64).reshape(-1, 2)
    keep = np.ones(len(xy), bool)
    for centre, size, heading in footprints:
        keep &= ~point_in_polygon(footprint_poly(centre, size, heading, 4.0), xy)
    return xy[keep]


def _crown(x: float, y: float, height: float, radius: float, colour: tuple[float, ...]) -> Mesh:
    """A narrow crown: a six-sided double cone from 2.4 m above the ground to the tree's top, widest low down."""
    a = np.linspace(0, 2 * math.pi, SIDES, endpoint=False)
    ring_z = 2.4 + (height - 2.4) * 0.35
    ring = np.column_stack([x + radius * np.cos(a), y + radius * np.sin(a), np.full(SIDES, ring_z)])
    pos = np.vstack([[x, y, 2.4], ring, [x, y, height]]).astype(np.float32)
    nrm = pos - np.float32([x, y, ring_z])
    nrm /= np.linalg.norm(nrm, axis=1, keepdims=True)
    idx = [(0, 1 + (i + 1) % SIDES, 1 + i) for i in range(SIDES)] + [(1 + i, 1 + (i + 1) % SIDES, SIDES + 1)
                                                                    for i in range(SIDES)]
    n = len(pos)
    return Mesh(pos, nrm.astype(np.float32), np.zeros((n, 2), np.float32), np.tile(np.float32(colour), (n, 1)),
                np.asarray(idx, np.uint32))


def meshes(xy: np.ndarray, crown: tuple[float, float, float] | None, seed: int = 23) -> dict[str, Mesh]:
    """``trunks`` and ``crowns`` for trees at ``xy``: crowns in ``crown``'s colour or, when it is None (bare winter
    trees), a slimmer cone of grey-brown twigs, where snow can settle."""
    rng = np.random.default_rng(seed)
    trunks, crowns = [], []
    for x, y in xy:
        height = rng.uniform(8.0, 11.0)
        trunks.append(box((0.3, 0.3, height * 0.8), (x, y, 0.0), BARK))
        tone = rng.uniform(0.85, 1.1)
        radius = height * rng.uniform(0.2, 0.26) * (1.0 if crown is not None else 0.7)
        crowns.append(_crown(x, y, height, radius, (*(c * tone for c in (crown if crown is not None else TWIGS)), 1.0)))
    return {"trunks": merge(trunks) if trunks else Mesh.empty(), "crowns": merge(crowns) if crowns else Mesh.empty()}


def broadleaf_meshes(spots: np.ndarray, crown: tuple[float, float, float] | None, seed: int = 29) -> dict[str, Mesh]:
    """``trunks`` and ``crowns`` for trees at ``spots`` ((x, y, height) each): a rounded crown in ``crown``'s colour,
    or (``crown`` None) a smaller one of bare twigs over a taller trunk."""
    rng = np.random.default_rng(seed)
    trunks, crowns = [], []
    profile = np.array([0.35, 0.95, 1.0, 0.7, 0.0])
    rise = np.array([0.0, 0.25, 0.6, 0.85, 1.0])
    for x, y, height in spots:
        trunks.append(lathe([0.18, 0.12], [0.0, height * (0.45 if crown is not None else 0.7)], (x, y, 0.0), BARK,
                            segments=6))
        tone = rng.uniform(0.85, 1.1)
        r = height * rng.uniform(0.24, 0.3) * (1.0 if crown is not None else 0.75)
        colour = (*(c * tone for c in (crown if crown is not None else TWIGS)), 1.0)
        crowns.append(lathe(r * profile, height * 0.4 + height * 0.6 * rise, (x, y, 0.0), colour, segments=8))
    return {"trunks": merge(trunks) if trunks else Mesh.empty(), "crowns": merge(crowns) if crowns else Mesh.empty()}
