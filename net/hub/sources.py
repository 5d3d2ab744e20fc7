"""Where alerts come from besides the operator CLI: a watched drop folder and the public disaster-message API.

Both are trusted inputs of the hub: it signs what they yield with its own authority key (the drop folder is a
local directory only the operator account can write; the API is fetched over HTTPS with the city's service key).
Each yields ``(source, key, xml)``; the hub records ``(source, key)`` so nothing is published twice, even across
restarts. A disaster text also carries its fingerprint (:func:`net.citydata.disaster_key`), recorded as
``("disaster-text", fingerprint)``: the same message from this API and from the city data's ``LIVE_DST_MESSAGE``
is published once, whichever poller brings it first.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

import requests

from net import citydata, clock
from net.hub.cap import CapError, from_disaster_message
from net.protocol import MAX_ALERT_BYTES

log = logging.getLogger(__name__)

DISASTER_API_URL = "https://www.safetydata.go.kr/V2/api/DSSP-IF-00247"
DISASTER_TEXT = "disaster-text"  # the source_seen name under which disaster texts' fingerprints are kept


@dataclass(frozen=True)
class Incoming:
    source: str
    key: str
    xml: bytes
    fingerprint: str | None = None  # a disaster text's, shared by every poller that may bring the same message

    @property
    def seen_keys(self) -> list[tuple[str, str]]:
        """What the hub records in ``source_seen``; the alert was seen before when any of them was."""
        return [(self.source, self.key)] + ([(DISASTER_TEXT, self.fingerprint)] if self.fingerprint else [])


class DropFolder:
    """``*.xml`` files written into ``root`` (write elsewhere and rename in, or wait ``settle`` seconds)."""

    def __init__(self, root: Path, settle: float = 0.3) -> None:
        self.root = root
        self.settle = settle
        self._warned: set[str] = set()
        for sub in ("", "published", "rejected"):
            (root / sub).mkdir(parents=True, exist_ok=True)

    def scan(self, now: float) -> list[tuple[Path, Incoming]]:
        """Regular files that have stopped changing, oldest first. Anything else named ``*.xml`` (a directory, a
        socket, a file that vanishes or cannot be read mid-scan, one over the alert size limit) is skipped, and
        logged once, so a stray entry never stops the scan."""
        found = []
        for path in self.root.glob("*.xml"):
            try:
                stat = path.stat()
            except OSError:
                continue  # gone between listing and looking
            if not S_ISREG(stat.st_mode) or stat.st_size > MAX_ALERT_BYTES:
                self._warn_once(path, "not a regular file within the alert size limit")
                continue
            if now - stat.st_mtime >= self.settle:
                found.append((stat.st_mtime_ns, path, stat))
        ready = []
        for _, path, stat in sorted(found):
            try:
                xml = path.read_bytes()
            except OSError as exc:
                self._warn_once(path, str(exc))
                continue
            ready.append((path, Incoming("drop", f"{path.name}:{stat.st_mtime_ns}:{stat.st_size}", xml)))
        return ready

    def _warn_once(self, path: Path, why: str) -> None:
        if path.name not in self._warned:
            self._warned.add(path.name)
            log.warning("drop folder: skipping %s: %s", path.name, why)

    def archive(self, path: Path, accepted: bool) -> Path | None:
        """Move a handled file to ``published/`` or ``rejected/`` under a name no earlier file has (a later
        ``quake.xml`` becomes ``quake.2.xml``); None if it vanished meanwhile."""
        folder = self.root / ("published" if accepted else "rejected")
        target, n = folder / path.name, 1
        while target.exists():
            n += 1
            target = folder / f"{path.stem}.{n}{path.suffix}"
        try:
            os.replace(path, target)
        except FileNotFoundError:
            log.warning("drop folder: %s vanished before it was archived", path.name)
            return None
        return target


class DisasterApiPoller:
    """Polls the disaster-message API in a thread (``requests`` blocks) and queues new records as CAP alerts."""

    def __init__(
        self, url: str, service_key: str, out: queue.Queue[Incoming], *, interval: float = 60.0,
        region: str | None = None, sender: str = "disaster-api@metaverse-seoul", timeout: float = 10.0,
        page_size: int = 50, max_pages: int = 20, max_backoff: float = 600.0,
    ) -> None:
        self.url, self.service_key, self.out = url, service_key, out
        self.interval, self.region, self.sender, self.timeout = interval, region, sender, timeout
        self.page_size, self.max_pages, self.max_backoff = page_size, max_pages, max_backoff
        self._stop = threading.Event()
        self._seen: set[str] = set()
        self._thread = threading.Thread(target=self._run, name="disaster-api", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.timeout + 1)

    def _run(self) -> None:
        """Poll until stopped. Any failure is logged (an unexpected response shape once as an error, then quietly
        until it changes) and retried with a back-off that doubles up to ``max_backoff``: the thread never dies."""
        failures, last_problem = 0, ""
        while not self._stop.is_set():
            try:
                self.poll_once()
                failures, last_problem = 0, ""
            except Exception as exc:  # noqa: BLE001 - a poller that dies silently is worse than any one error
                failures += 1
                problem = f"{type(exc).__name__}: {exc}"
                if problem != last_problem:
                    level = logging.WARNING if isinstance(exc, requests.RequestException) else logging.ERROR
                    log.log(level, "disaster API poll failed: %s", problem)
                    last_problem = problem
            delay = self.interval if not failures else min(self.max_backoff, self.interval * 2 ** (failures - 1))
            self._stop.wait(delay)

    def poll_once(self) -> int:
        """Fetch today's messages page by page (up to ``max_pages``); queue the unseen ones; return how many."""
        queued = 0
        for page in range(1, self.max_pages + 1):
            records, total = self._fetch(page)
            queued += self._queue(records)
            if len(records) < self.page_size or page * self.page_size >= total:
                break
        return queued

    def _fetch(self, page: int) -> tuple[list, int]:
        params = {
            "serviceKey": self.service_key, "returnType": "json", "pageNo": str(page),
            "numOfRows": str(self.page_size), "crtDt": clock.now_kst().strftime("%Y%m%d"),
        }
        if self.region:
            params["rgnNm"] = self.region
        response = requests.get(self.url, params=params, timeout=self.timeout)
        response.raise_for_status()
        data = response.json()
        if not isinstance(data, dict):
            raise ValueError("response is not a JSON object")
        header = data.get("header") or {}
        if not isinstance(header, dict):
            raise ValueError("header is not an object")
        if str(header.get("resultCode", "00")) != "00":
            reason = header.get("errorMsg") or header.get("resultMsg")
            raise ValueError(f"API error {header.get('resultCode')}: {reason}")
        records = data.get("body") or []
        if not isinstance(records, list):
            raise ValueError("body is not a list")
        total = data.get("totalCount")
        return records, total if isinstance(total, int) and not isinstance(total, bool) else len(records)

    def _queue(self, records: list) -> int:
        queued = 0
        for record in records:
            if not isinstance(record, dict) or str(record.get("SN")) in self._seen:
                continue
            try:
                xml = from_disaster_message(record, self.sender)
            except CapError as exc:
                log.warning("skipping disaster message %r: %s", record.get("SN"), exc)
                continue
            self._seen.add(str(record["SN"]))
            fingerprint = citydata.disaster_key(str(record["MSG_CN"]), str(record.get("CRT_DT")))
            self.out.put(Incoming("disaster-api", str(record["SN"]), xml, fingerprint))
            queued += 1
        return queued
