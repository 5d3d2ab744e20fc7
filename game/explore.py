"""Explore mode: walk the district, teleport to landmarks, read about them, switch language.

All key hooks live on one object that the flow's states enable; Esc closes a panel or, in plain explore
mode, quits.
"""

from __future__ import annotations

import json
import math

from direct.gui.DirectGui import OnscreenText
from direct.showbase.DirectObject import DirectObject
from panda3d.core import TextNode

from game import geo
from game.access_aids import AccessAids
from game.civic.desk import CivicDesk
from game.live_alerts import LiveAlerts
from game.nav.controller import WalkController
from game.nav.walker import Walker
from game.scenes import registry
from game.social.wiring import Social, client_dir_of, has_presence
from ui import i18n, theme
from ui.choice_menu import ChoiceMenu
from ui.info_panel import InfoPanel

START_LANDMARK = "gwanghwamun-square"
ROOM_REACH = 160.0  # metres from City Hall within which E opens its rooms
ROOM_TITLES = {"mayors-office": "civic.title_office", "center-120": "civic.title_center",
               "reservations": "civic.title_reservations", "exhibition": "civic.title_exhibition"}


class Explore(DirectObject):
    def __init__(self, app, start: str = START_LANDMARK):
        super().__init__()
        self.app = app
        self.lang = app.config.language
        self.panel = None
        self.visit = None
        self.city: tuple | None = None  # (CivicDesk, speak) once the city link is up: enables City Hall's rooms
        self.walker = Walker(obstacles=app.scene.obstacles)
        self.controller = WalkController(app.base, self.walker, on_move=self._moved)
        self.help = OnscreenText(parent=app.base.a2dBottomLeft, font=app.font, pos=(0.05, 0.07), scale=0.05,
                                 fg=theme.TEXT, bg=(0, 0, 0, 0.55), align=TextNode.ALeft, mayChange=True)
        self.teleport(start)
        self._bind()
        self._relabel()

    def _bind(self) -> None:
        self.accept("t", self.open_teleport)
        self.accept("i", self.open_info)
        self.accept("l", self.toggle_language)
        self.accept("e", self.open_rooms)
        self.accept("escape", self.app.base.userExit)

    def set_typing(self, typing: bool) -> None:
        """While a chat line is typed (game/social), letters are text: no walking and no one-key panels."""
        self.controller.enabled = not typing
        if typing:
            self.ignoreAll()
        else:
            self._bind()

    def _relabel(self) -> None:
        self.help.setText(i18n.text("app.help", self.lang))

    def _moved(self, walker: Walker) -> None:
        self.app.pipeline.focus_shadows((walker.x, walker.y, 0.0))

    def teleport(self, landmark_id: str) -> None:
        v = self.app.scene.view(landmark_id)
        self.walker.teleport(v.camera[0], v.camera[1], v.heading)
        dz = v.target[2] - 1.65
        self.walker.pitch = math.degrees(math.atan2(dz, math.dist(v.camera[:2], v.target[:2])))
        self.controller.sync_camera()

    def nearest_landmark(self) -> str:
        w = self.walker
        return min(self.app.landmarks.values(), key=lambda lm: math.dist(lm.local, (w.x, w.y))).id

    def _open(self, state: str, panel) -> None:
        self.app.flow.go(state)
        self.controller.enabled = False
        self.ignoreAll()
        self.panel = panel

    def _close(self) -> None:
        if self.panel is not None:
            self.panel.destroy()
            self.panel = None
        self.controller.enabled = True
        self.app.flow.go("explore")
        self._bind()

    def open_teleport(self) -> None:
        def chosen(lid: str) -> None:
            self.panel = None
            self._close()
            self.teleport(lid)

        def closed() -> None:
            self.panel = None
            self._close()

        self._open("teleport", None)
        self.panel = ChoiceMenu(self.app.base.aspect2d, self.app.font, i18n.text("app.teleport_title", self.lang),
                                i18n.text("app.teleport_hint", self.lang),
                                [(lm.id, lm.name(self.lang)) for lm in self.app.landmarks.values()], chosen, closed)

    def open_info(self) -> None:
        self._open("info", InfoPanel(self.app.base.aspect2d, self.app.font, self.lang,
                                     self.app.landmarks[self.nearest_landmark()]))
        self.accept("escape", self._close)
        self.accept("i", self._close)

    def open_rooms(self) -> None:
        """Near City Hall, E lists the rooms inside it (mayor's office, 120 Center, …); elsewhere it says where."""
        host = self.app.landmarks[registry.INTERIOR_HOST]
        if self.city is None or math.dist(host.local, (self.walker.x, self.walker.y)) > ROOM_REACH:
            self.help.setText(i18n.text("app.rooms_far", self.lang))
            return

        def chosen(room: str) -> None:
            self.panel = None
            self.enter_room(room)

        def closed() -> None:
            self.panel = None
            self._close()

        self._open("teleport", None)
        self.panel = ChoiceMenu(self.app.base.aspect2d, self.app.font, host.name(self.lang),
                                i18n.text("app.teleport_hint", self.lang),
                                [(rid, i18n.text(key, self.lang)) for rid, key in ROOM_TITLES.items()], chosen, closed)

    def enter_room(self, room: str) -> None:
        """Step inside (flow ``civic``); Esc in the room's panel brings the visitor back out to the street."""
        from game.civic.session import CivicVisit

        desk, speak = self.city
        self.app.flow.go("explore")
        self.app.flow.go("civic")
        lat, lon = geo.to_wgs84(self.walker.x, self.walker.y)
        self.visit = CivicVisit(self.app, room, desk, speak, on_exit=self.leave_room,
                                where=(self.app.landmarks[self.nearest_landmark()].name(self.lang), lat, lon))

    def leave_room(self) -> None:
        if self.visit is not None:
            self.visit.close()
            self.visit = None
        self.controller.enabled = True
        self.controller.sync_camera()
        if self.app.flow.state == "civic":
            self.app.flow.go("explore")
        self._bind()

    def toggle_language(self) -> None:
        self.lang = "en" if self.lang == "ko" else "ko"
        self._relabel()

    def release(self) -> None:
        self.ignoreAll()
        if self.panel is not None:
            self.panel.destroy()
        if self.visit is not None:
            self.visit.close()
        self.controller.release()
        self.help.destroy()


def _capture(app, explore: Explore, alerts) -> None:
    """``--frames N --screenshot OUT.png``: the live app's last frame plus ``OUT.json`` describing its state."""
    app.screenshot(app.config.screenshot)
    shown = alerts.controller.shown
    report = {
        "flow_state": app.flow.state,
        "position": [round(explore.walker.x, 2), round(explore.walker.y, 2)],
        "city_link": str(alerts.link.status),
        "alerts_received": alerts.received,
        "alert_on_screen": shown.alert.identifier if shown is not None else None,
    }
    app.config.screenshot.with_suffix(".json").write_text(json.dumps(report, ensure_ascii=False, indent=2),
                                                          encoding="utf-8")


def run_interactive(app) -> int:
    """Explore until the visitor quits, or for ``--frames N`` frames (smoke runs, benchmarks)."""
    app.flow.go("explore")
    explore = Explore(app, app.config.scene or START_LANDMARK)
    aids = AccessAids(app.base, app.config, app.font)
    alerts = LiveAlerts(app.base, app.config, lambda: (explore.walker.x, explore.walker.y), flow=app.flow,
                        font=app.font, aids=aids)
    desk = CivicDesk(alerts.link)
    alerts.handlers.append(desk.handle)  # service replies reach the rooms through the one task polling the link
    explore.city = (desk, aids.speak)
    # Other visitors, chat and safety (issue 8): presence with the same city as the alerts.
    city_dir = client_dir_of(app, alerts)
    social = Social(app, explore, city_dir, aids=aids, anonymous=app.config.kiosk) if has_presence(city_dir) else None
    try:
        if app.config.frames:
            app.step(app.config.frames)
            if app.config.screenshot is not None:
                _capture(app, explore, alerts)
        else:
            app.base.run()
    except SystemExit:
        pass
    finally:
        if social is not None:
            social.release()
        alerts.release()
        aids.release()
        explore.release()
        app.flow.go("quit")
    return 0
