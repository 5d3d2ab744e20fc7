"""What the ceremony shows (game/events/display.py): countdown, the teleport menu's entry, captions, flash limit."""

from __future__ import annotations

import datetime as dt

import pytest

from game.events import display
from net import events
from net.events import KST


@pytest.fixture(scope="module")
def occ():
    return events.load_all()["new-year-bell"].occurrence(dt.datetime(2026, 12, 31, 20, tzinfo=KST).timestamp())


def at(hh: int, mm: int, ss: float = 0, day: int = 31) -> float:
    month, year = (12, 2026) if day == 31 else (1, 2027)
    return dt.datetime(year, month, day, hh, mm, tzinfo=KST).timestamp() + ss


def test_the_countdown_runs_from_23_50_and_never_shows_zero_early(occ) -> None:
    assert display.countdown(occ, at(23, 49, 59), "en") is None
    assert display.countdown(occ, at(23, 50), "en") == "New Year's bell in 10:00"
    assert display.countdown(occ, at(23, 55), "ko") == "제야의 종까지 05:00"
    assert display.countdown(occ, at(23, 59, 59.5), "en") == "New Year's bell in 00:01"
    assert display.countdown(occ, at(0, 0, day=1), "en") is None


def test_the_teleport_menu_lists_the_bell_in_the_hour_before_and_while_it_rings(occ) -> None:
    assert display.menu_label(occ, at(22, 59), "en") is None
    assert display.menu_label(occ, at(23, 52), "en") == "New Year's bell — in 8 min"
    assert display.menu_label(occ, at(23, 52), "ko") == "제야의 종 — 8분 후"
    assert display.menu_label(occ, at(0, 3, day=1), "en") == "New Year's bell — happening now"


def test_the_caption_carries_both_languages() -> None:
    assert display.caption(12, 33) == "[보신각 · Bosingak] 종소리 12/33 · bell 12/33"  # the source, then the sound


def test_no_more_than_three_flashes_in_any_second() -> None:
    gate = display.FlashGate()
    allowed = [t for t in (0.0, 0.1, 0.2, 0.3, 0.5, 0.99, 1.0, 1.05, 1.1, 1.2) if gate.allow(t)]
    assert allowed == [0.0, 0.1, 0.2, 1.0, 1.1, 1.2]
    times = sorted(allowed)
    assert all(sum(1 for u in times if t <= u < t + 1) <= 3 for t in times)


def test_the_log_is_pulled_back_before_a_strike_touches_the_bell_at_it_and_rests_between() -> None:
    beats = [100.0, 125.0]
    assert display.log_offset(90.0, beats) == 0.0
    assert display.log_offset(99.0, beats) > 0.5 * display.PULL_BACK_M
    assert display.log_offset(99.9, beats) < display.log_offset(99.7, beats)  # swinging in
    assert display.log_offset(100.0, beats) == 0.0  # contact at the beat, on every client alike
    assert 0 < display.log_offset(100.5, beats) <= 0.25  # the bounce
    assert display.log_offset(110.0, beats) == 0.0


def test_the_next_free_strike_is_the_first_automatic_one_far_enough_ahead() -> None:
    schedule = {"beats": [100.0, 125.0, 150.0], "ringers": ["auto", "visitor", "auto"]}
    assert display.next_free_beat(schedule, 90.0) == 1
    assert display.next_free_beat(schedule, 96.0) == 3  # beat 1 too close, beat 2 taken
    assert display.next_free_beat(schedule, 146.0) is None


def test_the_greeting_is_captioned_in_both_languages_and_its_signer_stays_on_screen() -> None:
    assert display.greeting_caption() == "[새해 복 많이 받으세요 · Happy New Year]"
    for aspect in (4 / 3, 16 / 9, 21 / 9):
        left, right, bottom, top = display.greeting_region(aspect)
        assert -aspect < left < right < aspect and -1 < bottom < top < 1
        assert abs((right - left) / (top - bottom) - 4 / 3) < 1e-9
        assert bottom > -0.7 and top < 0.5  # above the caption line, below the HUD's countdown


def test_a_pulled_strike_sounds_and_is_felt_by_its_force_an_automatic_one_steady() -> None:
    assert display.strike_volume(None) == display.AUTO_VOLUME
    soft, hard = display.strike_volume(0.15), display.strike_volume(1.0)
    assert 0.4 < soft < display.AUTO_VOLUME < hard == 1.0
    assert display.strike_volume(3.0) == 1.0 and display.strike_volume(-1.0) == pytest.approx(0.45)
    assert display.strike_haptic(None)[0] < display.strike_haptic(0.2)[0] < display.strike_haptic(1.0)[0] <= 1.0
