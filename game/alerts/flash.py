"""Attention-flash schedules that can never exceed three flashes per second (WCAG 2.3.1).

A *flash* is a pair of opposing luminance changes (off → on → off). A schedule is a tuple of ``(on, off)``
times in seconds since the alert appeared; :func:`flash_schedule` refuses rates above the limit and
:func:`max_flashes_per_second` checks any schedule — or any measured one, see :func:`flashes_from_samples` —
over every one-second window. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_FLASHES_PER_SECOND = 3.0

Schedule = tuple[tuple[float, float], ...]


def flash_schedule(rate_hz: float, count: int, duty: float = 0.5, start: float = 0.0) -> Schedule:
    """``count`` flashes at ``rate_hz`` (≤ 3), each lit for ``duty`` of its period."""
    if not 0 < rate_hz <= MAX_FLASHES_PER_SECOND:
        raise ValueError(f"flash rate {rate_hz} Hz must be in (0, {MAX_FLASHES_PER_SECOND}]")
    if not 0 < duty < 1:
        raise ValueError("duty must be between 0 and 1")
    period = 1.0 / rate_hz
    schedule = tuple((start + i * period, start + (i + duty) * period) for i in range(count))
    assert max_flashes_per_second(schedule) <= MAX_FLASHES_PER_SECOND
    return schedule


def is_lit(schedule: Schedule, t: float) -> bool:
    return any(on <= t < off for on, off in schedule)


def max_flashes_per_second(schedule: Schedule) -> int:
    """The most flash onsets in any half-open one-second window."""
    onsets = sorted(on for on, _ in schedule)
    best = 0
    for i, t0 in enumerate(onsets):
        best = max(best, sum(1 for t in onsets[i:] if t < t0 + 1.0 - 1e-9))
    return best


def flashes_from_samples(times: Sequence[float], levels: Sequence[float], threshold: float) -> Schedule:
    """Recover a schedule from sampled luminance (e.g. rendered frames): lit while ``level > threshold``."""
    schedule = []
    on: float | None = None
    for t, v in zip(times, levels, strict=True):
        if v > threshold and on is None:
            on = t
        elif v <= threshold and on is not None:
            schedule.append((on, t))
            on = None
    if on is not None:
        schedule.append((on, times[-1]))
    return tuple(schedule)
