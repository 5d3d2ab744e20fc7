"""City events as data: kind, place, start and end, a schedule of beats, a bilingual description. Pure.

An event file (``assets/events/<id>.json``) describes a recurring event (the New Year's bell at 00:00 KST on
1 January; a guard ceremony daily at ``"at": ["10:00", "14:00"]`` except on its ``rest_days``, the weekdays its
palace is closed) or a festival held in dated ``editions`` (``"recurs": "editions"``: each edition's days, its
nightly hours, its theme, whether announced or only estimated, its sources); :meth:`EventSpec.occurrence` turns it
into one :class:`Occurrence` with instants in epoch seconds of the hub's clock, and the beats (bell strikes, drum
rolls, a festival's nights) at fixed instants. It lives
in ``net`` because the hub serves the schedules (``event.schedule``) and the app reads the same files to show them:
one model for both, as with ``net.moderation``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

EVENTS_DIR = Path(__file__).resolve().parents[1] / "assets" / "events"
KST = dt.timezone(dt.timedelta(hours=9), "KST")
KINDS = ("bell-ringing", "ceremony", "festival", "demo-day", "talk")
EDITIONS = "editions"  # a festival's dated editions rather than a rule (its dates change from year to year)
STATUSES = ("announced", "estimated")  # an edition's dates and theme as published, or guessed from the last ones
RECURS = {"yearly": re.compile(r"^(\d{2})-(\d{2})T(\d{2}):(\d{2})$"), "daily": re.compile(r"^()()(\d{2}):(\d{2})$")}
EVENT_ID = re.compile(r"^[a-z0-9-]{1,40}$")
TAGS = ("S", "R", "E")  # sourced, remembered, estimated (as in reference/)
MAX_BEATS = 200
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # as ``date.weekday()`` numbers them
LANGS = ("ko", "en")


class EventError(ValueError):
    """An event file that the model refuses; the message names the file and the field."""


@dataclass(frozen=True)
class Edition:
    """One edition of a festival: its days (both included, Seoul's), the hours it is open each night (the closing
    hour may be past midnight), the year's theme, and ``details`` that only the festival's own code reads (the
    lantern sculptures' palette and kinds, its zones). ``status`` ``estimated``: not announced yet, so the dates
    follow the last editions' pattern and the theme is a placeholder; shown as such."""

    year: int
    number: int
    status: str
    first: dt.date
    last: dt.date
    hours: tuple[dt.time, dt.time]
    theme: dict[str, str]
    sources: tuple[str, ...]
    details: dict[str, Any]

    @property
    def night_s(self) -> float:
        """How long each night's opening lasts, seconds (across midnight when it closes after it)."""
        on, off = (t.hour * 3600 + t.minute * 60 for t in self.hours)
        return float((off - on) % 86400 or 86400)

    def nights(self) -> tuple[float, ...]:
        """Each day's opening instant, epoch seconds."""
        days = (self.last - self.first).days + 1
        return tuple(dt.datetime.combine(self.first + dt.timedelta(days=k), self.hours[0], KST).timestamp()
                     for k in range(days))


@dataclass(frozen=True)
class Occurrence:
    """One occurrence: instants in epoch seconds (hub time); ``beats[i]`` is beat ``i + 1``, lasting ``beat_s``
    (0 for a strike; a festival's night for an edition, whose :class:`Edition` it carries)."""

    spec: EventSpec
    start: float
    end: float
    beats: tuple[float, ...]
    beat_s: float = 0.0
    edition: Edition | None = None

    @property
    def countdown_start(self) -> float:
        return self.start - self.spec.countdown_s

    def beats_done(self, t: float) -> int:
        """How many beats have sounded by ``t`` (a beat at exactly ``t`` counts)."""
        return bisect.bisect_right(self.beats, t)

    def phase(self, t: float) -> str:
        """``before``, ``countdown`` (the last ``countdown_s``), ``beats`` (start to last beat), ``after`` (to the
        end) or ``over``."""
        if t < self.countdown_start:
            return "before"
        if t < self.start:
            return "countdown"
        if t <= self.beats[-1]:
            return "beats"
        return "after" if t < self.end else "over"

    def start_kst(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.start, KST)

    def beat_running(self, t: float) -> int:
        """The beat (1-based) that lasts over ``t`` — tonight's opening of a festival —, or 0 between beats."""
        n = self.beats_done(t)
        return n if n and t < self.beats[n - 1] + self.beat_s else 0


@dataclass(frozen=True)
class EventSpec:
    """A recurring event from its data file (see the module docstring)."""

    id: str
    kind: str
    place: str  # a landmark id of the catalogue
    title: dict[str, str]
    description: dict[str, str]
    recurs: str
    at: tuple[str, ...]  # one or more start times: yearly 'MM-DDTHH:MM', daily 'HH:MM'
    countdown_s: float
    spoken_countdown_s: float
    beat_count: int
    beat_interval_s: float
    end_after_last_s: float
    per_turn: int  # visitors who may ring a beat per turn; 0: the beats are not rung by visitors
    facts: tuple[dict[str, Any], ...]
    rest_days: frozenset[int] = frozenset()  # weekdays (Monday 0) without an occurrence
    editions: tuple[Edition, ...] = ()  # recurs "editions": in date order, none overlapping

    def _starts_in(self, day: dt.date) -> list[dt.datetime]:
        """The starts on ``day`` (yearly: on that year's date), in order; none on a rest day."""
        out = []
        for at in self.at:
            month, mday, hour, minute = RECURS[self.recurs].fullmatch(at).groups()
            on = dt.date(day.year, int(month), int(mday)) if self.recurs == "yearly" else day
            if on.weekday() not in self.rest_days:
                out.append(dt.datetime(on.year, on.month, on.day, int(hour), int(minute), tzinfo=KST))
        return sorted(out)

    def occurrence_at(self, start: dt.datetime) -> Occurrence:
        t0 = start.timestamp()
        beats = tuple(t0 + i * self.beat_interval_s for i in range(self.beat_count))
        return Occurrence(self, t0, beats[-1] + self.end_after_last_s, beats)

    def edition_occurrence(self, edition: Edition) -> Occurrence:
        nights = edition.nights()
        return Occurrence(self, nights[0], nights[-1] + edition.night_s, nights, edition.night_s, edition)

    def occurrence(self, t: float) -> Occurrence:
        """The occurrence not yet over at ``t`` (the current one, or the next); for a festival past its last
        known edition, that edition (over: the data file needs the next one)."""
        if self.recurs == EDITIONS:
            occs = [self.edition_occurrence(e) for e in self.editions]
            return next((o for o in occs if o.end > t), occs[-1])
        today = dt.datetime.fromtimestamp(t, KST).date()
        step = dt.timedelta(days=1)
        day = today - step
        while True:  # yesterday's may still run past midnight; a yearly one is at most a year and a day away
            for start in self._starts_in(day):
                occ = self.occurrence_at(start)
                if occ.end > t:
                    return occ
            day = day.replace(year=day.year + 1, month=1, day=1) if self.recurs == "yearly" else day + step

    def to_json(self, occ: Occurrence) -> dict[str, Any]:
        """The schedule as the hub serves it (``event.schedule``); an edition adds its year, status and theme."""
        out = {
            "event": self.id, "kind": self.kind, "place": self.place,
            "title_ko": self.title["ko"], "title_en": self.title["en"],
            "description_ko": self.description["ko"], "description_en": self.description["en"],
            "starts": occ.start, "ends": occ.end, "countdown_from": occ.countdown_start,
            "beats": list(occ.beats),
        }
        if occ.edition is not None:
            e = occ.edition
            out["edition"] = {"year": e.year, "number": e.number, "status": e.status, "beat_s": occ.beat_s,
                              "theme_ko": e.theme["ko"], "theme_en": e.theme["en"], "sources": list(e.sources)}
        return out


def _need(data: dict, name: str, kind: type | tuple[type, ...], where: str) -> Any:
    value = data.get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise EventError(f"{where}: {name!r} missing or not {getattr(kind, '__name__', kind)}")
    return value


def _texts(data: dict, name: str, where: str) -> dict[str, str]:
    value = _need(data, name, dict, where)
    if any(not isinstance(value.get(lang), str) or not value[lang].strip() for lang in LANGS):
        raise EventError(f"{where}: {name!r} needs Korean and English text")
    return {lang: value[lang] for lang in LANGS}


def _clock(text: Any, where: str) -> dt.time:
    if not isinstance(text, str) or not RECURS["daily"].fullmatch(text):
        raise EventError(f"{where}: {text!r} is not a time 'HH:MM'")
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise EventError(f"{where}: {text!r} is not a time 'HH:MM'") from None


def _editions(data: dict, where: str) -> tuple[Edition, ...]:
    """A festival's editions, validated, in date order; overlapping ones are refused."""
    out = []
    for entry in _need(data, "editions", list, where):
        if not isinstance(entry, dict):
            raise EventError(f"{where}: an edition is not an object")
        here = f"{where} edition {entry.get('year', '?')}"
        try:
            first, last = (dt.date.fromisoformat(_need(entry, k, str, here)) for k in ("start", "end"))
        except ValueError as exc:
            raise EventError(f"{here}: bad date ({exc})") from None
        hours = _need(entry, "hours", list, here)
        if len(hours) != 2:
            raise EventError(f"{here}: hours must be [opening, closing]")
        if not first <= last or (last - first).days >= MAX_BEATS:
            raise EventError(f"{here}: it must end after it starts, within {MAX_BEATS} days")
        status = _need(entry, "status", str, here)
        if status not in STATUSES:
            raise EventError(f"{here}: status must be one of {', '.join(STATUSES)}")
        sources = _need(entry, "sources", list, here)
        if not sources or not all(isinstance(x, str) and x for x in sources):
            raise EventError(f"{here}: every edition needs its sources")
        out.append(Edition(_need(entry, "year", int, here), _need(entry, "edition", int, here), status, first, last,
                           (_clock(hours[0], here), _clock(hours[1], here)), _texts(entry, "theme", here),
                           tuple(sources), dict(_need(entry, "details", dict, here))))
    if not out:
        raise EventError(f"{where}: a festival needs at least one edition")
    out.sort(key=lambda e: e.first)
    for a, b in zip(out, out[1:], strict=False):
        if b.first <= a.last:
            raise EventError(f"{where}: editions {a.year} and {b.year} overlap")
    return tuple(out)


def _facts(data: dict, where: str) -> tuple[dict[str, Any], ...]:
    facts = tuple(_need(data, "facts", list, where))
    for fact in facts:
        if not isinstance(fact, dict) or fact.get("tag") not in TAGS or not isinstance(fact.get("source"), str):
            raise EventError(f"{where}: every fact needs a tag ({'/'.join(TAGS)}) and a source")
        _texts({"fact": fact}, "fact", f"{where} fact {fact.get('key')!r}")
    return facts


def parse(data: Any, where: str = "event") -> EventSpec:
    """An :class:`EventSpec` from a decoded event file, or :class:`EventError` naming what is wrong."""
    if not isinstance(data, dict):
        raise EventError(f"{where}: not an object")
    eid = _need(data, "id", str, where)
    if not EVENT_ID.fullmatch(eid):
        raise EventError(f"{where}: id {eid!r} must be lower-case letters, digits and dashes")
    kind, recurs = _need(data, "kind", str, where), _need(data, "recurs", str, where)
    if kind not in KINDS:
        raise EventError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    numbers = {n: float(_need(data, n, (int, float), where)) for n in ("countdown_s", "spoken_countdown_s")}
    if recurs == EDITIONS:
        if "beats" in data or "at" in data:
            raise EventError(f"{where}: a festival's beats are its editions' nights; no 'at' or 'beats'")
        editions, times, count, interval = _editions(data, where), (), 0, 86400.0
        numbers["end_after_last_s"] = 0.0
    else:
        editions = ()
        at = _need(data, "at", (str, list), where)
        times = tuple(at) if isinstance(at, list) else (at,)
        if recurs not in RECURS or not times or not all(isinstance(a, str) and RECURS[recurs].fullmatch(a)
                                                        for a in times):
            raise EventError(f"{where}: recurs/at {recurs!r} {at!r}: yearly 'MM-DDTHH:MM', daily 'HH:MM' (or a "
                             f"list), or {EDITIONS!r}")
        beats = _need(data, "beats", dict, where)
        count, interval = _need(beats, "count", int, where + " beats"), _need(beats, "interval_s", (int, float), where)
        if not 1 <= count <= MAX_BEATS or interval <= 0:
            raise EventError(f"{where}: beats need 1..{MAX_BEATS} beats and a positive interval")
        numbers["end_after_last_s"] = float(_need(data, "end_after_last_s", (int, float), where))
    rest = data.get("rest_days", [])
    if not isinstance(rest, list) or any(d not in WEEKDAYS for d in rest) or len(set(rest)) >= len(WEEKDAYS):
        raise EventError(f"{where}: rest_days must be a list of {', '.join(WEEKDAYS)}, leaving a day open")
    if any(v < 0 for v in numbers.values()) or numbers["spoken_countdown_s"] > numbers["countdown_s"]:
        raise EventError(f"{where}: countdowns and tail must be >= 0, the spoken countdown within the countdown")
    per_turn = _need(data["ringers"], "per_turn", int, where + " ringers") if "ringers" in data else 0
    facts = _facts(data, where)
    for one in times:
        try:
            _ = dt.date(2028, *map(int, one[:5].split("-"))) if recurs == "yearly" else None  # 2028 has 29 February
            if not (0 <= int(one[-5:-3]) < 24 and 0 <= int(one[-2:]) < 60):
                raise ValueError
        except ValueError:
            raise EventError(f"{where}: at {one!r} is not a date and time") from None
    return EventSpec(
        id=eid, kind=kind, place=_need(data, "place", str, where), title=_texts(data, "title", where),
        description=_texts(data, "description", where), recurs=recurs, at=times,
        countdown_s=numbers["countdown_s"], spoken_countdown_s=numbers["spoken_countdown_s"], beat_count=count,
        beat_interval_s=float(interval), end_after_last_s=numbers["end_after_last_s"], per_turn=per_turn,
        facts=facts, rest_days=frozenset(WEEKDAYS.index(d) for d in rest), editions=editions,
    )


@lru_cache(maxsize=4)
def load_all(directory: Path = EVENTS_DIR) -> dict[str, EventSpec]:
    """Every event file in ``directory`` by id; a bad file is an :class:`EventError` (a test catches it)."""
    out: dict[str, EventSpec] = {}
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise EventError(f"{path.name}: not valid JSON ({exc})") from None
        spec = parse(data, path.name)
        if spec.id != path.stem:
            raise EventError(f"{path.name}: id {spec.id!r} differs from the file name")
        out[spec.id] = spec
    return out
