"""Live data on an offline kiosk: the last value seen, how old it is, and whether to show the "offline" badge.

An exhibit may run for days with the network cut. It must still start and show what it last knew, honestly
labelled with its age, rather than block, hide the panel or pretend the value is current. The last value and the
wall time it arrived are persisted so a restarted kiosk keeps showing them. Pure apart from the small JSON file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class LiveValue:
    """One cached value; ``online`` is the link's current state, set by the caller."""

    name: str
    path: Path | None = None
    value: Any = None
    updated: float | None = None  # epoch seconds (net.clock.timestamp) of the last fresh value
    online: bool = False

    @classmethod
    def restore(cls, name: str, path: Path) -> LiveValue:
        """The value persisted at ``path``, or an empty one; a damaged file is treated as absent."""
        live = cls(name, path)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            live.value, live.updated = doc["value"], float(doc["updated"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return live

    def update(self, value: Any, now: float) -> None:
        """A fresh value arrived (so the link is up); persist it atomically."""
        self.value, self.updated, self.online = value, now, True
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps({"value": value, "updated": now}, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.path)

    def age(self, now: float) -> float | None:
        return None if self.updated is None else max(now - self.updated, 0.0)

    @property
    def stale(self) -> bool:
        """Show the offline badge: the link is down, so what is shown is the cached value."""
        return not self.online


def age_parts(seconds: float | None) -> tuple[str, int]:
    """(unit, amount) for an age, for the ``kiosk.age_<unit>`` strings: never, s, min, h or d."""
    if seconds is None:
        return "never", 0
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return unit, int(seconds // size)
    return "s", int(seconds)
