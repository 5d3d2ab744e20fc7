"""New alerts from every hub process sharing one PostgreSQL: LISTEN/NOTIFY, woken through an inproc socket.

Why LISTEN/NOTIFY and not a message broker: the alert log already lives in PostgreSQL, and a notification sent in
the transaction that stores an alert is delivered only if that transaction commits, after it commits, in commit
order; alerts take their sequence numbers under one lock held to commit, so commit order is sequence order. A
broker would be a second system whose delivery must be reconciled with the log (an alert on the wire but rolled
back, or committed but never sent). The payload is only the sequence number: each hub reads the alert from the
log and publishes every sequence number up to it that it has not yet published, so a notification missed while
this connection was down costs nothing but latency: on every (re)connection the feed asks its hub to sweep up to
the log's newest alert.
"""

from __future__ import annotations

import logging
import threading

import zmq

log = logging.getLogger(__name__)

CHANNEL = "mseoul_alerts"  # made per schema by ``PostgresDatabase.channel``
SWEEP = 0  # "publish through the log's newest alert": sent after each (re)connection


class AlertFeed:
    """A thread LISTENing on its own connection; pushes sequence numbers (or :data:`SWEEP`) to ``endpoint``."""

    def __init__(self, url: str, channel: str, ctx: zmq.Context, endpoint: str, retry: float = 0.5) -> None:
        self.url, self.channel, self.ctx, self.endpoint, self.retry = url, channel, ctx, endpoint, retry
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="alert-feed", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        import psycopg  # here, not at import: the embedded hub (SQLite) never needs it
        from psycopg import sql

        push = self.ctx.socket(zmq.PUSH)
        push.linger = 0
        push.connect(self.endpoint)
        try:
            while not self._stop.is_set():
                try:
                    with psycopg.connect(self.url, autocommit=True, connect_timeout=2) as conn:
                        conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
                        push.send_string(str(SWEEP))
                        while not self._stop.is_set():
                            for note in conn.notifies(timeout=0.5):
                                push.send_string(note.payload)
                except psycopg.Error as exc:
                    log.warning("alert feed: %s; listening again in %.1f s", exc, self.retry)
                    self._stop.wait(self.retry)
        finally:
            push.close(linger=0)
