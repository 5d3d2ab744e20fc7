"""The CAP 1.2 alert as immutable data: one dataclass per element of the standard.

Every element the standard defines is kept, even those the overlay never shows (``note``, ``resource``,
``eventCode``…), so an alert can be logged, forwarded or audited exactly as it arrived. Enumerated values are
plain strings already validated by :mod:`game.alerts.parser`; the tuples below are the single source of the
allowed values. Pure (no Panda3D).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"

STATUSES = ("Actual", "Exercise", "System", "Test", "Draft")
MSG_TYPES = ("Alert", "Update", "Cancel", "Ack", "Error")
SCOPES = ("Public", "Restricted", "Private")
CATEGORIES = ("Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE",
              "Other")
RESPONSE_TYPES = ("Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None")
URGENCIES = ("Immediate", "Expected", "Future", "Past", "Unknown")
SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
CERTAINTIES = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")

#: CAP 1.2 §3.2.2: an ``info`` without ``language`` is in US English.
DEFAULT_LANGUAGE = "en-US"


@dataclass(frozen=True, slots=True)
class NamedValue:
    """A ``valueName``/``value`` pair, as used by ``eventCode``, ``parameter`` and ``geocode``."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry of ``references``: the earlier message an Update, Cancel, Ack or Error refers to."""

    sender: str
    identifier: str
    sent: dt.datetime

    @property
    def key(self) -> tuple[str, str]:
        return self.sender, self.identifier


@dataclass(frozen=True, slots=True)
class Circle:
    """A ``circle``: centre in WGS84 degrees and radius in kilometres (CAP 1.2 §3.2.4)."""

    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True, slots=True)
class Polygon:
    """A closed ``polygon`` ring of (lat, lon) WGS84 points; the first point equals the last."""

    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Area:
    area_desc: str
    polygons: tuple[Polygon, ...] = ()
    circles: tuple[Circle, ...] = ()
    geocodes: tuple[NamedValue, ...] = ()
    altitude: float | None = None
    ceiling: float | None = None


@dataclass(frozen=True, slots=True)
class Resource:
    resource_desc: str
    mime_type: str
    size: int | None = None
    uri: str | None = None
    deref_uri: str | None = None
    digest: str | None = None


@dataclass(frozen=True, slots=True)
class Info:
    event: str
    urgency: str
    severity: str
    certainty: str
    categories: tuple[str, ...]
    language: str = DEFAULT_LANGUAGE
    response_types: tuple[str, ...] = ()
    audience: str | None = None
    event_codes: tuple[NamedValue, ...] = ()
    effective: dt.datetime | None = None
    onset: dt.datetime | None = None
    expires: dt.datetime | None = None
    sender_name: str | None = None
    headline: str | None = None
    description: str | None = None
    instruction: str | None = None
    web: str | None = None
    contact: str | None = None
    parameters: tuple[NamedValue, ...] = ()
    resources: tuple[Resource, ...] = ()
    areas: tuple[Area, ...] = ()

    def parameter(self, *names: str) -> str | None:
        """The first value of a parameter whose name matches one of ``names`` (case-insensitive)."""
        wanted = {n.casefold() for n in names}
        return next((p.value for p in self.parameters if p.name.casefold() in wanted), None)


@dataclass(frozen=True, slots=True)
class Alert:
    identifier: str
    sender: str
    sent: dt.datetime
    status: str
    msg_type: str
    scope: str
    source: str | None = None
    restriction: str | None = None
    addresses: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    note: str | None = None
    references: tuple[Reference, ...] = ()
    incidents: tuple[str, ...] = ()
    infos: tuple[Info, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        """CAP identifies a message by sender and identifier together; the policy de-duplicates on this."""
        return self.sender, self.identifier

    @property
    def is_drill(self) -> bool:
        """An Exercise or Test must be shown as such, never as a real alert."""
        return self.status in ("Exercise", "Test")

    def expires(self) -> dt.datetime | None:
        """When the whole alert is over: the latest ``expires`` of its infos, None if any info never expires."""
        ends = [i.expires for i in self.infos]
        if not ends or any(e is None for e in ends):
            return None
        return max(e for e in ends if e is not None)

    def info_for(self, lang: str) -> Info | None:
        """The info block to show a user who reads ``lang`` (``ko``, ``en``…).

        Exact primary-language match first (``ko`` matches ``ko-KR``), then English (CAP's default language and
        the lingua franca of alerting), then Korean (the country's language), then the first block.
        """
        if not self.infos:
            return None
        for want in (lang, "en", "ko"):
            for info in self.infos:
                if info.language.split("-")[0].casefold() == want.casefold():
                    return info
        return self.infos[0]
