"""The alert policy queue: which alerts are live, which one is on screen, and what happened to each input.

Rules, applied as each message is received with the caller's clock (``now``; nothing here reads time):

* ``Ack``/``Error`` messages and ``System``/``Draft`` statuses are for systems, not people → ``ignored``.
* A message whose (sender, identifier) was seen before is a duplicate: it is not queued again and shares the
  first copy's outcome.
* ``Update`` and ``Cancel`` take what they reference off the queue (``replaced`` / ``cancelled``), even if the
  original arrives later; a Cancel itself is never shown.
* Already expired → ``expired``; not targeted at the user's location → ``outside-area``; else ``presented``.
* The one on screen is the live, unacknowledged alert with the highest level, real before drill, newest first.
  Acknowledging hides it; replay brings back the current or last acknowledged one. :meth:`tick` expires.
Pure (no Panda3D).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from game.alerts.levels import AlertLevel
from game.alerts.model import Alert
from game.alerts.presentation import Presentation, present
from game.alerts.targeting import GWANGHWAMUN, alert_targets

OUTCOMES = ("presented", "replaced", "cancelled", "outside-area", "expired", "ignored")


@dataclass(slots=True)
class Record:
    """One received message and what became of it; ``outcome`` changes as later messages arrive."""

    alert: Alert
    outcome: str
    presentation: Presentation | None
    duplicate: bool = False

    @property
    def news(self) -> bool:
        """Presented (on screen or queued) and not a repeat: what the assistive output announces. Meant to be read
        right after :meth:`AlertPolicy.receive`, before a later message changes the outcome."""
        return self.outcome == "presented" and not self.duplicate and self.presentation is not None


class AlertPolicy:
    def __init__(self, location: tuple[float, float] = GWANGHWAMUN, lang: str = "ko") -> None:
        self.location = location
        self.lang = lang
        self.records: list[Record] = []
        self._by_key: dict[tuple[str, str], Record] = {}
        self._live: dict[tuple[str, str], Record] = {}
        self._superseded: dict[tuple[str, str], str] = {}
        self._acknowledged: list[tuple[str, str]] = []

    def receive(self, alert: Alert, now: dt.datetime, level: AlertLevel | str | None = None) -> Record:
        """Take one parsed message; may raise CapError for a bad explicit level parameter."""
        info = alert.info_for(self.lang)
        presentation = present(alert, info, level) if info is not None else None
        earlier = self._by_key.get(alert.key)
        if earlier is not None:
            return self._add(Record(alert, earlier.outcome, presentation, duplicate=True), track=False)
        if alert.msg_type in ("Ack", "Error") or alert.status in ("System", "Draft"):
            return self._add(Record(alert, "ignored", presentation))
        if alert.msg_type in ("Update", "Cancel"):
            outcome = "replaced" if alert.msg_type == "Update" else "cancelled"
            for ref in alert.references:
                self._superseded[ref.key] = outcome
                gone = self._live.pop(ref.key, None)
                if gone is not None:
                    gone.outcome = outcome
            if alert.msg_type == "Cancel":
                return self._add(Record(alert, "cancelled", presentation))
        if alert.key in self._superseded:
            return self._add(Record(alert, self._superseded[alert.key], presentation))
        if presentation is None:
            return self._add(Record(alert, "ignored", None))
        expires = alert.expires()
        if expires is not None and expires <= now:
            return self._add(Record(alert, "expired", presentation))
        if not alert_targets(alert, self.location):
            return self._add(Record(alert, "outside-area", presentation))
        record = self._add(Record(alert, "presented", presentation))
        self._live[alert.key] = record
        return record

    def _add(self, record: Record, track: bool = True) -> Record:
        self.records.append(record)
        if track:
            self._by_key[record.alert.key] = record
        return record

    def tick(self, now: dt.datetime) -> list[Record]:
        """Expire live alerts whose time is over; returns those that left."""
        gone = [r for r in self._live.values() if (e := r.alert.expires()) is not None and e <= now]
        for record in gone:
            record.outcome = "expired"
            del self._live[record.alert.key]
        return gone

    def live(self) -> list[Record]:
        """Live alerts, most important first."""
        return sorted(self._live.values(), key=_priority, reverse=True)

    def current(self) -> Record | None:
        return next((r for r in self.live() if r.alert.key not in self._acknowledged), None)

    def acknowledge(self) -> Record | None:
        """The user has taken in the alert on screen: hide it and return it."""
        record = self.current()
        if record is not None:
            self._acknowledged.append(record.alert.key)
        return record

    def replay(self) -> Record | None:
        """The alert to show again: the current one, else the last acknowledged one still live."""
        record = self.current()
        if record is not None:
            return record
        for key in reversed(self._acknowledged):
            if key in self._live:
                self._acknowledged.remove(key)
                return self._live[key]
        return None


def _priority(record: Record) -> tuple[int, bool, dt.datetime]:
    assert record.presentation is not None  # only presented alerts are live
    return int(record.presentation.level), not record.alert.is_drill, record.alert.sent
