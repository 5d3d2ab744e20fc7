"""The live alert path announces every presented alert once to the assistive-technology output, with its level."""

from __future__ import annotations

import datetime as dt

import pytest

from game.alerts.parser import parse_file
from game.alerts.policy import AlertPolicy
from game.assistive import AssistiveOutput
from tests.alerts.paths import DATA
from ui.alerts.controller import AlertController
from ui.alerts.overlay import AlertOverlay

pytestmark = pytest.mark.render
NOW = dt.datetime(2026, 7, 10, 23, 0, tzinfo=dt.UTC)


def test_controller_sends_each_presented_alert_once_with_its_level(showbase, tmp_path):
    out = AssistiveOutput(tmp_path / "at.txt", speech_dispatcher=False)
    overlay = AlertOverlay(showbase.aspect2d, showbase.getAspectRatio(), None, "ko")
    controller = AlertController(AlertPolicy(lang="ko"), overlay, tmp_path, announce=out.announce)
    try:
        for name in ["fine_dust_safety.xml", "earthquake_emergency.xml", "earthquake_emergency.xml",
                     "fine_dust_cancel.xml", "earthquake_busan_outside.xml"]:
            controller.receive(parse_file(DATA / name), NOW)
    finally:
        controller.destroy()
    lines = (tmp_path / "at.txt").read_text(encoding="utf-8").splitlines()
    # The duplicate, the cancellation and the alert for Busan are not presented here, so not announced.
    assert [line.split(" | ")[0] for line in lines] == [
        "ALERT level=safety id=KR-PM-20260302-0007 lang=ko",
        "ALERT level=emergency critical id=KR-EQ-20260521-0001 lang=ko"]
