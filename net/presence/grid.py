"""Area of interest: the district cut into square cells; a visitor hears the cells around their own. Pure.

The hub publishes each avatar's state under its cell's topic and each client subscribes to the cells within
``radius`` of its own, so ZeroMQ's publisher-side prefix filtering does the interest management: a visitor at
Gwanghwamun never receives (or decrypts) the states of one at City Hall. With 48 m cells and radius 1 a visitor
sees everyone within 48–96 m, roughly where a name tag is still readable.
"""

from __future__ import annotations

import math

CELL_SIZE = 48.0


def cell_of(x: float, y: float, size: float = CELL_SIZE) -> tuple[int, int]:
    cx, cy = math.floor(x / size), math.floor(y / size)
    return max(-32768, min(32767, cx)), max(-32768, min(32767, cy))


def cells_around(cell: tuple[int, int], radius: int = 1) -> set[tuple[int, int]]:
    cx, cy = cell
    return {(cx + dx, cy + dy) for dx in range(-radius, radius + 1) for dy in range(-radius, radius + 1)}


class Interest:
    """Which cells a client should subscribe to; :meth:`move` says what to add and drop as the visitor walks."""

    def __init__(self, size: float = CELL_SIZE, radius: int = 1) -> None:
        self.size, self.radius = size, radius
        self.cells: set[tuple[int, int]] = set()
        self.centre: tuple[int, int] | None = None

    def move(self, x: float, y: float) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
        """``(added, removed)`` cells after moving to (x, y); both empty while within the same cell."""
        centre = cell_of(x, y, self.size)
        if centre == self.centre:
            return set(), set()
        wanted = cells_around(centre, self.radius)
        added, removed = wanted - self.cells, self.cells - wanted
        self.cells, self.centre = wanted, centre
        return added, removed

    def reset(self) -> set[tuple[int, int]]:
        """Forget every cell (leaving a scene); returns the cells to unsubscribe."""
        old, self.cells, self.centre = self.cells, set(), None
        return old
