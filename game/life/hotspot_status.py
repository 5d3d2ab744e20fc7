"""What the visitor is told about the nearest hotspot: its crowd level and message, the air, and how fresh. Pure.

The values come from the hub's ``city.data`` (one poller for everyone). Fresh values are shown as they are; older
than :data:`STALE_S` they are still shown, with their age; older than :data:`FORGET_S`, or never had, the typical
weekday/weekend profile (``assets/life/crowd.json``) takes over and says so — never an empty badge.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from game.life.density import CrowdData, Hotspot
from game.text import i18n

STALE_S = 900.0  # three missed polls of five minutes
FORGET_S = 6 * 3600.0
AIR_LEVELS = ("좋음", "보통", "나쁨", "매우나쁨")  # AirKorea's integrated air quality index (CAI), as AIR_IDX says


@dataclass(frozen=True)
class Status:
    hotspot: Hotspot
    level: int  # index into CrowdData.levels
    message: str  # AREA_CONGEST_MSG (Korean, as the city writes it); "" when typical
    source: str  # live, stale or typical
    age_s: float | None
    air: str | None  # one of AIR_LEVELS, or None


def nearest(data: CrowdData, xy: tuple[float, float]) -> Hotspot:
    """The hotspot with a place closest to ``xy`` (distance to the place's edge)."""
    return min(((h, p) for h in data.hotspots for p, _ in h.places),
               key=lambda hp: math.dist((hp[1].x, hp[1].y), xy) - hp[1].radius)[0]


def status(data: CrowdData, hotspot: Hotspot, areas: dict[str, dict[str, Any]], extra_age: float,
           when: dt.datetime) -> Status:
    """``areas``: ``city.data``'s entries by area; ``extra_age``: seconds since that reply came (added to each
    entry's ``age_s``); ``when``: the scene's time, for the typical profile."""
    entry = areas.get(hotspot.name)
    age = None if entry is None else entry["age_s"] + extra_age
    crowd = None if entry is None else entry.get("crowd")
    air = None if entry is None or not entry.get("air") else entry["air"]["index"]
    if air not in AIR_LEVELS or (age is not None and age > FORGET_S):
        air = None
    if crowd is not None and age is not None and age <= FORGET_S and crowd["level"].strip() in data.levels:
        source = "live" if age <= STALE_S else "stale"
        return Status(hotspot, data.level_index(crowd["level"]), crowd.get("message") or "", source, age, air)
    return Status(hotspot, hotspot.typical_level(when), "", "typical", None, air)


def level_name(data: CrowdData, level: int, lang: str) -> str:
    return (data.levels if lang == "ko" else data.levels_en)[level]


def air_name(index: str, lang: str) -> str:
    return i18n.text("citydata.air_levels", lang).split(",")[AIR_LEVELS.index(index)]


def badge(data: CrowdData, st: Status, lang: str) -> str:
    """The HUD badge's crowd line: ``광화문·덕수궁 혼잡도 붐빔 (20분 전)``."""
    area = st.hotspot.name if lang == "ko" else st.hotspot.name_en
    fields = {"area": area, "level": level_name(data, st.level, lang)}
    if st.source == "stale":
        return i18n.text("citydata.badge_stale", lang, minutes=round(st.age_s / 60), **fields)
    return i18n.text(f"citydata.badge_{st.source}", lang, **fields)


def air_badge(st: Status, lang: str) -> str | None:
    return None if st.air is None else i18n.text("citydata.air", lang, index=air_name(st.air, lang))


def info_line(data: CrowdData, st: Status, lang: str) -> str:
    """The info panel's line: the level, the city's own message (in Korean only: it comes so), the air."""
    line = badge(data, st, lang)
    if st.message and lang == "ko":
        line += f" — {st.message}"
    air = air_badge(st, lang)
    return f"{line} · {air}" if air else line
