"""Revoked keys lose their live sessions within a second; enrolment names cannot escape their role's directory;
the hub's files are private to its account."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import time

import pytest

from net.hub.auth import enroll
from net.hub.store import DB_NAME
from net.protocol import Role
from tests.net.conftest import REPO


def hub_cli(data_dir, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "net.hub", "--data-dir", str(data_dir), *args], cwd=REPO,
                          capture_output=True, text=True, timeout=60)


def test_revoking_a_key_ends_its_live_session_within_a_second(start_hub, raw_client):
    hub = start_hub()
    alice = raw_client(hub.layout, hub.endpoints, Role.CITIZEN)
    name = next(p.stem for p in (hub.layout.clients / "citizen").glob("raw*.key"))
    witness = raw_client(hub.layout, hub.endpoints, Role.CITIZEN)
    avatar = alice.call("presence.join", {"scene": "plaza", "name": "Alice"})["result"]["avatar_id"]
    witness.call("presence.join", {"scene": "plaza", "name": "Bo"})
    assert alice.call("ticket.create", {"category": "road", "text": "before"})["ok"]
    revoked = hub_cli(hub.layout.root, "revoke", name)
    assert revoked.returncode == 0, revoked.stderr
    done = time.monotonic()
    while (reply := alice.call("ticket.mine"))["ok"]:
        assert time.monotonic() - done < 1.0, "revoked session still served"
        time.sleep(0.02)
    assert reply["error"] == {"code": "forbidden", "message": "client key revoked", "reason": "revoked"}
    while witness.call("presence.profiles", {"ids": str(avatar)})["result"]["profiles"]:
        assert time.monotonic() - done < 1.0, "revoked visitor still present"
        time.sleep(0.05)
    listed = json.loads(hub_cli(hub.layout.root, "keys").stdout)["clients"]
    assert {"name": name, "role": "citizen", "status": "revoked"}.items() <= next(
        c for c in listed if c["name"] == name).items()
    assert hub_cli(hub.layout.root, "revoke", "nobody").returncode == 1


@pytest.mark.parametrize("name", ["../staff/evil", "a/b", "..", "", "x" * 65, "evil.key", "이름"])
def test_enrolment_names_cannot_pick_a_directory(tmp_path, name):
    out = hub_cli(tmp_path / "hub", "enroll", "--role", "kiosk", "--name", name, "--out", str(tmp_path / "k"))
    assert out.returncode == 2 and "client name" in out.stderr
    assert not list((tmp_path / "hub" / "clients").rglob("*.key"))
    with pytest.raises(ValueError):
        enroll(tmp_path / "clients", Role.KIOSK, name, b"x" * 40)


def test_hub_files_are_private(start_hub, raw_client):
    hub = start_hub()
    assert raw_client(hub.layout, hub.endpoints, Role.CITIZEN).call("ticket.create", {"category": "road",
                                                                                       "text": "x"})["ok"]
    root = hub.layout.root
    for directory in (root, hub.layout.keys, hub.layout.clients):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700, directory
    store_files = [] if hub.hub.config.store else [root / DB_NAME, root / f"{DB_NAME}-wal"]  # SQLite's own files
    for path in (*store_files, hub.layout.endpoints_file):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
