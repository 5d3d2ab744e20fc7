"""``python -m net.city up``: the whole city on one machine from the Debian packages, a client served by it, and a
clean stop on SIGTERM; bad options and missing binaries are one line and exit status 2."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from net.client.blocking import call
from net.client.link import CityLink
from net.hub.layout import HubLayout, make_client_dir
from net.presence.client import Joined, PresenceClient, relay_for
from net.protocol import Role
from tests.net.conftest import FAST, REPO, wait_for

CMD = [sys.executable, "-m", "net.city"]


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CMD, *args], cwd=REPO, capture_output=True, text=True, timeout=30,
                          env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})})


@pytest.mark.parametrize("args", [("up", "--hubs", "0"), ("up", "--relays", "many"), ("down",), ("up", "--x")])
def test_bad_options_are_one_line_and_status_2(args):
    out = _run(*args)
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr


def test_missing_binaries_are_one_line_and_status_2(tmp_path: Path):
    # A PATH without redis-server (PostgreSQL is looked for under its Debian directory, which stays).
    empty = tmp_path / "bin"
    empty.mkdir()
    out = _run("up", env={"PATH": str(empty)})
    assert out.returncode == 2 and out.stdout == "", out.stdout
    assert out.stderr.strip().splitlines() == ["python -m net.city: redis-server is not installed: apt-get install"
                                               " redis-server"]


@pytest.mark.slow
def test_up_serves_a_client_and_stops_cleanly(tmp_path: Path, pg_cluster, redis_url):  # (skip where not installed)
    data_dir = tmp_path / "city"
    proc = subprocess.Popen([*CMD, "up", "--hubs", "2", "--relays", "2", "--data-dir", str(data_dir), "--fast"],
                            cwd=REPO, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.stdout is not None
    link = presence = None
    try:
        readable, _, _ = select.select([proc.stdout], [], [], 30)
        assert readable, "net.city up did not report"
        up = json.loads(proc.stdout.readline())
        assert up["event"] == "up" and len(up["services"].split(",")) == 2 and len(up["relays"]) == 2
        directory = make_client_dir(HubLayout(data_dir), tmp_path / "visitor", Role.CITIZEN, "visitor")
        city = json.loads((directory / "city.json").read_text(encoding="utf-8"))
        link = CityLink.from_directory(directory, **FAST)  # every hub from city.json
        reply = call(link, "ticket.create", {"category": "road", "text": "보도블록이 깨졌어요"}, timeout=10)
        assert reply.ok, reply.error
        relay = relay_for(city, link.client_keys.public)
        presence_link = CityLink.from_directory(directory, relay["services"], city["alerts"], **FAST)
        presence = PresenceClient(presence_link, relay["presence_in"], relay["presence_out"])
        presence.join("district", name="visitor")
        joined: list = []
        wait_for(lambda: joined, 10, "joined a relay",
                 step=lambda: joined.extend(e for e in (presence.feed(presence_link.poll()), presence.poll())[1]
                                            if isinstance(e, Joined)))
        presence.close()
        presence_link.close()
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
        assert time.monotonic() - started < 15
        assert json.loads(proc.stdout.readline())["event"] == "down"
        for pid in up["pids"].values():
            assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
        assert not Path(up["broker"].removeprefix("unix://")).parent.exists(), "the broker's directory is removed"
        assert data_dir.exists(), "a named data directory is kept (its keys and clients)"
    finally:
        if link is not None:
            link.close()
        if proc.poll() is None:  # a failed test: net.city still stops what it started
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
