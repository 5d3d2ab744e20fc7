"""Ringing the bell in VR: grip the rope, pull back past a mark, the log swings. Pure.

Bosingak's ringers swing the striking log (당목) by ropes; in the headset the visitor reaches for the rope's
handle, squeezes (the grip action), and pulls back along the rope's line, away from the bell. Past
``threshold_m`` it counts as one pull: a strike whose force follows how fast the hand was moving then (a gentle
pull sounds softer than a hard one), and a buzz in that hand as strong. The hand must let go, or come back
nearer the handle than half the mark, before it can pull again, so a held hand jiggling at the mark does not
ring twice. A hand that grips away from the handle holds nothing.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

from game.xr.axes import Vec3

GRAB_RADIUS_M = 0.3  # how near the handle a squeeze takes the rope
THRESHOLD_M = 0.35  # how far back along the rope's line is one pull
SPEED_WINDOW_S = 0.12  # the hand's speed is measured over this much of its latest motion
SOFT_SPEED, HARD_SPEED = 0.3, 2.0  # m/s: a pull this slow strikes at MIN_FORCE, this fast or faster at 1
MIN_FORCE = 0.15


@dataclass(frozen=True)
class Rope:
    """The rope's handle (world metres, Panda3D axes) and the unit direction a pull goes (away from the bell)."""

    handle: Vec3
    pull: Vec3


@dataclass(frozen=True)
class Pull:
    """One pull past the mark: by which hand, how fast (m/s along the rope), and the strike's force (0..1)."""

    hand: str
    speed: float
    force: float

    def haptic(self) -> tuple[float, float]:
        """The buzz in the pulling hand: (amplitude 0..1, seconds), stronger and longer for a harder pull."""
        return 0.35 + 0.65 * self.force, 0.08 + 0.17 * self.force


def force_for(speed: float) -> float:
    """The strike's force for a pull at ``speed`` m/s: MIN_FORCE for a slow pull, rising linearly to 1."""
    x = (speed - SOFT_SPEED) / (HARD_SPEED - SOFT_SPEED)
    return MIN_FORCE + (1.0 - MIN_FORCE) * min(1.0, max(0.0, x))


def _along(rope: Rope, p: Vec3) -> float:
    return sum((p[i] - rope.handle[i]) * rope.pull[i] for i in range(3))


@dataclass
class _Hold:
    samples: deque[tuple[float, float]] = field(default_factory=deque)  # (time, distance along the pull)
    armed: bool = True


class PullGesture:
    """Feed each hand every frame with :meth:`update`; it returns a :class:`Pull` on the frame a pull passes the
    mark. ``rope`` may change (the log swings, the visitor teleports) or be None (nothing to pull)."""

    def __init__(self, threshold_m: float = THRESHOLD_M, grab_radius_m: float = GRAB_RADIUS_M) -> None:
        self.threshold, self.grab_radius = threshold_m, grab_radius_m
        self.holds: dict[str, _Hold] = {}

    def holding(self, hand: str) -> bool:
        return hand in self.holds

    def update(self, hand: str, position: Vec3 | None, grip: bool, t: float, rope: Rope | None) -> Pull | None:
        """``position`` is the hand in the world (None while untracked), ``t`` seconds on any steady clock."""
        if rope is None or position is None or not grip:
            self.holds.pop(hand, None)
            return None
        hold = self.holds.get(hand)
        if hold is None:
            if math.dist(position, rope.handle) > self.grab_radius:
                return None  # squeezing empty air
            hold = self.holds[hand] = _Hold()
        along = _along(rope, position)
        hold.samples.append((t, along))
        while len(hold.samples) > 2 and t - hold.samples[1][0] >= SPEED_WINDOW_S:
            hold.samples.popleft()
        if not hold.armed:
            hold.armed = along < self.threshold / 2
            return None
        if along < self.threshold:
            return None
        hold.armed = False
        t0, a0 = hold.samples[0]
        speed = max(0.0, (along - a0) / (t - t0)) if t > t0 else 0.0
        return Pull(hand, speed, force_for(speed))
