"""Korean alert levels: explicit argument, explicit CAP parameter, then severity × urgency."""

from __future__ import annotations

import dataclasses

import pytest

from game.alerts.levels import AlertLevel, level_for, parse_level
from game.alerts.model import Info, NamedValue
from game.alerts.parser import CapError

INFO = Info(event="x", urgency="Immediate", severity="Extreme", certainty="Observed", categories=("Geo",))


@pytest.mark.parametrize(("severity", "urgency", "level"), [
    ("Extreme", "Immediate", AlertLevel.EMERGENCY),
    ("Extreme", "Expected", AlertLevel.EMERGENCY),
    ("Extreme", "Future", AlertLevel.URGENT),
    ("Severe", "Immediate", AlertLevel.URGENT),
    ("Severe", "Expected", AlertLevel.URGENT),
    ("Severe", "Past", AlertLevel.SAFETY),
    ("Moderate", "Immediate", AlertLevel.SAFETY),
    ("Minor", "Immediate", AlertLevel.SAFETY),
    ("Unknown", "Unknown", AlertLevel.SAFETY),
])
def test_level_from_severity_and_urgency(severity, urgency, level):
    assert level_for(dataclasses.replace(INFO, severity=severity, urgency=urgency)) is level


@pytest.mark.parametrize("value", ["안전안내문자", "안전안내", "safety", "SAFETY"])
def test_explicit_parameter_wins_over_severity(value):
    info = dataclasses.replace(INFO, parameters=(NamedValue("KoreanAlertLevel", value),))
    assert level_for(info) is AlertLevel.SAFETY


def test_explicit_argument_wins_over_parameter():
    info = dataclasses.replace(INFO, parameters=(NamedValue("재난문자등급", "위급"),))
    assert level_for(info) is AlertLevel.EMERGENCY
    assert level_for(info, "urgent") is AlertLevel.URGENT
    assert level_for(info, AlertLevel.SAFETY) is AlertLevel.SAFETY


def test_bad_level_parameter_is_a_cap_error():
    info = dataclasses.replace(INFO, parameters=(NamedValue("KoreanAlertLevel", "red"),))
    with pytest.raises(CapError) as err:
        level_for(info)
    assert err.value.element == "info/parameter" and "red" in err.value.reason


def test_levels_order_and_names():
    assert AlertLevel.EMERGENCY > AlertLevel.URGENT > AlertLevel.SAFETY
    assert [lvl.korean for lvl in sorted(AlertLevel, reverse=True)] == ["위급재난문자", "긴급재난문자", "안전안내문자"]
    assert parse_level("긴급재난문자") is AlertLevel.URGENT
    with pytest.raises(ValueError):
        parse_level("orange")
