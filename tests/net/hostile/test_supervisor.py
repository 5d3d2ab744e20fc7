"""A hub that dies is brought back: ``python -m net.hub supervise`` restarts a SIGKILLed hub on the same
endpoints, and a client is served again; the systemd unit for deployments restarts always."""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from net.hub.layout import HubLayout
from net.hub.supervise import STATE_FILE
from tests.net.conftest import REPO

UNIT = REPO / "packaging" / "linux" / "metaverse-seoul-hub.service"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ready_line(proc: subprocess.Popen[bytes], timeout: float) -> dict:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        pytest.fail("no ready line from the supervised hub")
    return json.loads(proc.stdout.readline())


def test_a_killed_hub_is_back_on_the_same_endpoints(tmp_path: Path, raw_client, store_url):
    base = free_port()
    services, alerts = f"tcp://127.0.0.1:{base}", f"tcp://127.0.0.1:{free_port()}"
    data = tmp_path / "hub"
    proc = subprocess.Popen(
        [sys.executable, "-m", "net.hub", "--data-dir", str(data), "supervise", "--first-delay", "0.1",
         "--services", services, "--alerts", alerts, "--presence-in", f"tcp://127.0.0.1:{free_port()}",
         "--presence-out", f"tcp://127.0.0.1:{free_port()}", "--no-dropbox", "--heartbeat", "0.25",
         *(["--store", store_url] if store_url else [])],
        cwd=REPO, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        first = ready_line(proc, 20)
        client = raw_client(HubLayout(data), {"services": first["services"]})
        assert client.call("hello")["ok"]
        state = json.loads((data / STATE_FILE).read_text())
        assert state["starts"] == 1
        killed = time.monotonic()
        os.kill(state["child_pid"], signal.SIGKILL)
        again = ready_line(proc, 20)
        assert again["services"] == services
        while (reply := client.call("hello", timeout=1)) is None:
            assert time.monotonic() - killed < 10
        back = time.monotonic() - killed
        assert reply["ok"]
        assert json.loads((data / STATE_FILE).read_text())["starts"] == 2
        print(f"supervised hub back in {back:.2f} s")
    finally:
        proc.terminate()
        proc.wait(10)
    assert proc.returncode == 0
    pid = json.loads((data / STATE_FILE).read_text())["child_pid"]
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # SIGTERM to the supervisor stopped its hub too


def test_the_systemd_unit_restarts_the_hub_always():
    unit = UNIT.read_text(encoding="utf-8")
    service = unit.split("[Service]")[1].split("[Install]")[0]
    assert "\nRestart=always\n" in service
    assert "-m net.hub --data-dir" in service and " serve " in service
    assert "\nUMask=0077\n" in service
