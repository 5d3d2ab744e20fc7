"""The kiosk's link and alert sources through the app's one path (:mod:`game.city_connection`): an operator hub that
cannot be opened leaves an offline kiosk whose requests go to the durable outbox; the drop folder is an alert
source read once per file version; the last contact is kept while online."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from game.city_connection import open_city
from game.kiosk.feed import CONTACT_SAVE_S, DropWatcher, LastContact
from game.kiosk.settings import HubSettings

CONFIG = SimpleNamespace(city=None, cache_dir=None)


def test_an_unusable_operator_hub_raises_unless_offline_is_allowed(tmp_path):
    hub = HubSettings(tmp_path / "client")  # not provisioned: no city.json, no keys
    with pytest.raises(OSError):
        open_city(CONFIG, hub=hub)
    conn = open_city(CONFIG, hub=hub, offline_ok=True)
    try:
        assert conn.link is None and conn.hub is None and not conn.online
        assert "FileNotFoundError" in conn.problem
        rid = conn.request("ticket.create", {"category": "other", "text": "toilet?", "lat": 37.57, "lon": 126.97,
                                             "place": "kiosk"})
        assert rid is not None and conn.pending == 1
        assert conn.request("no.such.op", {}) is None  # refused, logged, never raised
    finally:
        conn.close()
    assert (tmp_path / "client").is_dir()


def test_the_drop_folder_gives_each_file_version_once(tmp_path):
    watcher = DropWatcher(tmp_path)
    (tmp_path / "a.xml").write_bytes(b"<alert/>")
    (tmp_path / "ignored.txt").write_bytes(b"x")
    assert watcher.poll(0.0) == [("drop:a.xml", b"<alert/>")]
    assert watcher.poll(watcher.interval) == []
    (tmp_path / "a.xml").write_bytes(b"<alert>2</alert>")
    os.utime(tmp_path / "a.xml", ns=(1, 1))
    assert watcher.poll(0.1) == []  # not yet time to scan
    assert watcher.poll(watcher.interval) == [("drop:a.xml", b"<alert>2</alert>")]


def test_last_contact_is_saved_when_the_link_comes_up_and_then_at_most_every_interval(tmp_path):
    path = tmp_path / "live" / "contact.json"
    contact = LastContact(path)
    contact.update(False, 1.0, 100.0)
    assert contact.live.stale and not path.exists()
    contact.update(True, 0.1, 200.0)
    assert not contact.live.stale and contact.live.updated == 200.0 and path.exists()
    contact.update(True, 1.0, 201.0)
    assert contact.live.updated == 200.0
    contact.update(True, CONTACT_SAVE_S, 240.0)
    assert contact.live.updated == 240.0
    assert LastContact(path).live.updated == 240.0
