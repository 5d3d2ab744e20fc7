"""Korean disaster-message levels (재난문자 등급) for a CAP alert.

Korea's cell broadcast has three levels, each with its own sound and screen treatment:

============  ==============  ===========================================================================
level id      Korean name     typical events (재난문자방송 기준 및 운영규정, summarised)
============  ==============  ===========================================================================
emergency     위급재난문자    air raid / civil-defence alerts, strong earthquakes
urgent        긴급재난문자    moderate earthquakes, tsunami, typhoon, heavy rain, floods, landslides
safety        안전안내문자    heat, cold, fine dust, dry-weather and other safety notices, missing persons
============  ==============  ===========================================================================

How an alert gets its level, first rule that applies:

1. An explicit value passed by the caller (e.g. the hub already knows the level).
2. An explicit CAP ``parameter`` named ``KoreanAlertLevel`` (or ``재난문자등급``) whose value is a level id or
   its Korean name (``위급재난문자``/``위급``, ``긴급재난문자``/``긴급``, ``안전안내문자``/``안전안내``).
3. From ``severity`` and ``urgency``:

   * ``Extreme`` and ``Immediate``/``Expected`` → emergency (act now or lives are lost);
   * any other ``Extreme``, or ``Severe`` and ``Immediate``/``Expected`` → urgent;
   * everything else (``Moderate``, ``Minor``, ``Unknown``, or a ``Severe`` one that is ``Future``/``Past``)
     → safety.

Pure (no Panda3D).
"""

from __future__ import annotations

from enum import IntEnum

from game.alerts.model import Info
from game.alerts.parser import CapError

LEVEL_PARAMETER_NAMES = ("KoreanAlertLevel", "재난문자등급")


class AlertLevel(IntEnum):
    """Ordered so that a higher value outranks a lower one in the policy queue."""

    SAFETY = 1
    URGENT = 2
    EMERGENCY = 3

    @property
    def id(self) -> str:
        return self.name.lower()

    @property
    def korean(self) -> str:
        return _KOREAN[self]


_KOREAN = {AlertLevel.EMERGENCY: "위급재난문자", AlertLevel.URGENT: "긴급재난문자", AlertLevel.SAFETY: "안전안내문자"}
_BY_NAME = {
    **{lvl.id: lvl for lvl in AlertLevel},
    **{k: lvl for lvl, k in _KOREAN.items()},
    "위급": AlertLevel.EMERGENCY,
    "긴급": AlertLevel.URGENT,
    "안전안내": AlertLevel.SAFETY,
}


def parse_level(text: str) -> AlertLevel:
    """A level from its id (``emergency``…) or Korean name; ValueError otherwise."""
    level = _BY_NAME.get(text.strip().casefold()) or _BY_NAME.get(text.strip())
    if level is None:
        raise ValueError(f"{text!r} is not a Korean alert level ({', '.join(_BY_NAME)})")
    return level


def level_for(info: Info, explicit: str | AlertLevel | None = None) -> AlertLevel:
    """The level of one info block, by the rules in this module's docstring."""
    if isinstance(explicit, AlertLevel):
        return explicit
    if explicit is not None:
        return parse_level(explicit)
    named = info.parameter(*LEVEL_PARAMETER_NAMES)
    if named is not None:
        try:
            return parse_level(named)
        except ValueError as exc:
            raise CapError("info/parameter", str(exc)) from None
    soon = info.urgency in ("Immediate", "Expected")
    if info.severity == "Extreme" and soon:
        return AlertLevel.EMERGENCY
    if info.severity == "Extreme" or (info.severity == "Severe" and soon):
        return AlertLevel.URGENT
    return AlertLevel.SAFETY
