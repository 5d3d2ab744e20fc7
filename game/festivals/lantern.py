"""The Seoul Lantern Festival on the events model (``assets/events/lantern-festival.json``): which edition runs
on a day, whether its lanterns are lit, what the board and the info panel say of it. Pure.

The festival is an event like the bell and the guard ceremonies (``net.events``, ``recurs: "editions"``), so the
hub lists and schedules it with the others; the editions keep their sources and their status (an edition not yet
announced is ``estimated`` and says so). What only the lanterns need (the sculptures' palette and kinds, the
zones) is each edition's ``details``, checked here. Days are Seoul's (KST): an instant is turned into Seoul's date
before it is compared, whatever the offset it was given with.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache

from game.text import i18n
from net import events

EVENT = "lantern-festival"
KST = events.KST
KINDS = ("chorong", "moon", "carp")
STATUSES = events.STATUSES


class FestivalError(ValueError):
    """An edition's details are malformed; the message names the edition and the field."""


@dataclass(frozen=True)
class Edition:
    """One edition as the lanterns see it: the events model's edition and its checked details."""

    event: events.Edition
    zones: dict[str, str]
    palette: tuple[str, ...]
    kinds: tuple[str, ...]

    @property
    def year(self) -> int:
        return self.event.year

    @property
    def number(self) -> int:
        return self.event.number

    @property
    def status(self) -> str:
        return self.event.status

    @property
    def start(self) -> dt.date:
        return self.event.first

    @property
    def end(self) -> dt.date:
        """The last day, included."""
        return self.event.last

    @property
    def lit(self) -> tuple[dt.time, dt.time]:
        """Lanterns on from, off at (the off time may be past midnight)."""
        return self.event.hours

    @property
    def theme(self) -> dict[str, str]:
        return self.event.theme

    @property
    def sources(self) -> tuple[str, ...]:
        return self.event.sources

    def runs_on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def lit_at(self, when: dt.datetime) -> bool:
        """Whether the lanterns are on at ``when``: within one of the edition's nights (its beats), a night's late
        hours after midnight belonging to the day before."""
        return occurrence(self).beat_running(when.timestamp()) > 0

    def dates_text(self, lang: str) -> str:
        return i18n.text("festival.dates", lang, start=self.start.strftime("%Y.%m.%d"),
                         end=self.end.strftime("%Y.%m.%d"), on=self.lit[0].strftime("%H:%M"),
                         off=self.lit[1].strftime("%H:%M"))

    def note(self, lang: str) -> str:
        """One paragraph for the info panel: the festival, its dates and the year's theme."""
        key = "festival.note_estimated" if self.status == "estimated" else "festival.note"
        return i18n.text(key, lang, number=self.number, year=self.year, dates=self.dates_text(lang),
                         theme=self.theme[lang], zones=self.zones[lang])


def _edition(e: events.Edition) -> Edition:
    where = f"lantern festival {e.year}"
    zones, palette, kinds = (e.details.get(k) for k in ("zones", "palette", "kinds"))
    if not isinstance(zones, dict) or not all(isinstance(zones.get(lang), str) and zones[lang] for lang in i18n.LANGS):
        raise FestivalError(f"{where}: 'zones' needs 'ko' and 'en'")
    if not isinstance(palette, list) or not palette or not all(isinstance(c, str) for c in palette):
        raise FestivalError(f"{where}: 'palette' must be a list of sRGB colours")
    if not isinstance(kinds, list) or not kinds or any(k not in KINDS for k in kinds):
        raise FestivalError(f"{where}: kinds must be some of {KINDS}")
    return Edition(e, {lang: zones[lang] for lang in i18n.LANGS}, tuple(palette), tuple(kinds))


def parse(spec: events.EventSpec) -> tuple[Edition, ...]:
    """The festival's editions in date order, their details checked."""
    if spec.recurs != events.EDITIONS:
        raise FestivalError(f"{spec.id}: the lantern festival is held in editions")
    return tuple(_edition(e) for e in spec.editions)


def spec() -> events.EventSpec:
    return events.load_all()[EVENT]


@lru_cache(maxsize=1)
def load() -> tuple[Edition, ...]:
    """The editions of the catalogue's festival (read once: one object per edition for the app's life)."""
    return parse(spec())


def occurrence(edition: Edition) -> events.Occurrence:
    """The edition as the events model schedules it: one beat a night, lasting the lit hours."""
    return spec().edition_occurrence(edition.event)


def place() -> str:
    """The landmark the festival is held on."""
    return spec().place


def edition_on(when: dt.datetime, editions: tuple[Edition, ...] | None = None) -> Edition | None:
    """The edition running on ``when``'s day in Seoul, or None outside every festival."""
    day = when.astimezone(KST).date()
    return next((e for e in (load() if editions is None else editions) if e.runs_on(day)), None)


MENU_WITHIN = 3600.0  # seconds before a night's lighting from which the teleport menu announces it


def menu_label(occ: events.Occurrence, hub_now: float, lang: str) -> str | None:
    """The festival place's line in the teleport menu: ``서울빛초롱축제 — 지금 점등 중`` while a night is lit,
    ``… — 8분 후 점등`` within the hour before one, else None (the place keeps its name). An estimated edition's
    title says so."""
    title = occ.spec.title[lang]
    if occ.edition is not None and occ.edition.status == "estimated":
        title += f" ({i18n.text('festival.estimated', lang)})"
    if occ.beat_running(hub_now):
        return i18n.text("festival.menu_lit", lang, title=title)
    ahead = [b - hub_now for b in occ.beats if b > hub_now]
    if ahead and ahead[0] <= MENU_WITHIN:
        return i18n.text("festival.menu_in", lang, title=title, minutes=max(1, math.ceil(ahead[0] / 60)))
    return None
