"""Nothing lost, nothing doubled: a hub crash mid-burst, and concurrent bookings of one slot."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import zmq

from net.client.link import CityLink, LinkStatus, ReplyReceived
from net.hub.layout import init_hub_dir, make_client_dir
from net.protocol import Role
from tests.net.conftest import FAST, wait_for

BURST = 150


def test_hub_sigkill_mid_burst_loses_and_doubles_nothing(hub_process, tmp_path: Path):
    layout = init_hub_dir(hub_process.data_dir)
    client_dir = make_client_dir(layout, tmp_path / "kiosk", Role.KIOSK, "kiosk")
    endpoints = hub_process.start()
    # A small in-flight window keeps the burst going long enough to be cut in the middle.
    options = {**FAST, "max_inflight": 4}
    link = CityLink.from_directory(client_dir, endpoints["services"], endpoints["alerts"], **options)
    # A second app that stays up through the crash: it must notice and come back by itself.
    watcher_dir = make_client_dir(layout, tmp_path / "watcher", Role.CITIZEN, "watcher")
    watcher = CityLink.from_directory(watcher_dir, endpoints["services"], endpoints["alerts"], **FAST)
    replies: list[ReplyReceived] = []

    def step(current: CityLink) -> None:
        replies.extend(e for e in current.poll(64) if isinstance(e, ReplyReceived))

    sent = [link.request("ticket.create", {"category": "road", "text": f"pothole {i}"}) for i in range(BURST)]
    wait_for(lambda: len(replies) >= 20, 30, "first acknowledgements", step=lambda: step(link))
    hub_process.kill()
    acked_before_kill = {r.request_id: r.result["ticket_id"] for r in replies}
    assert len(acked_before_kill) < BURST, "the burst finished before the kill; the test proves nothing"
    wait_for(lambda: link.status is LinkStatus.OFFLINE, 10, "offline status", step=lambda: step(link))
    wait_for(lambda: watcher.status is LinkStatus.OFFLINE, 10, "watcher offline", step=watcher.poll)
    # The app quits while offline with requests still in its outbox, and starts again after the hub is back.
    link.close()
    hub_process.start(endpoints["services"], endpoints["alerts"])
    link = CityLink.from_directory(client_dir, endpoints["services"], endpoints["alerts"], **options)
    try:
        assert link.pending_count == BURST - len(acked_before_kill)
        wait_for(lambda: link.pending_count == 0, 60, "outbox drained", step=lambda: step(link))
        wait_for(lambda: watcher.status is LinkStatus.CONNECTED, 20, "watcher reconnected", step=watcher.poll)
    finally:
        link.close()
        watcher.close()
    hub_process.stop()

    delivered = Counter(r.request_id for r in replies)
    assert set(delivered) == set(sent) and set(delivered.values()) == {1}, "each reply reaches the app exactly once"
    assert all(r.ok for r in replies)
    rows = dict(hub_process.query("SELECT request_id, id FROM tickets"))
    assert hub_process.query("SELECT COUNT(*) FROM tickets") == [(BURST,)]  # no duplicates
    assert set(rows) == set(sent)
    for rid, ticket_id in acked_before_kill.items():
        assert rows[rid] == ticket_id  # every acknowledged ticket survived the crash as acknowledged
    assert {r.request_id: r.result["ticket_id"] for r in replies} == rows


def test_fifty_concurrent_bookings_of_one_slot_make_one_booking(start_hub, make_link):
    hub = start_hub(clock=datetime.fromisoformat("2026-12-01T09:00:00+09:00").timestamp)  # the day is bookable
    ctx = zmq.Context()
    links: list[CityLink] = []
    try:
        links.extend(make_link(hub.layout, hub.endpoints, name=f"citizen{i}", context=ctx) for i in range(50))
        wait_for(lambda: all(link.status is LinkStatus.CONNECTED for link in links), 30, "50 connected links",
                 step=lambda: [link.poll() for link in links])
        slot = {"facility_id": "seoul-plaza", "day": "2026-12-24", "slot": "18:00"}
        wanted = {link.request("booking.create", slot): link for link in links}
        answers: dict[str, ReplyReceived] = {}

        def step() -> None:
            for link in links:
                answers.update((e.request_id, e) for e in link.poll() if isinstance(e, ReplyReceived))

        wait_for(lambda: len(answers) == len(wanted), 30, "50 answers", step=step)
        assert sum(a.ok for a in answers.values()) == 1
        assert Counter(a.error.get("code") for a in answers.values() if not a.ok) == {"conflict": 49}
        active = hub.query(
            "SELECT COUNT(*) FROM bookings WHERE facility=? AND day=? AND slot=? AND cancelled IS NULL",
            slot["facility_id"], slot["day"], slot["slot"],
        )
        assert active == [(1,)]
    finally:
        for link in links:
            link.close()
        ctx.term()
