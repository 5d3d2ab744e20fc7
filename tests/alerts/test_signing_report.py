"""The ``--alert … --screenshot`` report's ``screen.signing``: who signs what, when, and which signs are stand-ins."""

from __future__ import annotations

import json

import pytest

from game.alert_job import run_alert_job
from game.config import AppConfig
from tests.alerts.paths import DATA
from ui.signing.panel import SigningPanel

pytestmark = pytest.mark.render


def test_report_lists_the_signed_segments_in_order(showbase, tmp_path):
    panel = SigningPanel(showbase.win, showbase.aspect2d, size=(160, 120))
    config = AppConfig(offscreen=True, size=(640, 360), alerts=(DATA / "earthquake_emergency.xml",),
                       screenshot=tmp_path / "alert.png", cache_dir=tmp_path / "cache")
    try:
        assert run_alert_job(showbase, config, signing=panel) == 0
    finally:
        panel.destroy()
    screen = json.loads((tmp_path / "alert.json").read_text(encoding="utf-8"))["screen"]
    signing = screen["signing"]
    segments = signing["segments"]
    assert [s["gloss"] for s in segments] == [g for g in screen["glosses"] if not g.startswith("[")]
    assert ["10", "#킬로", "#규모", "6.1"] == [s["gloss"] for s in segments][3:7]  # the alert's numbers, signed
    assert {s["source"] for s in segments} == {"avatar"}
    times = [t for s in segments for t in (s["start"], s["end"])]
    assert times == sorted(times) and all(s["end"] > s["start"] for s in segments)
    assert signing["placeholders"] == []


def test_placeholders_name_the_stand_in_signs_only(showbase):
    panel = SigningPanel(showbase.win, showbase.aspect2d, size=(160, 120))
    try:
        assert panel.lexicon.signs["먼지"].placeholder and not panel.lexicon.signs["지진"].placeholder
        panel.play(["지진", "먼지", "119", "#종로"])
        assert panel.placeholders() == ("먼지",)
        assert [(s.gloss, s.source) for s in panel.segments()] == [
            ("지진", "avatar"), ("먼지", "avatar"), ("119", "avatar"), ("#종로", "avatar")]
    finally:
        panel.destroy()


def test_the_visitors_size_and_corner_place_the_panel(showbase):
    from functools import partial

    from game.signing.placement import place

    aspect = showbase.getAspectRatio()
    panel = SigningPanel(showbase.win, showbase.aspect2d, size=(160, 120),
                         placement=partial(place, aspect_ratio=aspect, height=0.45, corner="top-left"))
    try:
        panel.set_frame((0.728, 1.728, -0.95, -0.2))  # the banner layout's region
        low, high = panel.card.get_tight_bounds()
        assert high.z - low.z == pytest.approx(0.9, abs=1e-3)  # 45 % of the screen height
        assert low.x == pytest.approx(-aspect + 0.04, abs=1e-3) and high.z == pytest.approx(0.96, abs=1e-3)
    finally:
        panel.destroy()
