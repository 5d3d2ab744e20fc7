"""From raw controller state to what the user means: aim, teleport, turn, select, menu, recentre. Pure.

Edge detection and thresholds live here so the OpenXR wrapper only reports values. The left hand teleports
(hold the teleport button, or push its stick forward, to aim; let go to jump); the right hand's stick turns and
its select operates whatever the right laser points at. A controller without a stick (the KHR simple
controller) still teleports with its select button; it turns by the user physically turning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.xr.axes import Pose
from game.xr.comfort import ComfortSettings, Turner


@dataclass(frozen=True)
class HandState:
    """One hand's inputs this frame; ``aim`` is None while the controller is not tracked."""

    aim: Pose | None = None
    stick: tuple[float, float] = (0.0, 0.0)
    teleport: bool = False
    select: bool = False
    grip: bool = False  # squeezed: holding what the hand is on (the bell's rope)


@dataclass(frozen=True)
class InputFrame:
    """Everything the action system reported this frame."""

    left: HandState = field(default_factory=HandState)
    right: HandState = field(default_factory=HandState)
    menu: bool = False
    recentre: bool = False
    places: bool = False  # the places list (game.xr.place_list): the civic rooms and spaces


@dataclass(frozen=True)
class Intents:
    """Decisions for this frame; ``*_pressed`` and ``teleport_commit`` are true on one frame only."""

    aiming: bool = False
    teleport_commit: bool = False
    turn_deg: float = 0.0
    select_pressed: bool = False
    menu_pressed: bool = False
    recentre_pressed: bool = False


class IntentMapper:
    """Stateful mapper: remembers last frame's buttons to report presses and teleport releases once."""

    STICK_AIM = 0.6
    STICK_RELEASE = 0.25

    def __init__(self, settings: ComfortSettings) -> None:
        self.turner = Turner(settings)
        self._aiming = False
        self._prev = InputFrame()

    def update(self, frame: InputFrame, dt: float) -> Intents:
        left, prev = frame.left, self._prev
        if self._aiming:
            held = left.teleport or left.stick[1] > self.STICK_RELEASE
        else:
            held = left.teleport or left.stick[1] >= self.STICK_AIM
        held = held and left.aim is not None
        commit = self._aiming and not held and (left.aim is not None or prev.left.aim is not None)
        self._aiming = held
        intents = Intents(
            aiming=held,
            teleport_commit=commit,
            turn_deg=self.turner.update(frame.right.stick[0], dt),
            select_pressed=frame.right.select and not prev.right.select,
            menu_pressed=frame.menu and not prev.menu,
            recentre_pressed=frame.recentre and not prev.recentre,
        )
        self._prev = frame
        return intents
