"""One poller for Seoul's real-time city data (OA-21285) on the hub, for every client and kiosk.

A thread fetches each hotspot's document in turn (``urllib`` blocks; the hub's loop never waits on it), checks that
it parses (:func:`net.citydata.parse`) and queues ``(area, body, received)`` for the hub's loop, which keeps the
last good body per hotspot in its store (``city_data``) and serves it with ``city.data``. A failure keeps the last
good body and backs off (doubling per hotspot up to ``max_backoff``); each distinct problem is logged once, as the
disaster-text poller does. The key comes from the hub's settings or ``MSEOUL_SEOUL_API_KEY``.

The disaster texts a document lists (``LIVE_DST_MESSAGE``) enter the hub's one alert path as CAP alerts
(:func:`net.hub.cap.from_city_disaster`), each with its fingerprint, so the hub publishes a message the
disaster-text poller also brings only once (:meth:`net.hub.server.Hub.publish_trusted`).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from net import citydata, clock
from net.hub.cap import CapError, from_city_disaster
from net.hub.database import Database
from net.hub.sources import Incoming

log = logging.getLogger(__name__)
KEY_ENV = "MSEOUL_SEOUL_API_KEY"
SENDER = "citydata@metaverse-seoul"
DISTRICT_AREAS = ("광화문·덕수궁", "남대문시장", "종로·청계 관광특구")  # the hotspots in the district (assets/life)
MAX_BODY = 512 * 1024
MAX_EVENTS = 12  # a hotspot lists dozens in festival season; a board shows a few
MAX_ROADS = 40  # road links per hotspot (a few dozen around Gwanghwamun)


@dataclass(frozen=True)
class Snapshot:
    area: str
    body: str
    received: float


class CityDataPoller:
    """Poll ``areas`` every ``interval`` seconds; good documents go to ``out`` as :class:`Snapshot`, stamped with
    ``wall`` (the hub's clock, so ages agree with ``c.now``); their disaster texts, each once, to ``alerts`` (the
    hub's queue of trusted alerts; None: not read)."""

    def __init__(self, key: str, out: queue.Queue[Snapshot], *, areas: tuple[str, ...] = DISTRICT_AREAS,
                 base_url: str = citydata.BASE_URL, interval: float = 300.0, max_backoff: float = 3600.0,
                 timeout: float = 5.0, wall=clock.timestamp, alerts: queue.Queue[Incoming] | None = None) -> None:
        self.key, self.out, self.areas, self.base_url = key, out, areas, base_url
        self.alerts = alerts
        self._disasters_seen: set[str] = set()  # fingerprints queued by this poller (the hub's store has them all)
        self.interval, self.max_backoff, self.timeout, self.wall = interval, max_backoff, timeout, wall
        self.failures = dict.fromkeys(areas, 0)
        self.next_at = dict.fromkeys(areas, 0.0)
        self._problems: dict[str, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="city-data", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.timeout + 1)

    def _run(self) -> None:
        while not self._stop.is_set():
            now = time.monotonic()
            for area in self.areas:
                if now >= self.next_at[area] and not self._stop.is_set():
                    self.poll_area(area, now)
            self._stop.wait(max(0.05, min(self.next_at.values()) - time.monotonic()))

    def poll_area(self, area: str, now: float) -> bool:
        """One hotspot: fetch, check, queue; on failure back off. True when a document was queued."""
        try:
            body = self._get(citydata.url_for(self.key, area, self.base_url))
            data = citydata.parse(body)
        except citydata.CityDataError as exc:
            self.failures[area] += 1
            delay = min(self.max_backoff, self.interval * 2 ** self.failures[area])
            self.next_at[area] = now + delay
            problem = str(exc).replace(self.key, "…")  # the key is in the URL: never in the log
            if self._problems.get(area) != problem:
                self._problems[area] = problem
                log.warning("city data %s: %s (retry in %.0f s)", area, problem, delay)
            return False
        self.failures[area], self.next_at[area] = 0, now + self.interval
        self._problems.pop(area, None)
        self.out.put(Snapshot(area, body.decode("utf-8"), self.wall()))
        if self.alerts is not None:
            self._queue_disasters(area, data)
        return True

    def _queue_disasters(self, area: str, data: citydata.CityData) -> None:
        for text in citydata.fresh_disasters(data, self._disasters_seen):
            try:
                xml = from_city_disaster(text, area, SENDER)
            except CapError as exc:
                log.warning("city data %s: disaster text %s skipped: %s", area, text.key, exc)
                continue
            self.alerts.put(Incoming("city-data", text.key, xml, text.key))

    def _get(self, url: str) -> bytes:
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as response:
                body = response.read(MAX_BODY + 1)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise citydata.CityDataError(f"request failed: {exc}") from exc
        if len(body) > MAX_BODY:
            raise citydata.CityDataError("document over the size limit")
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise citydata.CityDataError(f"not UTF-8: {exc}") from exc
        return body


def store(conn: Database, snap: Snapshot) -> None:
    """Keep the latest good document per hotspot (the hub's loop, inside its transaction)."""
    conn.execute("INSERT INTO city_data (area, received, body) VALUES (?, ?, ?) ON CONFLICT(area) DO UPDATE SET"
                 " received = excluded.received, body = excluded.body", (snap.area, snap.received, snap.body))


def summary(area: str, body: str, received: float, now: float) -> dict[str, Any]:
    """What a client shows of one hotspot: crowd level and message, air index and dusts, weather, road speeds
    (the traffic's pace and the data view), its cultural events (the square's board), its age."""
    data = citydata.parse(body)
    crowd, weather = data.crowd, data.weather
    return {
        "area": area, "received": received, "age_s": max(0.0, now - received),
        "crowd": None if crowd is None else {"level": crowd.level, "message": crowd.message,
                                             "min": crowd.population_min, "max": crowd.population_max,
                                             "time": crowd.time},
        "air": None if weather is None or not weather.air_index else {
            "index": weather.air_index, "value": weather.air_value, "pm10": weather.pm10, "pm25": weather.pm25},
        "weather": None if weather is None else {"temperature": weather.temperature,
                                                 "precipitation": weather.precipitation_type, "sky": weather.sky},
        "traffic": None if data.traffic is None else {
            "average_kmh": data.traffic.average_kmh, "index": data.traffic.index,
            "roads": [{"road": r.road, "speed_kmh": r.speed_kmh} for r in data.traffic.roads[:MAX_ROADS]]},
        "disasters": [d.key for d in data.disasters],
        "events": [{"name": e.name, "period": e.period, "place": e.place} for e in data.events[:MAX_EVENTS]],
    }


def served(conn: Database, now: float) -> list[dict[str, Any]]:
    """Every stored hotspot's summary (``city.data``); a stored body that no longer parses is left out."""
    out = []
    for area, received, body in conn.execute("SELECT area, received, body FROM city_data ORDER BY area"):
        try:
            out.append(summary(area, body, received, now))
        except citydata.CityDataError:
            continue
    return out


def city_data(conn: Database, c: Any, args: dict[str, Any]) -> dict[str, Any]:
    """``city.data``: the stored hotspots' summaries with their ages, and the hub's time."""
    return {"areas": served(conn, c.now), "time": c.now}
