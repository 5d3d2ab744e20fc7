"""The hub's SQLite store: WAL mode, FULL sync, numbered migrations.

``synchronous=FULL`` makes every COMMIT reach the disk before it returns; the hub replies only after COMMIT, so
an acknowledged request survives a power cut or a SIGKILL. WAL lets readers (tests, the bench, an operator's
sqlite3 shell) look while the hub writes. Migrations are plain SQL applied in order and recorded in
``PRAGMA user_version``; a database newer than this code is refused rather than guessed at.
"""

from __future__ import annotations

import secrets
import sqlite3
from pathlib import Path

from net.keys import private_dir, private_file

DB_NAME = "hub.sqlite3"

MIGRATIONS: tuple[str, ...] = (
    # 1: the services and the alert log.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE requests (
        client TEXT NOT NULL, request_id TEXT NOT NULL, op TEXT NOT NULL, reply BLOB NOT NULL,
        created REAL NOT NULL, PRIMARY KEY (client, request_id)
    ) WITHOUT ROWID;
    CREATE TABLE tickets (
        id INTEGER PRIMARY KEY, client TEXT NOT NULL, request_id TEXT NOT NULL, category TEXT NOT NULL,
        text TEXT NOT NULL, lat REAL, lon REAL, place TEXT, status TEXT NOT NULL, answer TEXT,
        created REAL NOT NULL, updated REAL NOT NULL, UNIQUE (client, request_id)
    );
    CREATE INDEX tickets_by_client ON tickets (client);
    CREATE TABLE facilities (
        id TEXT PRIMARY KEY, name_ko TEXT NOT NULL, name_en TEXT NOT NULL,
        open_hour INTEGER NOT NULL, close_hour INTEGER NOT NULL
    );
    CREATE TABLE bookings (
        id INTEGER PRIMARY KEY, facility TEXT NOT NULL REFERENCES facilities (id), day TEXT NOT NULL,
        slot TEXT NOT NULL, client TEXT NOT NULL, created REAL NOT NULL, cancelled REAL
    );
    CREATE UNIQUE INDEX bookings_one_per_slot ON bookings (facility, day, slot) WHERE cancelled IS NULL;
    CREATE TABLE proposals (
        id INTEGER PRIMARY KEY, client TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
        created REAL NOT NULL, answer TEXT, answered REAL
    );
    CREATE TABLE votes (
        proposal INTEGER NOT NULL REFERENCES proposals (id), client TEXT NOT NULL, created REAL NOT NULL,
        PRIMARY KEY (proposal, client)
    ) WITHOUT ROWID;
    CREATE TABLE comments (
        id INTEGER PRIMARY KEY, proposal INTEGER NOT NULL REFERENCES proposals (id), client TEXT NOT NULL,
        text TEXT NOT NULL, created REAL NOT NULL
    );
    CREATE TABLE events (
        id INTEGER PRIMARY KEY, title_ko TEXT NOT NULL, title_en TEXT NOT NULL, place TEXT NOT NULL,
        starts TEXT NOT NULL, ends TEXT NOT NULL, description TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE alerts (
        seq INTEGER PRIMARY KEY, identifier TEXT NOT NULL, key_id TEXT NOT NULL, xml BLOB NOT NULL,
        signature BLOB NOT NULL, source TEXT NOT NULL, received REAL NOT NULL
    );
    CREATE TABLE source_seen (source TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (source, key)) WITHOUT ROWID;
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
    # 3: presence safety (net/presence/relay.py): blocks both ways, the moderation queue and what moderators did,
    # scene bans, scheduled gatherings.
    """
    CREATE TABLE blocks (
        client TEXT NOT NULL, blocked TEXT NOT NULL, created REAL NOT NULL, PRIMARY KEY (client, blocked)
    ) WITHOUT ROWID;
    CREATE INDEX blocks_by_blocked ON blocks (blocked);
    CREATE TABLE reports (
        id INTEGER PRIMARY KEY, reporter TEXT NOT NULL, reported TEXT NOT NULL, avatar_id INTEGER NOT NULL,
        name TEXT NOT NULL, scene TEXT NOT NULL, reason TEXT NOT NULL, note TEXT NOT NULL, evidence TEXT NOT NULL,
        created REAL NOT NULL, status TEXT NOT NULL DEFAULT 'open'
    );
    CREATE TABLE scene_bans (
        client TEXT NOT NULL, scene TEXT NOT NULL, until REAL NOT NULL, staff TEXT NOT NULL
    );
    CREATE INDEX scene_bans_by_client ON scene_bans (client, scene);
    CREATE TABLE moderation_actions (
        id INTEGER PRIMARY KEY, staff TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
        detail TEXT NOT NULL, created REAL NOT NULL
    );
    CREATE TABLE gatherings (
        id INTEGER PRIMARY KEY, scene TEXT NOT NULL, title_ko TEXT NOT NULL, title_en TEXT NOT NULL,
        starts TEXT NOT NULL, ends TEXT NOT NULL, spot_x REAL NOT NULL, spot_y REAL NOT NULL, created REAL NOT NULL
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
        kind TEXT NOT NULL CHECK (kind IN ('proposal', 'comment')), item INTEGER NOT NULL, client TEXT NOT NULL,
        reason TEXT NOT NULL, created REAL NOT NULL, status TEXT NOT NULL DEFAULT 'open',
        PRIMARY KEY (kind, item, client)
    ) WITHOUT ROWID;
    CREATE TABLE mayor_messages (
        id INTEGER PRIMARY KEY, client TEXT NOT NULL, text TEXT NOT NULL, created REAL NOT NULL,
        answer TEXT, answered REAL, staff TEXT
    );
    CREATE INDEX mayor_messages_by_client ON mayor_messages (client);
    """,
    # 5: blocks a visitor can list and lift (``presence.blocks``/``presence.unblock``): an id to name one by without
    # telling the blocker the other's key, and the name, avatar id and scene the other had when blocked, so the
    # list still says who it was after they left. Blocks from before keep empty labels.
    """
    CREATE TABLE blocks_v2 (
        id INTEGER PRIMARY KEY, client TEXT NOT NULL, blocked TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
        avatar_id INTEGER NOT NULL DEFAULT 0, scene TEXT NOT NULL DEFAULT '', created REAL NOT NULL,
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
    ALTER TABLE alerts ADD COLUMN sent REAL;
    ALTER TABLE alerts ADD COLUMN expires REAL;
    CREATE INDEX alerts_by_origin ON alerts (sender, identifier);
    """,
    # 7: the economy and education spaces (issue 20, net/hub/spaces.py): sessions with a consultant or mentor (one
    # active booking per host and hour, like facility bookings), matching requests, enrolments, lecture attendance.
    """
    CREATE TABLE space_sessions (
        id INTEGER PRIMARY KEY, space TEXT NOT NULL, host TEXT NOT NULL, day TEXT NOT NULL, slot TEXT NOT NULL,
        client TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', created REAL NOT NULL, cancelled REAL
    );
    CREATE UNIQUE INDEX space_sessions_one_per_slot ON space_sessions (space, host, day, slot) WHERE cancelled IS NULL;
    CREATE INDEX space_sessions_by_client ON space_sessions (client);
    CREATE TABLE match_requests (
        id INTEGER PRIMARY KEY, client TEXT NOT NULL, company TEXT NOT NULL, text TEXT NOT NULL,
        created REAL NOT NULL, status TEXT NOT NULL DEFAULT 'open'
    );
    CREATE TABLE enrolments (
        course TEXT NOT NULL, client TEXT NOT NULL, created REAL NOT NULL, PRIMARY KEY (course, client)
    ) WITHOUT ROWID;
    CREATE TABLE attendance (
        lecture TEXT NOT NULL, client TEXT NOT NULL, slides INTEGER NOT NULL, total INTEGER NOT NULL,
        first REAL NOT NULL, last REAL NOT NULL, PRIMARY KEY (lecture, client)
    ) WITHOUT ROWID;
    """,
    # 8: the last good real-time city data document per hotspot (issue 16, net/hub/citydata_poller.py)
    """
    CREATE TABLE city_data (area TEXT PRIMARY KEY, received REAL NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
    """,
)

class StoreError(RuntimeError):
    """The database cannot be used by this version of the hub."""


def open_store(data_dir: Path) -> sqlite3.Connection:
    """Open (creating and migrating) the hub database in ``data_dir``; transactions are explicit."""
    private_dir(data_dir)
    for suffix in ("", "-wal", "-shm"):
        if suffix == "" or (data_dir / (DB_NAME + suffix)).exists():
            private_file(data_dir / (DB_NAME + suffix))
    conn = sqlite3.connect(data_dir / DB_NAME, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")
    migrate(conn)
    return conn


def migrate(conn: sqlite3.Connection) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise StoreError(f"database schema {version} is newer than this hub ({len(MIGRATIONS)})")
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        # executescript would commit on its own; run the statements inside one transaction instead.
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            if number == 1:
                conn.execute("INSERT INTO meta VALUES ('epoch', ?)", (secrets.token_hex(8),))
            conn.execute(f"PRAGMA user_version={number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    parts, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            parts.append(buf.strip())
            buf = ""
    return [p for p in parts if p]


def epoch(conn: sqlite3.Connection) -> str:
    """Random id of this database: a client seeing it change knows sequence numbers restarted."""
    return conn.execute("SELECT value FROM meta WHERE key='epoch'").fetchone()[0]


def last_seq(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COALESCE(MAX(seq), 0) FROM alerts").fetchone()[0]
