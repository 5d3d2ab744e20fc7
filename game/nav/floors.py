"""Walking surfaces that are not the street: a sunken stream's walkways, its stairs, a bridge deck. Pure.

The district is flat at street level (z = 0) except where a landmark lays floors. A floor is a rectangle in its
own frame (like :class:`game.nav.collision.Obstacle`), flat or sloping along its local x (a stair is walked as
the ramp through its nosings). Where floors overlap (a bridge over a walkway) the visitor stays on the one they
can reach from where they are: the highest within a step of their feet, so one walks under a bridge on the
walkway and over it on the deck.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

STREET = 0.0
STEP = 0.45  # the most a visitor climbs in one stride: the collision's step height


@dataclass(frozen=True)
class Floor:
    """A rectangle (x0, y0)–(x1, y1) in a frame at (x, y) turned by ``h`` degrees counter-clockwise; its height
    runs linearly from ``z0`` at local x0 to ``z1`` at local x1."""

    x: float
    y: float
    h: float
    rect: tuple[float, float, float, float]
    z0: float
    z1: float

    def height_at(self, px: float, py: float) -> float | None:
        """The floor's height under (px, py), or None when the point is off it."""
        c, s = math.cos(math.radians(self.h)), math.sin(math.radians(self.h))
        dx, dy = px - self.x, py - self.y
        lx, ly = c * dx + s * dy, -s * dx + c * dy
        x0, y0, x1, y1 = self.rect
        if not (x0 <= lx <= x1 and y0 <= ly <= y1):
            return None
        return self.z0 + (self.z1 - self.z0) * (lx - x0) / (x1 - x0)

    @property
    def reach(self) -> float:
        x0, y0, x1, y1 = self.rect
        return math.hypot(max(abs(x0), abs(x1)), max(abs(y0), abs(y1)))


class Floors:
    """The district's floors; a point on none of them is on the street."""

    def __init__(self, floors: list[Floor]):
        self.floors = list(floors)

    def height(self, x: float, y: float, feet: float = STREET) -> float:
        """Where a visitor whose feet are at ``feet`` stands at (x, y): the highest floor there within a step up;
        if every floor there is higher (a teleport below them), the lowest."""
        heights = [z for f in self.floors if math.hypot(x - f.x, y - f.y) <= f.reach + 1e-6
                   and (z := f.height_at(x, y)) is not None]
        if not heights:
            return STREET
        reachable = [z for z in heights if z <= feet + STEP]
        return max(reachable) if reachable else min(heights)
