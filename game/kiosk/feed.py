"""The kiosk's local alert feed and request path: a city link (embedded hub or the operator's) plus a drop folder.

Nothing here may block start or a frame. The link connects in the background (ZeroMQ) and is polled with
``poll(0)``; if even the embedded hub cannot start (a machine with no loopback network, for example), the kiosk
keeps going without it: alerts still arrive through the drop folder, and requests are written straight into the
client's durable outbox, which the link sends from on a later start when the network is back. Every failure
becomes a status for the offline badge, never an exception in the frame loop.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.alerts.model import Alert
from game.alerts.parser import CapError, parse
from game.kiosk.live import LiveValue
from game.kiosk.settings import KioskSettings

log = logging.getLogger("mseoul.kiosk.feed")

SCAN_INTERVAL_S = 1.0
CONTACT_SAVE_S = 30.0  # persist "last contact" at most this often while connected


@dataclass
class DropWatcher:
    """New ``*.xml`` files in ``root`` (an operator's USB stick or a sync folder), each read once per version."""

    root: Path
    interval: float = SCAN_INTERVAL_S
    _seen: set[tuple[str, int, int]] = field(default_factory=set)
    _t: float = SCAN_INTERVAL_S  # scan on the first poll

    def poll(self, dt: float) -> list[tuple[Path, bytes]]:
        self._t += dt
        if self._t < self.interval:
            return []
        self._t = 0.0
        out = []
        try:
            paths = sorted(self.root.glob("*.xml"))
        except OSError:
            return []
        for path in paths:
            try:
                st = path.stat()
                key = (path.name, st.st_mtime_ns, st.st_size)
                if key in self._seen:
                    continue
                data = path.read_bytes()
            except OSError:
                continue
            self._seen.add(key)
            out.append((path, data))
        return out


class AlertFeed:
    """``start()`` once (never raises), then ``poll(dt)`` per frame for new alerts; ``request()`` for tickets."""

    def __init__(self, settings: KioskSettings, data_dir: Path, embedded_dir: Path | None = None) -> None:
        self.settings = settings
        self.data_dir = data_dir
        self.embedded_dir = embedded_dir
        self.link: Any = None
        self.embedded: Any = None
        self.outbox: Any = None  # used directly only when there is no link
        self.problem = ""  # why there is no link, for the log and the operator
        self.contact = LiveValue.restore("city-contact", data_dir / "live" / "city-contact.json")
        self.drop = DropWatcher(settings.drop_folder) if settings.drop_folder is not None else None
        self.replies: list[Any] = []
        self._since_save = CONTACT_SAVE_S

    def start(self) -> None:
        try:
            if self.settings.hub is not None:
                self.link = self._configured_link()
            else:
                from net.embedded import EmbeddedHub

                self.embedded = EmbeddedHub(self.embedded_dir)
                self.embedded.start()
                self.link = self.embedded.link()
        except Exception as exc:  # noqa: BLE001 - any failure here must leave an offline kiosk, not a dead one
            self.problem = f"{type(exc).__name__}: {exc}"
            log.warning("city link unavailable, running offline: %s", self.problem)
            self._stop_embedded()
            self.link = None
            self._open_outbox()

    def _configured_link(self) -> Any:
        """The operator's hub: endpoints and pinned key from the settings, else from the client directory."""
        import json

        from net.client.link import CityLink
        from net.keys import load_curve, load_pinned_authorities

        hub = self.settings.hub
        assert hub is not None
        services, alerts = hub.services, hub.alerts
        if services is None:
            doc = json.loads((hub.client_dir / "city.json").read_text(encoding="utf-8"))
            services, alerts = doc["services"], doc["alerts"]
        server_key = hub.server_key.encode() if hub.server_key else load_curve(hub.client_dir / "hub.key").public
        return CityLink(services, alerts, server_key, load_curve(hub.client_dir / "client.key_secret"),
                        load_pinned_authorities(hub.client_dir / "authorities"), hub.client_dir)

    def _client_dir(self) -> Path:
        if self.settings.hub is not None:
            return self.settings.hub.client_dir
        from net.embedded import default_embedded_dir

        return (self.embedded_dir or default_embedded_dir()) / "client"

    def _open_outbox(self) -> None:
        from net.client.outbox import Outbox

        try:
            directory = self._client_dir()
            directory.mkdir(parents=True, exist_ok=True)
            self.outbox = Outbox(directory)
        except Exception as exc:  # noqa: BLE001 - without an outbox requests cannot be kept; say so, go on
            self.problem += f"; outbox unavailable: {exc}"
            log.error("request outbox unavailable: %s", exc)

    def _stop_embedded(self) -> None:
        if self.embedded is not None:
            try:
                self.embedded.stop()
            except Exception:  # noqa: BLE001
                log.exception("embedded hub did not stop cleanly")
            self.embedded = None

    @property
    def online(self) -> bool:
        return self.link is not None and self.link.status == "connected"

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

                return self.outbox.add(op, check_args(op, args), time.time())
        except Exception as exc:  # noqa: BLE001 - a refused request must not take the kiosk down
            log.warning("request %s not queued: %s", op, exc)
        return None

    def poll(self, dt: float, now: float) -> list[tuple[str, Alert]]:
        """New alerts as (source, Alert); ``now`` is wall-clock seconds, for the cached contact time."""
        alerts: list[tuple[str, bytes]] = []
        if self.link is not None:
            from net.client.link import AlertReceived, ReplyReceived

            try:
                events = self.link.poll()
            except Exception as exc:  # noqa: BLE001
                log.warning("city link poll failed: %s", exc)
                events = []
            for event in events:
                if isinstance(event, AlertReceived):
                    alerts.append(("hub", event.xml))
                elif isinstance(event, ReplyReceived):
                    self.replies.append(event)
        self.contact.online = self.online
        if self.online:
            self._since_save += dt
            if self._since_save >= CONTACT_SAVE_S:
                self._since_save = 0.0
                self.contact.update({"status": "connected"}, now)
        else:
            self._since_save = CONTACT_SAVE_S  # save at once when the link comes back
        if self.drop is not None:
            alerts += [(f"drop:{path.name}", data) for path, data in self.drop.poll(dt)]
        out = []
        for source, xml in alerts:
            try:
                out.append((source, parse(xml)))
            except CapError as exc:
                log.warning("ignoring invalid CAP from %s: %s", source, exc)
        return out

    def close(self) -> None:
        if self.link is not None:
            self.link.close()
            self.link = None
        if self.outbox is not None:
            self.outbox.close()
            self.outbox = None
        self._stop_embedded()
