"""The two stores as an operator meets them: ``migrate``, the ``store`` settings key, and a kiosk's SQLite store
copied into the city's PostgreSQL with its ids, epoch and rules intact."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from net.hub import store
from net.protocol import Role
from tests.net.conftest import REPO
from tests.net.test_opinion_safety import ok, refused

SLOT = {"facility_id": "seoul-plaza", "day": "2026-12-24", "slot": "18:00"}
NOW = 1_764_547_200.0  # 2025-12-01 (Seoul): the slot's day is bookable


def hub_cli(data_dir: Path, *args: str) -> tuple[int, dict]:
    done = subprocess.run([sys.executable, "-m", "net.hub", "--data-dir", str(data_dir), *args], cwd=REPO,
                          capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})
    lines = done.stdout.strip().splitlines()
    return done.returncode, json.loads(lines[-1]) if lines else {"stderr": done.stderr}


def test_migrate_brings_either_store_to_the_schema_once(tmp_path, store_url):
    args = ["migrate", *(["--store", store_url] if store_url else [])]
    assert hub_cli(tmp_path, *args) == (0, {"event": "migrated", "store": "postgresql" if store_url else "sqlite",
                                            "from": 0, "to": len(store.MIGRATIONS)})
    assert hub_cli(tmp_path, *args)[1]["from"] == len(store.MIGRATIONS)


def test_the_settings_key_names_the_store_and_a_non_url_is_refused(tmp_path, pg_cluster):
    url = pg_cluster.new_schema()
    (tmp_path / "settings.json").write_text(json.dumps({"store": url}))
    assert hub_cli(tmp_path, "migrate")[1]["store"] == "postgresql"
    assert not (tmp_path / store.DB_NAME).exists()
    code, _ = hub_cli(tmp_path, "migrate", "--store", str(tmp_path / "elsewhere.sqlite3"))
    assert code != 0


@pytest.mark.sqlite_only  # the kiosk's store is SQLite; the test makes its own PostgreSQL database
def test_a_kiosk_store_copied_into_postgresql_keeps_its_records_ids_epoch_and_rules(start_hub, make_link,
                                                                                     pg_cluster, tmp_path):
    kiosk = start_hub(store=None, clock=lambda: NOW)
    citizen = make_link(kiosk.layout, kiosk.endpoints, Role.CITIZEN)
    tickets = [ok(citizen, "ticket.create", category="road", text=f"{n}번 보도블록")["ticket_id"] for n in range(3)]
    booking = ok(citizen, "booking.create", **SLOT)["booking_id"]
    proposal = ok(citizen, "opinion.propose", title="벤치", body="광장에 벤치를")["proposal_id"]
    ok(citizen, "opinion.vote", proposal_id=proposal)
    epoch = ok(citizen, "hello")["epoch"]
    citizen.close()
    kiosk.hub.stop()
    kiosk.thread.join(5)

    url = pg_cluster.new_schema()
    code, copied = hub_cli(kiosk.layout.root, "copy-store", "--from", str(kiosk.layout.root / store.DB_NAME),
                           "--to", url)
    assert code == 0 and copied["rows"]["tickets"] == 3 and copied["rows"]["votes"] == 1, copied
    assert hub_cli(kiosk.layout.root, "copy-store", "--from", str(kiosk.layout.root), "--to", url)[0] == 1

    city = start_hub(store=url, clock=lambda: NOW)
    again = make_link(city.layout, city.endpoints, Role.CITIZEN)
    assert ok(again, "hello")["epoch"] == epoch  # the kiosk's clients keep their sequence numbers
    copied_tickets = city.query("SELECT id, text FROM tickets ORDER BY id")
    assert copied_tickets == [(t, f"{n}번 보도블록") for n, t in enumerate(tickets)]
    assert ok(again, "ticket.create", category="road", text="새 민원")["ticket_id"] > max(tickets)
    assert refused(again, "booking.create", **SLOT)["code"] == "conflict"  # the slot stays taken
    assert city.query("SELECT id FROM bookings") == [(booking,)]
    assert ok(again, "opinion.get", proposal_id=proposal)["votes"] == 1


def test_copy_store_covers_every_table_of_the_schema(tmp_path):
    from net.hub.copystore import TABLES

    db = store.open_store(tmp_path)
    try:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()}
    finally:
        db.close()
    assert names == set(TABLES)
