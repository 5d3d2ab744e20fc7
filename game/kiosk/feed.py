"""The kiosk's part of the alert feed: a drop folder of CAP files and the "last contact" time of the city link.

The link itself, its offline fallback (requests written straight into the client's durable outbox) and the
presentation of alerts in every site language are :mod:`game.live_alerts`, shared with the desktop and XR; the
kiosk adds the :class:`DropWatcher` as an extra alert source there. Nothing here may block start or a frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.live_value import LiveValue

SCAN_INTERVAL_S = 1.0
CONTACT_SAVE_S = 30.0  # persist "last contact" at most this often while connected


@dataclass
class DropWatcher:
    """New ``*.xml`` files in ``root`` (an operator's USB stick or a sync folder), each read once per version;
    an alert source for :class:`game.live_alerts.LiveAlerts`."""

    root: Path
    interval: float = SCAN_INTERVAL_S
    _seen: set[tuple[str, int, int]] = field(default_factory=set)
    _t: float = SCAN_INTERVAL_S  # scan on the first poll

    def poll(self, dt: float) -> list[tuple[str, bytes]]:
        """New files as (``drop:NAME``, contents)."""
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
            out.append((f"drop:{path.name}", data))
        return out


class LastContact:
    """The cached "last contact with the city" for the offline badge, persisted while the link is up."""

    def __init__(self, path: Path) -> None:
        self.live = LiveValue.restore("city-contact", path)
        self._since_save = CONTACT_SAVE_S

    def update(self, online: bool, dt: float, now: float) -> None:
        """Once per frame; ``now`` is wall-clock seconds."""
        self.live.online = online
        if online:
            self._since_save += dt
            if self._since_save >= CONTACT_SAVE_S:
                self._since_save = 0.0
                self.live.update({"status": "connected"}, now)
        else:
            self._since_save = CONTACT_SAVE_S  # save at once when the link comes back
