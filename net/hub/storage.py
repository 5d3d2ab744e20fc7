"""What the hub does when its store cannot write: answer ``unavailable``, keep serving reads and alerts, try again.

Another process holding the write lock (an operator's shell, a backup) or a full disk must not stop the hub. A
batch asks for the write lock (``BEGIN IMMEDIATE``) a few times with growing pauses and a short busy timeout each;
if it cannot get it, or a write or COMMIT fails, writes are refused for a back-off period that doubles up to
``max_backoff`` and ends by itself: the first batch after it tries again and, when that commits, the back-off
resets. While writes are refused, a batch runs in a deferred (read) transaction, which WAL mode allows beside a
writer, so reads and alert catch-up go on. Nothing is acknowledged that did not commit. The same holds for
PostgreSQL (``net.hub.store`` translates both dialects' errors into :class:`StoreFault`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from net.hub.database import Database, DatabaseError, StoreFault

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 100  # per attempt; the hub's one thread must not sit in SQLite for long
RETRY_PAUSES = (0.02, 0.05, 0.1)  # between the attempts to take the write lock


class StorageDown(Exception):
    """The store cannot take writes now; try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"storage unavailable, retry after {retry_after:.1f} s")
        self.retry_after = retry_after


class Storage:
    """Write-lock acquisition with retries, and the back-off state after a storage fault."""

    def __init__(self, min_backoff: float = 0.5, max_backoff: float = 8.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.min_backoff, self.max_backoff, self.sleep = min_backoff, max_backoff, sleep
        self._backoff = min_backoff
        self._down_until = 0.0
        self._last_now = 0.0

    def attach(self, db: Database) -> None:
        db.set_lock_timeout(BUSY_TIMEOUT_MS)

    def down(self, now: float) -> bool:
        self._last_now = now
        return now < self._down_until

    @property
    def retry_after(self) -> float:
        return round(max(self.min_backoff, self._down_until - self._last_now), 3)

    def failed(self, now: float) -> None:
        """A storage fault: refuse writes for the next back-off period (doubling each time, up to the cap)."""
        if now >= self._down_until:
            self._down_until = now + self._backoff
            self._backoff = min(self.max_backoff, self._backoff * 2)
        self._last_now = now

    def begin(self, db: Database, now: float) -> bool:
        """Open a transaction: a write one if the store takes writes now (True), else a read one (False)."""
        self.rollback(db)  # never nest into a transaction an earlier failure left open
        if not self.down(now):
            for pause in (*RETRY_PAUSES, None):
                try:
                    db.begin(write=True)
                    return True
                except StoreFault as exc:
                    if pause is None:
                        log.warning("no write lock: %s", exc)
                        break
                    self.sleep(pause)
            self.failed(now)
        db.begin(write=False)
        return False

    def commit(self, db: Database, writable: bool, now: float) -> bool:
        """COMMIT; on failure roll back, start a back-off and return False."""
        try:
            db.commit()
        except DatabaseError as exc:
            log.warning("commit failed: %s", exc)
            self.rollback(db)
            self.failed(now)
            return False
        if writable:
            self._backoff = self.min_backoff
        return True

    def rollback(self, db: Database) -> None:
        if db.in_transaction:
            try:
                db.rollback()
            except DatabaseError as exc:  # SQLite may have rolled back already (e.g. after SQLITE_FULL)
                log.warning("rollback: %s", exc)

    def end_read(self, db: Database) -> None:
        self.rollback(db)
