"""Blocking conveniences over :class:`CityLink` for command-line tools, tests and the bench (never the app loop)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from net.client.link import CityLink, LinkEvent, LinkStatus, ReplyReceived


class LinkError(RuntimeError):
    """The link cannot work (wrong hub key, refused key) or the wait ran out."""


FATAL = (LinkStatus.WRONG_KEY, LinkStatus.REFUSED)


def poll_until(
    link: CityLink, done: Callable[[list[LinkEvent]], bool], timeout: float, *, fail_on_fatal: bool = True
) -> list[LinkEvent]:
    """Poll (5 ms naps) until ``done(all events so far)`` or ``timeout``; returns every event seen."""
    seen: list[LinkEvent] = []
    deadline = time.monotonic() + timeout
    while True:
        seen.extend(link.poll(64))
        if done(seen):
            return seen
        if fail_on_fatal and link.status in FATAL:
            raise LinkError(f"{link.status}: {link.status_detail}")
        if time.monotonic() > deadline:
            raise LinkError(f"timed out after {timeout:.1f} s (status {link.status})")
        time.sleep(0.005)


def call(link: CityLink, op: str, args: dict[str, Any] | None = None, *, timeout: float = 10.0,
         durable: bool = False) -> ReplyReceived:
    """Send one request and wait for its reply."""
    rid = link.request(op, args, durable=durable)
    events = poll_until(link, lambda evs: any(isinstance(e, ReplyReceived) and e.request_id == rid for e in evs),
                        timeout)
    return next(e for e in events if isinstance(e, ReplyReceived) and e.request_id == rid)
