"""One moment for everyone: a real hub and three clients on loopback whose clocks are wrong by −5, 0 and +5 s
(the offset is in each client's clock function, the sockets are real) strike together."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from game.events.clock_sync import ClockSync, StrikeScheduler
from net import clock
from net.client.blocking import call
from net.client.link import CityLink, LinkStatus
from net.events import KST
from net.protocol import Role
from tests.net.conftest import wait_for

MIDNIGHT = dt.datetime(2027, 1, 1, tzinfo=KST).timestamp()
OFFSETS = (-5.0, 0.0, 5.0)


def running_from(t0: float):
    m0 = time.monotonic()
    return lambda: t0 + time.monotonic() - m0


def synced(link: CityLink, wrong_by: float) -> tuple[ClockSync, Callable[[], None]]:
    """A client whose own clock is ``wrong_by`` seconds off, with its first estimate of the hub's clock done."""
    sync = ClockSync(send=lambda: link.request("time", durable=False),
                     local=lambda: clock.timestamp() + wrong_by, every=0.5)

    def step() -> None:
        sync.step(link.status is LinkStatus.CONNECTED)
        sync.feed(link.poll())

    wait_for(lambda: sync.ready, 10, "a clock estimate", step)
    return sync, step


def test_three_clients_with_clocks_off_by_seconds_strike_within_50_ms(start_hub, make_link) -> None:
    hub = start_hub(clock=running_from(MIDNIGHT - 2.5))
    clients = []
    for wrong_by in OFFSETS:
        link = make_link(hub.layout, hub.endpoints, Role.CITIZEN)
        sync, step = synced(link, wrong_by)
        schedule = call(link, "event.schedule", {"event": "new-year-bell"}).result
        clients.append((wrong_by, sync, step, StrikeScheduler(schedule, sync)))
    # Where each client puts strike 1 on the true clock (its local time minus its own error) …
    planned = [sync.to_local(MIDNIGHT) - wrong_by for wrong_by, sync, _, _ in clients]
    assert max(planned) - min(planned) < 0.05, planned
    # … and when each actually starts it, stepping like a frame loop (and re-estimating meanwhile).
    heard: dict[float, float] = {}
    deadline = time.monotonic() + 10
    while len(heard) < len(clients) and time.monotonic() < deadline:
        for wrong_by, _, step, scheduler in clients:
            step()
            for strike in scheduler.due():
                assert strike.number == 1 and strike.into < 0.05
                heard[wrong_by] = clock.timestamp() - strike.into
        time.sleep(0.001)
    assert len(heard) == 3, heard
    spread = max(heard.values()) - min(heard.values())
    print(f"strike 1 heard within {spread * 1000:.1f} ms")
    assert spread < 0.05, heard
    assert all(sync.estimates >= 2 for _, sync, _, _ in clients)  # re-estimated while waiting


def test_a_client_joining_mid_ceremony_starts_at_the_current_strike(start_hub, make_link) -> None:
    spec_interval = 25.0
    started = time.monotonic()
    hub = start_hub(clock=running_from(MIDNIGHT + 5 * spec_interval + 3.0))  # 3 s after strike 6
    link = make_link(hub.layout, hub.endpoints, Role.CITIZEN)
    sync, _ = synced(link, 5.0)
    scheduler = StrikeScheduler(call(link, "event.schedule", {"event": "new-year-bell"}).result, sync)
    first = scheduler.due()
    waited = time.monotonic() - started  # the hub's clock ran on while the hub and the link started (PostgreSQL: ~1 s)
    assert [s.number for s in first] == [6]
    assert 3.0 - 0.1 <= first[0].into <= 3.0 + waited + 0.1  # part-way into strike 6's sound, as far as time ran
    assert scheduler.due() == []  # nothing replayed


def test_a_client_joining_after_the_sound_died_waits_for_the_next_strike(start_hub, make_link) -> None:
    hub = start_hub(clock=running_from(MIDNIGHT + 24.0))
    link = make_link(hub.layout, hub.endpoints, Role.CITIZEN)
    sync, _ = synced(link, -5.0)
    scheduler = StrikeScheduler(call(link, "event.schedule", {"event": "new-year-bell"}).result, sync, ring_for=20.0)
    assert scheduler.due() == []
