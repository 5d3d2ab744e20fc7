"""Safe use of the civic forms: length limits, the profanity check and per-visitor rate limits. Pure.

The profanity filter itself is ``net.moderation`` (the hub applies it too); the form checks it first so a visitor
keeps their text and is told what to change.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from net.moderation import is_profane


@dataclass(frozen=True)
class Limit:
    low: int
    high: int


#: Characters a visitor may write per field (the hub's own limits are the upper bound).
LIMITS: dict[str, Limit] = {
    "title": Limit(4, 120),
    "proposal": Limit(10, 1000),
    "comment": Limit(2, 500),
    "complaint": Limit(10, 1000),
    "message": Limit(5, 500),
    "query": Limit(1, 100),
}
#: Fields screened by the profanity filter (what others will read, and what staff must answer).
SCREENED = frozenset({"title", "proposal", "comment", "complaint", "message"})


@dataclass(frozen=True)
class Problem:
    """What to fix, as an i18n key with its fields; the form keeps the text and shows this."""

    key: str
    fields: dict[str, int | str] = field(default_factory=dict)


def check_field(kind: str, text: str) -> Problem | None:
    """None when ``text`` may be sent as a ``kind`` field; otherwise the first problem to fix."""
    limit = LIMITS[kind]
    n = len(text.strip())
    if n < limit.low:
        return Problem("civic.too_short", {"min": limit.low, "count": n})
    if n > limit.high:
        return Problem("civic.too_long", {"max": limit.high, "count": n})
    if kind in SCREENED and is_profane(text):
        return Problem("civic.profanity")
    return None


class RateLimiter:
    """At most ``count`` submissions per ``window`` seconds per (visitor, action); the clock is handed in."""

    def __init__(self, count: int, window: float, clock: Callable[[], float]):
        self.count, self.window, self.clock = count, window, clock
        self._times: dict[tuple[str, str], deque[float]] = {}

    def retry_after(self, visitor: str, action: str) -> float:
        """Seconds until the next submission is allowed; 0 when it is allowed now (nothing is recorded)."""
        times = self._times.get((visitor, action))
        if not times:
            return 0.0
        now = self.clock()
        while times and now - times[0] >= self.window:
            times.popleft()
        return 0.0 if len(times) < self.count else self.window - (now - times[0])

    def record(self, visitor: str, action: str) -> None:
        self._times.setdefault((visitor, action), deque()).append(self.clock())

    def check(self, visitor: str, action: str) -> Problem | None:
        wait = self.retry_after(visitor, action)
        if wait > 0:
            return Problem("civic.rate_limited", {"seconds": int(wait) + 1})
        self.record(visitor, action)
        return None
