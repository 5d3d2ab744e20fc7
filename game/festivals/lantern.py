"""The Seoul Lantern Festival's editions (``assets/festivals/lantern.json``): which one runs on a day. Pure.

Kept as data with its sources so the dates and the year's theme are corrected without touching code, and so the
events model can later list the festival beside the other events. Days are Seoul's (KST): an instant is turned
into Seoul's date before it is compared, whatever the offset it was given with.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ui import i18n

DATA = Path(__file__).resolve().parents[2] / "assets" / "festivals" / "lantern.json"
KST = dt.timezone(dt.timedelta(hours=9), "KST")
KINDS = ("chorong", "moon", "carp")
STATUSES = ("announced", "estimated")


class FestivalError(ValueError):
    """The festival file is malformed; the message names the edition and the field."""


@dataclass(frozen=True)
class Edition:
    year: int
    number: int
    status: str
    start: dt.date
    end: dt.date  # the last day, included
    lit: tuple[dt.time, dt.time]  # lanterns on from, off at (the off time may be past midnight)
    theme: dict[str, str]
    zones: dict[str, str]
    palette: tuple[str, ...]
    kinds: tuple[str, ...]
    sources: tuple[str, ...]

    def runs_on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def lit_at(self, when: dt.datetime) -> bool:
        """Whether the lanterns are on at ``when``: a festival day within the lit hours (a night's late hours
        after midnight belong to the day before)."""
        local = when.astimezone(KST)
        on, off = self.lit
        t = local.time()
        if on < off:
            return self.runs_on(local.date()) and on <= t < off
        return (self.runs_on(local.date()) and t >= on) or (self.runs_on(local.date() - dt.timedelta(days=1))
                                                            and t < off)

    def dates_text(self, lang: str) -> str:
        return i18n.text("festival.dates", lang, start=self.start.strftime("%Y.%m.%d"),
                         end=self.end.strftime("%Y.%m.%d"), on=self.lit[0].strftime("%H:%M"),
                         off=self.lit[1].strftime("%H:%M"))

    def note(self, lang: str) -> str:
        """One paragraph for the info panel: the festival, its dates and the year's theme."""
        key = "festival.note_estimated" if self.status == "estimated" else "festival.note"
        return i18n.text(key, lang, number=self.number, year=self.year, dates=self.dates_text(lang),
                         theme=self.theme[lang], zones=self.zones[lang])


def _need(entry: dict, key: str, kind: type | tuple[type, ...]):
    if not isinstance(entry.get(key), kind):
        raise FestivalError(f"lantern festival {entry.get('year', '?')}: field {key!r} missing or of the wrong type")
    return entry[key]


def _bilingual(entry: dict, key: str) -> dict[str, str]:
    text = _need(entry, key, dict)
    if not all(isinstance(text.get(lang), str) and text[lang] for lang in i18n.LANGS):
        raise FestivalError(f"lantern festival {entry.get('year')}: {key!r} needs 'ko' and 'en'")
    return {lang: text[lang] for lang in i18n.LANGS}


def parse(data: dict) -> tuple[Edition, ...]:
    """Validate the decoded file; editions in date order, never overlapping."""
    out = []
    for entry in _need(data, "editions", list):
        try:
            start, end = dt.date.fromisoformat(_need(entry, "start", str)), dt.date.fromisoformat(entry["end"])
            lit = tuple(dt.time.fromisoformat(t) for t in _need(entry, "lit", list))
        except (KeyError, ValueError) as exc:
            raise FestivalError(f"lantern festival {entry.get('year')}: bad date or time ({exc})") from None
        if not start <= end or len(lit) != 2:
            raise FestivalError(f"lantern festival {entry.get('year')}: it must end after it starts")
        kinds = tuple(_need(entry, "kinds", list))
        if not kinds or any(k not in KINDS for k in kinds):
            raise FestivalError(f"lantern festival {entry.get('year')}: kinds must be some of {KINDS}")
        if _need(entry, "status", str) not in STATUSES:
            raise FestivalError(f"lantern festival {entry.get('year')}: status must be one of {STATUSES}")
        out.append(Edition(int(_need(entry, "year", int)), int(_need(entry, "edition", int)), entry["status"], start,
                           end, lit, _bilingual(entry, "theme"), _bilingual(entry, "zones"),
                           tuple(_need(entry, "palette", list)), kinds, tuple(_need(entry, "sources", list))))
    out.sort(key=lambda e: e.start)
    for a, b in zip(out, out[1:], strict=False):
        if b.start <= a.end:
            raise FestivalError(f"lantern festival {a.year} and {b.year} overlap")
    return tuple(out)


@lru_cache(maxsize=2)
def load(path: Path = DATA) -> tuple[Edition, ...]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise FestivalError(f"cannot read {path}: {exc}") from None
    return parse(data)


def place(path: Path = DATA) -> str:
    """The landmark the festival is held on."""
    return json.loads(path.read_text(encoding="utf-8"))["place"]


def edition_on(when: dt.datetime, editions: tuple[Edition, ...] | None = None) -> Edition | None:
    """The edition running on ``when``'s day in Seoul, or None outside every festival."""
    day = when.astimezone(KST).date()
    return next((e for e in (load() if editions is None else editions) if e.runs_on(day)), None)
