"""The hub's store: one interface over SQLite (the embedded default) and PostgreSQL (the city's system of record).

SQLite: ``synchronous=FULL`` makes every COMMIT reach the disk before it returns; the hub replies only after COMMIT,
so an acknowledged request survives a power cut or a SIGKILL. WAL lets readers (tests, the bench, an operator's
sqlite3 shell) look while the hub writes. PostgreSQL (``net.hub.pgstore``) gives the same guarantee with its own
WAL and lets several hub processes share one city.

One migration list serves both: plain SQL applied in order, with the few column types that differ named by role
(``{pk}``, ``{int}``, ``{real}``, ``{blob}``, ``{without_rowid}``) and filled in by each dialect. The rest of the
hub writes SQL both accept (``?`` parameters, ``RETURNING``, ``ON CONFLICT``, ``SAVEPOINT``) and sees one set of
exceptions. A database newer than this code is refused rather than guessed at.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from net.hub.database import Database, IntegrityError, StoreError, StoreFault
from net.keys import private_dir, private_file

DB_NAME = "hub.sqlite3"

MIGRATIONS: tuple[str, ...] = (
    # 1: the services and the alert log.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE requests (
        client TEXT NOT NULL, request_id TEXT NOT NULL, op TEXT NOT NULL, reply {blob} NOT NULL,
        created {real} NOT NULL, PRIMARY KEY (client, request_id)
    ){without_rowid};
    CREATE TABLE tickets (
        id {pk}, client TEXT NOT NULL, request_id TEXT NOT NULL, category TEXT NOT NULL,
        text TEXT NOT NULL, lat {real}, lon {real}, place TEXT, status TEXT NOT NULL, answer TEXT,
        created {real} NOT NULL, updated {real} NOT NULL, UNIQUE (client, request_id)
    );
    CREATE INDEX tickets_by_client ON tickets (client);
    CREATE TABLE facilities (
        id TEXT PRIMARY KEY, name_ko TEXT NOT NULL, name_en TEXT NOT NULL,
        open_hour {int} NOT NULL, close_hour {int} NOT NULL
    );
    CREATE TABLE bookings (
        id {pk}, facility TEXT NOT NULL REFERENCES facilities (id), day TEXT NOT NULL,
        slot TEXT NOT NULL, client TEXT NOT NULL, created {real} NOT NULL, cancelled {real}
    );
    CREATE UNIQUE INDEX bookings_one_per_slot ON bookings (facility, day, slot) WHERE cancelled IS NULL;
    CREATE TABLE proposals (
        id {pk}, client TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
        created {real} NOT NULL, answer TEXT, answered {real}
    );
    CREATE TABLE votes (
        proposal {int} NOT NULL REFERENCES proposals (id), client TEXT NOT NULL, created {real} NOT NULL,
        PRIMARY KEY (proposal, client)
    ){without_rowid};
    CREATE TABLE comments (
        id {pk}, proposal {int} NOT NULL REFERENCES proposals (id), client TEXT NOT NULL,
        text TEXT NOT NULL, created {real} NOT NULL
    );
    CREATE TABLE events (
        id {pk}, title_ko TEXT NOT NULL, title_en TEXT NOT NULL, place TEXT NOT NULL,
        starts TEXT NOT NULL, ends TEXT NOT NULL, description TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE alerts (
        seq {pk}, identifier TEXT NOT NULL, key_id TEXT NOT NULL, xml {blob} NOT NULL,
        signature {blob} NOT NULL, source TEXT NOT NULL, received {real} NOT NULL
    );
    CREATE TABLE source_seen (source TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (source, key)){without_rowid};
    """,
    # 2: bookable public facilities around City Hall, and the best-known bell event.
    """
    INSERT INTO facilities VALUES
        ('seoul-plaza', '서울광장', 'Seoul Plaza', 9, 21),
        ('citizens-hall', '시민청 태평홀', 'Citizens Hall, Taepyeong Hall', 9, 18),
        ('seoul-library-seminar', '서울도서관 세미나실', 'Seoul Library seminar room', 9, 18);
    INSERT INTO events (title_ko, title_en, place, starts, ends, description) VALUES
        ('제야의 종 타종행사', 'New Year''s Eve Bell Ringing', '보신각 Bosingak',
         '2026-12-31T23:00', '2027-01-01T00:30', '33 strokes of the Bosingak bell at midnight');
    """,
    # 3: presence safety (net/hub/presence_relay.py): blocks both ways, the moderation queue and what moderators did,
    # scene bans, scheduled gatherings.
    """
    CREATE TABLE blocks (
        client TEXT NOT NULL, blocked TEXT NOT NULL, created {real} NOT NULL, PRIMARY KEY (client, blocked)
    ){without_rowid};
    CREATE INDEX blocks_by_blocked ON blocks (blocked);
    CREATE TABLE reports (
        id {pk}, reporter TEXT NOT NULL, reported TEXT NOT NULL, avatar_id {int} NOT NULL,
        name TEXT NOT NULL, scene TEXT NOT NULL, reason TEXT NOT NULL, note TEXT NOT NULL, evidence TEXT NOT NULL,
        created {real} NOT NULL, status TEXT NOT NULL DEFAULT 'open'
    );
    CREATE TABLE scene_bans (
        client TEXT NOT NULL, scene TEXT NOT NULL, until {real} NOT NULL, staff TEXT NOT NULL
    );
    CREATE INDEX scene_bans_by_client ON scene_bans (client, scene);
    CREATE TABLE moderation_actions (
        id {pk}, staff TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
        detail TEXT NOT NULL, created {real} NOT NULL
    );
    CREATE TABLE gatherings (
        id {pk}, scene TEXT NOT NULL, title_ko TEXT NOT NULL, title_en TEXT NOT NULL,
        starts TEXT NOT NULL, ends TEXT NOT NULL, spot_x {real} NOT NULL, spot_y {real} NOT NULL,
        created {real} NOT NULL
    );
    """,
    # 4: opinion-box safety (net/hub/opinion_safety.py) and private messages to the mayor (net/hub/mayor.py).
    # ``hidden`` is NULL for a visible item, else who hid it ('reports' or 'staff'). A report row is unique per
    # (item, citizen), so reporting twice counts once; a restore marks the open reports 'dismissed'.
    """
    ALTER TABLE proposals ADD COLUMN hidden TEXT CHECK (hidden IN ('reports', 'staff'));
    ALTER TABLE proposals ADD COLUMN hidden_reason TEXT;
    ALTER TABLE comments ADD COLUMN hidden TEXT CHECK (hidden IN ('reports', 'staff'));
    ALTER TABLE comments ADD COLUMN hidden_reason TEXT;
    CREATE TABLE opinion_reports (
        kind TEXT NOT NULL CHECK (kind IN ('proposal', 'comment')), item {int} NOT NULL, client TEXT NOT NULL,
        reason TEXT NOT NULL, created {real} NOT NULL, status TEXT NOT NULL DEFAULT 'open',
        PRIMARY KEY (kind, item, client)
    ){without_rowid};
    CREATE TABLE mayor_messages (
        id {pk}, client TEXT NOT NULL, text TEXT NOT NULL, created {real} NOT NULL,
        answer TEXT, answered {real}, staff TEXT
    );
    CREATE INDEX mayor_messages_by_client ON mayor_messages (client);
    """,
    # 5: blocks a visitor can list and lift (``presence.blocks``/``presence.unblock``): an id to name one by without
    # telling the blocker the other's key, and the name, avatar id and scene the other had when blocked, so the
    # list still says who it was after they left. Blocks from before keep empty labels.
    """
    CREATE TABLE blocks_v2 (
        id {pk}, client TEXT NOT NULL, blocked TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
        avatar_id {int} NOT NULL DEFAULT 0, scene TEXT NOT NULL DEFAULT '', created {real} NOT NULL,
        UNIQUE (client, blocked)
    );
    INSERT INTO blocks_v2 (client, blocked, created) SELECT client, blocked, created FROM blocks ORDER BY created;
    DROP TABLE blocks;
    ALTER TABLE blocks_v2 RENAME TO blocks;
    CREATE INDEX blocks_by_blocked ON blocks (blocked);
    """,
    # 6: replay protection (issue 13): each alert's CAP sender, <sent> and latest <expires> (epoch seconds), so the
    # hub refuses a (sender, identifier) it has published and a new client's catch-up asks by <sent>/<expires>.
    # Alerts stored before keep NULLs and are not compared against.
    """
    ALTER TABLE alerts ADD COLUMN sender TEXT;
    ALTER TABLE alerts ADD COLUMN sent {real};
    ALTER TABLE alerts ADD COLUMN expires {real};
    CREATE INDEX alerts_by_origin ON alerts (sender, identifier);
    """,
    # 7: the economy and education spaces (issue 20, net/hub/spaces.py): sessions with a consultant or mentor (one
    # active booking per host and hour, like facility bookings), matching requests, enrolments, lecture attendance.
    """
    CREATE TABLE space_sessions (
        id {pk}, space TEXT NOT NULL, host TEXT NOT NULL, day TEXT NOT NULL, slot TEXT NOT NULL,
        client TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', created {real} NOT NULL, cancelled {real}
    );
    CREATE UNIQUE INDEX space_sessions_one_per_slot ON space_sessions (space, host, day, slot) WHERE cancelled IS NULL;
    CREATE INDEX space_sessions_by_client ON space_sessions (client);
    CREATE TABLE match_requests (
        id {pk}, client TEXT NOT NULL, company TEXT NOT NULL, text TEXT NOT NULL,
        created {real} NOT NULL, status TEXT NOT NULL DEFAULT 'open'
    );
    CREATE TABLE enrolments (
        course TEXT NOT NULL, client TEXT NOT NULL, created {real} NOT NULL, PRIMARY KEY (course, client)
    ){without_rowid};
    CREATE TABLE attendance (
        lecture TEXT NOT NULL, client TEXT NOT NULL, slides {int} NOT NULL, total {int} NOT NULL,
        first {real} NOT NULL, last {real} NOT NULL, PRIMARY KEY (lecture, client)
    ){without_rowid};
    """,
    # 8: the last good real-time city data document per hotspot (issue 16, net/hub/citydata_poller.py)
    """
    CREATE TABLE city_data (area TEXT PRIMARY KEY, received {real} NOT NULL, body TEXT NOT NULL){without_rowid};
    """,
)


class SqliteDatabase:
    """One SQLite connection; ``BEGIN IMMEDIATE`` takes the file's only write lock, so :meth:`lock` has nothing
    left to do."""

    dialect = "sqlite"
    types = {"pk": "INTEGER PRIMARY KEY", "int": "INTEGER", "real": "REAL", "blob": "BLOB",
             "without_rowid": " WITHOUT ROWID"}

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.IntegrityError as exc:
            raise IntegrityError(str(exc)) from exc
        except sqlite3.Error as exc:
            raise StoreFault(str(exc)) from exc

    def begin(self, write: bool) -> None:
        self.execute("BEGIN IMMEDIATE" if write else "BEGIN")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.execute("ROLLBACK")

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def lock(self, name: str) -> None:
        pass

    def channel(self, name: str) -> str:
        return name

    def notify(self, channel: str, payload: str) -> None:
        pass  # one process per SQLite store: nobody else to tell

    def set_lock_timeout(self, ms: int) -> None:
        self.execute(f"PRAGMA busy_timeout={int(ms)}")

    def schema_version(self) -> int:
        return self.execute("PRAGMA user_version").fetchone()[0]

    def set_schema_version(self, version: int) -> None:
        self.execute(f"PRAGMA user_version={int(version)}")

    def close(self) -> None:
        self.conn.close()


def is_url(store: str | None) -> bool:
    return bool(store) and store.startswith(("postgresql://", "postgres://"))


def open_store(data_dir: Path, url: str | None = None) -> Database:
    """Open (creating and migrating) the hub's store: PostgreSQL at ``url``, else SQLite in ``data_dir``."""
    db = connect(data_dir, url)
    try:
        migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def connect(data_dir: Path, url: str | None = None) -> Database:
    """The store without migrating it (``migrate`` and ``copy-store`` do that themselves)."""
    if url:
        if not is_url(url):
            raise StoreError(f"not a PostgreSQL URL: {url}")
        try:
            from net.hub.pgstore import PostgresDatabase  # only a city deployment needs psycopg
        except ImportError as exc:
            raise StoreError(f"PostgreSQL needs this package's 'city' extra (psycopg): {exc}") from exc
        return PostgresDatabase(url)
    private_dir(data_dir)
    for suffix in ("", "-wal", "-shm"):
        if suffix == "" or (data_dir / (DB_NAME + suffix)).exists():
            private_file(data_dir / (DB_NAME + suffix))
    conn = sqlite3.connect(data_dir / DB_NAME, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")
    return SqliteDatabase(conn)


def migrate(db: Database) -> int:
    """Apply the migrations this store lacks, each in its own transaction; returns the schema version.

    Several hub processes may start at once on one PostgreSQL: each migration runs under a lock and reads the
    version again inside it, so a migration is applied once."""
    while True:
        db.begin(write=True)
        try:
            db.lock("migrate")
            version = db.schema_version()
            if version > len(MIGRATIONS):
                raise StoreError(f"database schema {version} is newer than this hub ({len(MIGRATIONS)})")
            if version == len(MIGRATIONS):
                db.rollback()
                return version
            for statement in _statements(MIGRATIONS[version].format_map(db.types)):
                db.execute(statement)
            if version == 0:
                db.execute("INSERT INTO meta VALUES ('epoch', ?)", (secrets.token_hex(8),))
            db.set_schema_version(version + 1)
            db.commit()
        except BaseException:
            db.rollback()
            raise


def _statements(script: str) -> list[str]:
    parts, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            parts.append(buf.strip())
            buf = ""
    return [p for p in parts if p]


def epoch(db: Database) -> str:
    """Random id of this database: a client seeing it change knows sequence numbers restarted."""
    return db.execute("SELECT value FROM meta WHERE key='epoch'").fetchone()[0]


def last_seq(db: Database) -> int:
    return db.execute("SELECT COALESCE(MAX(seq), 0) FROM alerts").fetchone()[0]
