"""Which of the site's languages an alert is shown in right now: each in turn, long enough to read it all.

A kiosk at a tourist site serves readers of every configured language at once, so an alert cycles through them;
each language stays up for its own caption reading time (its pages, at the reading speeds of
:mod:`game.alerts.captions`), with a floor so a short alert is not a flicker. Pure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MIN_TURN_S = 6.0


@dataclass
class LanguageRotation:
    languages: tuple[str, ...]
    turn_seconds: Callable[[str], float]  # reading time of the current alert in a language
    index: int = 0
    t: float = 0.0

    @property
    def current(self) -> str:
        return self.languages[self.index]

    def restart(self) -> None:
        self.index, self.t = 0, 0.0

    def advance(self, dt: float) -> bool:
        """True when the language changes on this frame."""
        self.t += max(dt, 0.0)
        if len(self.languages) < 2 or self.t < max(self.turn_seconds(self.current), MIN_TURN_S):
            return False
        self.t = 0.0
        self.index = (self.index + 1) % len(self.languages)
        return True
