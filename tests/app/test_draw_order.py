"""Draw order as policy, measured from rendered pixels: an alert's captions stay readable (≥ 7:1) and untouched
with the teleport menu, a room panel and its on-screen keyboard open; the hint bar and chat step aside while an
alert is up; an empty chat takes no room; rooms hide the street's hints."""

from __future__ import annotations

import numpy as np

from game.alerts.contrast import AAA_RATIO, measured_text_contrast
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
