"""Alerts in the running app, one path for desktop, kiosk and XR:
hub PUB (plus any extra source, such as the kiosk's drop folder) → the city connection's poll
(:mod:`game.city_connection`) → ``alerts.parse`` → policy queue → overlay + sound + voice + signing, in one
language or in each of several in turn. The connection is the app's, handed in; its status (connected, offline,
wrong key…) is shown in a corner badge.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from direct.gui.DirectGui import OnscreenText
from panda3d.core import TextNode

from game import geo, tasks
from game.alert_job import default_cache_dir
from game.alerts.levels import AlertLevel
from game.alerts.model import Alert
from game.alerts.parser import CapError, parse
from game.alerts.policy import AlertPolicy
from game.alerts.rotation import LanguageRotation
from game.audio_mix import DEFAULT as DEFAULT_MIX
from game.caption_style import DEFAULT as DEFAULT_CAPTIONS
from game.city_connection import CityConnection
from game.input.stack import ALERT, WORLD, ModalStack, Press
from game.language import Language
from game.text import i18n
from net import clock
from net.client.link import AlertReceived, CityLink, LinkEvent, LinkStatus, StatusChanged
from ui import theme
from ui.alerts.controller import AlertController
from ui.alerts.overlay import AlertOverlay
from ui.fonts import load_font
from ui.layers import alert_layer

log = logging.getLogger("mseoul.alerts.live")

MAX_MESSAGES_PER_FRAME = 32


class AlertSource(Protocol):
    """Alerts from somewhere other than the hub (e.g. :class:`game.kiosk.feed.DropWatcher`): ``poll(dt)`` gives
    (source name, CAP XML bytes) pairs."""

    def poll(self, dt: float) -> list[tuple[str, bytes]]: ...


class _ReplayKey:
    """R in the street: show the last acknowledged alert again (the overlay's "다시 보기" button, by key)."""

    modal = False
    text_focus = False

    def __init__(self, replay: Callable[[], None]) -> None:
        self.replay = replay

    def on_key(self, press: Press) -> bool:
        if "replay" in press:
            self.replay()
            return True
        return False

    def on_text(self, ch: str) -> bool:
        return False


class LiveAlerts:
    def __init__(self, base, config, where: Callable[[], tuple[float, float]] | None, *, flow=None, font=None,
                 parent=None, aspect: float | None = None, srgb: bool | None = None, badge: bool = True, aids=None,
                 on_alert: Callable[[], None] | None = None, location: tuple[float, float] | None = None,
                 languages: Iterable[str] | None = None, sources: Iterable[AlertSource] = (),
                 city: CityConnection, cache_dir: Path | None = None, speech=None, keys: ModalStack | None = None,
                 own_tasks: bool = True,
                 language: Language | None = None,
                 on_receive: Callable[[Alert, str, set[str]], None] | None = None,
                 on_turn: Callable[[str, AlertController], None] | None = None):
        """``where()`` gives the user's world position (east, north) for geo-targeting; a kiosk passes its
        configured physical ``location`` (WGS84 lat, lon) instead. ``parent`` is where the overlay is drawn
        (``aspect2d`` on the desktop, the head-locked panel in XR, whose sRGB swapchain needs ``srgb=True``) and
        ``aspect`` the width/height of that surface (default: the window's); ``flow`` enters its
        alert state for a takeover; ``aids`` (:class:`game.access_aids.AccessAids`) adds voice and the signing
        avatar, or ``speech`` alone a voice; ``on_alert`` hears each new alert on screen (controller haptics in
        XR).

        ``languages`` (default the config's one) are presented in turn, each for its reading time, the first
        with the sound cue and voice, the others silently; ``on_turn(lang, controller)`` hears each later turn
        (the kiosk reads the alert out in that language). ``sources`` add alerts besides the hub's;
        ``on_receive(alert, source, outcomes)`` hears each one received. ``city``
        (:func:`game.city_connection.open_city`) brings the hub's alerts; this subscribes to it and never closes it.
        ``keys`` (the app's input stack): while an alert is on screen it sits on top of the stack, above every menu
        and form, and takes every key (Enter/Space/Esc acknowledge, R replays); without it acknowledging is the
        caller's (:meth:`acknowledge`). ``language`` (the app's setting) relabels the badge and a single-language
        overlay live. ``own_tasks=False`` leaves the frame to the caller (:meth:`step`)."""
        self.base, self.config, self.where, self.flow, self.on_alert = base, config, where, flow, on_alert
        self.fixed_location, self.on_receive, self.on_turn = location, on_receive, on_turn
        self.sources = list(sources)
        self.keys, self.language = keys, language
        self.languages = tuple(languages or ((language.value if language else config.language),))
        self.connection = city
        city.subscribers.append(self._link_event)
        bold = load_font(base.loader, bold=True)
        srgb = base.win.getFbProperties().getSrgbColor() if srgb is None else srgb
        parent = parent or alert_layer(base)  # above every menu, panel and keyboard
        self.layers: dict[str, Any] = {}
        self.controllers: dict[str, AlertController] = {}
        location_now = self._location()
        for i, lang in enumerate(self.languages):
            first = i == 0  # one voice and one attention cue; the other languages are shown in turn, silently
            layer = parent if len(self.languages) == 1 else parent.attachNewNode(f"alert-{lang}")
            overlay = AlertOverlay(layer, aspect or base.getAspectRatio(), bold, lang, srgb_framebuffer=srgb,
                                   signing_panel=first and aids is not None,
                                   caption_style=getattr(aids, "caption_style", DEFAULT_CAPTIONS))
            self.controllers[lang] = AlertController(
                AlertPolicy(location_now, lang), overlay, cache_dir or config.cache_dir or default_cache_dir(),
                audio_loader=base.loader if first else None,
                speech=(aids and aids.speech or speech) if first else None,
                signing=aids and aids.signing if first else None,
                on_change=self._changed if first else None,
                announce=getattr(aids, "announce", None) if first else None,
                mix=getattr(aids, "mix", DEFAULT_MIX))
            if len(self.languages) > 1:
                self.layers[lang] = layer
        self.controller = self.controllers[self.languages[0]]
        self.policy = self.controller.policy
        self.rotation = LanguageRotation((), self._reading_seconds)
        self.badge = None
        if badge:
            self.badge = OnscreenText(parent=base.a2dTopRight, font=font, pos=(-0.05, -0.09), scale=0.05,
                                      fg=theme.TEXT, bg=(0, 0, 0, 0.55), align=TextNode.ARight, mayChange=True)
        self.received = 0
        #: Who steps aside while an alert is on screen (the hint bar, chat): each hears True/False on changes.
        self.watchers: list[Callable[[bool], None]] = []
        self._unsubscribe = language.subscribe(self._relabel) if language is not None else None
        self.replay_key = _ReplayKey(self.replay)
        if keys is not None:
            keys.push(self.replay_key, WORLD)  # R brings an acknowledged alert back when nothing else has the keys
        if self.link is not None:
            self._set_status(self.link.status)
        self._tasks = []
        if own_tasks:
            self._tasks = [base.taskMgr.add(self._poll_task, "alert-sources", sort=tasks.NET_POLL),
                           base.taskMgr.add(self._update_task, "alert-policy", sort=tasks.ALERT_POLICY)]

    # -- the link ------------------------------------------------------------------------------------------------
    @property
    def link(self) -> CityLink | None:
        return self.connection.link

    @property
    def online(self) -> bool:
        return self.connection.online

    @property
    def pending(self) -> int:
        return self.connection.pending

    @property
    def problem(self) -> str:
        return self.connection.problem

    def request(self, op: str, args: dict[str, Any]) -> str | None:
        return self.connection.request(op, args)

    def _location(self) -> tuple[float, float]:
        if self.fixed_location is not None:
            return self.fixed_location
        return geo.to_wgs84(*self.where())

    def _set_status(self, status: LinkStatus) -> None:
        if self.badge is not None:
            lang = self.language.value if self.language is not None else self.languages[0]
            self.badge.setText(i18n.text(status.i18n_key, lang))

    def _relabel(self, lang: str) -> None:
        """The app's language changed: the badge, and a single-language overlay with what it shows."""
        if self.link is not None:
            self._set_status(self.link.status)
        if len(self.languages) == 1:
            self.controller.set_language(lang)

    # -- the frame -----------------------------------------------------------------------------------------------
    def step(self, dt_s: float) -> None:
        """One frame when the caller drives (``own_tasks=False``): the city's events, other sources, then present."""
        self.connection.poll()
        self.poll(dt_s)
        self.update(dt_s)

    def _link_event(self, event: LinkEvent) -> None:
        if isinstance(event, StatusChanged):
            self._set_status(event.status)
        elif isinstance(event, AlertReceived):
            try:
                alert = parse(event.xml)
            except CapError as exc:  # signed but malformed: the authority's bug, never the visitor's
                print(f"alert {event.seq} dropped: {exc}", file=sys.stderr)
                return
            self.receive(alert, "hub")

    def poll(self, dt_s: float) -> None:
        """Alerts from the other sources (the kiosk's drop folder); the hub's come through the city connection."""
        for source in self.sources:
            for name, xml in source.poll(dt_s):
                try:
                    alert = parse(xml)
                except CapError as exc:
                    log.warning("ignoring invalid CAP from %s: %s", name, exc)
                    continue
                self.receive(alert, name)

    def receive(self, alert: Alert, source: str) -> None:
        now = clock.now()
        outcomes = {self.controllers[lang].receive(alert, now).outcome for lang in self.languages}
        self.received += 1
        self.rotation = LanguageRotation((), self._reading_seconds)
        if self.on_receive is not None:
            self.on_receive(alert, source, outcomes)

    def update(self, dt_s: float) -> None:
        now = clock.now()
        location = self._location()
        for controller in self.controllers.values():
            controller.policy.location = location
            controller.tick(now)
        if self.layers:
            self._rotate(dt_s)
        for controller in self.controllers.values():
            controller.update(dt_s)

    def _poll_task(self, task):
        self.poll(self.base.clock.getDt())
        return task.cont

    def _update_task(self, task):
        self.update(self.base.clock.getDt())
        return task.cont

    # -- several languages in turn ---------------------------------------------------------------------------------
    def _reading_seconds(self, lang: str) -> float:
        shown = self.controllers[lang].shown
        return sum(p.seconds for p in shown.presentation.pages) if shown is not None else 0.0

    @property
    def active_languages(self) -> tuple[str, ...]:
        """Languages with an alert on screen, skipping those that would repeat the same info block."""
        out, seen = [], set()
        for lang in self.languages:
            shown = self.controllers[lang].shown
            if shown is not None and shown.presentation.language not in seen:
                seen.add(shown.presentation.language)
                out.append(lang)
        return tuple(out)

    def _rotate(self, dt_s: float) -> None:
        active = self.active_languages
        if active != self.rotation.languages:
            self.rotation = LanguageRotation(active, self._reading_seconds)
        elif self.rotation.advance(dt_s):
            self._turn(self.rotation.current)
        for lang, layer in self.layers.items():
            visible = bool(active) and lang == self.rotation.current
            layer.show() if visible else layer.hide()

    def _turn(self, lang: str) -> None:
        """A language's turn: its captions from the first page; ``on_turn`` hears the later languages' turns."""
        controller = self.controllers[lang]
        controller.overlay.restart()
        if self.on_turn is not None and lang != self.languages[0] and controller.shown is not None:
            self.on_turn(lang, controller)

    @property
    def shown(self) -> bool:
        """An alert is on screen in some language."""
        return any(c.shown is not None for c in self.controllers.values())

    @property
    def on_screen(self) -> str | None:
        """Language of the alert overlay currently visible, or None."""
        for lang, controller in self.controllers.items():
            layer = self.layers.get(lang)
            if controller.shown is not None and (layer is None or not layer.isHidden()):
                return lang
        return None

    def replay(self) -> None:
        for controller in self.controllers.values():
            controller.replay()

    def acknowledge(self) -> None:
        for controller in self.controllers.values():
            controller.acknowledge()

    # -- the input stack: an alert on screen takes the keys ----------------------------------------------------------
    modal = True
    text_focus = False

    def on_key(self, press: Press) -> bool:
        if "acknowledge" in press:
            self.acknowledge()
        elif "replay" in press:
            self.replay()
        return True  # nothing below an alert hears a key while it is up

    def on_text(self, ch: str) -> bool:
        return False

    def _changed(self, presentation) -> None:
        if presentation is not None and self.on_alert is not None:
            self.on_alert()
        if self.keys is not None:
            self.keys.push(self, ALERT) if presentation is not None else self.keys.remove(self)
        for watcher in list(self.watchers):
            watcher(presentation is not None)
        flow = self.flow
        if flow is None:
            return
        if presentation is not None and presentation.level is AlertLevel.EMERGENCY and flow.can("alert"):
            flow.go("alert")
        elif presentation is None and flow.state == "alert":
            flow.resume_after_alert()

    # -- shutdown --------------------------------------------------------------------------------------------------
    def release(self) -> None:
        if self.keys is not None:
            self.keys.remove(self)
            self.keys.remove(self.replay_key)
        if self._unsubscribe is not None:
            self._unsubscribe()
        for task in self._tasks:
            self.base.taskMgr.remove(task)
        self._tasks = []
        for controller in self.controllers.values():
            controller.destroy()
        for layer in self.layers.values():
            layer.removeNode()
        if self.badge is not None:
            self.badge.destroy()
        if self._link_event in self.connection.subscribers:
            self.connection.subscribers.remove(self._link_event)
