"""Visiting a civic room: the room, its panel and the boards, over the city link.

:class:`CivicVisit` opens one room without taking over the loop, so the explore mode can enter City Hall's rooms
and leave them again (flow state ``civic``); ``main.py --scene <room>`` is one on its own over the app's city
connection (:data:`game.features.CIVIC_ROOM`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from game import access_settings, caption_style
from game.civic.desk import CivicDesk, public
from game.scenes import registry
from game.text import i18n
from net import clock
from ui.civic import screens
from ui.civic.panel import Panel, Speak

SPACE_PANELS = ("invest-seoul", "fintech-lab", "citizens-university", "seoul-learn")


class CivicVisit:
    """One open room and its panel; ``close`` releases both (``on_exit`` runs when the visitor presses Esc)."""

    def __init__(self, app, scene_id: str, desk: CivicDesk, speak: Speak | None = None,
                 on_exit: Callable[[], None] | None = None, where: tuple[str, float, float] | None = None,
                 client_dir: Path | None = None, signing=None, street_presence=None):
        """``where`` (place name, lat, lon) is what a complaint filed here refers to: the spot in the district
        the visitor came from; City Hall itself when not given. ``client_dir``: the city's client directory, for
        presence in the economy and education spaces (their visitors see each other and chat). ``signing``: the
        app's signing panel (the access aids'), which signs the lecture's captions. ``street_presence``: the
        street's presence (:class:`game.presence.wiring.Social`), handed to a space for the visit."""
        self.app, self.desk = app, desk
        self.closed = False
        lm = app.landmarks[registry.INTERIOR_HOST]
        self.where = where or (lm.name(app.language.value), lm.lat, lm.lon)
        self.scene = registry.create(app, scene_id)
        self.scene.load()
        view = self.scene.view()
        app.look(view.camera, view.target)
        self.scene_id, self.speak, self.on_exit = scene_id, speak, on_exit
        self.space = None  # game.scenes.space_visit.SpaceExtras: presence, chat, hands, the whiteboard pen
        if scene_id in SPACE_PANELS:
            from game.scenes.space_visit import SpaceExtras

            self.space = SpaceExtras(self, client_dir, street_presence)
        self.panel = self._open_panel()
        if scene_id == "seoul-learn":
            self.space.open_pen()
        if scene_id == "citizens-university":
            self.space.open_signing(signing)
        self._unsubscribe = app.language.subscribe(self._relabel)

    def _relabel(self, lang: str) -> None:
        """The app's one language changed: the panel, the room's signs and its boards follow at once."""
        self.panel.set_language(lang)
        self.scene.set_language(lang)
        if self.scene_id == "mayors-office":
            self._fill_boards()  # the hub's lines (link state, next event) in the new language

    def _open_panel(self) -> Panel:
        panel = self._panel(self.scene_id, self.speak)
        panel.on_close = self.on_exit
        panel.on_language = self.app.language.set
        return panel

    def reopen(self) -> None:
        """The panel again (the visitor pressed Esc, then chose to stay)."""
        self.panel.destroy()
        self.panel = self._open_panel()

    def _panel(self, sid: str, speak: Speak | None) -> Panel:
        app, desk, lang, keys = self.app, self.desk, self.app.language.value, self.app.keys
        if sid == "center-120":
            return screens.center_panel(app.base, app.font, lang, desk, *self.where, speak, keys=keys)
        if sid == "mayors-office":
            self._fill_boards()
            return screens.office_panel(app.base, app.font, lang, desk, speak, on_proposals=self.scene.show_proposals,
                                        keys=keys)
        if sid == "reservations":
            today = app.config.when.date() if app.config.when else clock.today_kst()  # as the calendar
            return screens.reservations_panel(app.base, app.font, lang, desk, self.scene.facilities,
                                              (today + dt.timedelta(days=1)).isoformat(), speak, keys=keys)
        if sid in SPACE_PANELS:
            return self._space_panel(sid, speak)
        style = caption_style.from_settings(access_settings.load(app.language.config_dir))  # the visitor's
        return screens.exhibition_panel(app.base, app.font, lang, list(self.scene.show.all), speak, keys=keys,
                                        style=style)

    def _space_panel(self, sid: str, speak: Speak | None) -> Panel:
        """The economy and education spaces (issue 20): their panels take the scene (its data and boards)."""
        from ui.spaces import screens as spaces

        app, lang = self.app, self.app.language.value
        common = {"speak": speak, "keys": app.keys, "extra": self.space.items()}
        tomorrow = ((app.config.when.date() if app.config.when else clock.today_kst()) + dt.timedelta(days=1))
        if sid == "invest-seoul":
            return spaces.invest_panel(app.base, app.font, lang, self.desk, self.scene, tomorrow.isoformat(), **common)
        if sid == "fintech-lab":
            return spaces.fintech_panel(app.base, app.font, lang, self.desk, self.scene, **common)
        if sid == "citizens-university":
            return spaces.university_panel(app.base, app.font, lang, self.desk, self.scene, **common)
        return spaces.learn_panel(app.base, app.font, lang, self.desk, self.scene, tomorrow.isoformat(),
                                  pen_keys=lambda: self.space.pen.start_keys(), wipe=lambda: self.space.wipe(),
                                  **common)

    def _fill_boards(self) -> None:
        """The opinion wall and the city-data board from the hub: proposals, the link's state, the next event."""
        scene, desk = self.scene, self.desk

        def proposals(outcome) -> None:
            if outcome.ok and not self.closed:  # the reply may come after the visitor left the room
                scene.show_proposals(public(outcome.result["proposals"]))

        desk.proposals(proposals)

        def events(outcome) -> None:
            if self.closed:
                return
            lang = self.app.language.value
            rows = {"civic.data_link": i18n.text(desk.link.status.i18n_key, lang)}
            if outcome.ok and outcome.result["events"]:
                ev = outcome.result["events"][0]
                title = ev["title_ko"] if lang == "ko" else ev["title_en"]
                rows["civic.data_event"] = f"{title} · {ev['starts'].replace('T', ' ')} · {ev['place']}"
            scene.show_city_data(rows)

        desk.events(events)

    def close(self) -> None:
        self.closed = True
        self._unsubscribe()
        if self.space is not None:
            self.space.release()
        self.panel.destroy()
        self.scene.release()
