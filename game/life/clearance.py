"""Which ground points a body of a given radius can stand on without touching a collider. Pure, vectorised.

The same boxes the visitor collides with (``game.nav.collision``), judged by the same rules (boxes below
step height are stepped over, boxes above head height walked under), but for thousands of points at once:
the walkway graph tests every edge at build time, and a pedestrian only ever stands where a test passed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from game.nav.collision import Obstacle, ObstacleIndex

STEP_HEIGHT = 0.45  # as game.nav.collision.resolve
HEAD_HEIGHT = 1.9


def obstacles_of(source: Iterable[Obstacle] | ObstacleIndex) -> list[Obstacle]:
    """The distinct obstacles of a list or of the scene's grid index (which lists one obstacle in many cells)."""
    if isinstance(source, ObstacleIndex):
        seen: dict[int, Obstacle] = {}
        for cell in source.grid.values():
            for ob in cell:
                seen.setdefault(id(ob), ob)
        return list(seen.values())
    return list(source)


class Clearance:
    """Boxes flattened into arrays (frame origin, rotation, local extents), bucketed on a grid."""

    def __init__(self, obstacles: Iterable[Obstacle] | ObstacleIndex, cell: float = 24.0, max_radius: float = 2.0,
                 level: float = 0.0):
        """``level``: the height of the ground walked on (boxes below a step above it or above a head are not in
        the way); 0 for the streets, below it for the stream's walkways."""
        self._obstacles = obstacles_of(obstacles)
        self._levels: dict[float, Clearance] = {level: self}
        rows = []
        for ob in self._obstacles:
            c, s = math.cos(math.radians(ob.h)), math.sin(math.radians(ob.h))
            for b in ob.boxes:
                if b[5] <= level + STEP_HEIGHT or b[2] >= level + HEAD_HEIGHT:
                    continue
                rows.append((ob.x, ob.y, c, s, b[0], b[1], b[3], b[4]))
        self.boxes = np.asarray(rows, float).reshape(-1, 8)
        self.cell = cell
        self.grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for k, (ox, oy, c, s, x0, y0, x1, y1) in enumerate(self.boxes):
            lx, ly = np.array([x0, x1, x1, x0]), np.array([y0, y0, y1, y1])
            wx, wy = ox + c * lx - s * ly, oy + s * lx + c * ly
            for i in range(math.floor((wx.min() - max_radius) / cell), math.floor((wx.max() + max_radius) / cell) + 1):
                for j in range(math.floor((wy.min() - max_radius) / cell),
                               math.floor((wy.max() + max_radius) / cell) + 1):
                    self.grid[(i, j)].append(k)
        self._cells = {key: np.asarray(v) for key, v in self.grid.items()}

    def at_level(self, level: float) -> Clearance:
        """The same colliders as met by someone walking at ``level`` (built once per level)."""
        if level not in self._levels:
            self._levels[level] = Clearance(self._obstacles, self.cell, level=level)
        return self._levels[level]

    def clear(self, xy: np.ndarray, radius: float) -> np.ndarray:
        """For each point of ``xy`` (M, 2): True where a circle of ``radius`` touches no box."""
        xy = np.asarray(xy, float).reshape(-1, 2)
        ok = np.ones(len(xy), bool)
        if not len(xy):
            return ok
        cells = np.floor(xy / self.cell).astype(np.int64) + (1 << 20)
        keys = cells[:, 0] << 21 | cells[:, 1]
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.concatenate([[0], np.flatnonzero(np.diff(sorted_keys)) + 1, [len(keys)]])
        for u0, u1 in zip(starts[:-1], starts[1:], strict=True):
            key = int(sorted_keys[u0])
            i, j = (key >> 21) - (1 << 20), (key & ((1 << 21) - 1)) - (1 << 20)
            idx = self._cells.get((int(i), int(j)))
            if idx is None:
                continue
            members = order[u0:u1]
            p = xy[members]
            b = self.boxes[idx]
            dx = p[:, None, 0] - b[None, :, 0]
            dy = p[:, None, 1] - b[None, :, 1]
            lx = b[None, :, 2] * dx + b[None, :, 3] * dy
            ly = -b[None, :, 3] * dx + b[None, :, 2] * dy
            ex = lx - np.clip(lx, b[None, :, 4], b[None, :, 6])
            ey = ly - np.clip(ly, b[None, :, 5], b[None, :, 7])
            ok[members] = ((ex * ex + ey * ey) > radius * radius).all(axis=1)
        return ok
