"""Storage faults are answered, not fatal: a write lock held by another process, and a disk that fills up.

Writes are refused ``unavailable`` (with ``retry_after``) while reads and alert catch-up go on; the hub takes
writes again by itself once the lock or the space returns, and an acknowledged write is never lost. These are
faults of SQLite's own file (its one write lock, its size), so they run on the SQLite store.
"""

from __future__ import annotations

import resource
import sqlite3
import subprocess
import sys
import time

import pytest

from net.hub.layout import HubLayout
from net.hub.store import DB_NAME
from net.protocol import Role
from tests.net.conftest import wait_for

TICKET = {"category": "road", "text": "보도블록이 깨졌어요"}
HOLD_LOCK = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
"""


def _writes_again(client, args=TICKET, timeout: float = 15.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        reply = client.call("ticket.create", args)
        if reply["ok"] or time.monotonic() > deadline:
            return reply
        assert reply["error"]["code"] == "unavailable"
        time.sleep(min(1.0, reply["error"]["retry_after"]))


@pytest.mark.sqlite_only
def test_a_write_lock_held_by_another_process_answers_unavailable_and_reads_go_on(start_hub, raw_client):
    hub = start_hub()
    client = raw_client(hub.layout, hub.endpoints, Role.CITIZEN)
    assert client.call("ticket.create", TICKET)["ok"]
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(hub.hub.config.data_dir / DB_NAME)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        refused = client.call("ticket.create", TICKET)
        assert refused["error"]["code"] == "unavailable" and refused["error"]["retry_after"] > 0
        assert time.monotonic() - started < 2.0
        assert client.call("hello")["ok"] and client.call("alerts.since", {"seq": 0})["ok"]
        assert client.call("ticket.mine")["result"]["tickets"]  # reads of what was written before
    finally:
        holder.stdin.close()
        holder.wait(10)
    assert _writes_again(client)["ok"]
    assert hub.query("SELECT COUNT(*) FROM tickets") == [(2,)]


@pytest.mark.sqlite_only
def test_a_full_disk_refuses_writes_keeps_reads_and_recovers_with_nothing_acknowledged_lost(hub_process, raw_client):
    endpoints = hub_process.start()
    layout = HubLayout(hub_process.data_dir)
    client = raw_client(layout, endpoints, Role.CITIZEN)
    assert client.call("hello")["result"]["role"] == "citizen"
    pid = hub_process.proc.pid
    largest = max(p.stat().st_size for p in layout.root.glob(DB_NAME + "*"))
    _, hard = resource.prlimit(pid, resource.RLIMIT_FSIZE)
    # Files of the hub may not grow past this (a full disk for SQLite: the write fails, the process lives).
    resource.prlimit(pid, resource.RLIMIT_FSIZE, (largest + 64 * 1024, hard))
    acknowledged, refused = [], None
    for n in range(400):
        reply = client.call("ticket.create", {"category": "road", "text": f"{n:04d} " + "가" * 1900})
        if not reply["ok"]:
            refused = reply
            break
        acknowledged.append(reply["result"]["ticket_id"])
    assert refused is not None and refused["error"]["code"] == "unavailable", refused
    assert acknowledged
    assert hub_process.proc.poll() is None
    assert client.call("hello")["ok"] and client.call("facility.list")["ok"]
    assert client.call("alerts.since", {"seq": 0})["ok"]
    resource.prlimit(pid, resource.RLIMIT_FSIZE, (hard, hard))  # space returns
    again = _writes_again(client)
    assert again["ok"], again
    acknowledged.append(again["result"]["ticket_id"])
    hub_process.kill()
    db = sqlite3.connect(layout.root / DB_NAME)
    try:
        stored = {row[0] for row in db.execute("SELECT id FROM tickets")}
    finally:
        db.close()
    assert set(acknowledged) <= stored


@pytest.mark.sqlite_only
def test_alerts_from_the_drop_folder_wait_for_the_store_instead_of_stopping_the_hub(start_hub, raw_client):
    hub = start_hub()
    client = raw_client(hub.layout, hub.endpoints)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(hub.hub.config.data_dir / DB_NAME)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        (hub.layout.dropbox / "quake.xml").write_bytes(CAP)
        time.sleep(1.5)
        assert hub.thread.is_alive() and client.call("hello")["ok"]
        assert (hub.layout.dropbox / "quake.xml").exists()  # kept for later, not rejected
    finally:
        holder.stdin.close()
        holder.wait(10)
    wait_for(lambda: client.call("alerts.since", {"seq": 0})["result"]["alerts"], 15, "the dropped alert",
             step=lambda: time.sleep(0.3))  # within the anonymous rate limit
    assert (hub.layout.dropbox / "published" / "quake.xml").exists()


CAP = (
    b'<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>drop-1</identifier><sender>t</sender>'
    b"<sent>2026-11-25T11:00:00+09:00</sent><status>Exercise</status><msgType>Alert</msgType><scope>Public</scope>"
    b"</alert>"
)
