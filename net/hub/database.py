"""What the hub needs of a store, and the one set of exceptions both dialects raise.

Apart from ``net.hub.store`` (SQLite, migrations) and ``net.hub.pgstore`` (PostgreSQL) so that each dialect
depends on the interface and neither on the other.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol


class StoreError(RuntimeError):
    """The database cannot be used by this version of the hub."""


class DatabaseError(Exception):
    """A statement or transaction failed (either dialect's error, translated)."""


class IntegrityError(DatabaseError):
    """A constraint refused the write (a unique slot taken, a second vote): the rule holds in the database."""


class StoreFault(DatabaseError):
    """The store cannot do it now (a lock held elsewhere, a full disk, a lost server): answer ``unavailable``."""


class Cursor(Protocol):
    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Database(Protocol):
    """What the hub needs of a store; transactions are explicit (``begin``/``commit``), SQL uses ``?``."""

    dialect: str
    types: dict[str, str]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...

    def begin(self, write: bool) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    @property
    def in_transaction(self) -> bool: ...

    def lock(self, name: str) -> None:
        """Serialise this transaction against others taking ``name`` (across processes) until it ends."""

    def channel(self, name: str) -> str:
        """The name processes listen on for ``name`` in this store."""

    def notify(self, channel: str, payload: str) -> None:
        """Tell every process listening on :meth:`channel` (``channel``), when this transaction commits."""

    def set_lock_timeout(self, ms: int) -> None: ...

    def schema_version(self) -> int: ...

    def set_schema_version(self, version: int) -> None: ...

    def close(self) -> None: ...
