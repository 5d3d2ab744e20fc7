"""The client's outbox: every request is on disk before it is sent, until its reply arrives.

A request made while the hub is unreachable waits here and goes out on reconnect; one that was sent but not
answered (hub crashed, link dropped) is sent again with the same request id, which the hub answers from its
request log instead of acting twice. The same file remembers the last alert sequence seen, so a restarted app
catches up rather than missing alerts, and the (sender, identifier) of every alert presented, so an alert that
reaches it again (a replay, a hub whose log was reset) is not presented twice, even after a restart.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from net.keys import private_dir, private_file

DB_NAME = "outbox.sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    request_id TEXT PRIMARY KEY, op TEXT NOT NULL, args TEXT NOT NULL, created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seen_alerts (
    sender TEXT NOT NULL, identifier TEXT NOT NULL, seen REAL NOT NULL, PRIMARY KEY (sender, identifier)
) WITHOUT ROWID;
"""
SEEN_KEPT = 10_000  # alerts remembered as presented; the oldest are forgotten beyond this


@dataclass(frozen=True)
class Pending:
    request_id: str
    op: str
    args: dict[str, Any]


def new_request_id() -> str:
    return uuid.uuid4().hex


class Outbox:
    def __init__(self, directory: Path) -> None:
        private_dir(directory)
        self.db = sqlite3.connect(private_file(directory / DB_NAME), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    def add(self, op: str, args: dict[str, Any], created: float) -> str:
        request_id = new_request_id()
        self.db.execute(
            "INSERT INTO outbox VALUES (?, ?, ?, ?)", (request_id, op, json.dumps(args, ensure_ascii=False), created)
        )
        return request_id

    def pending(self, limit: int) -> list[Pending]:
        rows = self.db.execute("SELECT request_id, op, args FROM outbox ORDER BY created, rowid LIMIT ?", (limit,))
        return [Pending(rid, op, json.loads(args)) for rid, op, args in rows]

    def done(self, request_id: str) -> bool:
        """Remove an answered request; False if it was not (or no longer) waiting — a duplicate reply."""
        return self.db.execute("DELETE FROM outbox WHERE request_id=?", (request_id,)).rowcount > 0

    def get_state(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_state(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, value))

    def first_sight(self, sender: str, identifier: str, now: float) -> bool:
        """Record an alert as presented; False if it was already (a replay, or the same alert by another path)."""
        if self.db.execute("INSERT OR IGNORE INTO seen_alerts VALUES (?, ?, ?)",
                           (sender, identifier, now)).rowcount == 0:
            return False
        self.db.execute("DELETE FROM seen_alerts WHERE seen < (SELECT seen FROM seen_alerts ORDER BY seen DESC"
                        " LIMIT 1 OFFSET ?)", (SEEN_KEPT,))
        return True

    def close(self) -> None:
        self.db.close()
