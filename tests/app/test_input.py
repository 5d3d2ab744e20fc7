"""Keys as a person presses them, through the window: typing reaches the focused field and nothing else, an
alert on screen takes every key before any menu, form or chat under it, and Esc closes the top of the stack
(at the bottom it asks before quitting)."""

from __future__ import annotations

import itertools
import time
from dataclasses import replace
from math import dist

import pytest

from game.alerts.parser import parse_file
from tests.alerts.paths import DATA

SERIAL = itertools.count()
GREETING = "안녕하세요 hello"
CITY_HALL = "8"  # its number in the teleport menu


def type_greeting(pilot) -> None:
    """Hangul from an input method, a space, F2 to Latin keys, then English on the keyboard."""
    pilot.type("안녕하세요 ")
    pilot.press("f2")
    pilot.type("hello")


def alert(desktop, name: str = "earthquake_emergency.xml") -> None:
    """A fresh copy of a sample alert (a new identifier: the app shows each message once) arrives."""
    sample = parse_file(DATA / name)
    desktop.alerts.receive(replace(sample, identifier=f"{sample.identifier}-{next(SERIAL)}"), "test")
    desktop.app.step()
    assert desktop.alerts.shown


def position(desktop) -> tuple[float, float, float]:
    w = desktop.explore.walker
    return round(w.x, 3), round(w.y, 3), round(w.heading, 3)


def test_typing_into_chat_reads_back_and_never_walks_or_opens_panels(desktop, pilot) -> None:
    chat = desktop.social.task.panel
    before = position(desktop)
    pilot.press("enter")
    assert chat.open
    type_greeting(pilot)
    assert chat.field.text == GREETING
    pilot.press("backspace")
    pilot.type("o wasd tier")  # walking keys, teleport, info, rooms, language, replay: all text here
    pilot.hold("w", 5)
    assert chat.field.text == GREETING + " wasd tierw"
    assert position(desktop) == before
    assert desktop.explore.panel is None and desktop.app.language.value == "ko"
    pilot.press("escape")
    assert not chat.open and desktop.explore.confirm is None  # Esc closed the chat line only


def test_walking_keys_walk_when_nothing_is_open(desktop, pilot) -> None:
    before = position(desktop)
    pilot.hold("w", 8)
    assert position(desktop) != before


@pytest.mark.parametrize("room", ["1", "2"])  # mayor's office, 120 Center: their first row is a text field
def test_typing_into_a_civic_form(desktop, pilot, room) -> None:
    pilot.press("t", CITY_HALL, "e", room)
    visit = desktop.explore.visit
    assert visit is not None and desktop.app.flow.state == "civic"
    assert desktop.explore.help.isHidden()  # the street's hints do not belong inside
    type_greeting(pilot)
    assert visit.panel.items[0].field.text == GREETING
    pilot.press("escape")
    assert desktop.explore.visit is None and desktop.app.flow.state == "explore"


def test_alert_over_the_teleport_menu_takes_enter_first(desktop, pilot) -> None:
    before = position(desktop)
    pilot.press("t")
    menu = desktop.explore.panel
    assert menu is not None
    alert(desktop)
    assert desktop.app.flow.state == "alert"
    pilot.press("enter")  # acknowledges the alert only
    assert not desktop.alerts.shown and desktop.explore.panel is menu and position(desktop) == before
    assert desktop.app.flow.state == "teleport"  # back to what the visitor was doing
    pilot.press("escape")
    assert desktop.explore.panel is None and desktop.explore.confirm is None


def test_alert_over_chat_takes_enter_and_the_typed_text(desktop, pilot) -> None:
    chat = desktop.social.task.panel
    sent = []
    chat.on_send = lambda text, scope: sent.append(text)
    try:
        pilot.press("enter")
        pilot.type("abc")
        alert(desktop)
        pilot.type("xyz")
        pilot.press("enter")
        assert not desktop.alerts.shown and chat.open and sent == []
        assert chat.field.text == "abc"
    finally:
        chat.on_send = desktop.social.task._send


def test_enter_in_the_street_with_an_alert_does_not_open_chat(desktop, pilot) -> None:
    alert(desktop)
    pilot.press("enter")
    assert not desktop.alerts.shown and not desktop.social.task.panel.open
    pilot.press("r")  # replay brings it back; Esc acknowledges it
    assert desktop.alerts.shown
    pilot.press("escape")
    assert not desktop.alerts.shown and desktop.explore.confirm is None


def test_alert_over_a_room_form_keeps_the_form(desktop, pilot) -> None:
    pilot.press("t", CITY_HALL, "e", "2")
    panel = desktop.explore.visit.panel
    pilot.type("시청")
    alert(desktop, "heavy_rain_urgent.xml")
    pilot.type("xyz")
    pilot.press("tab", "enter")  # the alert takes both: Tab does nothing, Enter acknowledges
    assert not desktop.alerts.shown
    assert panel.items[0].field.text == "시청" and panel.state.focus == 0
    pilot.press("tab")  # the form has the keys again
    assert panel.state.focus == 1


def test_esc_asks_before_quitting_and_never_quits_outright(desktop, pilot, monkeypatch) -> None:
    quits = []
    monkeypatch.setattr(desktop.app.base, "userExit", lambda: quits.append(True))
    pilot.press("escape")
    confirm = desktop.explore.confirm
    assert confirm is not None and quits == []
    text = confirm.text.getText()
    assert "끝낼까요" in text and "Quit" in text  # both languages
    pilot.press("w", "escape")  # the question holds the keys; Esc answers "no"
    assert desktop.explore.confirm is None and quits == []
    pilot.press("escape", "y")
    assert quits == [True]


def test_teleport_info_rooms_and_back_out(desktop, pilot, caplog) -> None:
    """The street's keys end to end (moved here from the offscreen probe, now with real key presses)."""
    app, explore = desktop.app, desktop.explore
    pilot.press("t")
    assert app.flow.state == "teleport" and explore.panel is not None
    pilot.press("arrow_down", "arrow_down", "enter")  # the third entry: Bosingak
    assert app.flow.state == "explore"
    assert dist(app.landmarks["bosingak"].local, (explore.walker.x, explore.walker.y)) < 60
    cam = app.base.camera.getPos(app.base.render)
    assert dist((cam.x, cam.y), (explore.walker.x, explore.walker.y)) < 0.01
    pilot.press("i")
    assert app.flow.state == "info" and explore.nearest_landmark() == "bosingak" and explore.panel is not None
    pilot.press("escape")
    assert app.flow.state == "explore" and explore.panel is None
    pilot.press("t", "1")
    assert dist(app.landmarks["gwanghwamun"].local, (explore.walker.x, explore.walker.y)) < 90
    pilot.press("e")  # far from City Hall: a hint, no menu
    assert app.flow.state == "explore" and "E" in explore.help.getText()
    pilot.press("t", CITY_HALL, "e")
    assert app.flow.state == "teleport"  # the room chooser
    street = app.base.camera.getPos(app.base.render)
    pilot.press("1")  # the mayor's office
    assert app.flow.state == "civic" and (app.base.camera.getPos(app.base.render) - street).length() > 5
    pilot.press("escape")
    assert app.flow.state == "explore" and (app.base.camera.getPos(app.base.render) - street).length() < 0.01
    pilot.press("t", CITY_HALL, "e")
    pilot.press("1", "escape", quick=True)  # in and out of the office within one frame, before the hub answers
    for _ in range(30):  # the office asked the hub for its boards: replies that come after leaving are dropped
        time.sleep(0.01)
        app.step()
    assert app.flow.state == "explore" and "subscriber" not in caplog.text


def test_first_minute_card_on_a_first_start_and_again_with_f1(desktop, pilot) -> None:
    from game.language import recall

    assert desktop.card_at_start and recall(desktop.app.language.config_dir, "onboarded") is True
    before = position(desktop)
    pilot.press("f1")
    card = desktop.explore.card
    assert card is not None and "T" in card.body.getText()
    pilot.press("w")  # the card holds the keys: the first one only closes it
    assert desktop.explore.card is None and position(desktop) == before
    pilot.press("shift-/")  # "?"
    assert desktop.explore.card is not None
    pilot.press("escape")
    assert desktop.explore.card is None and desktop.explore.confirm is None


def test_the_compass_names_where_you_face_and_the_nearest_landmarks(desktop, pilot) -> None:
    text = desktop.explore.compass.text.getText()
    assert "광화문광장" in text and "m" in text and "바라보는 쪽" in text
    pilot.press("l")
    assert "Gwanghwamun Square" in desktop.explore.compass.text.getText()
