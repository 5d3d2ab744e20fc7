"""First-person walking kinematics. Pure: input intents in, pose out, collision through ``collision``.

Logic takes ``dt``; nothing reads a clock. Headings follow Panda3D (degrees counter-clockwise from +Y/north).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from game.nav.collision import ObstacleIndex, resolve
from game.nav.floors import Floors

EYE_HEIGHT = 1.65
RADIUS = 0.35


@dataclass
class Intent:
    """What the visitor asks for this frame: axes in [-1, 1], look deltas in degrees."""

    forward: float = 0.0
    strafe: float = 0.0
    turn: float = 0.0
    pitch: float = 0.0
    run: bool = False


@dataclass
class Walker:
    x: float = 0.0
    y: float = 0.0
    heading: float = 0.0
    pitch: float = 0.0
    speed: float = 1.4  # m/s, a walking pace; run doubles it
    obstacles: ObstacleIndex | None = field(default=None, repr=False)
    floors: Floors | None = field(default=None, repr=False)
    z: float = 0.0  # the feet: street level, or a floor (a stream's walkway, a stair)

    def update(self, dt: float, intent: Intent) -> None:
        self.heading = (self.heading + intent.turn) % 360.0
        self.pitch = max(-80.0, min(80.0, self.pitch + intent.pitch))
        fwd, side = intent.forward, intent.strafe
        norm = math.hypot(fwd, side)
        if norm > 1.0:
            fwd, side = fwd / norm, side / norm
        step = self.speed * (2.0 if intent.run else 1.0) * dt
        h = math.radians(self.heading)
        # Panda3D: heading 0 looks along +Y; +X is to the right
        dx = (-math.sin(h) * fwd + math.cos(h) * side) * step
        dy = (math.cos(h) * fwd + math.sin(h) * side) * step
        self.x, self.y = self.x + dx, self.y + dy
        if self.obstacles is not None:
            self.x, self.y = resolve(self.x, self.y, RADIUS, self.obstacles, feet=self.z)
        if self.floors is not None:
            self.z = self.floors.height(self.x, self.y, self.z)

    def teleport(self, x: float, y: float, heading: float) -> None:
        """Stand at (x, y) on the highest surface there (a bridge's deck, not the walkway under it)."""
        self.x, self.y, self.heading, self.pitch = x, y, heading % 360.0, 0.0
        self.z = self.floors.height(x, y, math.inf) if self.floors is not None else 0.0
        if self.obstacles is not None:
            self.x, self.y = resolve(self.x, self.y, RADIUS, self.obstacles, iterations=8, feet=self.z)
