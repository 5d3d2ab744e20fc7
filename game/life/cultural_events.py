"""Today's cultural events at a hotspot, as the square's board lists them (issue 16). Pure.

The city data's ``CULTURALEVENTINFO`` (through the hub's ``city.data``: one poller for everyone) lists the events
around a hotspot with their period (``2026-05-01~2026-06-30``). The board shows the ones on today's date, at most
:data:`MAX_SHOWN`; older than ``hotspot_status.STALE_S`` the list says how old it is, and with no data at all it
says so rather than stand empty.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from game.life.hotspot_status import FORGET_S, STALE_S
from game.text import i18n

AREA = "광화문·덕수궁"  # the hotspot the board at Gwanghwamun Square reads
MAX_SHOWN = 4
PERIOD = re.compile(r"(\d{4})-(\d{2})-(\d{2})\s*~\s*(\d{4})-(\d{2})-(\d{2})")


def on(events: list[dict[str, Any]], day: dt.date) -> list[dict[str, Any]]:
    """The events whose period includes ``day``; one whose period cannot be read is kept (the city lists it now)."""
    out = []
    for event in events:
        m = PERIOD.search(event.get("period") or "")
        if m is None:
            out.append(event)
            continue
        y0, m0, d0, y1, m1, d1 = map(int, m.groups())
        try:
            first, last = dt.date(y0, m0, d0), dt.date(y1, m1, d1)
        except ValueError:
            out.append(event)
            continue
        if first <= day <= last:
            out.append(event)
    return out


def board_lines(area: dict[str, Any] | None, extra_age_s: float, day: dt.date, lang: str) -> list[str]:
    """The board's text: its title, today's events (``name · place``) or why there are none, and the data's age."""
    title = i18n.text("citydata.events_title", lang)
    age = None if area is None else area.get("age_s", 0.0) + extra_age_s
    if area is None or age > FORGET_S:
        return [title, i18n.text("citydata.events_unknown", lang)]
    today = on(area.get("events") or [], day)
    lines = [title] + [f"{e['name']} · {e['place']}" if e.get("place") else e["name"] for e in today[:MAX_SHOWN]]
    if len(today) > MAX_SHOWN:
        lines.append(i18n.text("citydata.events_more", lang, count=len(today) - MAX_SHOWN))
    if not today:
        lines.append(i18n.text("citydata.events_none", lang))
    if age > STALE_S:
        lines.append(i18n.text("citydata.events_age", lang, minutes=round(age / 60)))
    return lines
