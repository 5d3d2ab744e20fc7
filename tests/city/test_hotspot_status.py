"""The nearest hotspot's status for the badge and the info panel (issue 16): live, stale with its age, then the
typical profile; the air on AirKorea's four levels; both languages. Pure."""

from __future__ import annotations

import datetime as dt

from game import colour_scales
from game.landmarks import catalogue
from game.life import density, hotspot_status
from game.life.hotspot_status import FORGET_S, STALE_S
from net.events import KST

DATA = density.load()
NOON = dt.datetime(2026, 12, 2, 12, tzinfo=KST)  # a Wednesday


def entry(level: str, age: float, air: str | None = None) -> dict:
    return {"area": "광화문·덕수궁", "age_s": age, "crowd": {"level": level, "message": "사람이 몰려 있어요."},
            "air": None if air is None else {"index": air}}


def test_the_nearest_hotspot_is_found_from_the_visitor_position() -> None:
    near = {lid: hotspot_status.nearest(DATA, catalogue.load()[lid].local).name
            for lid in ("gwanghwamun", "namdaemun-market", "bosingak")}
    assert near == {"gwanghwamun": "광화문·덕수궁", "namdaemun-market": "남대문시장", "bosingak": "종로·청계 관광특구"}


def test_live_then_stale_with_its_age_then_the_typical_profile() -> None:
    spot = DATA.hotspots[0]
    live = hotspot_status.status(DATA, spot, {spot.name: entry("붐빔", 60.0, "나쁨")}, 30.0, NOON)
    assert (live.source, DATA.levels[live.level], live.age_s, live.air) == ("live", "붐빔", 90.0, "나쁨")
    assert hotspot_status.badge(DATA, live, "ko") == "광화문·덕수궁 혼잡도 붐빔"
    assert hotspot_status.badge(DATA, live, "en") == "Gwanghwamun & Deoksugung: busy"
    assert hotspot_status.info_line(DATA, live, "ko") == "광화문·덕수궁 혼잡도 붐빔 — 사람이 몰려 있어요. · 대기 나쁨"
    assert hotspot_status.info_line(DATA, live, "en") == "Gwanghwamun & Deoksugung: busy · Air bad"
    stale = hotspot_status.status(DATA, spot, {spot.name: entry("여유", STALE_S + 600)}, 0.0, NOON)
    assert stale.source == "stale" and hotspot_status.badge(DATA, stale, "en").endswith("(25 min ago)")
    assert hotspot_status.badge(DATA, stale, "ko") == "광화문·덕수궁 혼잡도 여유 (25분 전)"
    for areas in ({}, {spot.name: entry("붐빔", FORGET_S + 1)}, {spot.name: entry("모름", 10)}):
        typical = hotspot_status.status(DATA, spot, areas, 0.0, NOON)
        assert typical.source == "typical" and typical.level == spot.typical_level(NOON)
        assert hotspot_status.badge(DATA, typical, "ko").endswith("(평소)")


def test_air_levels_use_the_national_four_and_have_colours() -> None:
    spot = DATA.hotspots[0]
    names = []
    for index in hotspot_status.AIR_LEVELS:
        st = hotspot_status.status(DATA, spot, {spot.name: entry("보통", 0.0, index)}, 0.0, NOON)
        names.append(hotspot_status.air_badge(st, "en"))
        assert index in colour_scales.AIR
    assert names == ["Air good", "Air moderate", "Air bad", "Air very bad"]
    odd = hotspot_status.status(DATA, spot, {spot.name: entry("보통", 0.0, "점검중")}, 0.0, NOON)
    assert odd.air is None and hotspot_status.air_badge(odd, "ko") is None
    blue, green, yellow, red = (colour_scales.AIR[i] for i in hotspot_status.AIR_LEVELS)
    assert blue[2] > blue[0] and green[1] > green[0] and yellow[0] > yellow[2] and red[0] > red[2]
