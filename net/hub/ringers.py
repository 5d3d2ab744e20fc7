"""Who rings which beat of an event: visitors ask for a strike, the rest are rung automatically. Pure.

The queue lives in the hub's memory, not its store: a claim is worth something only while its visitor is there, and
the hub is the one place that orders two requests for the same strike (its single thread takes them one after the
other, so the first wins and the second is told ``conflict``). A visitor is there while their client keeps talking
to the hub (every request counts: the clock re-sync and the schedule polls of a client at the ceremony are enough);
one silent for ``absent_after`` seconds, or who says ``event.unring``, leaves their strike to the automatic ringer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

AUTO, VISITOR, YOU = "auto", "visitor", "you"
MAX_TRACKED = 100_000  # visitors remembered as present; beyond it the long-silent ones are forgotten


class ClaimRefused(Exception):
    """``reason``: ``taken`` (another visitor has it), ``past`` (already rung or too close) or ``range``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class RingerQueue:
    absent_after: float = 30.0  # seconds of silence after which a visitor's strike goes back to the automatic ringer
    lead: float = 3.0  # a strike can be claimed until this many seconds before it sounds
    claims: dict[tuple[str, float, int], str] = field(default_factory=dict)  # (event, start, beat) → client key
    last_seen: dict[str, float] = field(default_factory=dict)

    def seen(self, client: str, now: float) -> None:
        """Any request from ``client`` at hub time ``now``."""
        self.last_seen[client] = now
        if len(self.last_seen) > MAX_TRACKED:
            self.last_seen = {c: t for c, t in self.last_seen.items() if now - t <= self.absent_after}

    def _present(self, client: str, now: float) -> bool:
        return now - self.last_seen.get(client, float("-inf")) <= self.absent_after

    def ringer(self, event: str, start: float, beat: int, now: float) -> str | None:
        """The client key that rings ``beat`` (1-based), or None for the automatic ringer."""
        client = self.claims.get((event, start, beat))
        return client if client is not None and self._present(client, now) else None

    def claim(self, event: str, start: float, beats: tuple[float, ...], beat: int, client: str, now: float) -> int:
        """Give ``beat`` to ``client`` (one strike per visitor per occurrence: a new claim replaces theirs)."""
        if not 1 <= beat <= len(beats):
            raise ClaimRefused("range")
        if beats[beat - 1] - self.lead < now:
            raise ClaimRefused("past")
        holder = self.ringer(event, start, beat, now)
        if holder is not None and holder != client:
            raise ClaimRefused("taken")
        self.release(client, event, start)
        self.claims[(event, start, beat)] = client
        self.seen(client, now)
        return beat

    def release(self, client: str, event: str, start: float) -> list[int]:
        """Drop ``client``'s claims on this occurrence; the beats they held."""
        mine = [key for key, who in self.claims.items() if who == client and key[:2] == (event, start)]
        for key in mine:
            del self.claims[key]
        return [key[2] for key in mine]

    def labels(self, event: str, start: float, count: int, client: str, now: float) -> list[str]:
        """Per beat, who rings it as ``client`` may see it: ``auto``, ``visitor`` or ``you`` (never another's key)."""
        out = []
        for beat in range(1, count + 1):
            who = self.ringer(event, start, beat, now)
            out.append(AUTO if who is None else YOU if who == client else VISITOR)
        return out

    def forget_before(self, t: float) -> None:
        """Drop claims on occurrences that started before ``t`` (bounded memory over a year of events)."""
        for key in [k for k in self.claims if k[1] < t]:
            del self.claims[key]
