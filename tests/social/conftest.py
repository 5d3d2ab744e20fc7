"""Real hubs and visitors on loopback for the presence tests; each visitor runs in its own thread with its own
sockets (link, presence PUB and SUB), like separate apps would."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from net.client.link import CityLink, LinkStatus
from net.hub.layout import init_hub_dir, make_client_dir
from net.hub.presence_relay import RelayConfig
from net.hub.server import Hub, HubConfig
from net.presence.client import PresenceClient, PresenceEvent
from net.presence.codec import AvatarState
from net.protocol import Role
from tests.net.conftest import FAST, wait_for

LOOPBACK = "tcp://127.0.0.1:*"

__all__ = ["FAST", "wait_for"]


class HubRunner:
    """One hub data directory; :meth:`start` again after :meth:`stop` to restart on the same ports."""

    def __init__(self, data_dir: Path, **config: Any) -> None:
        self.data_dir, self.config = data_dir, config
        self.layout = init_hub_dir(data_dir)
        self.hub: Hub | None = None
        self.thread: threading.Thread | None = None
        self.endpoints = {"services": LOOPBACK, "alerts": LOOPBACK, "presence_in": LOOPBACK,
                          "presence_out": LOOPBACK}

    def start(self) -> dict[str, str]:
        self.hub = Hub(HubConfig(self.data_dir, heartbeat=0.25, watch_dropbox=False, **self.endpoints, **self.config))
        self.endpoints = self.hub.bind()
        self.thread = threading.Thread(target=self.hub.run, daemon=True)
        self.thread.start()
        return self.endpoints

    def stop(self) -> None:
        if self.hub is not None and self.thread is not None:
            self.hub.stop()
            self.thread.join(5)
            self.hub = self.thread = None


@dataclass
class Visitor:
    """A simulated app in its own thread: opens its link and presence there (SQLite and sockets belong to the
    thread that made them), joins, then polls every 10 ms and walks along ``path`` (seconds → x, y)."""

    name: str
    open: Callable[[], tuple[CityLink, PresenceClient]]
    path: Callable[[float], tuple[float, float]]
    join: dict[str, Any] | None
    link: CityLink | None = None
    presence: PresenceClient | None = None
    events: list[PresenceEvent] = field(default_factory=list)
    seen: dict[int, AvatarState] = field(default_factory=dict)
    calls: list[Callable[[PresenceClient], Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    ready: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    started: float = field(default_factory=time.monotonic)

    def run(self) -> None:
        link, presence = self.link, self.presence = self.open()
        try:
            while link.status is not LinkStatus.CONNECTED and not self.stop.is_set():
                presence.feed(link.poll())
                time.sleep(0.005)
            if self.join is not None:
                presence.join(**self.join)
            self.ready.set()
            while not self.stop.is_set():
                self._step(link, presence)
                time.sleep(0.01)
        finally:
            presence.close()
            link.close()

    def _step(self, link: CityLink, presence: PresenceClient) -> None:
        with self.lock:
            calls, self.calls = self.calls, []
        for call in calls:
            call(presence)
        presence.feed(link.poll())
        events = presence.poll()
        x, y = self.path(time.monotonic() - self.started)
        presence.set_state(AvatarState(x, y, 0.0, 90.0))
        seen = {i: s for i, (_, s) in presence.visible().items()}
        with self.lock:
            self.events.extend(events)
            self.seen = seen

    def do(self, call: Callable[[PresenceClient], Any]) -> None:
        """Run ``call`` on the visitor's own thread (its sockets belong to it)."""
        with self.lock:
            self.calls.append(call)

    def sees(self) -> dict[int, AvatarState]:
        with self.lock:
            return dict(self.seen)

    def got(self, kind: type) -> list:
        with self.lock:
            return [e for e in self.events if isinstance(e, kind)]

    @property
    def avatar_id(self) -> int | None:
        return self.presence.avatar_id if self.presence is not None else None

    def halt(self) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join(5)


@pytest.fixture
def hub_runner(tmp_path: Path) -> Iterator[Callable[..., HubRunner]]:
    runners: list[HubRunner] = []

    def make(**config: Any) -> HubRunner:
        config.setdefault("presence", RelayConfig(timeout=3.0))
        runner = HubRunner(tmp_path / f"hub{len(runners)}", **config)
        runner.start()
        runners.append(runner)
        return runner

    yield make
    for runner in runners:
        runner.stop()


@pytest.fixture
def visitors(tmp_path: Path) -> Iterator[Callable[..., Visitor]]:
    """Start a visitor thread: a provisioned client (``role``) that joins ``scene`` and walks ``path``."""
    started: list[Visitor] = []

    def make(runner: HubRunner, name: str, path: Callable[[float], tuple[float, float]], *,
             role: Role = Role.CITIZEN, scene: str = "district", join: bool = True, **join_args: Any) -> Visitor:
        directory = tmp_path / "clients" / name
        if not (directory / "client.key_secret").exists():
            make_client_dir(runner.layout, directory, role, name)

        def open_both() -> tuple[CityLink, PresenceClient]:
            e = runner.endpoints
            link = CityLink.from_directory(directory, e["services"], e["alerts"], **FAST)
            return link, PresenceClient(link, e["presence_in"], e["presence_out"])

        join_args.setdefault("name", name)
        visitor = Visitor(name, open_both, path, {"scene": scene, **join_args} if join else None)
        visitor.thread = threading.Thread(target=visitor.run, name=name, daemon=True)
        visitor.thread.start()
        started.append(visitor)
        assert visitor.ready.wait(10), f"{name} did not connect"
        return visitor

    yield make
    for visitor in started:
        visitor.halt()


def standing(x: float, y: float) -> Callable[[float], tuple[float, float]]:
    return lambda t: (x, y)
