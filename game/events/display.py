"""What the ceremony shows, as text and timing rules: countdown, menu entry, captions, the flash limit. Pure.

Every string comes from the catalogue (``assets/i18n/events.json``); captions carry both languages on one line,
since the strike is for everyone in the street. Flashes (the HUD's visual beat, the ripple's bright front) obey the
accessibility rule of at most three flashes in any one second (WCAG 2.3.1), whatever the strikes do.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

from net.events import Occurrence
from ui import i18n

MENU_WITHIN = 3600.0  # seconds before the start from which the teleport menu lists the event
MAX_FLASHES_PER_S = 3


def left_text(seconds: float) -> str:
    """``MM:SS`` (rounded up, so the last second shows 00:01, never 00:00 before the start)."""
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def countdown(occ: Occurrence, hub_now: float, lang: str) -> str | None:
    """The countdown line during the countdown phase, else None."""
    if occ.phase(hub_now) != "countdown":
        return None
    return i18n.text("events.countdown", lang, title=occ.spec.title[lang], left=left_text(occ.start - hub_now))


def menu_label(occ: Occurrence, hub_now: float, lang: str) -> str | None:
    """The teleport menu's entry: within the hour before the start, or while it runs; else None."""
    phase = occ.phase(hub_now)
    if phase in ("beats", "after"):
        return i18n.text("events.menu_now", lang, title=occ.spec.title[lang])
    if phase in ("before", "countdown") and occ.start - hub_now <= MENU_WITHIN:
        minutes = max(1, math.ceil((occ.start - hub_now) / 60))
        return i18n.text("events.menu_in", lang, title=occ.spec.title[lang], minutes=minutes)
    return None


def caption(n: int, total: int) -> str:
    """``[종소리 12/33 · bell 12/33]``: both languages, one line."""
    ko, en = (i18n.text("events.caption", lang, n=n, total=total) for lang in ("ko", "en"))
    return f"[{ko} · {en}]"


@dataclass
class FlashGate:
    """Allows a flash only while fewer than ``limit`` have been allowed within the last second."""

    limit: int = MAX_FLASHES_PER_S
    allowed: deque[float] = field(default_factory=deque)

    def allow(self, t: float) -> bool:
        while self.allowed and t - self.allowed[0] >= 1.0:
            self.allowed.popleft()
        if len(self.allowed) >= self.limit:
            return False
        self.allowed.append(t)
        return True
