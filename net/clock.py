"""The program's one wall clock: every "what time is it" in game/, ui/ and net/ asks here.

It lives in the bottom layer (net imports nothing from game or ui) so the hub, the client and the world read
the same now. With ``MSEOUL_NOW`` set (ISO 8601 with an offset, e.g. ``2026-12-02T03:00+09:00``) the clock
starts at that instant and runs forward at real speed: operators rehearse an event at its hour, and the test
suite runs at any hour without libfaketime (which breaks Monado's frame timing and ``time.sleep``).
Durations (timeouts, frame pacing, rate limits) use ``time.monotonic`` directly; they are not readings of now.
"""

from __future__ import annotations

import datetime as dt
import os
import time

KST = dt.timezone(dt.timedelta(hours=9), "KST")
ENV = "MSEOUL_NOW"


class ClockError(ValueError):
    """``MSEOUL_NOW`` is not an ISO 8601 date-time with an offset."""


def parse_instant(text: str) -> dt.datetime:
    """An aware instant from ISO 8601 text; the offset is required so no machine's time zone leaks in."""
    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ClockError(f"{ENV}={text!r}: expected ISO 8601 with an offset, e.g. 2026-12-02T03:00+09:00") from None
    if when.tzinfo is None:
        raise ClockError(f"{ENV}={text!r}: give the offset too, e.g. {text.strip()}+09:00")
    return when


def _offset_from_env() -> float:
    """Seconds to add to the machine's epoch time: 0 normally, the rehearsal shift with ``MSEOUL_NOW``."""
    text = os.environ.get(ENV, "").strip()
    return parse_instant(text).timestamp() - time.time() if text else 0.0  # the clock's one real reading


_offset: float | None = None  # read on first use, so a bad MSEOUL_NOW is reported by whoever asks first


def timestamp() -> float:
    """Now as Unix epoch seconds (what stores and the protocol record)."""
    global _offset
    if _offset is None:
        _offset = _offset_from_env()
    return time.time() + _offset  # the one place that reads the wall clock


def now() -> dt.datetime:
    """Now as an aware UTC date-time."""
    return dt.datetime.fromtimestamp(timestamp(), dt.UTC)


def now_kst() -> dt.datetime:
    """Now in Seoul, for the sun, calendars and anything shown to a visitor."""
    return dt.datetime.fromtimestamp(timestamp(), KST)


def today_kst() -> dt.date:
    """Today's date in Seoul, whatever the machine's time zone."""
    return now_kst().date()


def reload() -> None:
    """Re-read ``MSEOUL_NOW`` now (main checks it at start; tests set it after import)."""
    global _offset
    _offset = _offset_from_env()
