"""Street furniture along the avenues: bus shelters, benches and bollards, merged into one mesh. Pure.

Placed from the avenues' centre lines like the lamps and the ginkgos (``streets.along``), on the pavement at
depths that keep clear of both: bollards at the kerb by the crossings, bus shelters (roof, glass back, the blue
stop sign of Seoul's buses, a light box lit after dark) and benches at the back of the pavement, between the trees.
None stands inside a landmark's footprint. A few thousand boxes in two draw calls (the light boxes apart).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from game.architecture.mesh import Mesh, box, merge, srgb_to_linear
from game.city.blocks import footprint_poly
from game.city.night import LIT_AVENUES
from game.city.streets import Street, along, distance_to_polyline, point_in_polygon
from game.city.trees import SPACING as TREE_SPACING

PAVEMENT_Z = 0.12  # the pavements' top (game/city/streets.py)
STOP_SPACING = TREE_SPACING * 28  # a bus stop about every 250 m on each side, centred between two trees
BENCH_SPACING = TREE_SPACING * 3
CROSSING_SPACING = 90.0  # a group of bollards where people cross
CLEAR = 4.0  # metres kept from another street's carriageway (a shelter is 4.2 m long)
STEEL = (*srgb_to_linear("#5a6068"), 1.0)
GLASS = (*srgb_to_linear("#8fa4b0"), 1.0)
BUS_BLUE = (*srgb_to_linear("#0068b7"), 1.0)  # Seoul's blue trunk-line buses and their stop signs
WOOD = (*srgb_to_linear("#8a6a48"), 1.0)
STONE = (*srgb_to_linear("#9a9890"), 1.0)
PANEL = (*srgb_to_linear((0.93, 0.95, 1.0)), 1.0)  # a light box's cool white


def _shelter() -> Mesh:
    """A bus shelter around the origin, its front (the road side) towards +Y: posts, roof, glass back, a bench
    and the stop's blue sign post at the kerb end (its lit advertising panel is :func:`_panel`)."""
    parts = [box((0.1, 0.1, 2.5), (x, y, 0.0), STEEL) for x in (-1.9, 1.9) for y in (-0.6, 0.6)]
    parts += [box((4.2, 1.8, 0.12), (0.0, 0.0, 2.5), STEEL),  # roof
              box((3.8, 0.04, 2.0), (0.0, -0.65, 0.3), GLASS),  # glass back wall
              box((0.04, 1.1, 2.0), (-1.9, -0.05, 0.3), GLASS),  # one glass side
              box((2.4, 0.4, 0.06), (0.3, -0.35, 0.45), WOOD),  # the bench inside
              box((0.08, 0.08, 3.0), (2.4, 0.9, 0.0), STEEL),  # the stop's post by the kerb…
              box((0.6, 0.06, 0.6), (2.4, 0.9, 2.4), BUS_BLUE)]  # …and its blue sign
    return merge(parts)


def _panel() -> Mesh:
    """The shelter's advertising light box at its open end, glowing after dark (uv 0.5: the lamp shader's full
    glow, as the lamp heads)."""
    panel = box((0.1, 1.2, 1.9), (1.95, -0.05, 0.35), PANEL)
    panel.uvs[:] = 0.5
    return panel


def _bench() -> Mesh:
    """A park bench around the origin, its seat facing +Y."""
    return merge([box((1.8, 0.45, 0.06), (0.0, 0.0, 0.42), WOOD), box((1.8, 0.06, 0.4), (0.0, -0.22, 0.5), WOOD),
                  *(box((0.08, 0.45, 0.42), (x, 0.0, 0.0), STEEL) for x in (-0.8, 0.8))])


def _bollards() -> Mesh:
    """Five stone bollards in a row along X, 1.5 m apart."""
    return merge([box((0.22, 0.22, 0.8), (x, 0.0, 0.0), STONE) for x in np.arange(-3.0, 3.01, 1.5)])


def _placed(mesh: Mesh, at: np.ndarray, facing: np.ndarray) -> Mesh:
    """``mesh`` (front towards +Y) turned so that its front faces ``facing`` and stood on the pavement at ``at``."""
    heading = math.atan2(facing[1], facing[0]) - math.pi / 2
    c, s = math.cos(heading), math.sin(heading)
    return mesh.transformed(np.array([[c, -s, 0, at[0]], [s, c, 0, at[1]], [0, 0, 1, PAVEMENT_Z], [0, 0, 0, 1]]))


def furniture(streets: Iterable[Street],
              footprints: Iterable[tuple[tuple[float, float], tuple[float, float], float]] = (),
              avenues: tuple[str, ...] = LIT_AVENUES) -> dict[str, Mesh]:
    """Every avenue's shelters, benches and bollards on both pavements, none within 4 m of a landmark's footprint
    or of another street's carriageway (where the avenue crosses or meets it): ``fixtures`` (all of them) and
    ``panels`` (the shelters' light boxes, for the glowing shader).

    Offsets from the carriageway's edge: bollards 0.4 m (the kerb), shelters 2.2 m (the ginkgos stand at 3.6 m,
    the shelters between them), benches 5.0 m (the back of the pavement, facing the road)."""
    streets = tuple(streets)
    polys = [footprint_poly(c, size, h, 4.0) for c, size, h in footprints]
    kinds = (("fixtures", _shelter(), STOP_SPACING / 2, STOP_SPACING, 2.2),
             ("panels", _panel(), STOP_SPACING / 2, STOP_SPACING, 2.2),
             ("fixtures", _bench(), BENCH_SPACING / 2 + TREE_SPACING / 2, BENCH_SPACING, 5.0),
             ("fixtures", _bollards(), CROSSING_SPACING / 2, CROSSING_SPACING, 0.4))
    out: dict[str, list[Mesh]] = {"fixtures": [], "panels": []}
    for s in streets:
        if s.id not in avenues:
            continue
        for batch, mesh, start, spacing, depth in kinds:
            for side in (1.0, -1.0):
                for p, left in along(s, start, spacing):
                    at = p + side * left * (s.width / 2 + depth)
                    if any(point_in_polygon(poly, at[None])[0] for poly in polys) or any(
                            distance_to_polyline(o.points, at[None])[0] < o.width / 2 + CLEAR
                            for o in streets if o is not s):
                        continue
                    out[batch].append(_placed(mesh, at, -side * left))
    return {k: merge(v) if v else Mesh.empty() for k, v in out.items()}
