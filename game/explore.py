"""Explore mode: walk the district, teleport to landmarks, read about them, switch language.

Explore is the street's layer at the bottom of the input stack (:mod:`game.input.stack`): menus and panels
open above it and take the keys while they are up; Esc closes the top one, and at the bottom asks before
quitting.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from direct.gui.DirectGui import OnscreenText
from panda3d.core import TextNode

from game import geo
from game.input.stack import WORLD, Press, dispatch
from game.nav.controller import WalkController
from game.nav.walker import Walker
from game.scenes import registry
from game.text import i18n
from ui import theme
from ui.choice_menu import ChoiceMenu
from ui.compass import CompassView
from ui.confirm import Confirm
from ui.info_panel import InfoPanel
from ui.onboarding import Onboarding

START_LANDMARK = "gwanghwamun-square"
HINT_Z, HINT_SCALE, HINT_WRAP = 0.07, 0.045, 34.0  # the hint bar: bottom line, size, width in text units
CARD_MAX_SCALE = 1.35  # the first-minute card is wide: larger than this it would leave a 16:9 screen
ROOM_REACH = 160.0  # metres from a host building within which E opens its rooms
ROOM_TITLES = {"mayors-office": "civic.title_office", "center-120": "civic.title_center",
               "reservations": "civic.title_reservations", "exhibition": "civic.title_exhibition"}
#: The economy and education spaces (issue 20), listed in the teleport menu after the landmarks.
SPACE_TITLES = {"invest-seoul": "spaces.invest_title", "fintech-lab": "spaces.lab_title",
                "citizens-university": "spaces.uni_title", "seoul-learn": "spaces.learn_title"}
#: Buildings whose rooms E opens nearby. Invest Seoul Center is on Jong-ro in Jongno, a short walk west of
#: Bosingak (Seoul Global Center building, 38 Jong-ro: remembered, not checked against a map); the Fintech Lab
#: (Yeouido) and the others lie outside the district and are reached by teleport only.
ROOM_HOSTS = {registry.INTERIOR_HOST: ROOM_TITLES, "bosingak": {"invest-seoul": "spaces.invest_title"}}


class _Closable:
    """A read-only panel (landmark info) as a modal layer: any of ``close_actions`` closes it."""

    modal = True
    text_focus = False

    def __init__(self, panel, close_actions: frozenset[str], close) -> None:
        self.panel, self.close_actions, self.close = panel, close_actions, close

    def on_key(self, press: Press) -> bool:
        if press.actions & self.close_actions:
            self.close()
        return True

    def on_text(self, ch: str) -> bool:
        return False

    def destroy(self) -> None:
        self.panel.destroy()


class Explore:
    """The bottom layer of the input stack in the street: walking keys, T/I/E/L, Esc to ask before quitting.

    Walking runs only while nothing modal (a menu, a panel, a focused text field, an alert) is above it.
    ``refuse_quit`` (kiosk): Esc at the bottom calls it instead of asking; only the operator's chord exits."""

    modal = False
    text_focus = False

    def __init__(self, app, start: str = START_LANDMARK, *, refuse_quit: Callable[[], None] | None = None):
        self.app = app
        self.keys = app.keys
        self.refuse_quit = refuse_quit
        self.panel = None
        self.visit = None
        self.confirm = None
        self.city: tuple | None = None  # (CivicDesk, speak) once the city link is up: enables City Hall's rooms
        self.presence = None  # game.presence.wiring.Social when the city offers presence: lent to the spaces' rooms
        #: Entries after the landmarks in the teleport menu (a city event soon): lang → (landmark id, label) or None.
        self.menu_extras: list[Callable[[str], tuple[str, str] | None]] = []
        self.info_notes: list[Callable[[str, str], str | None]] = []  # (language, landmark id) → a line, or None
        self.menu_labels: list[Callable[[str, str], str | None]] = []  # (language, landmark id) → its menu line
        self.walker = Walker(obstacles=app.scene.obstacles, floors=app.scene.floors)
        self.controller = WalkController(app.base, self.walker, on_move=self._moved)
        # Wrapped to the left half of the screen, so it never runs under the chat's status line on the right.
        self.help = OnscreenText(parent=app.base.a2dBottomLeft, font=app.font, pos=(0.05, HINT_Z), scale=HINT_SCALE,
                                 fg=theme.TEXT, bg=(0, 0, 0, 0.55), align=TextNode.ALeft, wordwrap=HINT_WRAP,
                                 mayChange=True)
        self.help_key: str | None = "app.help"
        self.help_langs: tuple[str, ...] | None = None
        self.alerted = False
        self.compass = CompassView(app.base.a2dTopLeft, app.font, app.landmarks)
        self.card: Onboarding | None = None
        self.ui_scale = 1.0  # easy mode's large text and buttons: the hint bar, compass, menus and panels
        self.teleport(start)
        self.keys.push(self, WORLD)
        self.keys.listeners.append(self._stack_changed)
        self._unsubscribe = app.language.subscribe(lambda _lang: self._relabel())
        self._relabel()
        self._stack_changed()

    @property
    def lang(self) -> str:
        return self.app.language.value

    def on_key(self, press: Press) -> bool:
        actions = {"teleport": self.open_teleport, "info": self.open_info, "language": self.toggle_language,
                   "rooms": self.open_rooms, "cancel": self.ask_to_quit, "help": self.show_card}
        return dispatch(press, actions)

    def on_text(self, ch: str) -> bool:
        return False

    def _stack_changed(self) -> None:
        """Walk only when no menu, panel, text field or alert is above the street."""
        self.controller.enabled = self.visit is None and not self.keys.covered(self)

    def set_help(self, key: str | None, langs: tuple[str, ...] | None = None) -> None:
        """The hint bar's text (``None`` hides it), in ``langs`` (a kiosk's site languages) or the app's one."""
        self.help_key, self.help_langs = key, langs
        self._relabel()

    def set_ui_scale(self, scale: float) -> None:
        """Text and buttons ``scale`` times their size (easy mode); the hint bar keeps its width on screen."""
        self.ui_scale = scale
        self.help["scale"] = HINT_SCALE * scale
        self.help["wordwrap"] = HINT_WRAP / scale
        self.compass.text["scale"] = CompassView.SCALE * scale
        self._relabel()

    def set_alerted(self, alerted: bool) -> None:
        """Hide the hint bar while an alert is on screen."""
        self.alerted = alerted
        self._relabel()

    def show_card(self, on_close: Callable[[], None] = lambda: None) -> None:
        """The first-minute card (F1 or ?): how to walk, teleport, enter City Hall, what an alert looks like."""
        if self.card is not None:
            return

        def closed() -> None:
            self.card = None
            on_close()

        self.card = Onboarding(self.app.base.aspect2d, self.app.font, self.lang, self.keys, closed)
        self.card.frame.setScale(min(self.ui_scale, CARD_MAX_SCALE))

    def _relabel(self) -> None:
        street = self.visit is None and not self.alerted
        self.compass.set_visible(street)
        credit = self.app.scene.credit if self.app.scene is not None else None
        if credit is not None:  # inside a room the street's buildings are out of sight, and so is their credit
            credit.set_visible(self.visit is None)
        if street:
            self.compass.update(self.walker.x, self.walker.y, self.walker.heading, self.lang)
        if self.card is not None:
            self.card.set_language(self.lang)
        if self.help_key is None or not street:
            self.help.hide()
            return
        self.help.show()
        langs = self.help_langs or (self.lang,)
        self.help.setText("\n".join(i18n.text(self.help_key, lg) for lg in langs))
        rows = self.help.textNode.getNumRows()  # text grows downwards from its first line: keep the last one in view
        self.help.setPos(0.05, HINT_Z + (rows - 1) * HINT_SCALE * self.ui_scale * 1.2)

    def _moved(self, walker: Walker) -> None:
        self.app.pipeline.focus_shadows((walker.x, walker.y, 0.0))
        if self.visit is None:
            self.compass.update(walker.x, walker.y, walker.heading, self.lang)

    def teleport(self, landmark_id: str) -> None:
        v = self.app.scene.view(landmark_id)
        self.walker.teleport(v.camera[0], v.camera[1], v.heading)
        dz = v.target[2] - 1.65
        self.walker.pitch = math.degrees(math.atan2(dz, math.dist(v.camera[:2], v.target[:2])))
        self.controller.sync_camera()

    def nearest_landmark(self) -> str:
        w = self.walker
        return min(self.app.landmarks.values(), key=lambda lm: math.dist(lm.local, (w.x, w.y))).id

    def _open(self, state: str, panel) -> bool:
        """Show a panel above the street (it joins the input stack itself); False if the flow declines."""
        if not self.app.flow.request(state):
            panel.destroy()
            return False
        self.panel = panel
        return True

    def _close(self) -> None:
        if self.panel is not None:
            panel, self.panel = self.panel, None
            panel.destroy()
        self.app.flow.request("explore")

    def ask_to_quit(self) -> None:
        """Esc at the bottom of the stack asks first (in both languages); a kiosk visitor cannot quit."""
        if self.refuse_quit is not None:
            self.refuse_quit()
            return
        if self.confirm is not None:
            return

        def answered() -> None:
            self.confirm = None

        def quit_() -> None:
            answered()
            self.app.base.userExit()

        self.confirm = Confirm(self.app.base.aspect2d, self.app.font, "app.quit_question", "app.quit_choices",
                               quit_, self.keys, on_no=answered)

    def open_teleport(self) -> None:
        """Landmarks, then (with a city to serve them) the economy and education spaces, entered at once."""
        def chosen(lid: str) -> None:
            self.panel = None
            self._close()
            if lid in SPACE_TITLES:
                self.enter_room(lid)
            else:
                self.teleport(lid)

        def closed() -> None:
            self.panel = None
            self._close()

        if self.app.flow.can("teleport"):
            extras = [entry for extra in self.menu_extras if (entry := extra(self.lang)) is not None]
            self._open("teleport", ChoiceMenu(
                self.app.base.aspect2d, self.app.font, i18n.text("app.teleport_title", self.lang),
                i18n.text("app.teleport_hint", self.lang),
                [(lm.id, self._menu_label(lm)) for lm in self.app.landmarks.values()]
                + ([(sid, i18n.text(key, self.lang)) for sid, key in SPACE_TITLES.items()] if self.city else [])
                + extras, chosen, closed, keys=self.keys, scale=self.ui_scale))

    def _menu_label(self, landmark) -> str:
        """A landmark's line in the teleport menu: its name, or what a feature says of it (the next ceremony)."""
        said = (line for label in self.menu_labels if (line := label(self.lang, landmark.id)))
        return next(said, landmark.name(self.lang))

    def open_info(self) -> None:
        if not self.app.flow.can("info"):
            return
        landmark = self.app.landmarks[self.nearest_landmark()]
        festival = self.app.scene.festival
        notes = [festival.edition.note(self.lang)] if festival is not None and festival.place == landmark.id else []
        notes += [line for extra in self.info_notes if (line := extra(self.lang, landmark.id))]
        note = " · ".join(notes)
        info = InfoPanel(self.app.base.aspect2d, self.app.font, self.lang, landmark, note)
        info.frame.setScale(self.ui_scale)
        layer = _Closable(info, frozenset({"cancel", "info"}), self._close_info)
        if self._open("info", layer):
            self.keys.push(layer)

    def _close_info(self) -> None:
        if self.panel is not None:
            self.keys.remove(self.panel)
        self._close()

    def open_rooms(self) -> None:
        """Near City Hall, E lists the rooms inside it (mayor's office, 120 Center, …), near Bosingak the Invest Seoul
        Center; elsewhere it says where."""
        here = (self.walker.x, self.walker.y)
        host = min((self.app.landmarks[h] for h in ROOM_HOSTS), key=lambda lm: math.dist(lm.local, here))
        if self.city is None or math.dist(host.local, here) > ROOM_REACH:
            self.help.show()
            self.help.setText(i18n.text("app.rooms_far", self.lang))
            return

        def chosen(room: str) -> None:
            self.panel = None
            self.app.flow.request("explore")
            self.enter_room(room)

        def closed() -> None:
            self.panel = None
            self._close()

        if self.app.flow.can("teleport"):
            self._open("teleport", ChoiceMenu(
                self.app.base.aspect2d, self.app.font, host.name(self.lang), i18n.text("app.teleport_hint", self.lang),
                [(rid, i18n.text(key, self.lang)) for rid, key in ROOM_HOSTS[host.id].items()], chosen, closed,
                keys=self.keys, scale=self.ui_scale))

    def enter_room(self, room: str) -> None:
        """Step inside (flow ``civic``); Esc in the room's panel brings the visitor back out to the street."""
        from game.scenes.room_visit import CivicVisit

        if not self.app.flow.request("civic"):
            return
        desk, speak = self.city
        lat, lon = geo.to_wgs84(self.walker.x, self.walker.y)
        self.visit = CivicVisit(self.app, room, desk, speak, on_exit=self.leave_room,
                                where=(self.app.landmarks[self.nearest_landmark()].name(self.lang), lat, lon),
                                street_presence=self.presence)
        self._relabel()  # the street's hints do not belong inside
        self._stack_changed()

    def leave_room(self) -> None:
        """Back out to the street: the flow first, so whoever watches the stack sees the street when the panel goes."""
        visit, self.visit = self.visit, None
        self.app.flow.request("explore")
        if visit is not None:
            visit.close()
        self.controller.sync_camera()
        self._relabel()
        self._stack_changed()

    def toggle_language(self) -> None:
        self.app.language.toggle()

    def release(self) -> None:
        self._unsubscribe()
        if self._stack_changed in self.keys.listeners:
            self.keys.listeners.remove(self._stack_changed)
        self.keys.remove(self)
        if self.confirm is not None:
            self.confirm.close()
        if self.card is not None:
            self.card.close()
        if self.panel is not None:
            self.keys.remove(self.panel)
            self.panel.destroy()
        if self.visit is not None:
            self.visit.close()
        self.controller.release()
        self.help.destroy()
        self.compass.destroy()
