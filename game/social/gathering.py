"""Where a scheduled gathering shows in the world: the speaker's spot and the hands raised above avatars. Pure.

The hub sends the gathering's state when a visitor joins and whenever a hand or the floor changes, but not when
it ends (ending is just the clock passing ``ends``), so the app decides each frame from the wall clock whether
the gathering is on, and draws the podium only then.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from net.presence.codec import AvatarState

KST = timezone(timedelta(hours=9))  # the hub schedules in Seoul time (``gathering.open``)
PODIUM_RADIUS = 1.1  # metres: room for one speaker, wide enough to see from the back of a crowd
PODIUM_HEIGHT = 0.15
SIGN_HEIGHT = 2.9  # above the speaker's head and name tag
#: A raised hand in the avatar's own frame (right side, above the head), where its bubble and tag do not cover it.
RAISED_HAND = (0.3, 0.05, 1.95)


@dataclass(frozen=True)
class Stage:
    """What to draw for a gathering that is on now."""

    gathering_id: int
    spot: tuple[float, float]
    title_ko: str
    title_en: str
    speaker: int  # avatar id on the floor; 0: nobody
    hands: frozenset[int]


def live_stage(state: dict[str, Any] | None, now: float) -> Stage | None:
    """The gathering in ``state`` if the wall clock ``now`` (epoch seconds) is within its minutes, else None."""
    if not state:
        return None
    minute = datetime.fromtimestamp(now, KST).strftime("%Y-%m-%dT%H:%M")
    if not state["starts"] <= minute <= state["ends"]:
        return None
    x, y = state["spot"]
    return Stage(int(state["gathering_id"]), (float(x), float(y)), str(state["title_ko"]), str(state["title_en"]),
                 int(state.get("speaker") or 0), frozenset(int(h) for h in state.get("hands", ())))


def hand_point(state: AvatarState) -> tuple[float, float, float]:
    """Where :data:`RAISED_HAND` is in the world for an avatar standing at ``state`` (heading turns it about Z,
    counter-clockwise, as Panda3D's ``setH`` does)."""
    h = math.radians(state.heading)
    x, y, z = RAISED_HAND
    return (state.x + x * math.cos(h) - y * math.sin(h), state.y + x * math.sin(h) + y * math.cos(h), state.z + z)
