"""Alert sources that misbehave: drop-folder races and strays, and a disaster API that pages, changes shape,
writes dates differently or embeds control characters. The hub logs and goes on; nothing is lost or overwritten."""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from net.hub.cap import from_disaster_message
from net.hub.sources import DisasterApiPoller, DropFolder, Incoming
from tests.net.conftest import wait_for

CAP = (
    '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>{id}</identifier><sender>ops</sender>'
    "<sent>2026-11-25T11:00:00+09:00</sent><status>Exercise</status><msgType>Alert</msgType><scope>Public</scope>"
    "</alert>"
)


def test_a_directory_named_xml_and_a_vanishing_file_do_not_stop_the_scan(tmp_path, caplog):
    folder = DropFolder(tmp_path / "dropbox", settle=0.0)
    (folder.root / "x.xml").mkdir()
    (folder.root / "real.xml").write_text(CAP.format(id="R-1"), encoding="utf-8")
    (folder.root / "big.xml").write_bytes(b"<" * (70 * 1024))
    with caplog.at_level(logging.WARNING):
        found = folder.scan(time.time() + 1)  # real time: compared with the files' mtimes
        folder.scan(time.time() + 1)  # real time: compared with the files' mtimes
    assert [p.name for p, _ in found] == ["real.xml"]
    assert sum("x.xml" in r.getMessage() for r in caplog.records) == 1  # logged once, not every scan
    (folder.root / "real.xml").unlink()
    assert folder.archive(found[0][0], True) is None  # vanished before archiving: logged, no exception


def test_the_same_file_name_twice_keeps_both_archived_copies(start_hub):
    hub = start_hub()
    for n in (1, 2):
        (hub.layout.dropbox / "quake.xml").write_text(CAP.format(id=f"Q-{n}"), encoding="utf-8")
        wait_for(lambda n=n: len(list((hub.layout.dropbox / "published").iterdir())) == n, 10, f"file {n} published")
    names = sorted(p.name for p in (hub.layout.dropbox / "published").iterdir())
    assert names == ["quake.2.xml", "quake.xml"]
    assert "Q-1" in (hub.layout.dropbox / "published" / "quake.xml").read_text(encoding="utf-8")


class Api(BaseHTTPRequestHandler):
    """Serves ``pages`` (a list of bodies) in order of ``pageNo``; a body may be any JSON value."""

    pages: list = []
    calls: list[dict] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        query = parse_qs(urlparse(self.path).query)
        type(self).calls.append(query)
        page = int(query["pageNo"][0])
        body = json.dumps(self.pages[min(page, len(self.pages)) - 1], ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def api():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Api)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Api.calls = []
    yield f"http://127.0.0.1:{server.server_address[1]}/api"
    server.shutdown()


def record(sn: int, created: str = "2026/11/25 11:02:33", text: str = "[서울시] 호우경보") -> dict:
    return {"SN": sn, "CRT_DT": created, "MSG_CN": text, "RCPTN_RGN_NM": "서울특별시", "EMRG_STEP_NM": "안전안내",
            "DST_SE_NM": "호우"}


def test_the_poller_pages_through_every_row(api):
    rows = [record(n) for n in range(1, 121)]
    Api.pages = [{"header": {"resultCode": "00"}, "totalCount": 120, "body": rows[i:i + 50]} for i in (0, 50, 100)]
    out: queue.Queue[Incoming] = queue.Queue()
    assert DisasterApiPoller(api, "key", out).poll_once() == 120
    assert [c["pageNo"] for c in Api.calls] == [["1"], ["2"], ["3"]]


def test_an_unexpected_shape_is_logged_once_and_retried_with_backoff_and_the_thread_lives(api, caplog):
    Api.pages = [["not", "an", "object"]]
    out: queue.Queue[Incoming] = queue.Queue()
    poller = DisasterApiPoller(api, "key", out, interval=0.05, max_backoff=0.2)
    with caplog.at_level(logging.WARNING):
        poller.start()
        wait_for(lambda: len(Api.calls) >= 4, 10, "retries")
        Api.pages = [{"header": {"resultCode": "00"}, "totalCount": 1, "body": [record(7)]}]
        wait_for(lambda: not out.empty(), 10, "recovery")
        poller.stop()
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "not a JSON object" in errors[0].getMessage()
    assert out.get_nowait().key == "7"


@pytest.mark.parametrize("created", ["2026/11/25 11:02:33", "2026/11/25 11:02:33.120", "2026-11-25 11:02:33",
                                     "2026-11-25 11:02:33.5"])
def test_documented_crt_dt_variants_and_control_characters_are_accepted(created):
    xml = from_disaster_message(record(1, created, "[서울시]\x07 호우\x00경보\x1b 발령"), "api")
    assert b"2026-11-25T11:02:33+09:00" in xml
    assert b"\x07" not in xml and b"\x00" not in xml and "호우 경보".encode() in xml
