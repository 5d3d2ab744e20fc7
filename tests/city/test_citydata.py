"""The city data client against a local HTTP server serving recorded-shape documents; and into the city life."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from game.life import live
from net import citydata
from net.citydata import CityDataError, LastKnown
from tests.http_stub import serving

FIXTURES = Path(__file__).with_name("fixtures")
BUSY = (FIXTURES / "citydata_busy.json").read_bytes()
QUIET = (FIXTURES / "citydata_quiet.json").read_bytes()
ERROR = (FIXTURES / "citydata_error.json").read_bytes()


@pytest.fixture
def server():
    with serving({
        "busy": (200, BUSY, 0.0), "quiet": (200, QUIET, 0.0), "error": (200, ERROR, 0.0),
        "truncated": (200, BUSY[: len(BUSY) // 2], 0.0), "down": (500, b"<html>oops</html>", 0.0),
        "slow": (200, BUSY, 1.5),
    }) as url:
        yield url


def test_a_busy_rainy_hotspot_with_an_event_and_a_disaster_text(server):
    data = citydata.fetch(citydata.url_for("KEY", "busy", base=server))
    assert (data.area, data.code) == ("광화문·덕수궁", "POI009")
    assert data.crowd.level == "붐빔" and data.crowd.population_max == 58000
    assert [f.level for f in data.crowd.forecast] == ["붐빔", "약간 붐빔"]
    assert data.traffic.average_kmh == 11 and data.traffic.index == "정체"
    assert [(r.road, r.speed_kmh) for r in data.traffic.roads] == [("세종대로", 9.0), ("종로", 14.0)]  # no SPD: dropped
    assert data.weather.precipitation_type == "비" and data.weather.precipitation_mm == 3.5
    assert data.weather.sky == "흐림"
    assert data.events[0].name == "광화문광장 책마당"
    assert data.disasters[0].step == "안전안내" and "호우주의보" in data.disasters[0].text


def test_a_quiet_hotspot_with_bad_air_and_single_objects_for_lists(server):
    data = citydata.fetch(citydata.url_for("KEY", "quiet", base=server))
    assert data.crowd.level == "여유" and data.crowd.forecast == ()
    assert data.weather.precipitation_mm == 0.0 and data.weather.air_index == "매우나쁨"
    assert data.weather.pm10 == 132 and data.weather.pm25_index == "매우나쁨"
    assert [(r.road, r.speed_kmh) for r in data.traffic.roads] == [("남대문로", 36.0)]
    assert data.events == () and data.disasters == ()


@pytest.mark.parametrize("route", ["error", "truncated", "down", "missing"])
def test_failures_are_one_kind_of_error(server, route):
    with pytest.raises(CityDataError):
        citydata.fetch(f"{server}/{route}", timeout=2.0)


def test_a_timeout_is_an_error_not_a_hang(server):
    t = time.monotonic()
    with pytest.raises(CityDataError):
        citydata.fetch(f"{server}/slow", timeout=0.3)
    assert time.monotonic() - t < 1.4


def test_last_known_values_survive_failures_and_polls_back_off(server):
    cache = LastKnown(interval=60.0, max_interval=600.0)
    assert cache.poll(f"{server}/busy", now=0.0).crowd.level == "붐빔"
    assert not cache.due(30.0) and cache.due(60.0)
    assert cache.poll(f"{server}/down", now=60.0).crowd.level == "붐빔"  # stale, but there
    assert cache.age(60.0) == 60.0 and cache.failures == 1
    assert cache.next_at == 60.0 + 120.0
    cache.poll(f"{server}/truncated", now=180.0)
    assert cache.next_at == 180.0 + 240.0
    for k in range(5):
        cache.failure(500.0 + k)
    assert cache.next_at == 504.0 + 600.0  # capped
    cache.poll(f"{server}/quiet", now=2000.0)
    assert cache.data.area == "남대문시장" and cache.failures == 0 and cache.age(2000.0) == 0.0
    assert LastKnown().poll(f"{server}/down", now=0.0) is None  # never had one: the typical profile rules


def test_disaster_texts_are_deduplicated_by_fingerprint():
    data = citydata.parse(BUSY)
    seen: set[str] = set()
    assert len(citydata.fresh_disasters(data, seen)) == 1
    assert citydata.fresh_disasters(data, seen) == []
    # the same text as the disaster-text API words it (other spacing, seconds dropped) has the same key
    same = citydata.disaster_key("[종로구] 호우주의보 발효 중. 하천 산책로 이용을 자제하세요.", "2026/05/16 14:02")
    assert same in seen
    assert citydata.disaster_key("다른 문자", "2026-05-16 14:02") not in seen


def test_live_data_sets_the_crowd_level_and_road_speeds(make_life):
    life = make_life()
    applied = live.apply(life, citydata.parse(BUSY))
    assert applied == {"sejong-daero": 9.0, "taepyeong-ro": 9.0, "jongno": 14.0}
    assert life.summary()["crowd"]["광화문·덕수궁"] == {"level": "붐빔", "level_en": "busy", "source": "live"}
    assert life.traffic.speed_kmh["jongno"] == 14.0
    live.apply(life, citydata.parse(QUIET))  # another hotspot: ours stays live, 남대문시장 goes quiet
    assert life.summary()["crowd"]["남대문시장"]["level"] == "여유"
