"""End-to-end civic flows driven through the app's own input events (Tab, Enter, keystrokes) against a real
embedded hub: FAQ with a Korean typo, file a complaint and read its status, book and cancel (a conflict is
explained), propose and vote twice (one vote counted); refused text stays in the form. One ShowBase for all."""

from __future__ import annotations

import time

import pytest

from game.app import App
from game.civic.desk import CivicDesk
from game.config import AppConfig
from net.embedded import EmbeddedHub
from ui.civic import screens

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("civic")
    hub = EmbeddedHub(tmp / "city")
    hub.start()
    link = hub.link()
    app = App(AppConfig(offscreen=True, size=(320, 180), cache_dir=tmp / "cache"))
    desk = CivicDesk(link)
    yield app, desk
    app.base.destroy()
    link.close()
    hub.stop()


def keys(app, text: str) -> None:
    for ch in text:
        app.base.messenger.send("keystroke", [ch])


def press(app, *events: str) -> None:
    for e in events:
        app.base.messenger.send(e)


def wait_for(app, desk, panel, needle: str, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desk.poll()
        app.step()
        if needle in panel.state.message:
            return panel.state.message
        time.sleep(0.005)
    raise AssertionError(f"{needle!r} never shown; last message: {panel.state.message!r}")


def test_faq_with_a_korean_typo_and_a_complaint_with_its_status(world) -> None:
    app, desk = world
    spoken = []
    panel = screens.center_panel(app.base, app.font, "ko", desk, "서울광장", 37.5658, 126.9779,
                                 speak=lambda text, lang: spoken.append(text))
    try:
        keys(app, "durnj qkfrmq")  # 두벌식 for "여궈 발급" (the ㄴ of 여권 is missing)
        assert panel.items[0].field.text == "여궈 발급"
        t0 = time.perf_counter()
        press(app, "enter", "enter")  # leave the field, press "찾기"
        assert time.perf_counter() - t0 < 1.0
        assert "여권" in panel.state.message and "구청" in panel.state.message
        press(app, "f4", "tab")  # voice guide on; focus the category button: it is spoken
        assert spoken[-1].startswith("분류")
        press(app, "enter", "tab")  # category: traffic
        keys(app, "tlcjd")  # 시청 — too short: refused, text kept
        press(app, "tab", "enter")
        assert "너무 짧아요" in panel.state.message and panel.items[3].field.text == "시청"
        press(app, "shift-tab")
        keys(app, " dkv qhehrk Rowu dlTdjdy")  # " 앞 보도가 깨져 있어요"
        press(app, "tab", "enter")
        message = wait_for(app, desk, panel, "접수됐어요")
        assert "상태: 접수" in message and panel.items[3].field.text == ""
        press(app, "tab", "enter")
        message = wait_for(app, desk, panel, "#")
        assert "접수 · 시청 앞 보도가 깨져 있어요" in message
    finally:
        panel.destroy()


def test_profanity_is_refused_and_the_text_kept(world) -> None:
    app, desk = world
    panel = screens.office_panel(app.base, app.font, "ko", desk)
    try:
        keys(app, "tlqkf ehfhqkf")  # 시발 도로발 — title with a swear word
        press(app, "tab")
        keys(app, "dkanrjteh ekfmwl dksgdkdy")
        press(app, "tab", "enter")
        assert "욕설" in panel.state.message
        assert panel.items[0].field.text == "시발 도로발" and panel.items[1].field.text
    finally:
        panel.destroy()


def test_propose_then_vote_twice_counts_one(world) -> None:
    app, desk = world
    panel = screens.office_panel(app.base, app.font, "en", desk)
    try:
        press(app, "f2")  # Latin keys
        keys(app, "More benches on Seoul Plaza")
        press(app, "tab")
        keys(app, "There is nowhere to sit in the shade near the lawn.")
        press(app, "tab", "enter")
        wait_for(app, desk, panel, "Proposal posted")
        press(app, "tab", "enter")
        assert "1 votes" in wait_for(app, desk, panel, "Voted")
        press(app, "enter")
        wait_for(app, desk, panel, "already voted")
    finally:
        panel.destroy()


def test_book_conflict_explained_then_cancel(world) -> None:
    app, desk = world
    facilities = [{"facility_id": "seoul-plaza", "name_ko": "서울광장", "name_en": "Seoul Plaza", "open_hour": 9,
                   "close_hour": 21}]
    panel = screens.reservations_panel(app.base, app.font, "en", desk, facilities, "2030-06-01")
    try:
        press(app, "tab", "tab", "enter", "tab", "enter")  # hour 10:00, book
        assert "10:00" in wait_for(app, desk, panel, "Booked")
        press(app, "enter")  # the same hour again: taken, and the message lists what is free
        message = wait_for(app, desk, panel, "already booked")
        assert "10:00 is already booked" in message and "Free hours: 09:00, 11:00" in message
        press(app, "tab", "enter")
        wait_for(app, desk, panel, "cancelled")
        press(app, "shift-tab", "enter")  # freed: it can be booked again
        wait_for(app, desk, panel, "Booked")
    finally:
        panel.destroy()
