"""Easy mode through the real window: chosen on the start screen and kept, larger text and buttons, and one
choice in the "take me to…" menu walks the visitor to each landmark (not a teleport), with narration there."""

from __future__ import annotations

import json
import math

import pytest
from panda3d.core import ClockObject

from game import easy_settings
from game.features import easy_mode
from game.language import settings_file
from game.text import i18n

STEP_S = 10.0  # a pinned, long frame: 56 m of walking at four times walking speed, in collision-checked steps


def choose_easy(pilot) -> None:
    pilot.press("f5", "1")  # the start screen's question (F5 asks it again): 1 = easy mode


def text_scales(explore) -> tuple[float, float]:
    """The hint bar's and the compass's text size, as their text nodes draw it."""
    return tuple(t.textNode.getTransform().getRow3(2).length() for t in (explore.help, explore.compass.text))


def test_the_start_screen_asks_and_the_choice_is_kept(desktop, pilot) -> None:
    assert desktop.asked_at_start  # a fresh config directory: the question was up on the first frame
    explore, app = desktop.explore, desktop.app
    before = text_scales(explore)
    choose_easy(pilot)
    assert desktop.easy.on and explore.help_key == "easy.help"
    stored = json.loads(settings_file(app.language.config_dir).read_text(encoding="utf-8"))
    assert stored[easy_settings.KEY] is True
    after = text_scales(explore)
    for small, large in zip(before, after, strict=True):
        assert large == pytest.approx(small * easy_settings.UI_SCALE)
    assert desktop.aids.speech.rates == easy_settings.SPEECH_RATES  # the voice guide, slower
    assert not desktop.easy.view.button.isHidden()  # one touch: the "take me to…" button

    pilot.press("space")  # "take me to…": a large menu (every landmark, as large as still fits the screen)
    assert desktop.easy.menu.frame.getSz(app.base.aspect2d) > 1.3
    pilot.press("escape")
    assert desktop.easy.menu is None
    pilot.click(desktop.easy.view.button)  # …or one touch on the large button
    assert desktop.easy.menu is not None
    pilot.press("escape")
    assert not desktop.easy.view.help.isHidden()  # the help button, always there in easy mode
    pilot.click(desktop.easy.view.help)
    assert explore.card is not None


def test_a_restart_keeps_easy_mode_without_asking(desktop, pilot) -> None:
    choose_easy(pilot)
    old = desktop.easy
    slot = desktop.handles.index(old)
    old.release()
    desktop.handles[slot] = easy_mode(desktop)  # installed again, as the next start installs it
    assert desktop.easy is not old
    assert desktop.easy.on and desktop.easy.chooser is None
    assert desktop.explore.help_key == "easy.help"


@pytest.mark.parametrize("index", range(9))
def test_one_choice_walks_the_visitor_to_each_landmark(desktop, pilot, index, monkeypatch) -> None:
    app, explore, easy = desktop.app, desktop.explore, desktop.easy
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(desktop.aids, "speak", lambda text, lang: said.append((text, lang)))
    choose_easy(pilot)
    lid = list(app.landmarks)[index]
    start = (explore.walker.x, explore.walker.y)
    pilot.press("space", str(index + 1))  # "take me to…", then the landmark's number
    assert easy.target == lid  # walking (or, for the square the visitor starts on, already there)
    goal = app.scene.view(lid).camera[:2]
    clock = app.base.clock
    clock.setMode(ClockObject.MNonRealTime)
    clock.setFrameRate(1.0 / STEP_S)
    seen = [start]
    try:
        for _ in range(120):
            pilot.step()
            seen.append((explore.walker.x, explore.walker.y))
            if easy.walk is None:
                break
    finally:
        clock.setMode(ClockObject.MNormal)
    assert easy.walk is None
    assert math.dist((explore.walker.x, explore.walker.y), goal) < 0.05
    assert app.base.camera.getX() == pytest.approx(explore.walker.x)
    if math.dist(start, goal) > 60:  # walked, not teleported: many steps, none longer than a long frame's walk
        assert len(seen) > 3
        assert max(math.dist(p, q) for p, q in zip(seen[:-1], seen[1:], strict=True)) <= 1.4 * 4 * STEP_S + 1.0
    caption = easy.view.caption.getText()
    lm = app.landmarks[lid]
    assert lm.description["ko"] in caption and lm.description["en"] in caption
    assert not easy.view.caption.isHidden()
    pilot.step(3)  # the voice guide says it in the visitor's language, then in the other, one after the other
    assert [lang for text, lang in said if lm.description[lang] in text] == ["ko", "en"]


def test_esc_stops_the_walk_where_it_is(desktop, pilot) -> None:
    easy = desktop.easy
    choose_easy(pilot)
    pilot.press("space", "5")  # Sungnyemun, 1.4 km south
    assert easy.walk is not None
    pilot.step(3)
    pilot.press("escape")
    assert easy.walk is None and desktop.app.keys.layers[-1] is desktop.explore
    assert easy.view.caption.getText().endswith(i18n.text("easy.stopped", "ko"))
    desktop.explore.teleport("bosingak")  # once the visitor has moved on, the guide's caption goes
    pilot.step()
    assert easy.view.caption.isHidden()
