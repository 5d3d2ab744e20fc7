"""Comfort settings and the two comfort behaviours that depend on them: turning and the motion vignette. Pure.

Artificial rotation and smooth motion are the main causes of VR sickness. Snap turning in fixed steps (45° by
default) avoids visible rotation; a vignette that narrows the view while the rig moves cuts the peripheral
optic flow that causes vection. Both are settings because people differ; the defaults are the conservative ones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

REFERENCES = ("standing", "seated")


@dataclass(frozen=True)
class ComfortSettings:
    """How the user wants to move; validated on construction so a bad PRC value fails at start-up."""

    snap_turn_deg: float = 45.0
    smooth_turn: bool = False
    smooth_turn_deg_per_s: float = 90.0
    vignette: bool = True
    #: Fraction of the view radius the vignette closes at full strength (0 = none, 1 = black).
    vignette_max: float = 0.6
    #: "standing" uses the STAGE space (floor at the tracked floor); "seated" the LOCAL space lifted to eye height.
    reference: str = "standing"
    seated_eye_height_m: float = 1.6
    teleport_max_slope_deg: float = 30.0

    def __post_init__(self) -> None:
        if not 0 < self.snap_turn_deg <= 180:
            raise ValueError(f"snap turn {self.snap_turn_deg}°: expected (0, 180]")
        if self.smooth_turn_deg_per_s <= 0:
            raise ValueError("smooth turn speed must be positive")
        if not 0 <= self.vignette_max <= 1:
            raise ValueError(f"vignette strength {self.vignette_max}: expected [0, 1]")
        if self.reference not in REFERENCES:
            raise ValueError(f"reference {self.reference!r}: expected one of {', '.join(REFERENCES)}")
        if not 0.5 <= self.seated_eye_height_m <= 2.5:
            raise ValueError("seated eye height must be between 0.5 and 2.5 m")
        if not 0 <= self.teleport_max_slope_deg < 90:
            raise ValueError("teleport slope limit must be in [0, 90)")


class Turner:
    """Turns a thumbstick's x axis into a yaw change in degrees (positive = left, Panda3D's H).

    Snap mode fires once per deflection: the stick must return near the centre before the next snap, so
    holding it does not spin the user. Smooth mode scales the turn rate with the deflection past a dead zone.
    """

    PRESS = 0.7
    RELEASE = 0.3
    DEAD_ZONE = 0.15

    def __init__(self, settings: ComfortSettings) -> None:
        self.settings = settings
        self._armed = True

    def update(self, stick_x: float, dt: float) -> float:
        if self.settings.smooth_turn:
            if abs(stick_x) < self.DEAD_ZONE:
                return 0.0
            scaled = (abs(stick_x) - self.DEAD_ZONE) / (1 - self.DEAD_ZONE)
            return -math.copysign(scaled, stick_x) * self.settings.smooth_turn_deg_per_s * dt
        if self._armed and abs(stick_x) >= self.PRESS:
            self._armed = False
            return -math.copysign(self.settings.snap_turn_deg, stick_x)
        if abs(stick_x) <= self.RELEASE:
            self._armed = True
        return 0.0


class Vignette:
    """Vignette strength that follows the rig's speed, closing quickly and opening slowly.

    Full strength is reached at a brisk walk (2 m/s) or a 90°/s turn. Closing within ~0.1 s catches the onset of
    motion; reopening over ~0.4 s avoids a distracting pulse at every stop.
    """

    FULL_SPEED_M_S = 2.0
    FULL_TURN_DEG_S = 90.0
    CLOSE_S = 0.1
    OPEN_S = 0.4

    def __init__(self, settings: ComfortSettings) -> None:
        self.settings = settings
        self.strength = 0.0

    def target(self, speed_m_s: float, turn_deg_s: float) -> float:
        if not self.settings.vignette:
            return 0.0
        level = max(speed_m_s / self.FULL_SPEED_M_S, abs(turn_deg_s) / self.FULL_TURN_DEG_S)
        return min(1.0, max(0.0, level)) * self.settings.vignette_max

    def pulse(self) -> None:
        """Close fully at once, then reopen: a comfort blink over an instant teleport or snap turn."""
        if self.settings.vignette:
            self.strength = self.settings.vignette_max

    def update(self, speed_m_s: float, turn_deg_s: float, dt: float) -> float:
        goal = self.target(speed_m_s, turn_deg_s)
        tau = self.CLOSE_S if goal > self.strength else self.OPEN_S
        self.strength += (goal - self.strength) * (1 - math.exp(-max(dt, 0.0) / tau))
        return self.strength
