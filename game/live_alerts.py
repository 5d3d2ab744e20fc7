"""Alerts in the running app, one path for desktop, kiosk and XR:
hub PUB → :class:`CityLink` poll → ``alerts.parse`` → policy queue → overlay + sound + voice + signing.

With no ``--city`` client directory the app starts an :class:`EmbeddedHub` of its own, so alerts (the operator
CLI, the drop folder) and services work on one machine and offline. The link is polled with a cap per frame
from one task and never blocks; its status (connected, offline, wrong key…) is shown in a corner badge.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from direct.gui.DirectGui import OnscreenText
from direct.showbase.DirectObject import DirectObject
from panda3d.core import TextNode

from game import geo, tasks
from game.alerts.job import default_cache_dir
from game.alerts.levels import AlertLevel
from game.alerts.parser import CapError, parse
from game.alerts.policy import AlertPolicy
from net.client.link import AlertReceived, CityLink, LinkEvent, LinkStatus, StatusChanged
from net.embedded import EmbeddedHub
from ui import i18n, theme
from ui.alerts.controller import AlertController
from ui.alerts.overlay import AlertOverlay
from ui.fonts import load_font

MAX_MESSAGES_PER_FRAME = 32


def open_link(config) -> tuple[CityLink, EmbeddedHub | None]:
    """The app's one city link: the ``--city`` client directory, else a hub embedded in the app (returned too,
    for stopping at exit)."""
    if config.city:
        return CityLink.from_directory(Path(config.city)), None
    hub = EmbeddedHub(config.cache_dir / "embedded-city" if config.cache_dir else None)
    hub.start()
    return hub.link(), hub


class LiveAlerts:
    def __init__(self, base, config, where: Callable[[], tuple[float, float]], *, flow=None, font=None,
                 parent=None, aspect: float | None = None, srgb: bool | None = None, badge: bool = True, aids=None,
                 on_alert: Callable[[], None] | None = None):
        """``where()`` gives the user's world position (east, north) for geo-targeting; a kiosk passes its
        configured physical location instead. ``parent`` is where the overlay is drawn (``aspect2d`` on the
        desktop, the head-locked panel in XR, whose sRGB swapchain needs ``srgb=True``) and ``aspect`` the
        width/height of that surface (default: the window's); ``flow`` enters its
        alert state for a takeover; ``aids`` (:class:`game.access_aids.AccessAids`) adds voice and the signing
        avatar; ``on_alert`` hears each new alert on screen (controller haptics in XR)."""
        self.base, self.config, self.where, self.flow, self.on_alert = base, config, where, flow, on_alert
        self.link, self.hub = open_link(config)
        #: Who else hears the link's other events (service replies): e.g. ``CivicDesk.handle``. One task polls
        #: the link, so nothing else may poll it.
        self.handlers: list[Callable[[LinkEvent], None]] = []
        self.policy = AlertPolicy(self._location(), config.language)
        overlay = AlertOverlay(parent or base.aspect2d, aspect or base.getAspectRatio(),
                               load_font(base.loader, bold=True),
                               config.language,
                               srgb_framebuffer=base.win.getFbProperties().getSrgbColor() if srgb is None else srgb,
                               signing_panel=aids is not None)
        self.events = DirectObject()
        self.controller = AlertController(self.policy, overlay, config.cache_dir or default_cache_dir(),
                                          audio_loader=base.loader, events=self.events,
                                          speech=aids and aids.speech, signing=aids and aids.signing,
                                          on_change=self._changed)
        self.badge = None
        if badge:
            self.badge = OnscreenText(parent=base.a2dTopRight, font=font, pos=(-0.05, -0.09), scale=0.05,
                                      fg=theme.TEXT, bg=(0, 0, 0, 0.55), align=TextNode.ARight, mayChange=True)
        self.received = 0
        self._set_status(self.link.status)
        self._poll_task = base.taskMgr.add(self._poll, "city-link-poll", sort=tasks.NET_POLL)
        self._alert_task = base.taskMgr.add(self._update, "alert-policy", sort=tasks.ALERT_POLICY)

    def _location(self) -> tuple[float, float]:
        return geo.to_wgs84(*self.where())

    def _set_status(self, status: LinkStatus) -> None:
        if self.badge is not None:
            self.badge.setText(i18n.text(status.i18n_key, self.config.language))

    def _poll(self, task):
        for event in self.link.poll(MAX_MESSAGES_PER_FRAME):
            if isinstance(event, StatusChanged):
                self._set_status(event.status)
            elif isinstance(event, AlertReceived):
                try:
                    alert = parse(event.xml)
                except CapError as exc:  # signed but malformed: the authority's bug, never the visitor's
                    print(f"alert {event.seq} dropped: {exc}", file=sys.stderr)
                    continue
                self.received += 1
                self.controller.receive(alert, dt.datetime.now(dt.UTC))
            for handler in self.handlers:
                handler(event)
        return task.cont

    def _update(self, task):
        self.policy.location = self._location()
        self.controller.tick(dt.datetime.now(dt.UTC))
        self.controller.update(self.base.clock.getDt())
        return task.cont

    def _changed(self, presentation) -> None:
        if presentation is not None and self.on_alert is not None:
            self.on_alert()
        flow = self.flow
        if flow is None:
            return
        if presentation is not None and presentation.level is AlertLevel.EMERGENCY and flow.can("alert"):
            flow.go("alert")
        elif presentation is None and flow.state == "alert":
            flow.resume_after_alert()

    def release(self) -> None:
        self.base.taskMgr.remove(self._poll_task)
        self.base.taskMgr.remove(self._alert_task)
        self.controller.destroy()
        self.events.ignoreAll()
        if self.badge is not None:
            self.badge.destroy()
        self.close_link()

    def close_link(self) -> None:
        """Close the link and stop the embedded hub: safe after the ShowBase is gone (XR teardown)."""
        self.link.close()
        if self.hub is not None:
            self.hub.stop()
            self.hub = None
