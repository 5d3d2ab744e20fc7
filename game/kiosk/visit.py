"""One visitor's footprint on the kiosk and how it is wiped when they walk away.

A kiosk is shared by strangers: the next visitor must not see where the last one walked, which language they
chose, what they typed, or the answers to their requests. Requests already made are the city's business, not
the screen's: they stay durable in the link's outbox and are sent whenever the hub is reachable; the wipe only
forgets them on screen. Text typed but never sent is discarded. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Visit:
    language: str
    position: tuple[float, float, float] | None = None  # walker (x, y, heading); None = attract camera
    typed: str = ""  # request text being composed, not yet sent
    requests: list[str] = field(default_factory=list)  # request ids sent in this visit, reply not yet shown
    settings: dict[str, object] = field(default_factory=dict)  # what the visitor changed (name -> value)

    @property
    def touched(self) -> bool:
        return bool(self.position or self.typed or self.requests or self.settings)


@dataclass(frozen=True)
class WipeReport:
    """What the wipe did, for the kiosk log (never the contents: the log outlives the visit too)."""

    handed_to_outbox: int
    discarded_chars: int
    reset_settings: tuple[str, ...]
    moved: bool


def wipe(visit: Visit, default_language: str) -> tuple[Visit, WipeReport]:
    """A fresh visit in the site's default language, and a report of what was forgotten."""
    report = WipeReport(len(visit.requests), len(visit.typed), tuple(sorted(visit.settings)),
                        visit.position is not None)
    return Visit(default_language), report
