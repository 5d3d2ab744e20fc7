"""Alert sources: the disaster-message API (served locally in its documented JSON shape), the drop folder and
the operator CLI all reach a client as verified CAP, each alert once (the CLI's replay of a published file is
refused)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from defusedxml import ElementTree

from net.client.link import AlertReceived
from net.hub.cap import CAP_NS
from tests.net.conftest import REPO, wait_for

# Two records as safetydata.go.kr DSSP-IF-00247 returns them (returnType=json).
API_RESPONSE = {
    "header": {"resultMsg": "NORMAL SERVICE", "resultCode": "00", "errorMsg": None},
    "numOfRows": 2, "pageNo": 1, "totalCount": 2,
    "body": [
        {"SN": 240101, "CRT_DT": "2026/11/25 11:02:33", "MSG_CN": "[서울시] 호우경보 발령. 하천변 이용 자제",
         "RCPTN_RGN_NM": "서울특별시 전체", "EMRG_STEP_NM": "긴급재난", "DST_SE_NM": "호우",
         "REG_YMD": "2026-11-25", "MDFCN_YMD": "2026-11-25"},
        {"SN": 240102, "CRT_DT": "2026/11/25 11:10:00", "MSG_CN": "[종로구] 보신각 일대 행사로 교통 통제 중입니다.",
         "RCPTN_RGN_NM": "서울특별시 종로구", "EMRG_STEP_NM": "안전안내", "DST_SE_NM": "교통",
         "REG_YMD": "2026-11-25", "MDFCN_YMD": "2026-11-25"},
    ],
}

DROPPED = (
    '<?xml version="1.0" encoding="UTF-8"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
    "<identifier>DROP-1</identifier><sender>ops</sender><sent>2026-11-25T11:00:00+09:00</sent><status>Exercise</status>"
    "<msgType>Alert</msgType><scope>Public</scope></alert>"
)


NOW = datetime.fromisoformat("2026-11-25T11:30:00+09:00").timestamp()  # the hub's clock: the records are fresh


class FakeDisasterApi(BaseHTTPRequestHandler):
    requests: list[dict[str, list[str]]] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        query = parse_qs(urlparse(self.path).query)
        type(self).requests.append(query)
        body = json.dumps(API_RESPONSE, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_api_drop_folder_and_cli_alerts_arrive_verified_once(start_hub, make_link):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeDisasterApi)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/V2/api/DSSP-IF-00247"
        hub = start_hub(disaster_api_key="test-key", disaster_api_url=url, disaster_api_interval=0.2,
                        clock=lambda: NOW)
        link = make_link(hub.layout, hub.endpoints)
        alerts: list[AlertReceived] = []

        def step() -> None:
            alerts.extend(e for e in link.poll() if isinstance(e, AlertReceived))

        wait_for(lambda: link.last_seq is not None, 10, "first heartbeat", step=step)
        wait_for(lambda: len(alerts) >= 2, 10, "API alerts", step=step)
        wait_for(lambda: len(FakeDisasterApi.requests) >= 3, 10, "repeated polls", step=step)
        (hub.layout.dropbox / "drop.xml").write_text(DROPPED, encoding="utf-8")
        wait_for(lambda: len(alerts) >= 3, 10, "drop-folder alert", step=step)
        published = subprocess.run(
            [sys.executable, "-m", "net.hub", "--data-dir", str(hub.layout.root), "publish",
             str(hub.layout.dropbox / "published" / "drop.xml")],
            cwd=REPO, capture_output=True, text=True, timeout=30,
        )
        assert published.returncode == 1, published.stderr
        refused = json.loads(published.stdout)
        assert refused["event"] == "refused" and refused["reason"] == "replay"
        # The API served the same two records on every poll meanwhile; the hub published them once.
        polls = len(FakeDisasterApi.requests)
        wait_for(lambda: len(FakeDisasterApi.requests) >= polls + 2, 10, "two more polls", step=step)
    finally:
        server.shutdown()
    assert FakeDisasterApi.requests[0]["serviceKey"] == ["test-key"]
    assert FakeDisasterApi.requests[0]["returnType"] == ["json"]
    identifiers = [ElementTree.fromstring(a.xml).findtext(f"{{{CAP_NS}}}identifier") for a in alerts]
    assert identifiers == ["KR-MOIS-DSSP-240101", "KR-MOIS-DSSP-240102", "DROP-1"]
    first = ElementTree.fromstring(alerts[0].xml)
    assert first.findtext(f"{{{CAP_NS}}}info/{{{CAP_NS}}}severity") == "Severe"
    assert first.findtext(f"{{{CAP_NS}}}info/{{{CAP_NS}}}expires") == "2026-11-25T17:02:33+09:00"  # 긴급재난: 6 h
    assert [a.seq for a in alerts] == [1, 2, 3]
