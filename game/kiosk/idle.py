"""The idle timer that ends a visit: any input resets it; after ``timeout`` seconds of none it fires once.

Time comes in as ``dt`` from the frame task, so tests drive it without a clock and a frozen frame loop cannot
wipe a visit behind the visitor's back. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class IdleTimer:
    timeout: float
    idle: float = 0.0
    armed: bool = False  # only a running visit can time out; the attract loop is already "idle"

    def start(self) -> None:
        """A visit began: count from zero."""
        self.idle, self.armed = 0.0, True

    def touch(self) -> None:
        """The visitor did something."""
        self.idle = 0.0

    def stop(self) -> None:
        self.idle, self.armed = 0.0, False

    def advance(self, dt: float) -> bool:
        """Add ``dt`` seconds; True exactly once, on the frame the timeout passes (the timer then disarms)."""
        if not self.armed:
            return False
        self.idle += max(dt, 0.0)
        if self.idle >= self.timeout:
            self.stop()
            return True
        return False

    @property
    def remaining(self) -> float:
        return max(self.timeout - self.idle, 0.0) if self.armed else self.timeout
