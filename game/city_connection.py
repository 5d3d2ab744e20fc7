"""The city connection: the app's one link to a city, opened once per run and handed to every feature that talks
to the city (live alerts, the civic desk, presence), none of which owns it.

:func:`open_city` opens the operator's hub (kiosk settings ``[hub]``), the ``--city`` client directory, else an
:class:`EmbeddedHub` of the app's own, so alerts (the operator CLI, the drop folder) and services work on one
machine and offline. With ``offline_ok`` (the kiosk) a link that cannot even be opened leaves an offline app
instead of an exception: requests are then written straight into the client's durable outbox, which the link
sends from on a later start. One task polls the link (a capped number of messages per frame, never blocking)
and hands every event to the subscribers.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game import tasks
from net import clock
from net.client.link import CityLink, LinkEvent, LinkStatus
from net.embedded import EmbeddedHub, default_embedded_dir

log = logging.getLogger("mseoul.city")

MAX_MESSAGES_PER_FRAME = 32


@dataclass
class CityConnection:
    """What :func:`open_city` opened: the link (None when offline), the embedded hub if any, and with no link
    the outbox requests are kept in, plus why there is no link. ``subscribers`` hear every link event."""

    link: CityLink | None
    hub: EmbeddedHub | None = None
    outbox: Any = None  # net.client.outbox.Outbox, only when there is no link
    problem: str = ""
    client_dir: Path | None = None  # the provisioned client directory (keys, city.json), when there is one
    offline_ok: bool = False
    subscribers: list[Callable[[LinkEvent], None]] = field(default_factory=list)
    _task: Any = None

    def poll(self, max_messages: int = MAX_MESSAGES_PER_FRAME) -> None:
        """Read what the link has (never blocks) and hand each event to every subscriber."""
        if self.link is None:
            return
        try:
            events = self.link.poll(max_messages)
        except Exception as exc:  # noqa: BLE001 - an offline-capable app keeps going
            if not self.offline_ok:
                raise
            log.warning("city link poll failed: %s", exc)
            return
        for event in events:
            for subscriber in list(self.subscribers):
                try:
                    subscriber(event)
                except Exception:  # noqa: BLE001 - one feature's bad reply handler must not stop the city for all
                    log.exception("city event %s: subscriber %r failed", type(event).__name__, subscriber)

    def start_polling(self, base: Any) -> None:
        """The one task polling the link, first in the frame (``game.tasks.NET_POLL``)."""
        def poll(task):
            self.poll()
            return task.cont

        self._task = base.taskMgr.add(poll, "city-link-poll", sort=tasks.NET_POLL)

    def stop_polling(self, base: Any) -> None:
        if self._task is not None:
            base.taskMgr.remove(self._task)
            self._task = None

    @property
    def status(self) -> LinkStatus | None:
        return self.link.status if self.link is not None else None

    @property
    def online(self) -> bool:
        return self.link is not None and self.link.status == LinkStatus.CONNECTED

    @property
    def pending(self) -> int:
        if self.link is not None:
            return self.link.pending_count
        return len(self.outbox.pending(1_000_000)) if self.outbox is not None else 0

    def request(self, op: str, args: dict[str, Any]) -> str | None:
        """Queue a durable request; its id, or None when it could not even be stored (logged)."""
        try:
            if self.link is not None:
                return self.link.request(op, args)
            if self.outbox is not None:
                from net.protocol import check_args

                return self.outbox.add(op, check_args(op, args), clock.timestamp())
        except Exception as exc:  # noqa: BLE001 - a refused request must not take the app down
            log.warning("request %s not queued: %s", op, exc)
        return None

    def close(self) -> None:
        """Close the link and the outbox and stop the embedded hub: safe after the ShowBase is gone."""
        if self.link is not None:
            self.link.close()
        if self.outbox is not None:
            self.outbox.close()
            self.outbox = None
        if self.hub is not None:
            try:
                self.hub.stop()
            except Exception:  # noqa: BLE001
                log.exception("embedded hub did not stop cleanly")
            self.hub = None


def _operator_link(hub: Any) -> CityLink:
    """The operator's hub (``game.kiosk.settings.HubSettings``): endpoints and pinned key from the settings, else
    from the client directory."""
    from net.keys import load_curve, load_pinned_authorities

    services, alerts = hub.services, hub.alerts
    if services is None:
        doc = json.loads((hub.client_dir / "city.json").read_text(encoding="utf-8"))
        services, alerts = doc["services"], doc["alerts"]
    server_key = hub.server_key.encode() if hub.server_key else load_curve(hub.client_dir / "hub.key").public
    return CityLink(services, alerts, server_key, load_curve(hub.client_dir / "client.key_secret"),
                    load_pinned_authorities(hub.client_dir / "authorities"), hub.client_dir)


def open_city(config, *, hub: Any = None, embedded_dir: Path | None = None,
              offline_ok: bool = False) -> CityConnection:
    """The app's one city connection: the operator's ``hub`` settings, else the ``--city`` client directory, else a hub
    embedded in the app (in ``embedded_dir``, default ``cache_dir/embedded-city``). With ``offline_ok`` any
    failure gives a connection without a link, requests going to the client directory's outbox."""
    if embedded_dir is None and config.cache_dir:
        embedded_dir = config.cache_dir / "embedded-city"
    embedded = None
    try:
        if hub is not None:
            return CityConnection(_operator_link(hub), client_dir=hub.client_dir, offline_ok=offline_ok)
        if config.city:
            return CityConnection(CityLink.from_directory(Path(config.city)), client_dir=Path(config.city),
                                  offline_ok=offline_ok)
        embedded = EmbeddedHub(embedded_dir)
        embedded.start()
        return CityConnection(embedded.link(), embedded, client_dir=embedded.client_dir, offline_ok=offline_ok)
    except Exception as exc:  # noqa: BLE001 - with offline_ok any failure must leave an offline app, not a dead one
        if not offline_ok:
            raise
        offline = CityConnection(None, embedded, problem=f"{type(exc).__name__}: {exc}", offline_ok=True)
        log.warning("city link unavailable, running offline: %s", offline.problem)
        offline.close()  # the half-started embedded hub
        if hub is not None:
            client_dir = hub.client_dir
        elif config.city:
            client_dir = Path(config.city)
        else:
            client_dir = (embedded_dir or default_embedded_dir()) / "client"
        try:
            from net.client.outbox import Outbox

            client_dir.mkdir(parents=True, exist_ok=True)
            offline.outbox = Outbox(client_dir)
        except Exception as exc2:  # noqa: BLE001 - without an outbox requests cannot be kept; say so, go on
            offline.problem += f"; outbox unavailable: {exc2}"
            log.error("request outbox unavailable: %s", exc2)
        offline.client_dir = client_dir
        return offline
