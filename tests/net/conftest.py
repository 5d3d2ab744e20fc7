"""Fixtures for the city-link tests: real hubs on free loopback ports, over both stores.

Every test that starts a hub runs twice: on a real SQLite file under tmp_path and on a real PostgreSQL database
(one throw-away cluster for the session, an empty schema per test). Tests marked ``sqlite_only`` exercise
SQLite's own file (its write lock, its size) and run on it alone.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import zmq

from net.client.link import CityLink
from net.hub import store
from net.hub.layout import HubLayout, make_client_dir
from net.hub.server import Hub, HubConfig
from net.protocol import Role

if TYPE_CHECKING:
    from net.hub.pgcluster import Cluster

REPO = Path(__file__).resolve().parents[2]
LOOPBACK = "tcp://127.0.0.1:*"
FAST = {"heartbeat_timeout": 1.5, "resend_after": 1.0}  # link timings scaled to the hub's 0.25 s heartbeat


def wait_for(condition: Callable[[], bool], timeout: float, what: str, step: Callable[[], Any] | None = None) -> None:
    """Poll ``condition`` (calling ``step`` between checks) until true or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        if step is not None:
            step()
        time.sleep(0.002)


STORES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "store_url" in metafunc.fixturenames:
        kinds = STORES[:1] if metafunc.definition.get_closest_marker("sqlite_only") else STORES
        metafunc.parametrize("store_url", kinds, indirect=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One PostgreSQL cluster for the session (fsync off: the crashes tested are the hub's, not the server's)."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (scripts/setup.sh installs the 'city' extra)")
    from net.hub import pgcluster

    if pgcluster.find_bin_dir() is None:
        pytest.skip("PostgreSQL is not installed here (scripts/setup.sh installs Debian's postgresql)")
    cluster = pgcluster.Cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """One throw-away Redis server for the session (the presence relays' broker), on a unix socket."""
    pytest.importorskip("redis", reason="redis-py is not installed (scripts/setup.sh installs the 'city' extra)")
    from net.presence import redisserver

    if redisserver.find_server() is None:
        pytest.skip("redis-server is not installed here (scripts/setup.sh installs Debian's redis-server)")
    server = redisserver.RedisServer.start()
    yield server.url
    server.stop()


@pytest.fixture
def store_url(request: pytest.FixtureRequest) -> str | None:
    """None for SQLite in the hub's data directory, else the URL of a new, empty PostgreSQL schema."""
    if request.param == "sqlite":
        return None
    return request.getfixturevalue("pg_cluster").new_schema()


def query_store(data_dir: Path, url: str | None, sql: str, *params: Any) -> list[tuple]:
    """Read a hub's store through a connection of our own (the hub's belongs to its thread or process)."""
    db = store.connect(data_dir, url)
    try:
        return [tuple(row) for row in db.execute(sql, params).fetchall()]
    finally:
        db.close()


@dataclass
class RunningHub:
    hub: Hub
    thread: threading.Thread

    @property
    def layout(self) -> HubLayout:
        return self.hub.layout

    @property
    def endpoints(self) -> dict[str, str]:
        return self.hub.endpoints

    def query(self, sql: str, *params: Any) -> list[tuple]:
        return query_store(self.hub.config.data_dir, self.hub.config.store, sql, *params)


@pytest.fixture
def zmq_ctx() -> Iterator[zmq.Context]:
    ctx = zmq.Context()
    yield ctx
    ctx.destroy(linger=0)


@pytest.fixture
def start_hub(tmp_path: Path, store_url: str | None) -> Iterator[Callable[..., RunningHub]]:
    """Start an in-process hub thread (stopped at teardown); keyword arguments go to :class:`HubConfig`."""
    running: list[RunningHub] = []

    def start(**config: Any) -> RunningHub:
        config.setdefault("heartbeat", 0.25)
        config.setdefault("store", store_url)
        hub = Hub(HubConfig(tmp_path / f"hub{len(running)}", services=LOOPBACK, alerts=LOOPBACK, **config))
        hub.bind()
        thread = threading.Thread(target=hub.run, daemon=True)
        thread.start()
        running.append(RunningHub(hub, thread))
        return running[-1]

    yield start
    for r in running:
        r.hub.stop()
        r.thread.join(5)


@pytest.fixture
def make_link(tmp_path: Path) -> Iterator[Callable[..., CityLink]]:
    """Provision a client (enrolled in ``role`` unless ``enrolled=False``) and open a link; closed at teardown."""
    links: list[CityLink] = []

    def make(layout: HubLayout, endpoints: dict[str, str], role: Role = Role.CITIZEN, *,
             name: str | None = None, enrolled: bool = True, **options: Any) -> CityLink:
        name = name or f"client{len(links)}"
        directory = make_client_dir(layout, tmp_path / "clients" / name, role, name)
        if not enrolled:
            (layout.clients / str(role) / f"{name}.key").unlink()
        link = CityLink.from_directory(directory, endpoints["services"], endpoints["alerts"], **{**FAST, **options})
        links.append(link)
        return link

    yield make
    for link in links:
        link.close()


class HubProcess:
    """``python -m net.hub serve`` in a child process, so it can be SIGKILLed like a real crash."""

    def __init__(self, data_dir: Path, store_url: str | None = None) -> None:
        self.data_dir, self.store_url = data_dir, store_url
        self.proc: subprocess.Popen[bytes] | None = None
        self.endpoints: dict[str, str] = {}

    def start(self, services: str = LOOPBACK, alerts: str = LOOPBACK, timeout: float = 20.0) -> dict[str, str]:
        cmd = [sys.executable, "-m", "net.hub", "--data-dir", str(self.data_dir), "serve",
               "--services", services, "--alerts", alerts, "--heartbeat", "0.25", "--no-dropbox"]
        if self.store_url:
            cmd += ["--store", self.store_url]
        self.proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO)})
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            self.kill()
            pytest.fail("hub process did not report ready")
        line = json.loads(self.proc.stdout.readline())
        self.endpoints = {"services": line["services"], "alerts": line["alerts"]}
        return self.endpoints

    def query(self, sql: str, *params: Any) -> list[tuple]:
        return query_store(self.data_dir, self.store_url, sql, *params)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def hub_process(tmp_path: Path, store_url: str | None) -> Iterator[HubProcess]:
    proc = HubProcess(tmp_path / "hub", store_url)
    yield proc
    proc.stop()
