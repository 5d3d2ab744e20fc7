"""Every alert string the overlay uses exists in both languages."""

from __future__ import annotations

from game.alerts.levels import AlertLevel
from game.text import i18n


def test_level_badge_and_button_strings_exist():
    keys = [f"alerts.level_{lvl.id}" for lvl in AlertLevel] + [
        "alerts.badge_exercise", "alerts.badge_test", "alerts.drill_notice", "alerts.acknowledge", "alerts.replay"]
    for key in keys:
        assert i18n.text(key, "ko") != i18n.text(key, "en")
    assert i18n.text("alerts.level_emergency", "ko") == AlertLevel.EMERGENCY.korean
    assert i18n.text("alerts.page", "en", page=1, pages=3) == "1/3"
    assert "행정안전부" in i18n.text("alerts.sender", "ko", sender="행정안전부")
