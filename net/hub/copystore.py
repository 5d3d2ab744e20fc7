"""Copy an embedded SQLite store into PostgreSQL: a kiosk's offline data joining the city's system of record.

Both sides are brought to the current schema first (the same migrations), then every table is copied row by row
in one PostgreSQL transaction, ids included, and each identity sequence is moved past the largest copied id so new
rows do not collide. The target must be empty of the hub's data: copying into a city that already has its own
tickets and alerts would merge two numberings, which is a different job (renumbering, alert sequence order), so it
is refused rather than half done. The SQLite file is only read.
"""

from __future__ import annotations

from pathlib import Path

from net.hub import database, store

# Parents before children (foreign keys); every table of the schema, checked against it at run time.
TABLES = ("meta", "requests", "tickets", "facilities", "bookings", "proposals", "votes", "comments", "events",
          "alerts", "source_seen", "blocks", "reports", "scene_bans", "moderation_actions", "gatherings",
          "opinion_reports", "mayor_messages", "space_sessions", "match_requests", "enrolments", "attendance",
          "city_data")
SEEDED = ("facilities", "events")  # rows migration 2 puts into every new store: replaced by the kiosk's own


class CopyRefused(RuntimeError):
    """The target already holds the hub's data (or the schemas do not match)."""


def _columns(db: database.Database, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()]


def copy_store(sqlite_dir: Path, url: str) -> dict[str, int]:
    """Copy the SQLite store in ``sqlite_dir`` into the PostgreSQL database at ``url``; rows copied per table."""
    source = store.open_store(sqlite_dir)
    target = store.open_store(sqlite_dir, url)
    counts: dict[str, int] = {}
    try:
        listed = {r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()}
        if listed != set(TABLES):
            raise CopyRefused(f"tables differ from the copy list: {sorted(listed ^ set(TABLES))}")
        source.begin(write=False)
        target.begin(write=True)
        for table in TABLES:
            if table not in (*SEEDED, "meta") and target.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
                raise CopyRefused(f"the target already has {table}; copy into an empty city database")
        target.execute("DELETE FROM meta WHERE key='epoch'")  # the kiosk's epoch: its clients' sequence numbers hold
        for table in SEEDED:
            target.execute(f"DELETE FROM {table}")
        for table in TABLES:
            columns = _columns(source, table)
            insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            rows = source.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            for row in rows:
                target.execute(insert, row)
            counts[table] = len(rows)
            for (key,) in target.execute("SELECT column_name FROM information_schema.columns"
                                         " WHERE table_schema=current_schema() AND table_name=?"
                                         " AND is_identity='YES'", (table,)).fetchall():
                target.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{key}'),"
                               f" COALESCE((SELECT MAX({key}) FROM {table}), 0) + 1, false)")
        target.commit()
    finally:
        source.rollback()
        target.close()
        source.close()
    return counts
