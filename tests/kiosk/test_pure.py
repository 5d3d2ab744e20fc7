"""Pure kiosk logic: idle timer, visit wipe, attract script, cached live values, language rotation, backoff."""

from __future__ import annotations

import math

import pytest

from game.alerts.rotation import MIN_TURN_S, LanguageRotation
from game.heartbeat import Beat
from game.kiosk.attract import AttractLoop
from game.kiosk.idle import IdleTimer
from game.kiosk.visit import Visit, wipe
from game.kiosk.watchdog import Backoff, Stall
from game.landmarks.views import View
from game.live_value import LiveValue, age_parts


def test_idle_timer_fires_once_after_timeout_and_input_resets_it():
    timer = IdleTimer(90.0)
    assert not timer.advance(1000.0), "no visit running: nothing to time out"
    timer.start()
    for _ in range(89):
        assert not timer.advance(1.0)
    timer.touch()
    assert not timer.advance(89.5)
    assert timer.advance(0.6)
    assert not timer.advance(100.0), "fires once, then disarmed"
    assert not timer.armed


def test_wipe_forgets_the_visit_but_reports_only_counts():
    visit = Visit("en", position=(1.0, 2.0, 90.0), typed="my phone is 010-1234", requests=["a" * 32, "b" * 32],
                  settings={"language": "en"})
    fresh, report = wipe(visit, "ko")
    assert fresh == Visit("ko") and not fresh.touched
    assert report.handed_to_outbox == 2 and report.discarded_chars == len("my phone is 010-1234")
    assert report.reset_settings == ("language",) and report.moved
    assert "010" not in repr(report)


def _views():
    return [("a", View((0.0, 40.0, 1.7), (0.0, 0.0, 5.0), 180.0)),
            ("b", View((100.0, 0.0, 1.7), (60.0, 0.0, 4.0), 90.0))]


def test_attract_shots_glide_in_towards_the_landmark_and_cycle():
    loop = AttractLoop.over(_views(), 10.0)
    cam0, target = loop.pose()
    assert target == (0.0, 0.0, 5.0)
    assert math.dist(cam0[:2], target[:2]) == pytest.approx(40 * 1.25)
    assert not loop.advance(9.9)
    cam1, _ = loop.pose()
    assert math.dist(cam1[:2], target[:2]) < math.dist(cam0[:2], target[:2])
    assert cam1[2] > cam0[2]
    assert loop.advance(0.2) and loop.shot.landmark_id == "b"
    assert loop.advance(10.0) and loop.shot.landmark_id == "a", "wraps around"
    with pytest.raises(ValueError):
        AttractLoop.over([], 10.0)


def test_attract_motion_is_continuous_within_a_shot():
    loop = AttractLoop.over(_views(), 12.0)
    prev = loop.pose()[0]
    for _ in range(119):
        loop.advance(0.1)
        cam = loop.pose()[0]
        assert math.dist(cam, prev) < 0.5, "no jumps inside a shot"
        prev = cam


def test_live_value_persists_and_reports_age(tmp_path):
    path = tmp_path / "live" / "status.json"
    live = LiveValue.restore("status", path)
    assert live.value is None and live.age(100.0) is None and live.stale
    live.update({"hub": "ok"}, 1000.0)
    assert not live.stale
    again = LiveValue.restore("status", path)
    assert again.value == {"hub": "ok"} and again.age(1000.0 + 3 * 3600 + 5) == 3 * 3600 + 5
    assert again.stale, "a restored value is cached until the link says otherwise"
    path.write_text("{broken", encoding="utf-8")
    assert LiveValue.restore("status", path).value is None
    assert age_parts(None) == ("never", 0)
    assert [age_parts(s) for s in (5, 125, 7300, 200000)] == [("s", 5), ("min", 2), ("h", 2), ("d", 2)]


def test_language_rotation_gives_each_language_its_reading_time():
    rot = LanguageRotation(("ko", "en"), {"ko": 9.0, "en": 2.0}.__getitem__)
    assert rot.current == "ko"
    assert not rot.advance(8.9)
    assert rot.advance(0.2) and rot.current == "en"
    assert not rot.advance(MIN_TURN_S - 0.1), "a short text still stays up for the floor"
    assert rot.advance(0.2) and rot.current == "ko"
    single = LanguageRotation(("ko",), lambda _: 1.0)
    assert not single.advance(100.0) and single.current == "ko"


def test_backoff_is_quick_first_then_doubles_while_crash_looping_and_resets_after_a_stable_run():
    b = Backoff(first=0.5, maximum=8.0, stable=60.0)
    assert [b.failed(2.0) for _ in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert b.failed(3600.0) == 0.5


def test_stall_uses_the_long_timeout_while_loading_and_the_short_one_when_running():
    s = Stall(start_timeout=60.0, run_timeout=3.0)
    s.reset(0.0)
    assert not s.observe(None, 59.0) and s.observe(None, 61.0)
    s.reset(0.0)
    assert not s.observe(Beat(1, 1, "loading", 5), 10.0)
    assert not s.observe(Beat(1, 1, "loading", 5), 69.0)
    assert not s.observe(Beat(1, 2, "attract", 9), 70.0)
    assert not s.observe(Beat(1, 2, "attract", 9), 72.9)
    assert s.observe(Beat(1, 2, "attract", 9), 73.1)


def test_exit_combination_becomes_showbase_event_order():
    from game.kiosk.settings import exit_event

    assert exit_event("control-alt-shift-q") == "shift-control-alt-q"
    assert exit_event("alt-control-f12") == "control-alt-f12"


def test_badge_says_offline_with_the_age_of_the_cached_value_in_every_language():
    from ui.kiosk.badge import badge_text

    live = LiveValue("city", value={"status": "connected"}, updated=1000.0)
    text = badge_text(live, 2, ("ko", "en"), 1000.0 + 7200)
    assert text.splitlines() == ["오프라인 · 마지막 연결: 2시간 전", "Offline · Last contact: 2 h ago",
                                 "보낼 요청 2건 저장됨", "2 requests saved for sending"]
    live.online = True
    assert badge_text(live, 0, ("en",), 0.0) == "Online"
