"""Seoul real-time city data (서울시 실시간 도시데이터, Open API OA-21285): parse one hotspot's document.

``parse`` is pure: a ``citydata`` JSON body in, typed values out, every field optional (the service leaves
fields empty or "-" when a sensor is down). ``fetch`` is one blocking HTTP GET with a timeout, for the hub's
poller thread — never the render loop. ``LastKnown`` keeps the last good document with its age and backs off
after failures, with the time handed in. Field names follow the service's output spec as remembered; the
disaster texts' (``LIVE_DST_MESSAGE``) field names are the least certain and are read tolerantly.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote

BASE_URL = "http://openapi.seoul.go.kr:8088"
OK_CODE = "INFO-000"


class CityDataError(Exception):
    """The document could not be had or read (HTTP error, timeout, truncated body, an API error code)."""


@dataclass(frozen=True)
class Forecast:
    time: str
    level: str
    population_min: int | None
    population_max: int | None


@dataclass(frozen=True)
class Crowd:
    level: str  # 여유, 보통, 약간 붐빔, 붐빔
    message: str
    population_min: int | None
    population_max: int | None
    time: str
    forecast: tuple[Forecast, ...]


@dataclass(frozen=True)
class RoadSpeed:
    road: str  # ROAD_NM, e.g. 세종대로
    speed_kmh: float
    index: str  # 원활, 서행, 정체


@dataclass(frozen=True)
class RoadTraffic:
    average_kmh: float | None
    index: str
    message: str
    roads: tuple[RoadSpeed, ...]


@dataclass(frozen=True)
class Weather:
    temperature: float | None
    precipitation_mm: float | None  # "-" (none) reads as 0.0
    precipitation_type: str  # 없음, 비, 눈, 비/눈, 소나기
    sky: str  # from the first forecast hour: 맑음, 구름많음, 흐림
    pm10: float | None
    pm25: float | None
    pm10_index: str
    pm25_index: str
    air_index: str  # AIR_IDX: 좋음, 보통, 나쁨, 매우나쁨
    air_value: float | None
    message: str


@dataclass(frozen=True)
class Event:
    name: str
    period: str
    place: str
    url: str


@dataclass(frozen=True)
class DisasterText:
    key: str  # stable fingerprint of the text and its time, shared with the disaster-text poller's dedup
    text: str
    created: str
    step: str  # 안전안내, 긴급재난, 위급재난
    kind: str


@dataclass(frozen=True)
class CityData:
    area: str
    code: str
    crowd: Crowd | None
    traffic: RoadTraffic | None
    weather: Weather | None
    events: tuple[Event, ...]
    disasters: tuple[DisasterText, ...]


def url_for(key: str, area: str, base: str = BASE_URL) -> str:
    """The request for one hotspot (by its AREA_NM or code), first to fifth record."""
    return f"{base}/{quote(key, safe='')}/json/citydata/1/5/{quote(area, safe='')}"


def _text(d: dict, name: str) -> str:
    v = d.get(name)
    return "" if v is None else str(v).strip()


def _num(d: dict, name: str, dash: float | None = None) -> float | None:
    raw = _text(d, name).replace(",", "")
    if raw == "-":
        return dash
    try:
        return float(raw)
    except ValueError:
        return None


def _int(d: dict, name: str) -> int | None:
    v = _num(d, name)
    return None if v is None else int(v)


def _first(v: object) -> dict:
    """The service wraps some objects in one-element lists; accept either."""
    if isinstance(v, list):
        v = v[0] if v else {}
    return v if isinstance(v, dict) else {}


def _list(v: object) -> list[dict]:
    if isinstance(v, dict):
        v = [v]
    return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []


def disaster_key(text: str, created: str) -> str:
    """Fingerprint of a disaster text: whitespace-normalised text plus its minute, so the same message from the
    city data and from the disaster-text API is recognised as one."""
    norm = " ".join(text.split())
    minute = "".join(ch for ch in created if ch.isdigit())[:12]
    return hashlib.sha1(f"{minute}|{norm}".encode()).hexdigest()[:16]


def parse(body: bytes | str) -> CityData:
    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise CityDataError(f"unreadable city data: {exc}") from exc
    if not isinstance(doc, dict):
        raise CityDataError("city data is not an object")
    result = _first(doc.get("RESULT"))
    code = _text(result, "RESULT.CODE") or _text(result, "CODE")
    if code and code != OK_CODE:
        raise CityDataError(f"city data error {code}: {_text(result, 'RESULT.MESSAGE') or _text(result, 'MESSAGE')}")
    city = _first(doc.get("CITYDATA"))
    if not city:
        raise CityDataError("no CITYDATA in the document")
    live = _first(city.get("LIVE_PPLTN_STTS"))
    crowd = None
    if _text(live, "AREA_CONGEST_LVL"):
        forecast = tuple(Forecast(_text(f, "FCST_TIME"), _text(f, "FCST_CONGEST_LVL"), _int(f, "FCST_PPLTN_MIN"),
                                  _int(f, "FCST_PPLTN_MAX")) for f in _list(live.get("FCST_PPLTN")))
        crowd = Crowd(_text(live, "AREA_CONGEST_LVL"), _text(live, "AREA_CONGEST_MSG"), _int(live, "AREA_PPLTN_MIN"),
                      _int(live, "AREA_PPLTN_MAX"), _text(live, "PPLTN_TIME"), forecast)
    road = _first(city.get("ROAD_TRAFFIC_STTS"))
    traffic = None
    if road:
        avg = _first(road.get("AVG_ROAD_DATA"))
        roads = tuple(RoadSpeed(_text(r, "ROAD_NM"), s, _text(r, "IDX"))
                      for r in _list(road.get("ROAD_TRAFFIC_STTS")) if (s := _num(r, "SPD")) is not None)
        traffic = RoadTraffic(_num(avg, "ROAD_TRAFFIC_SPD"), _text(avg, "ROAD_TRAFFIC_IDX"), _text(avg, "ROAD_MSG"),
                              roads)
    w = _first(city.get("WEATHER_STTS"))
    weather = None
    if w:
        fc = _first(w.get("FCST24HOURS"))
        weather = Weather(_num(w, "TEMP"), _num(w, "PRECIPITATION", dash=0.0), _text(w, "PRECPT_TYPE"),
                          _text(fc, "SKY_STTS"), _num(w, "PM10"), _num(w, "PM25"), _text(w, "PM10_INDEX"),
                          _text(w, "PM25_INDEX"), _text(w, "AIR_IDX"), _num(w, "AIR_IDX_MVL"), _text(w, "PCP_MSG"))
    events = tuple(Event(_text(e, "EVENT_NM"), _text(e, "EVENT_PERIOD"), _text(e, "EVENT_PLACE"), _text(e, "URL"))
                   for e in _list(city.get("CULTURALEVENTINFO")) if _text(e, "EVENT_NM"))
    disasters = []
    for m in _list(city.get("LIVE_DST_MESSAGE")):
        text = _text(m, "MSG_CN") or _text(m, "DST_MSG") or _text(m, "MSG")
        if not text:
            continue
        created = _text(m, "CRT_DT") or _text(m, "CREAT_DT") or _text(m, "DST_TIME")
        disasters.append(DisasterText(disaster_key(text, created), text, created,
                                      _text(m, "EMRG_STEP_NM") or _text(m, "DST_STEP"), _text(m, "DST_SE_NM")))
    return CityData(_text(city, "AREA_NM"), _text(city, "AREA_CD"), crowd, traffic, weather, events,
                    tuple(disasters))


def fetch(url: str, timeout: float = 5.0) -> CityData:
    """One GET (blocking: call it from a poller thread); every failure is a ``CityDataError``."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise CityDataError(f"city data request failed: {exc}") from exc
    return parse(body)


class LastKnown:
    """The last good document and when it came, and when to ask again: ``interval`` after a success, doubling
    after each failure up to ``max_interval``. Times are seconds on any monotonic clock the caller keeps."""

    def __init__(self, interval: float = 300.0, max_interval: float = 3600.0):
        self.interval, self.max_interval = interval, max_interval
        self.data: CityData | None = None
        self.received_at: float | None = None
        self.failures = 0
        self.next_at = 0.0

    def due(self, now: float) -> bool:
        return now >= self.next_at

    def success(self, data: CityData, now: float) -> None:
        self.data, self.received_at, self.failures = data, now, 0
        self.next_at = now + self.interval

    def failure(self, now: float) -> None:
        self.failures += 1
        self.next_at = now + min(self.interval * 2 ** self.failures, self.max_interval)

    def age(self, now: float) -> float | None:
        """Seconds since the last good document (shown with stale values), None if there never was one."""
        return None if self.received_at is None else now - self.received_at

    def poll(self, url: str, now: float, timeout: float = 5.0) -> CityData | None:
        """Fetch if due; on failure keep the last good document. Returns what is known now."""
        if self.due(now):
            try:
                self.success(fetch(url, timeout), now)
            except CityDataError:
                self.failure(now)
        return self.data


def fresh_disasters(data: CityData, seen: set[str]) -> list[DisasterText]:
    """The disaster texts whose fingerprint is not in ``seen``; adds them to ``seen``. (The hub's poller keeps its
    own set, so it queues each text once; the store's ``source_seen`` is what spans both pollers.)"""
    out = [d for d in data.disasters if d.key not in seen]
    seen.update(d.key for d in out)
    return out
