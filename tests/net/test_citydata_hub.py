"""Seoul's real-time city data through the hub (issue 16): one poller against a local HTTP server serving
recorded-shape documents (a busy rainy hotspot, a quiet one with very bad air, an API error, a truncated body, a
timeout), its back-off and once-only logging, the store's last good values and ``city.data`` over a real link."""

from __future__ import annotations

import logging
import queue
import time
from pathlib import Path

import pytest

from net.client.blocking import call
from net.hub import citydata_poller
from net.hub.citydata_poller import CityDataPoller, Snapshot
from net.protocol import Role
from tests.http_stub import serving

FIXTURES = Path(__file__).resolve().parents[1] / "city" / "fixtures"
BUSY = (FIXTURES / "citydata_busy.json").read_bytes()  # 광화문·덕수궁: 붐빔, rain, an event, a disaster text
QUIET = (FIXTURES / "citydata_quiet.json").read_bytes()  # 남대문시장: 여유, air 매우나쁨
ERROR = (FIXTURES / "citydata_error.json").read_bytes()
GWANGHWAMUN, MARKET, JONGNO = "광화문·덕수궁", "남대문시장", "종로·청계 관광특구"


@pytest.fixture
def routes() -> dict:
    """What the stub answers per hotspot; a test may change it while the hub polls."""
    return {GWANGHWAMUN: (200, BUSY, 0.0), MARKET: (200, QUIET, 0.0), JONGNO: (200, ERROR, 0.0),
            "truncated": (200, BUSY[: len(BUSY) // 2], 0.0), "slow": (200, BUSY, 1.0),
            "down": (500, b"<html>oops</html>", 0.0)}


@pytest.fixture
def server(routes):
    with serving(routes) as url:
        yield url


def test_good_documents_are_queued_and_failures_back_off_and_are_logged_once(server, caplog) -> None:
    out: queue.Queue[Snapshot] = queue.Queue()
    areas = (GWANGHWAMUN, MARKET, JONGNO, "truncated", "slow", "down")
    poller = CityDataPoller("SECRET-KEY", out, areas=areas, base_url=server, interval=60.0, timeout=0.3,
                            wall=lambda: 1000.0)
    caplog.set_level(logging.WARNING, logger=citydata_poller.__name__)
    results = {area: poller.poll_area(area, 0.0) for area in areas}
    assert results == {GWANGHWAMUN: True, MARKET: True, JONGNO: False, "truncated": False, "slow": False,
                       "down": False}
    got = {s.area: s for s in (out.get_nowait() for _ in range(out.qsize()))}
    assert set(got) == {GWANGHWAMUN, MARKET} and got[GWANGHWAMUN].received == 1000.0
    assert poller.next_at[GWANGHWAMUN] == 60.0 and poller.next_at[JONGNO] == 120.0  # doubled after a failure
    poller.poll_area(JONGNO, 120.0)
    assert poller.failures[JONGNO] == 2 and poller.next_at[JONGNO] == 120.0 + 240.0
    jongno = [r for r in caplog.records if JONGNO in r.getMessage()]
    assert len(jongno) == 1 and "ERROR-500" in jongno[0].getMessage()  # the same problem is reported once
    assert len(caplog.records) == 4 and not any("SECRET-KEY" in r.getMessage() for r in caplog.records)
    capped = CityDataPoller("K", out, areas=(JONGNO,), base_url=server, interval=60.0, max_backoff=300.0)
    for _ in range(5):
        capped.poll_area(JONGNO, 0.0)
    assert capped.next_at[JONGNO] == 300.0


def test_summaries_carry_crowd_air_weather_and_the_disaster_fingerprints() -> None:
    busy = citydata_poller.summary(GWANGHWAMUN, BUSY.decode(), 100.0, 160.0)
    assert busy["crowd"]["level"] == "붐빔" and busy["crowd"]["message"] and busy["age_s"] == 60.0
    assert busy["weather"]["precipitation"] == "비" and busy["disasters"]
    quiet = citydata_poller.summary(MARKET, QUIET.decode(), 100.0, 100.0)
    assert quiet["crowd"]["level"] == "여유" and quiet["air"]["index"] == "매우나쁨" and quiet["air"]["pm10"] == 132


def test_the_hub_polls_once_stores_and_serves_the_last_good_values(server, routes, start_hub, make_link) -> None:
    hub = start_hub(city_data_key="KEY", city_data_url=server, city_data_areas=(GWANGHWAMUN, MARKET, JONGNO),
                    city_data_interval=0.2)
    link = make_link(hub.layout, hub.endpoints, Role.CITIZEN, enrolled=False)
    deadline = time.monotonic() + 10
    while len(areas := call(link, "city.data", {}).result["areas"]) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    by_area = {a["area"]: a for a in areas}
    assert set(by_area) == {GWANGHWAMUN, MARKET}  # the failing hotspot has nothing to show yet
    assert by_area[GWANGHWAMUN]["crowd"]["level"] == "붐빔" and by_area[MARKET]["air"]["index"] == "매우나쁨"
    routes[GWANGHWAMUN] = (200, BUSY[:100], 0.0)  # the source breaks: the last good values stay
    time.sleep(0.6)
    later = {a["area"]: a for a in call(link, "city.data", {}).result["areas"]}
    assert later[GWANGHWAMUN]["crowd"]["level"] == "붐빔" and later[GWANGHWAMUN]["age_s"] >= 0.4
    stored = hub.hub.db.execute("SELECT count(*) FROM city_data").fetchone()[0]
    assert stored == 2


def test_without_a_key_there_is_no_poller_and_nothing_to_serve(start_hub, make_link, monkeypatch) -> None:
    monkeypatch.delenv(citydata_poller.KEY_ENV, raising=False)
    hub = start_hub()
    assert hub.hub.city_poller is None
    link = make_link(hub.layout, hub.endpoints, Role.CITIZEN)
    assert call(link, "city.data", {}).result["areas"] == []
