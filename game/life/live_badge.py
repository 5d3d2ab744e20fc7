"""Live Seoul data for the visitor: a small HUD badge with the nearest hotspot's crowd level (in the crowd colour
scale) and the air (AirKorea's four levels, in the air colour scale), a line in the info panel, and the live level
and road speeds handed to the city life so the streets fill and the traffic moves as the city says.

It asks the hub for ``city.data`` every :data:`POLL_S` seconds over the city link (never the Open API itself: one
poller on the hub serves every client); the network is polled by its own task, so a slow or dead source costs the
frame nothing. What it shows follows :mod:`game.life.hotspot_status` (fresh, stale with its age, or typical).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from direct.gui.OnscreenText import OnscreenText
from panda3d.core import TextNode

from game import colour_scales, tasks
from game.life import data_layers, hotspot_status, live
from game.life.density import CrowdData
from net.client.link import ReplyReceived

POLL_S = 30.0
REFRESH_S = 1.0  # the badge's text is rebuilt at most this often


def _ink(rgb: tuple[float, float, float]) -> tuple[float, float, float, float]:
    """Black on light colours, white on dark ones (relative luminance)."""
    lum = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    return (0.05, 0.05, 0.05, 1.0) if lum > 0.45 else (1.0, 1.0, 1.0, 1.0)


class LiveBadge:
    """Install with the street and the city; ``where`` gives the visitor's position, ``life`` the city life (its
    ``life.data`` crowd data and ``set_live_level``), ``lang`` the current language."""

    def __init__(self, app, city, life, where: Callable[[], tuple[float, float]], lang: Callable[[], str]) -> None:
        self.app, self.city, self.life, self.where, self.lang = app, city, life, where, lang
        self.data: CrowdData = life.data
        self.areas: dict[str, dict[str, Any]] = {}
        self.got_at: float | None = None  # monotonic time of the last reply
        self._rid: str | None = None
        self._next_poll = 0.0
        self._next_refresh = 0.0
        self.shown: hotspot_status.Status | None = None
        top = app.base.a2dTopRight
        self.crowd = OnscreenText(parent=top, font=app.font, pos=(-0.05, -0.22), scale=0.045,
                                  align=TextNode.ARight, mayChange=True)
        self.air = OnscreenText(parent=top, font=app.font, pos=(-0.05, -0.29), scale=0.045,
                                align=TextNode.ARight, mayChange=True)
        self.air.hide()
        city.subscribers.append(self._on_link_event)
        self._task = app.base.taskMgr.add(self._update, "live-badge", sort=tasks.UI)
        self._unsubscribe = app.language.subscribe(lambda _lang: self.refresh())  # the one setting, at once
        self.refresh()

    def _on_link_event(self, event) -> None:
        if isinstance(event, ReplyReceived) and event.request_id == self._rid:
            self._rid = None
            if event.ok:
                self.areas = {a["area"]: a for a in event.result.get("areas", [])}
                self.got_at = time.monotonic()
                for hotspot in self.data.hotspots:
                    st = hotspot_status.status(self.data, hotspot, self.areas, 0.0, self.life.now)
                    self.life.set_live_level(hotspot.name, None if st.source == "typical"
                                             else self.data.levels[st.level])
                for street in list(self.life.live_speeds):  # a road no longer reported goes back to typical
                    self.life.set_live_speed(street, None)
                live.apply_roads(self.life, data_layers.live_roads(self.areas, 0.0))
                self._next_refresh = 0.0

    def _update(self, task):
        now = time.monotonic()
        if self.city.link is not None and self._rid is None and now >= self._next_poll:
            self._rid = self.city.link.request("city.data", durable=False)
            self._next_poll = now + POLL_S
        if now >= self._next_refresh:
            self.refresh()
        return task.cont

    def status(self) -> hotspot_status.Status:
        extra = 0.0 if self.got_at is None else time.monotonic() - self.got_at
        hotspot = hotspot_status.nearest(self.data, self.where())
        return hotspot_status.status(self.data, hotspot, self.areas, extra, self.life.now)

    def levels(self) -> dict[str, tuple[int, str]]:
        """Every hotspot's level and its source (live, stale, typical), for the data view."""
        extra = 0.0 if self.got_at is None else time.monotonic() - self.got_at
        return {h.name: (st.level, st.source) for h in self.data.hotspots
                if (st := hotspot_status.status(self.data, h, self.areas, extra, self.life.now))}

    def _age(self) -> float:
        return 0.0 if self.got_at is None else time.monotonic() - self.got_at

    def air_levels(self) -> dict[str, tuple[int, str]]:
        """Each hotspot's air level with a reading (the data view's air layer)."""
        return data_layers.air_levels(self.areas, self._age())

    def road_levels(self) -> dict[str, tuple[int, str]]:
        """Each hotspot's road pace with a reading (the data view's road layer)."""
        return data_layers.road_levels(self.areas, self._age())

    def refresh(self) -> None:
        lang = self.lang()
        st = self.shown = self.status()
        self._next_refresh = time.monotonic() + REFRESH_S
        rgb = colour_scales.CROWD[self.data.levels[st.level]]
        self.crowd.setText(hotspot_status.badge(self.data, st, lang))
        self.crowd["bg"], self.crowd["fg"] = (*rgb, 0.9), _ink(rgb)
        air = hotspot_status.air_badge(st, lang)
        if air is None:
            self.air.hide()
        else:
            rgb = colour_scales.AIR[st.air]
            self.air.setText(air)
            self.air["bg"], self.air["fg"] = (*rgb, 0.9), _ink(rgb)
            self.air.show()

    def info_note(self, lang: str, place: str) -> str:
        """The info panel's line (any landmark: the visitor's nearest hotspot)."""
        return hotspot_status.info_line(self.data, self.status(), lang)

    def report(self) -> dict[str, Any]:
        st = self.shown
        return {"hotspot": st.hotspot.name, "level": self.data.levels[st.level], "source": st.source,
                "age_s": None if st.age_s is None else round(st.age_s), "air": st.air,
                "badge": self.crowd.getText(), "air_badge": None if self.air.isHidden() else self.air.getText()}

    def release(self) -> None:
        self._unsubscribe()
        self.app.base.taskMgr.remove(self._task)
        if self._on_link_event in self.city.subscribers:
            self.city.subscribers.remove(self._on_link_event)
        self.crowd.destroy()
        self.air.destroy()
