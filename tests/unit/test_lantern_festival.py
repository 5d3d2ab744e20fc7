"""The lantern festival's data: editions, the days they run (in Seoul), the lit hours, the bilingual note. Pure."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from game.festivals import lantern
from net import events


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_editions_load_in_order_with_sources_and_both_languages():
    editions = lantern.load()
    assert [e.year for e in editions] == sorted(e.year for e in editions)
    for e in editions:
        assert e.sources and e.theme["ko"] and e.theme["en"] and e.status in lantern.STATUSES
        assert dt.date(e.year, 11, 1) <= e.start <= dt.date(e.year, 12, 31)  # late autumn or winter
        assert (e.end - e.start).days < 60
    assert lantern.place() == "cheonggyecheon"


def test_the_2025_edition_runs_from_12_december_to_4_january_both_days_included():
    e = lantern.edition_on(at("2025-12-12T00:00+09:00"))
    assert e is not None and e.year == 2025 and e.number == 17
    assert lantern.edition_on(at("2026-01-04T23:59+09:00")) is e
    assert lantern.edition_on(at("2025-12-11T23:59+09:00")) is None
    assert lantern.edition_on(at("2026-01-05T00:00+09:00")) is None


def test_days_are_seouls_whatever_the_offset():
    assert lantern.edition_on(at("2025-12-11T15:30+00:00")) is not None  # 00:30 on the 12th in Seoul
    assert lantern.edition_on(at("2025-12-11T14:30+00:00")) is None


def test_lanterns_are_lit_in_the_evening_hours_of_festival_days_only():
    e = lantern.edition_on(at("2025-12-20T20:00+09:00"))
    assert e.lit_at(at("2025-12-20T20:00+09:00"))
    assert not e.lit_at(at("2025-12-20T17:00+09:00"))
    assert not e.lit_at(at("2025-12-20T23:30+09:00"))
    assert not e.lit_at(at("2026-01-05T20:00+09:00"))  # the day after the last


def test_the_note_names_the_theme_and_dates_in_each_language():
    e = lantern.edition_on(at("2025-12-20T20:00+09:00"))
    ko, en = e.note("ko"), e.note("en")
    assert e.theme["ko"] in ko and "2025.12.12" in ko and "18:00" in ko
    assert e.theme["en"] in en and "2026.01.04" in en
    later = lantern.edition_on(at("2026-12-20T20:00+09:00"))
    assert later is not None and later.status == "estimated" and "not yet announced" in later.note("en")


def test_bad_files_are_refused():
    data = json.loads((events.EVENTS_DIR / f"{lantern.EVENT}.json").read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    broken["editions"][1].update(start="2026-01-02", end="2026-01-10")  # overlaps the 2025 edition
    with pytest.raises(events.EventError, match="overlap"):
        events.parse(broken)
    broken = copy.deepcopy(data)
    del broken["editions"][0]["theme"]["en"]
    with pytest.raises(events.EventError, match="theme"):
        events.parse(broken)
    broken = copy.deepcopy(data)
    broken["editions"][0]["status"] = "rumoured"
    with pytest.raises(events.EventError, match="status"):
        events.parse(broken)
    broken = copy.deepcopy(data)
    broken["editions"][0]["sources"] = []
    with pytest.raises(events.EventError, match="sources"):
        events.parse(broken)
    broken = copy.deepcopy(data)
    broken["editions"][0]["details"]["kinds"] = ["dragon"]
    with pytest.raises(lantern.FestivalError, match="kinds"):
        lantern.parse(events.parse(broken))
    broken = copy.deepcopy(data)
    del broken["editions"][0]["details"]["zones"]["ko"]
    with pytest.raises(lantern.FestivalError, match="zones"):
        lantern.parse(events.parse(broken))


def test_a_night_closing_after_midnight_belongs_to_the_day_before():
    data = json.loads((events.EVENTS_DIR / f"{lantern.EVENT}.json").read_text(encoding="utf-8"))
    data["editions"][0]["hours"] = ["18:00", "01:00"]
    e = lantern.parse(events.parse(data))[0]
    assert e.lit_at(at("2025-12-13T00:30+09:00")) and e.lit_at(at("2026-01-05T00:30+09:00"))  # the last night's
    assert not e.lit_at(at("2025-12-12T00:30+09:00"))  # the night before the first
    assert not e.lit_at(at("2026-01-06T00:30+09:00"))


def test_the_teleport_menu_announces_tonights_lighting_and_says_an_edition_is_estimated():
    spec = lantern.spec()
    occ = spec.occurrence(at("2025-12-20T17:52+09:00").timestamp())
    assert lantern.menu_label(occ, at("2025-12-20T17:52+09:00").timestamp(), "ko") == "서울빛초롱축제 — 8분 후 점등"
    assert lantern.menu_label(occ, at("2025-12-20T20:00+09:00").timestamp(), "en") == "Seoul Lantern Festival — lit now"
    assert lantern.menu_label(occ, at("2025-12-20T12:00+09:00").timestamp(), "en") is None
    later = spec.occurrence(at("2026-12-20T20:00+09:00").timestamp())
    assert lantern.menu_label(later, at("2026-12-20T20:00+09:00").timestamp(), "en") == (
        "Seoul Lantern Festival (expected) — lit now")
