"""Walking collision: a circle (the visitor) against boxes on the ground. Pure.

Buildings carry their colliders as boxes in their own frame, so a rotated landmark (City Hall faces 170°)
is tested in its frame and the push-out rotated back; a city block is a world-aligned box placed at its own
centre (:meth:`Obstacle.around`), so its reach, and the grid cells it fills, stay its own size; the index holds
each box of a building on its own (:meth:`Obstacle.pieces`), so a palace's kilometre of walls costs a query only
the wall next to it. Boxes whose top is
below ``step_height`` above the visitor's feet are stepped over (kerbs, low terraces) and boxes above head height
walked under; the feet are at street level unless the visitor stands on a floor (``game.nav.floors``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

Box = tuple[float, float, float, float, float, float]  # xmin, ymin, zmin, xmax, ymax, zmax


@dataclass(frozen=True)
class Obstacle:
    """Boxes in a frame placed at (x, y) and turned by ``h`` degrees counter-clockwise (Panda3D heading)."""

    x: float
    y: float
    h: float
    boxes: tuple[Box, ...]

    @classmethod
    def around(cls, world_box: Box) -> Obstacle:
        """A world-aligned box as an obstacle at its own centre: an obstacle at the origin holding a box a
        kilometre away would reach a kilometre and fill every grid cell in between."""
        cx, cy = (world_box[0] + world_box[3]) / 2, (world_box[1] + world_box[4]) / 2
        xmin, ymin, zmin, xmax, ymax, zmax = world_box
        return cls(cx, cy, 0.0, ((xmin - cx, ymin - cy, zmin, xmax - cx, ymax - cy, zmax),))

    def pieces(self) -> tuple[Obstacle, ...]:
        """One obstacle per box, each in the same orientation but placed at its box's centre: a query near one
        wall of a long enclosure tests that wall, not all of the building's boxes (each reaching the whole of it).
        The push-outs are the same; a single box already at its centre is returned as it is."""
        c, s = math.cos(math.radians(self.h)), math.sin(math.radians(self.h))
        out = []
        for b in self.boxes:
            mx, my = (b[0] + b[3]) / 2, (b[1] + b[4]) / 2
            if mx == 0.0 and my == 0.0 and len(self.boxes) == 1:
                return (self,)
            out.append(Obstacle(self.x + c * mx - s * my, self.y + s * mx + c * my, self.h,
                                ((b[0] - mx, b[1] - my, b[2], b[3] - mx, b[4] - my, b[5]),)))
        return tuple(out)

    def to_local(self, px: float, py: float) -> tuple[float, float]:
        c, s = math.cos(math.radians(self.h)), math.sin(math.radians(self.h))
        dx, dy = px - self.x, py - self.y
        return c * dx + s * dy, -s * dx + c * dy

    def to_world_vec(self, vx: float, vy: float) -> tuple[float, float]:
        c, s = math.cos(math.radians(self.h)), math.sin(math.radians(self.h))
        return c * vx - s * vy, s * vx + c * vy

    @cached_property
    def reach(self) -> float:
        """Radius around (x, y) beyond which no box can touch: a cheap broad-phase test."""
        return max(math.hypot(max(abs(b[0]), abs(b[3])), max(abs(b[1]), abs(b[4]))) for b in self.boxes)


def _push_out(px: float, py: float, r: float, b: Box) -> tuple[float, float] | None:
    """Smallest move that takes a circle at (px, py) out of box ``b`` (2D), or None if they don't touch."""
    cx, cy = min(max(px, b[0]), b[3]), min(max(py, b[1]), b[4])
    dx, dy = px - cx, py - cy
    d2 = dx * dx + dy * dy
    if d2 > r * r:
        return None
    if d2 > 1e-12:
        d = math.sqrt(d2)
        return dx / d * (r - d), dy / d * (r - d)
    # centre inside the box: leave through the nearest side
    exits = ((b[0] - r - px, 0.0), (b[3] + r - px, 0.0), (0.0, b[1] - r - py), (0.0, b[4] + r - py))
    return min(exits, key=lambda v: abs(v[0]) + abs(v[1]))


class ObstacleIndex:
    """A uniform grid over obstacles so a step tests only those nearby (thousands of city blocks). Each box is
    indexed on its own (:meth:`Obstacle.pieces`) in the cells its turned footprint covers."""

    def __init__(self, obstacles: list[Obstacle], cell: float = 64.0):
        self.cell = cell
        self.grid: dict[tuple[int, int], list[Obstacle]] = defaultdict(list)
        for whole in obstacles:
            for ob in whole.pieces():
                b = ob.boxes[0]
                c, s = abs(math.cos(math.radians(ob.h))), abs(math.sin(math.radians(ob.h)))
                hx, hy = (b[3] - b[0]) / 2, (b[4] - b[1]) / 2  # the box is centred on (ob.x, ob.y)
                rx, ry = c * hx + s * hy + 1.0, s * hx + c * hy + 1.0  # margin for the visitor radius
                for i in range(math.floor((ob.x - rx) / cell), math.floor((ob.x + rx) / cell) + 1):
                    for j in range(math.floor((ob.y - ry) / cell), math.floor((ob.y + ry) / cell) + 1):
                        self.grid[(i, j)].append(ob)

    @property
    def entries(self) -> int:
        """Obstacle references held over all cells: the index's size, linear in obstacles of bounded extent."""
        return sum(len(obs) for obs in self.grid.values())

    def near(self, x: float, y: float) -> list[Obstacle]:
        return self.grid.get((math.floor(x / self.cell), math.floor(y / self.cell)), [])


def resolve(px: float, py: float, radius: float, obstacles: list[Obstacle] | ObstacleIndex,
            step_height: float = 0.45, head_height: float = 1.9, iterations: int = 3,
            feet: float = 0.0) -> tuple[float, float]:
    """Move the visitor's circle out of every obstacle it overlaps; a few passes settle corners.

    Boxes lower than ``step_height`` above ``feet`` are stepped over; boxes starting ``head_height`` above them
    (an arch's crown, eaves, a bridge over a stream's walkway) are walked under.
    """
    if isinstance(obstacles, ObstacleIndex):
        obstacles = obstacles.near(px, py)
    for _ in range(iterations):
        moved = False
        for ob in obstacles:
            if math.hypot(px - ob.x, py - ob.y) > ob.reach + radius:
                continue
            lx, ly = ob.to_local(px, py)
            for b in ob.boxes:
                if b[5] <= feet + step_height or b[2] >= feet + head_height:
                    continue
                push = _push_out(lx, ly, radius, b)
                if push is not None:
                    lx, ly = lx + push[0], ly + push[1]
                    wx, wy = ob.to_world_vec(*push)
                    px, py = px + wx, py + wy
                    moved = True
        if not moved:
            break
    return px, py


Vec3 = tuple[float, float, float]


class SegmentHit(NamedTuple):
    """Where a segment meets the world and the surface normal there (duck-types ``game.xr.arc.Hit``)."""

    point: Vec3
    normal: Vec3


def _segment_box(a: Vec3, b: Vec3, box: Box) -> tuple[float, Vec3] | None:
    """Slab test: the entry fraction along a→b and the face normal where the segment enters ``box``."""
    t0, t1, normal = 0.0, 1.0, (0.0, 0.0, 1.0)
    for axis in range(3):
        d = b[axis] - a[axis]
        lo, hi = box[axis], box[axis + 3]
        if abs(d) < 1e-12:
            if not lo <= a[axis] <= hi:
                return None
            continue
        near, far = (lo - a[axis]) / d, (hi - a[axis]) / d
        sign = -1.0
        if near > far:
            near, far, sign = far, near, 1.0
        if near > t0:
            t0 = near
            normal = tuple(sign if i == axis else 0.0 for i in range(3))  # type: ignore[assignment]
        t1 = min(t1, far)
        if t0 > t1:
            return None
    return t0, normal


def segment_hit(index: ObstacleIndex, a: Vec3, b: Vec3, ground: float = 0.0) -> SegmentHit | None:
    """First point where the segment a→b meets a box or the ground, with the surface normal (world axes).

    Used for the VR teleport arc: landing on a roof or inside a wall is judged by the normal it returns.
    """
    best: tuple[float, Vec3] | None = None
    if (a[2] - ground) * (b[2] - ground) <= 0 and a[2] != b[2]:
        best = ((a[2] - ground) / (a[2] - b[2]), (0.0, 0.0, 1.0))
    seen: set[int] = set()
    for px, py in (a[:2], b[:2]):
        for ob in index.near(px, py):
            if id(ob) in seen:
                continue
            seen.add(id(ob))
            la, lb = (*ob.to_local(a[0], a[1]), a[2]), (*ob.to_local(b[0], b[1]), b[2])
            for box in ob.boxes:
                hit = _segment_box(la, lb, box)
                if hit is not None and (best is None or hit[0] < best[0]):
                    nx, ny = ob.to_world_vec(hit[1][0], hit[1][1])
                    best = (hit[0], (nx, ny, hit[1][2]))
    if best is None:
        return None
    t, normal = best
    return SegmentHit(tuple(a[i] + (b[i] - a[i]) * t for i in range(3)), normal)  # type: ignore[arg-type]
