"""Easy mode in the street: the start screen's choice, large text and buttons, the voice guide at a slower pace,
a help line always on screen, and "take me to…": one key (Space) or one touch opens a large menu of the landmarks,
and choosing one walks the visitor there along the pavements (:mod:`game.guided_walk`), with narration on arrival.

A layer of the input stack just above the street (it hears Space and F5 first); while a walk is on, a modal layer
takes the keys, so Esc stops the walk and nothing else moves the visitor. An alert above it pauses the walk.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from game import caption_style, easy_settings, tasks
from game.guided_walk import GuidedWalk, route
from game.input.stack import WORLD, Press, dispatch
from game.language import recall, remember
from game.speech.service import RATES
from game.text import i18n
from ui.choice_menu import ChoiceMenu
from ui.easy_view import EasyView

log = logging.getLogger("mseoul.easy")
MAX_DT = 30.0  # seconds of walking one frame may carry (a stall); the walk itself steps in short collision steps
CAPTION_REACH = 15.0  # metres the visitor walks away from where the guide spoke before its caption goes


class _Walking:
    """The keys during a guided walk: Esc (or Space) stops it; everything else waits until it ends."""

    modal = True
    text_focus = False

    def __init__(self, stop: Callable[[], None]) -> None:
        self.stop = stop

    def on_key(self, press: Press) -> bool:
        if press.actions & {"cancel", "guide"}:
            self.stop()
        return True

    def on_text(self, ch: str) -> bool:
        return False


class EasyMode:
    modal = False
    text_focus = False

    def __init__(self, app, explore, aids=None, ways: Callable[[], object] | None = None,
                 default: bool | None = None) -> None:
        """``ways``: the district's pedestrian network (:class:`game.life.walkways.Walkways`) when asked; without it
        "take me to…" takes the visitor straight to the landmark. ``default``: on or off when neither ``--easy`` nor
        a kept choice says (a kiosk's operator setting); None: the start screen asks."""
        self.app, self.explore, self.aids, self.ways = app, explore, aids, ways
        self._standard_help = (explore.help_key, explore.help_langs)  # the mode's own hint (a kiosk's differs)
        self.keys = app.keys
        self.on = False
        self.chooser: ChoiceMenu | None = None
        self.menu: ChoiceMenu | None = None
        self.walk: GuidedWalk | None = None
        self.target: str | None = None
        self._walking = _Walking(self.stop)
        self._clearance = None
        self._caption_at: tuple[float, float] | None = None  # where the guide's caption was given
        self._voice: list[tuple[str, str]] = []  # (text, language) the guide says next, one after another
        self.view = EasyView(app.base, app.font, self.lang, self.open_menu, explore.show_card,
                             aids.caption_style if aids is not None else caption_style.DEFAULT,
                             scale=easy_settings.UI_SCALE)
        self.keys.push(self, WORLD)
        self._unsubscribe = app.language.subscribe(self.view.set_language)
        self._task = app.base.taskMgr.add(self._tick, "guided-walk", sort=tasks.WORLD)
        where = app.language.config_dir
        decided = easy_settings.decide(app.config.easy, recall(where, easy_settings.KEY), default)
        self.apply(bool(decided))
        if decided is None and not app.config.frames:  # smoke and benchmark runs go without the question
            self.ask()

    @property
    def lang(self) -> str:
        return self.app.language.value

    def on_key(self, press: Press) -> bool:
        return dispatch(press, {"guide": self.open_menu, "easy": self.ask} if self.on else {"easy": self.ask})

    def on_text(self, ch: str) -> bool:
        return False

    # -- the choice ----------------------------------------------------------------------------------------------
    def ask(self) -> None:
        """The start screen's question (again with F5): easy or standard; the answer is kept for the next start."""
        if self.chooser is not None or self.menu is not None or self.walk is not None:
            return

        def chosen(choice: str) -> None:
            self.chooser = None
            on = choice == "easy"
            remember(self.app.language.config_dir, easy_settings.KEY, on)
            if on and self.explore.card is not None:
                self.explore.card.close()  # the card teaches the standard keys; easy mode has its own help line
            self.apply(on)

        def closed() -> None:
            self.chooser = None

        lang = self.lang
        self.chooser = ChoiceMenu(self.app.base.aspect2d, self.app.font, i18n.text("easy.question", lang),
                                  i18n.text("easy.question_hint", lang),
                                  [("easy", i18n.text("easy.choose_easy", lang)),
                                   ("standard", i18n.text("easy.choose_standard", lang))],
                                  chosen, closed, keys=self.keys, scale=easy_settings.UI_SCALE)
        self._say(i18n.text("easy.question", lang))

    def apply(self, on: bool) -> None:
        """Turn easy mode on or off for this run (what the visitor chose, or ``--easy``); keeps nothing."""
        self.on = on
        self.explore.set_ui_scale(easy_settings.UI_SCALE if on else 1.0)
        self.explore.set_help(*(("easy.help", None) if on else self._standard_help))
        if self.aids is not None:
            self.aids.speech.rates = dict(easy_settings.SPEECH_RATES if on else RATES)
        self.view.set_buttons(on)
        if not on:
            self.stop()
            self.view.clear()
            self._voice.clear()

    # -- take me to… ---------------------------------------------------------------------------------------------
    def open_menu(self) -> None:
        """The large menu of landmarks (Space or the button); choosing one starts the guided walk."""
        if not self.on or self.menu is not None or self.walk is not None or not self.app.flow.request("teleport"):
            return

        def chosen(lid: str) -> None:
            self.menu = None
            self.app.flow.request("explore")
            self.start(lid)

        def closed() -> None:
            self.menu = None
            self.app.flow.request("explore")

        lang = self.lang
        self.menu = ChoiceMenu(self.app.base.aspect2d, self.app.font, i18n.text("easy.take_me", lang),
                               i18n.text("easy.take_me_hint", lang),
                               [(lm.id, lm.name(lang)) for lm in self.app.landmarks.values()], chosen, closed,
                               keys=self.keys, scale=easy_settings.UI_SCALE)
        self._say(i18n.text("easy.take_me", lang))

    def start(self, landmark_id: str) -> None:
        """Walk the visitor from where they stand to the landmark's viewpoint, along the pavements (without a
        pedestrian network, as in the kiosk, take them there at once)."""
        from game.life.clearance import Clearance

        if self.ways is None:  # no pedestrian network in this mode: there at once, with the narration
            self._arrive(landmark_id)
            return
        goal = self.app.scene.view(landmark_id).camera[:2]
        walker = self.explore.walker
        if self._clearance is None:
            self._clearance = Clearance(self.app.scene.obstacles)
        path = route(self.ways(), self._clearance.clear, (walker.x, walker.y), goal)
        if path is None:
            log.warning("no way from (%.0f, %.0f) to %s", walker.x, walker.y, landmark_id)
            self._show(i18n.text("easy.no_way", self.lang))
            return
        self.walk, self.target = GuidedWalk(walker, path), landmark_id
        self.keys.push(self._walking)
        name = self.app.landmarks[landmark_id].name(self.lang)
        self._show(i18n.text("easy.walking", self.lang, name=name))
        self._say(i18n.text("easy.walking", self.lang, name=name).split(" · ")[0])

    def stop(self) -> None:
        """Esc during a walk: the visitor stays where the walk has brought them."""
        if self.walk is None:
            return
        self._end()
        self._show(i18n.text("easy.stopped", self.lang))

    def _end(self) -> None:
        self.walk = None
        self.keys.remove(self._walking)

    def _tick(self, task):
        if self._voice and not self.aids.speaking:
            self.aids.speak(*self._voice.pop(0))
        walk, w = self.walk, self.explore.walker
        if walk is None and self._caption_at is not None and math.dist(self._caption_at, (w.x, w.y)) > CAPTION_REACH:
            self._caption_at = None
            self.view.clear()
        if walk is None or self.keys.covered(self._walking):  # an alert above: the walk waits
            return task.cont
        walk.update(min(max(self.app.base.clock.getDt(), 0.0), MAX_DT))
        self.explore.controller.sync_camera()
        if walk.done:
            self._end()
            if walk.stuck:
                log.warning("guided walk to %s stuck at (%.1f, %.1f)", self.target, walk.walker.x, walk.walker.y)
            self._arrive(self.target)
        return task.cont

    def _arrive(self, landmark_id: str) -> None:
        """Face the landmark as its viewpoint does, and narrate it: its description, captioned and spoken in both
        languages, the visitor's first."""
        self.explore.teleport(landmark_id)  # the last step: the viewpoint's exact spot and heading
        lm = self.app.landmarks[landmark_id]
        lines = {lg: f"{i18n.text('easy.arrived', lg, name=lm.name(lg))} {lm.description[lg]}" for lg in ("ko", "en")}
        first = self.lang
        self._show("\n".join([lines[first]] + [t for lg, t in lines.items() if lg != first]))
        if self.aids is not None:
            self._voice = [(lines[lg], lg) for lg in sorted(lines, key=lambda lg: lg != first)]

    # -- speech and captions -------------------------------------------------------------------------------------
    def _show(self, text: str) -> None:
        self.view.say(text, self.lang)
        self._caption_at = (self.explore.walker.x, self.explore.walker.y)

    def _say(self, text: str) -> None:
        """The voice guide, on in easy mode."""
        if self.on and self.aids is not None:
            self._voice.append((text, self.lang))

    def release(self) -> None:
        self.app.base.taskMgr.remove(self._task)
        self._unsubscribe()
        for menu in (self.chooser, self.menu):
            if menu is not None:
                menu.destroy()
        self.keys.remove(self._walking)
        self.keys.remove(self)
        self.view.destroy()
