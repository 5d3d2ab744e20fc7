"""Where alerts come from besides the operator CLI: a watched drop folder and the public disaster-message API.

Both are trusted inputs of the hub: it signs what they yield with its own authority key (the drop folder is a
local directory only the operator account can write; the API is fetched over HTTPS with the city's service key).
Each yields ``(source, key, xml)``; the hub records ``(source, key)`` so nothing is published twice, even across
restarts.
"""

from __future__ import annotations

import logging
import queue
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import requests

from net import clock
from net.hub.cap import CapError, from_disaster_message

log = logging.getLogger(__name__)

DISASTER_API_URL = "https://www.safetydata.go.kr/V2/api/DSSP-IF-00247"


@dataclass(frozen=True)
class Incoming:
    source: str
    key: str
    xml: bytes


class DropFolder:
    """``*.xml`` files written into ``root`` (write elsewhere and rename in, or wait ``settle`` seconds)."""

    def __init__(self, root: Path, settle: float = 0.3) -> None:
        self.root = root
        self.settle = settle
        for sub in ("", "published", "rejected"):
            (root / sub).mkdir(parents=True, exist_ok=True)

    def scan(self, now: float) -> list[tuple[Path, Incoming]]:
        """Files that have stopped changing, oldest first."""
        ready = []
        for path in sorted(self.root.glob("*.xml"), key=lambda p: p.stat().st_mtime):
            try:
                stat = path.stat()
                if now - stat.st_mtime < self.settle:
                    continue
                xml = path.read_bytes()
            except FileNotFoundError:
                continue
            ready.append((path, Incoming("drop", f"{path.name}:{stat.st_mtime_ns}:{stat.st_size}", xml)))
        return ready

    def archive(self, path: Path, accepted: bool) -> None:
        target = self.root / ("published" if accepted else "rejected") / path.name
        shutil.move(str(path), str(target))


class DisasterApiPoller:
    """Polls the disaster-message API in a thread (``requests`` blocks) and queues new records as CAP alerts."""

    def __init__(
        self, url: str, service_key: str, out: queue.Queue[Incoming], *, interval: float = 60.0,
        region: str | None = None, sender: str = "disaster-api@metaverse-seoul", timeout: float = 10.0,
    ) -> None:
        self.url, self.service_key, self.out = url, service_key, out
        self.interval, self.region, self.sender, self.timeout = interval, region, sender, timeout
        self._stop = threading.Event()
        self._seen: set[str] = set()
        self._thread = threading.Thread(target=self._run, name="disaster-api", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.timeout + 1)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once()
            except (requests.RequestException, ValueError) as exc:
                log.warning("disaster API poll failed: %s", exc)
            self._stop.wait(self.interval)

    def poll_once(self) -> int:
        """Fetch one page of today's messages; queue the unseen ones; return how many were queued."""
        params = {
            "serviceKey": self.service_key, "returnType": "json", "pageNo": "1", "numOfRows": "50",
            "crtDt": clock.now_kst().strftime("%Y%m%d"),
        }
        if self.region:
            params["rgnNm"] = self.region
        response = requests.get(self.url, params=params, timeout=self.timeout)
        response.raise_for_status()
        data = response.json()
        header = data.get("header") or {}
        if str(header.get("resultCode", "00")) != "00":
            reason = header.get("errorMsg") or header.get("resultMsg")
            raise ValueError(f"API error {header.get('resultCode')}: {reason}")
        records = data.get("body") or []
        if not isinstance(records, list):
            raise ValueError("body is not a list")
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
            self.out.put(Incoming("disaster-api", str(record["SN"]), xml))
            queued += 1
        return queued
