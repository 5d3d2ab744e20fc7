"""What the ceremony shows, as text and timing rules: countdown, menu entry, captions, the flash limit. Pure.

Every string comes from the catalogue (``assets/i18n/events.json``); captions carry both languages on one line,
since the strike is for everyone in the street. Flashes (the HUD's visual beat, the ripple's bright front) obey the
accessibility rule of at most three flashes in any one second (WCAG 2.3.1), whatever the strikes do.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

from game import captions
from game.text import i18n
from net.events import Occurrence

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
    """``[보신각 · Bosingak] 종소리 12/33 · bell 12/33``: the source, then both languages, one line."""
    return captions.both_of("bell", "events.caption", n=n, total=total)


AUTO_VOLUME = 0.85  # a strike nobody here pulled: the automatic ringer's steady pull


def strike_volume(force: float | None) -> float:
    """The strike's loudness: the automatic ringer's for a strike not pulled here (None), else from the pull's
    force (0..1: a pull in VR measures it, the B key pulls at full force) between a soft and a full strike."""
    return AUTO_VOLUME if force is None else 0.45 + 0.55 * min(1.0, max(0.0, force))


def strike_haptic(force: float | None) -> tuple[float, float]:
    """The buzz a headset visitor feels with a strike: (amplitude, seconds); stronger for the one they pulled."""
    return (0.4, 0.12) if force is None else (0.5 + 0.5 * min(1.0, max(0.0, force)), 0.25)


def greeting_caption() -> str:
    """``[새해 복 많이 받으세요 · Happy New Year]``: the greeting the avatar signs after the last strike."""
    return "[" + " · ".join(i18n.text("events.new_year", lang) for lang in ("ko", "en")) + "]"


GREETING_HEIGHT = 0.8  # aspect2d units (the screen is 2 high): the signer's card, 4:3 like the alert's region


def greeting_region(aspect_ratio: float) -> tuple[float, float, float, float]:
    """Where the signer stands for the greeting: the lower right, clear of the HUD line above and the caption
    below (left, right, bottom, top in aspect2d units); the visitor's own size and corner still apply."""
    right = aspect_ratio - 0.04
    return (right - GREETING_HEIGHT * 4 / 3, right, -0.62, -0.62 + GREETING_HEIGHT)


PULL_S, RELEASE_S, REBOUND_S = 2.0, 0.25, 1.0  # the log's pull back, its swing in, its bounce off the bell
PULL_BACK_M = 1.2


def log_offset(hub_now: float, beats: list[float]) -> float:
    """How far (metres) the striking log (당목) hangs back from the bell at ``hub_now``: pulled back over
    ``PULL_S`` before each beat, swung in to touch it at the beat, bouncing off after. Driven by hub time only, so
    every visitor sees the same swing."""
    for beat in beats:
        dt = hub_now - beat
        if -PULL_S <= dt < -RELEASE_S:
            x = (dt + PULL_S) / (PULL_S - RELEASE_S)
            return PULL_BACK_M * x * x * (3 - 2 * x)  # smoothstep: the ringers lean back on the ropes
        if -RELEASE_S <= dt < 0:
            return PULL_BACK_M * (dt / RELEASE_S) ** 2  # released: it speeds up into the bell
        if 0 <= dt < REBOUND_S:
            return 0.25 * math.sin(math.pi * dt / REBOUND_S)
    return 0.0


def next_free_beat(schedule: dict, hub_now: float, lead: float = 5.0) -> int | None:
    """The first beat at least ``lead`` seconds ahead that the automatic ringer still has (1-based), or None."""
    ringers = schedule.get("ringers") or []
    for i, t in enumerate(schedule["beats"]):
        if t - hub_now >= lead and i < len(ringers) and ringers[i] == "auto":
            return i + 1
    return None


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
