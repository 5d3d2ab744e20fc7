"""Where the teleport arc may land in the district: on the street, on floors, never in the stream's water. Pure.

The district is flat at street level except where a landmark lays floors (a sunken stream's walkways and stairs,
its bridge decks: :mod:`game.nav.floors`). A plane at street level would stop an arc in mid-air over the sunken
channel, and the blocks that keep walkers out of the water have flat tops an arc would take for ground. So the
ground this query meets is the floors' height where there are floors and the street elsewhere; and where there
are floors, only a floor is a landing — a block's top there (the water, a rail, a parapet) is not. Elsewhere a
flat top stays one, as before (terraces, roofs).
"""

from __future__ import annotations

import math
from collections import defaultdict

from game.nav.collision import ObstacleIndex, segment_hit
from game.nav.floors import STREET, Floors
from game.xr.arc import Hit, SegmentQuery
from game.xr.axes import Vec3

ON_FLOOR_M = 0.08  # how close to a floor's height a landing must be to be on it
BISECT_STEPS = 12  # halvings of a segment to find where it meets a floor (0.28 m / 4096: well under a millimetre)
NO_PLANE = -1.0e9  # a ground plane so low that ``segment_hit`` tests only the boxes


class FloorGround:
    """The ground under a point: the highest floor there, else the street. Floors are filed in a grid of
    ``cell``-metre squares (as the obstacles are), so a point tests only the few floors near it."""

    def __init__(self, floors: Floors, cell: float = 16.0):
        self.cell = cell
        self.grid: dict[tuple[int, int], list] = defaultdict(list)
        for f in floors.floors:
            for i in range(math.floor((f.x - f.reach) / cell), math.floor((f.x + f.reach) / cell) + 1):
                for j in range(math.floor((f.y - f.reach) / cell), math.floor((f.y + f.reach) / cell) + 1):
                    self.grid[(i, j)].append(f)

    def heights(self, x: float, y: float) -> list[float]:
        """The heights of the floors at (x, y) (none: the street)."""
        near = self.grid.get((math.floor(x / self.cell), math.floor(y / self.cell)), ())
        return [z for f in near if (z := f.height_at(x, y)) is not None]

    def height(self, x: float, y: float) -> float:
        """What an arc falling from above meets first: the highest floor, or the street."""
        return max(self.heights(x, y), default=STREET)


def _ground_hit(ground: FloorGround, a: Vec3, b: Vec3) -> tuple[float, Hit] | None:
    """Where a→b first goes below the ground (the fraction along it and the hit), or None."""
    above = a[2] - ground.height(a[0], a[1])
    if above < 0 or b[2] - ground.height(b[0], b[1]) >= 0:
        return None
    lo, hi = 0.0, 1.0
    for _ in range(BISECT_STEPS):
        mid = (lo + hi) / 2
        p = tuple(a[i] + (b[i] - a[i]) * mid for i in range(3))
        lo, hi = (mid, hi) if p[2] >= ground.height(p[0], p[1]) else (lo, mid)
    p = tuple(a[i] + (b[i] - a[i]) * hi for i in range(3))
    z = ground.height(p[0], p[1])
    if p[2] - z > -ON_FLOOR_M:  # came down on it from above
        return hi, Hit((p[0], p[1], z), (0.0, 0.0, 1.0))
    dx, dy = b[0] - a[0], b[1] - a[1]  # went into the side of a step up (a wall's edge): facing back along the arc
    n = math.hypot(dx, dy) or 1.0
    return hi, Hit(p, (-dx / n, -dy / n, 0.0))  # type: ignore[arg-type]


def district_query(obstacles: ObstacleIndex, floors: Floors | None) -> SegmentQuery:
    """The arc's segment test for the district: its collision boxes and its ground (see the module docstring).
    A hit on a box's top where floors lie below comes back with ``walkable=False``."""
    ground = FloorGround(floors or Floors([]))

    def query(a: Vec3, b: Vec3) -> Hit | None:
        box = segment_hit(obstacles, a, b, ground=NO_PLANE)
        on_ground = _ground_hit(ground, a, b)
        if box is not None:
            t = math.dist(a, box.point) / (math.dist(a, b) or 1.0)
            if on_ground is None or t < on_ground[0]:
                x, y, z = box.point
                heights = ground.heights(x, y)
                walkable = not heights or any(abs(z - h) <= ON_FLOOR_M for h in heights)
                return Hit(box.point, box.normal, walkable)
        return on_ground[1] if on_ground is not None else None

    return query
