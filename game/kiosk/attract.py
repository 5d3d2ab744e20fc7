"""The attract loop's script: a slow cinematic camera move around each landmark in turn. Pure.

Each shot starts a little wide and to one side of the landmark's tour view and glides in along an arc while
rising slightly, so the picture is never still (a still picture reads as "broken" to passers-by) yet the motion
is slow enough to be comfortable on a large screen. Shots alternate the arc's direction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.landmarks.views import View

ARC_DEGREES = 14.0
DOLLY_START, DOLLY_END = 1.25, 0.95  # fraction of the tour view's distance
RISE_M = 1.5


@dataclass(frozen=True)
class Shot:
    landmark_id: str
    view: View
    direction: int  # +1 or -1: which way the arc sweeps

    def pose(self, u: float) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
        """(camera, target) at progress ``u`` in [0, 1] through the shot, eased in and out."""
        u = min(max(u, 0.0), 1.0)
        s = 0.5 - 0.5 * math.cos(math.pi * u)  # ease in/out: no jolt at the cuts
        cam, target = self.view.camera, self.view.target
        dx, dy = cam[0] - target[0], cam[1] - target[1]
        dist = math.hypot(dx, dy)
        angle = math.atan2(dy, dx) + math.radians(self.direction * ARC_DEGREES * (s - 0.5))
        r = dist * (DOLLY_START + (DOLLY_END - DOLLY_START) * s)
        z = cam[2] + RISE_M * s
        return (target[0] + r * math.cos(angle), target[1] + r * math.sin(angle), z), target


@dataclass
class AttractLoop:
    """Cycles through ``shots`` for ``stop_s`` seconds each; :meth:`advance` says when a new shot begins."""

    shots: list[Shot]
    stop_s: float
    index: int = 0
    t: float = 0.0

    @classmethod
    def over(cls, views: list[tuple[str, View]], stop_s: float) -> AttractLoop:
        if not views:
            raise ValueError("the attract loop needs at least one landmark view")
        return cls([Shot(lid, v, 1 if i % 2 == 0 else -1) for i, (lid, v) in enumerate(views)], stop_s)

    @property
    def shot(self) -> Shot:
        return self.shots[self.index]

    def restart(self) -> None:
        self.index, self.t = 0, 0.0

    def advance(self, dt: float) -> bool:
        """Move on by ``dt`` seconds; True when a new shot has started (captions and narration change)."""
        self.t += max(dt, 0.0)
        if self.t < self.stop_s:
            return False
        self.t %= self.stop_s
        self.index = (self.index + 1) % len(self.shots)
        return True

    def pose(self) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
        return self.shot.pose(self.t / self.stop_s)
