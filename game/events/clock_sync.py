"""Hub time on a client: an NTP-style offset estimate over the city link, and the strikes mapped onto it. Pure.

Every visitor must hear strike *n* at the same instant although their computers' clocks disagree by seconds. The
hub is the one clock (``net/PROTOCOL.md``, Events): a client asks ``time`` a few times; each round trip gives t0
(local clock when sent), T (the hub's clock) and t1 (local clock when answered), an offset ``T - (t0 + t1) / 2``
and a delay ``t1 - t0``. Samples whose delay is more than twice the shortest waited in a queue somewhere and are
dropped; the median of the rest is the estimate. Re-estimated every ``every`` seconds and on reconnection; a small
change is slewed in (never a jump in the strikes' timing), a large one stepped.

Nothing here touches sockets: :class:`ClockSync` is handed ``send`` (queues a ``time`` request, returns its id) and
fed the link's replies (anything with ``request_id``, ``ok`` and ``result``), so tests drive it over a real hub.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from net import clock


@dataclass(frozen=True)
class Sample:
    t0: float  # local clock when the request left
    hub: float  # the hub's clock in the reply
    t1: float  # local clock when the reply arrived

    @property
    def offset(self) -> float:
        return self.hub - (self.t0 + self.t1) / 2

    @property
    def delay(self) -> float:
        return self.t1 - self.t0


def estimate(samples: Iterable[Sample], max_delay: float = 0.5) -> float | None:
    """Median offset of the samples whose round trip is at most twice the shortest (and ``max_delay``)."""
    usable = [s for s in samples if 0 <= s.delay <= max_delay]
    if not usable:
        return None
    best = min(s.delay for s in usable)
    return statistics.median(s.offset for s in usable if s.delay <= 2 * best + 1e-4)


@dataclass
class ClockSync:
    """Drives the samples and holds the offset (hub time − local time); call :meth:`step` every frame."""

    send: Callable[[], str]
    local: Callable[[], float] = clock.timestamp
    samples: int = 8
    spacing: float = 0.05  # seconds between the requests of one estimate
    every: float = 60.0  # seconds between estimates
    max_slew: float = 0.05  # seconds of offset change per second, for changes below ``step_over``
    step_over: float = 1.0
    estimates: int = 0
    _pending: dict[str, float] = field(default_factory=dict)
    _taken: list[Sample] = field(default_factory=list)
    _sent: int = 0
    _next_send: float = float("-inf")
    _base: float | None = None  # offset applied at ``_base_at`` (local time)
    _base_at: float = 0.0
    _target: float | None = None

    @property
    def ready(self) -> bool:
        return self._target is not None

    @property
    def waiting(self) -> bool:
        """A sample is out: a caller that reads the link once a frame should read it again now, or the frame's
        wait counts as network delay (half a frame of error in the offset)."""
        return bool(self._pending)

    def offset(self, at: float | None = None) -> float:
        """The applied offset at local time ``at`` (now): the target, or on the way to it at ``max_slew``."""
        if self._target is None or self._base is None:
            raise RuntimeError("no clock estimate yet")
        at = self.local() if at is None else at
        gap = self._target - self._base
        room = self.max_slew * max(0.0, at - self._base_at)
        return self._target if abs(gap) <= room else self._base + (room if gap > 0 else -room)

    def hub_now(self) -> float:
        t = self.local()
        return t + self.offset(t)

    def to_local(self, hub_time: float) -> float:
        """The local clock reading at which the hub's clock reads ``hub_time``."""
        return hub_time - self.offset()

    def resync(self) -> None:
        """Start a new estimate now (the link came back: the path, and so the delay, may differ)."""
        self._next_send = float("-inf")
        self._sent, self._taken, self._pending = 0, [], {}

    def step(self, connected: bool = True) -> None:
        """Send the next sample when due (only on a connected link: a queued request's delay means nothing)."""
        now = self.local()
        if not connected or now < self._next_send or self._sent >= self.samples:
            return
        self._pending[self.send()] = self.local()
        self._sent += 1
        self._next_send = now + self.spacing

    def feed(self, replies: Iterable[Any]) -> list[Any]:
        """Take the replies to our ``time`` requests; returns the others for whoever else reads the link."""
        rest = []
        for reply in replies:
            t0 = self._pending.pop(getattr(reply, "request_id", None), None)
            if t0 is None:
                rest.append(reply)
                continue
            if reply.ok and isinstance(reply.result.get("time"), int | float):
                self._taken.append(Sample(t0, float(reply.result["time"]), self.local()))
        if self._sent >= self.samples and not self._pending:
            self._finish()
        return rest

    def _finish(self) -> None:
        now = self.local()
        value = estimate(self._taken)
        self._sent, self._taken = 0, []
        self._next_send = now + self.every
        if value is None:
            self._next_send = now + 1.0  # every sample waited in a queue: try again soon
            return
        current = self.offset(now) if self.ready else None
        if current is None or abs(value - current) > self.step_over:
            self._base = value  # the first estimate, or a clock that jumped: step
        else:
            self._base = current
        self._base_at, self._target = now, value
        self.estimates += 1


@dataclass(frozen=True)
class Strike:
    """A beat to play now: ``into`` seconds have already passed since it sounded in hub time."""

    number: int  # 1-based
    hub_time: float
    local_time: float
    into: float
    ringer: str  # auto, visitor or you (``event.schedule``)


@dataclass
class StrikeScheduler:
    """Turns a schedule (``event.schedule``'s reply) into strikes due on this client's clock.

    A client that arrives mid-ceremony starts with the strike still ringing (``into`` seconds in, so its sound
    matches everyone else's), never a replay of the earlier ones."""

    schedule: dict[str, Any]
    sync: ClockSync
    ring_for: float = 60.0  # seconds a strike still sounds; joining later than that starts at the next one
    played: int = 0  # beats already handed out (or skipped on joining)
    joined: bool = False

    @property
    def beats(self) -> list[float]:
        return self.schedule["beats"]

    def update(self, schedule: dict[str, Any]) -> None:
        """A newer answer for the same occurrence (ringers change); another occurrence starts afresh."""
        if schedule["starts"] != self.schedule["starts"]:
            self.played, self.joined = 0, False
        self.schedule = schedule

    def due(self) -> list[Strike]:
        """The strikes to start now, oldest first."""
        hub = self.sync.hub_now()
        done = sum(1 for b in self.beats if b <= hub)
        if not self.joined:
            self.joined = True
            current = done - 1
            if current >= 0 and hub - self.beats[current] >= self.ring_for:
                current += 1  # nothing is ringing any more: wait for the next one
            self.played = max(self.played, current if current >= 0 else 0)
        out = []
        for i in range(self.played, done):
            t = self.beats[i]
            ringers = self.schedule.get("ringers") or []
            out.append(Strike(i + 1, t, self.sync.to_local(t), max(0.0, hub - t),
                              ringers[i] if i < len(ringers) else "auto"))
        self.played = max(self.played, done)
        return out
