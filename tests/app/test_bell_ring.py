"""Asking to ring the New Year's bell with a key, as a visitor does (issue 17): B asks the hub for the next strike
the automatic ringer has, the cue line says which is ours, and the teleport menu lists the bell before midnight.
The city's clock is pinned to 23:58 on New Year's Eve for the test (the app and its embedded hub share it)."""

from __future__ import annotations

import pytest

from game.text import i18n
from net import clock
from tests.net.conftest import wait_for


@pytest.fixture
def eve(desktop, monkeypatch):
    monkeypatch.setenv(clock.ENV, "2026-12-31T23:58:00+09:00")
    clock.reload()
    yield desktop
    desktop.ceremony.give_back()
    monkeypatch.delenv(clock.ENV)
    clock.reload()
    desktop.app.step(2)


def test_b_asks_for_the_first_free_strike_and_the_cue_names_it(eve, pilot) -> None:
    ceremony = eve.ceremony
    wait_for(lambda: ceremony.scheduler is not None, 20, "the bell's schedule", lambda: pilot.step())
    pilot.press("b")
    wait_for(lambda: ceremony.my_beat is not None, 10, "a strike of our own", lambda: pilot.step())
    assert ceremony.my_beat == 1
    lang = eve.app.language.value
    assert ceremony.cue.getText() == i18n.text("events.your_strike", lang, n=1)
    wait_for(lambda: ceremony.scheduler.schedule["ringers"][0] == "you", 20, "the hub to list us as the ringer",
             lambda: pilot.step())


def test_the_teleport_menu_lists_the_bell_after_the_landmarks(eve, pilot) -> None:
    wait_for(lambda: eve.ceremony.sync.ready, 20, "the hub's clock", lambda: pilot.step())
    pilot.press("t")
    items = eve.explore.panel.items
    lang = eve.app.language.value
    assert items[-1] == ("bosingak", i18n.text("events.menu_in", lang, title=eve.ceremony.spec.title[lang], minutes=2))
    landmarks = list(eve.app.landmarks)
    assert [i for i, _ in items[:len(landmarks)]] == landmarks  # the landmarks keep their numbers
    pilot.press("escape")


def test_the_crowd_around_bosingak_runs_on_the_bells_hub_clock(eve) -> None:
    """The street's people and the strikes share one clock: the crowd the bell draws fills Jongno on hub time."""
    assert eve.life.life.hub_time == eve.ceremony.hub_now
