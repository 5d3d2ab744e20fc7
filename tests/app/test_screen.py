"""Draw order as policy, measured from rendered pixels: an alert's captions stay readable (≥ 7:1) and untouched
with the teleport menu, a room panel and its on-screen keyboard open; the hint bar and chat step aside while an
alert is up; an empty chat takes no room. One language: after L no Korean is left on screen (and back), and the
choice outlives a restart unless --lang says otherwise."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from panda3d.core import Point2, Point3

from game.alerts.contrast import AAA_RATIO, measured_text_contrast
from game.alerts.parser import parse_file
from game.config import config_from_args
from game.language import Language
from net import clock
from tests.alerts.paths import DATA
from tests.app.test_input import CITY_HALL, alert
from ui.alerts.measure import crop, frame_rgb, region_px
from ui.choice_menu import ChoiceMenu


def caption(desktop) -> np.ndarray:
    app = desktop.app
    app.step(3)
    overlay = desktop.alerts.controller.overlay
    box = region_px(overlay.caption_np, app.base.render2d, app.base.win.getXSize(), app.base.win.getYSize())
    return crop(frame_rgb(app.base.win), box).astype(int)


def test_alert_captions_stay_on_top_of_menus_panels_and_keyboards(desktop, pilot) -> None:
    app = desktop.app
    pilot.press("t", CITY_HALL, "e", "2")  # the 120 Center: its panel, with the on-screen keyboard on a field
    panel = desktop.explore.visit.panel
    assert panel.keyboard is not None and not panel.keyboard.frame.isHidden()
    menu = ChoiceMenu(app.base.aspect2d, app.font, "teleport", "", [(lm.id, lm.name("ko")) for lm in
                      app.landmarks.values()], lambda _: None, lambda: None)  # drawn like the T menu, over it all
    try:
        for name in ("heavy_rain_urgent.xml", "earthquake_emergency.xml"):
            alert(desktop, name)
            crowded = caption(desktop)
            assert measured_text_contrast(crowded.astype(np.uint8)) >= AAA_RATIO, name
            menu.frame.hide()
            panel.frame.hide()
            panel.keyboard.frame.hide()
            alone = caption(desktop)
            assert np.abs(crowded - alone).mean() < 1.0, name  # nothing of theirs is drawn over the captions
            menu.frame.show()
            panel.frame.show()
            panel.keyboard.frame.show()
            pilot.press("enter")
    finally:
        menu.destroy()


def test_hints_and_chat_step_aside_while_an_alert_is_up(desktop, pilot) -> None:
    chat = desktop.social.task.panel
    assert not desktop.explore.help.isHidden() and not chat.frame.isHidden()
    alert(desktop)
    app = desktop.app
    app.step()
    assert desktop.explore.help.isHidden() and chat.frame.isHidden()
    pilot.press("enter")
    assert not desktop.explore.help.isHidden() and not chat.frame.isHidden()


def test_an_empty_chat_takes_no_room(desktop, pilot) -> None:
    chat = desktop.social.task.panel
    closed = chat.frame.getHeight()
    pilot.press("enter")
    assert chat.open
    assert closed < 0.5 * chat.frame.getHeight()  # the log's room comes with the open input (or the first line)


ROOT = Path(__file__).resolve().parents[2]
HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


def visible_texts(app, roots=None) -> list[str]:
    """The text of every visible text node of the 2D layers (menus, hints, badges, chat, alert overlay)."""
    out = []
    for root in roots or (app.base.aspect2d, app.base.aspect2dp, app.base.render2d):
        for np_ in root.findAllMatches("**/+TextNode"):
            if not np_.isHidden() and np_.node().getText().strip():
                out.append(np_.node().getText())
    return sorted(set(out))


def test_one_language_for_everything_on_screen(desktop, pilot) -> None:
    app = desktop.app
    alert(desktop)  # an alert with an English part: its frame, buttons and text follow the setting too
    app.step(2)
    assert any(HANGUL.search(t) for t in visible_texts(app))
    korean = visible_texts(app, [app.base.aspect2d])  # the alert layer's pages and signer move with time
    pilot.press("enter", "l")
    alert(desktop)
    app.step(2)
    english = visible_texts(app)
    assert [t for t in english if HANGUL.search(t)] == []
    assert desktop.alerts.badge.getText() and desktop.alerts.controller.overlay.visible
    pilot.press("enter", "l")
    alert(desktop)
    app.step(2)
    assert visible_texts(app, [app.base.aspect2d]) == korean  # and back: as before, nothing left in English


def test_rooms_follow_the_setting_and_f3_switches_it_for_the_whole_app(desktop, pilot) -> None:
    pilot.press("l", "t", CITY_HALL, "e", "2")
    panel = desktop.explore.visit.panel
    assert panel.state.lang == "en" and not HANGUL.search(panel.title.getText())
    assert "Roads" in panel.items[2].widget["text"]  # a ticket category by its name, never its id ("road")
    room = desktop.explore.visit.scene.room

    def signs() -> list[str]:  # the counters' signs, in the 3D room
        return [n.node().getText() for n in room.findAllMatches("**/counter-*")]

    assert signs() and not [t for t in signs() if HANGUL.search(t)]
    pilot.press("f3")
    assert desktop.app.language.value == "ko" and "도로" in panel.items[2].widget["text"]
    assert all(HANGUL.search(t) for t in signs()), "the room's signs are relabelled live"


def test_the_choice_outlives_a_restart_and_lang_wins(desktop, pilot) -> None:
    app = desktop.app
    pilot.press("l")
    stored = app.language.config_dir
    assert Language.start(None, "ko", stored).value == "en"  # the next start, without --lang
    config = config_from_args(["--lang", "ko"])
    assert config.language_chosen
    assert Language.start(config.language, "ko", stored).value == "ko"


def test_an_alert_published_as_the_readme_says_reaches_the_running_app(desktop, pilot) -> None:
    """README "Sending an alert to the running app": ``python -m net.hub --data-dir <embedded hub> publish``."""
    app = desktop.app
    hub_dir = desktop.city.hub.hub_dir
    assert hub_dir == app.config.cache_dir / "embedded-city" / "hub"  # where the README says it is
    # A new alert, as an operator writes one: sent now (by the program's clock), an identifier never published.
    xml = (DATA / "fine_dust_safety.xml").read_text(encoding="utf-8")
    identifier = parse_file(DATA / "fine_dust_safety.xml").identifier
    fresh = re.sub(r"<sent>[^<]*</sent>", f"<sent>{clock.now_kst().isoformat(timespec='seconds')}</sent>", xml)
    fresh = fresh.replace(f"<identifier>{identifier}</identifier>", f"<identifier>{identifier}-README</identifier>")
    new_alert = app.config.cache_dir / "new-alert.xml"
    new_alert.write_text(fresh, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "net.hub", "--data-dir", str(hub_dir), "publish", str(new_alert)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and '"published"' in proc.stdout, proc.stdout + proc.stderr[-2000:]
    deadline = time.monotonic() + 10
    while not desktop.alerts.shown and time.monotonic() < deadline:
        app.step()
    assert desktop.alerts.controller.shown.alert.identifier == f"{identifier}-README"


def screen_box(app, node) -> tuple[float, float, float, float]:
    """(left, right, bottom, top) in film units (-1…1) of a 3D node as the camera sees it."""
    lo, hi = node.getTightBounds(app.base.cam)
    lens, xs, ys = app.base.camLens, [], []
    for x in (lo.x, hi.x):
        for y in (lo.y, hi.y):
            for z in (lo.z, hi.z):
                p = Point2()
                lens.project(Point3(x, y, z), p)
                xs.append(p.x)
                ys.append(p.y)
    return min(xs), max(xs), min(ys), max(ys)


@pytest.mark.parametrize(("room", "sign"), [("3", "calendar-title"), ("4", "title")])
def test_room_panels_leave_the_walls_in_view_and_chat_keeps_to_the_street(desktop, pilot, room, sign) -> None:
    app = desktop.app
    pilot.press("t", CITY_HALL, "e", room)  # reservations (its calendar), exhibition (its wall text)
    assert desktop.social.task.panel.frame.isHidden() and desktop.explore.help.isHidden()
    wall = screen_box(app, app.world.find(f"**/{sign}"))
    lo, hi = desktop.explore.visit.panel.frame.getTightBounds(app.base.render2d)
    assert wall[2] > hi.z or wall[0] > hi.x, (wall, lo, hi)  # above the panel or right of it: not covered
    pilot.press("escape")
    assert not desktop.social.task.panel.frame.isHidden() and not desktop.explore.help.isHidden()
