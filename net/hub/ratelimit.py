"""Per-client token buckets, so one noisy or hostile client cannot starve the hub.

Limits are per authenticated key, by role: a kiosk serves many visitors and gets more than one citizen's desktop.
A refused request is answered ``rate_limited`` with ``retry_after`` and is not executed, so the client's outbox
keeps it and sends it again later.
"""

from __future__ import annotations

from dataclasses import dataclass

from net.protocol import Role


@dataclass(frozen=True)
class Limit:
    rate: float  # requests per second, sustained
    burst: float  # bucket size


DEFAULT_LIMITS: dict[Role, Limit] = {
    Role.ANONYMOUS: Limit(5, 20),
    Role.CITIZEN: Limit(10, 50),
    Role.KIOSK: Limit(30, 100),
    Role.STAFF: Limit(200, 1000),
}

# Bytes of read replies per client per second (and the burst): a client asking for large replies faster than it
# reads them would otherwise make the hub queue them (the stuck-reader attack). Anonymous keys get what a kiosk
# visitor's desktop needs: catch-up pages and listings, not bulk downloads.
REPLY_BYTES: dict[Role, Limit] = {
    Role.ANONYMOUS: Limit(128 * 1024, 512 * 1024),
    Role.CITIZEN: Limit(512 * 1024, 2 * 1024 * 1024),
    Role.KIOSK: Limit(1024 * 1024, 4 * 1024 * 1024),
    Role.STAFF: Limit(8 * 1024 * 1024, 32 * 1024 * 1024),
}

MAX_TRACKED = 100_000  # forget idle buckets beyond this many clients (memory bound against key churn)


class RateLimiter:
    def __init__(self, limits: dict[Role, Limit] | None = None) -> None:
        self.limits = dict(DEFAULT_LIMITS if limits is None else limits)
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, last time)

    def take(self, client: str, role: Role, now: float, cost: float = 1.0) -> float:
        """0.0 if the request (of ``cost`` units) may go ahead, else the seconds until it would."""
        limit = self.limits[role]
        cost = min(cost, limit.burst)  # a single large unit still goes through once the bucket is full
        tokens, last = self._buckets.get(client, (limit.burst, now))
        tokens = min(limit.burst, tokens + (now - last) * limit.rate)
        if tokens >= cost:
            self._store(client, tokens - cost, now)
            return 0.0
        self._store(client, tokens, now)
        return (cost - tokens) / limit.rate

    def _store(self, client: str, tokens: float, now: float) -> None:
        if len(self._buckets) >= MAX_TRACKED and client not in self._buckets:
            self._buckets.clear()
        self._buckets[client] = (tokens, now)
