"""Seoul's real-time city data through the hub (issue 16): one poller against a local HTTP server serving
recorded-shape documents (a busy rainy hotspot, a quiet one with very bad air, an API error, a truncated body, a
timeout), its back-off and once-only logging, the store's last good values and ``city.data`` over a real link; the
documents' disaster texts as alerts, each message once though the disaster-text API brings it too."""

from __future__ import annotations

import json
import logging
import queue
import time
from datetime import datetime
from pathlib import Path

import pytest
from defusedxml import ElementTree

from game.alerts.parser import parse as parse_cap
from game.alerts.policy import AlertPolicy
from game.alerts.presentation import present
from game.alerts.targeting import GWANGHWAMUN as GWANGHWAMUN_SQUARE
from net import citydata
from net.client.blocking import call
from net.client.link import AlertReceived
from net.hub import citydata_poller
from net.hub.cap import CAP_NS
from net.hub.citydata_poller import CityDataPoller, Snapshot
from net.protocol import Role
from tests.http_stub import serving
from tests.net.conftest import wait_for

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
    assert busy["events"] == [{"name": "광화문광장 책마당", "period": "2026-05-01~2026-06-30", "place": "광화문광장"}]
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


# The busy hotspot's disaster text as the disaster-text API words it (single spaces, slashes); and another message.
SHARED = {"SN": 250516, "CRT_DT": "2026/05/16 14:02:11",
          "MSG_CN": "[종로구] 호우주의보 발효 중. 하천 산책로 이용을 자제하세요.",
          "RCPTN_RGN_NM": "서울특별시 종로구", "EMRG_STEP_NM": "안전안내", "DST_SE_NM": "호우"}
OTHER = {**SHARED, "SN": 250517, "CRT_DT": "2026/05/16 14:20:00",
         "MSG_CN": "[서울시] 한강 수위 상승. 둔치 주차장 이용 금지."}
CLOCK = datetime.fromisoformat("2026-05-16T14:30:00+09:00").timestamp()  # the hub's: the texts are current
API = "DSSP-IF-00247"


def _api(*records: dict) -> tuple[int, bytes, float]:
    body = {"header": {"resultCode": "00", "resultMsg": "NORMAL SERVICE"}, "numOfRows": 50, "pageNo": 1,
            "totalCount": len(records), "body": list(records)}
    return 200, json.dumps(body, ensure_ascii=False).encode(), 0.0


def _both_pollers(start_hub, make_link, server, areas):
    hub = start_hub(city_data_key="KEY", city_data_url=server, city_data_areas=areas, city_data_interval=0.1,
                    disaster_api_key="API-KEY", disaster_api_url=f"{server}/V2/api/{API}", disaster_api_interval=0.1,
                    clock=lambda: CLOCK)
    link = make_link(hub.layout, hub.endpoints)
    got: list[AlertReceived] = []
    return hub, link, got, lambda: got.extend(e for e in link.poll() if isinstance(e, AlertReceived))


def _texts(alerts: list[AlertReceived]) -> list[tuple[str, str]]:
    out = []
    for a in alerts:
        root = ElementTree.fromstring(a.xml)
        out.append((root.findtext(f"{{{CAP_NS}}}identifier"),
                    " ".join(root.findtext(f"{{{CAP_NS}}}info/{{{CAP_NS}}}description").split())))
    return out


def _settle(step, seconds: float = 0.8) -> None:
    """Let both pollers (every 0.1 s) go round several more times."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        step()
        time.sleep(0.01)


def test_a_city_data_disaster_text_is_an_alert_once_though_the_disaster_api_brings_it_later(
        server, routes, start_hub, make_link) -> None:
    routes[API] = _api()
    hub, link, got, step = _both_pollers(start_hub, make_link, server, (GWANGHWAMUN, MARKET))
    wait_for(lambda: len(got) >= 1, 10, "the city data's disaster text", step=step)
    ((identifier, text),) = _texts(got)
    key = citydata.disaster_key(SHARED["MSG_CN"], SHARED["CRT_DT"])
    assert identifier == f"KR-SEOUL-CITYDATA-{key}" and text == SHARED["MSG_CN"]
    alert = parse_cap(got[0].xml)  # what every client makes of it: a safety notice for the square
    assert present(alert, alert.info_for("ko")).level.id == "safety"
    assert AlertPolicy(GWANGHWAMUN_SQUARE).receive(alert, alert.sent).outcome == "presented"
    routes[API] = _api(SHARED)  # the disaster-text API has the same message now: not published again
    _settle(step)
    routes[API] = _api(SHARED, OTHER)  # a message only the API has arrives as usual
    wait_for(lambda: len(got) >= 2, 10, "the API's other message", step=step)
    _settle(step)
    assert [i for i, _ in _texts(got)] == [identifier, "KR-MOIS-DSSP-250517"]
    seen = set(hub.query("SELECT source, key FROM source_seen"))
    assert {("city-data", key), ("disaster-text", key), ("disaster-api", "250516")} <= seen


def test_a_disaster_api_message_is_not_repeated_when_the_city_data_lists_it(
        server, routes, start_hub, make_link) -> None:
    routes[API] = _api(SHARED)
    routes[GWANGHWAMUN] = (200, QUIET, 0.0)  # no disaster text in the city data yet
    hub, link, got, step = _both_pollers(start_hub, make_link, server, (GWANGHWAMUN,))
    wait_for(lambda: len(got) >= 1, 10, "the API's message", step=step)
    routes[GWANGHWAMUN] = (200, BUSY, 0.0)  # now the hotspot lists it as well
    key = citydata.disaster_key(SHARED["MSG_CN"], SHARED["CRT_DT"])
    wait_for(lambda: ("city-data", key) in set(hub.query("SELECT source, key FROM source_seen")), 10,
             "the city data's copy", step=step)
    _settle(step)
    assert _texts(got) == [("KR-MOIS-DSSP-250516", SHARED["MSG_CN"])]
