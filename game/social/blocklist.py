"""The list of people a visitor blocked, as the social panel walks it with the keyboard. Pure.

The hub sends the entries (:class:`net.presence.client.Blocked`) with the name and avatar id the other had when
blocked; this keeps the selection steady while entries are lifted, and says who each one was in the visitor's
language, so the panel only draws lines.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from game.social.rules import display_name
from game.text import i18n

if TYPE_CHECKING:  # only the type: the client module opens sockets (zmq), which this pure module must not need
    from net.presence.client import Blocked

KST = timezone(timedelta(hours=9))
SHOWN = 8  # rows on screen at once; the window scrolls with the selection


def blocked_name(entry: Blocked, lang: str) -> str:
    """Who it was: their name then, "Visitor 12" if they were anonymous, or a placeholder for blocks made
    before the hub kept names."""
    if entry.name or entry.avatar_id:
        return display_name(entry.name, entry.avatar_id, False, lang)
    return i18n.text("social.blocked_unnamed", lang)


def blocked_label(entry: Blocked, lang: str) -> str:
    """A list row: the name with the day of the block, so two unnamed visitors can be told apart."""
    day = datetime.fromtimestamp(entry.created, KST).strftime("%Y-%m-%d")
    return i18n.text("social.blocked_entry", lang, name=blocked_name(entry, lang), day=day)


class BlockListModel:
    """Entries (newest first) and the selected one; ``None`` entries means the hub has not answered yet."""

    def __init__(self) -> None:
        self.entries: list[Blocked] | None = None
        self.index = 0

    def load(self, entries: tuple[Blocked, ...]) -> None:
        self.entries = list(entries)
        self.index = min(self.index, max(0, len(self.entries) - 1))

    def move(self, step: int) -> None:
        """Up/down with wrap-around, so the last entry is one key away from the first."""
        if self.entries:
            self.index = (self.index + step) % len(self.entries)

    def selected(self) -> Blocked | None:
        return self.entries[self.index] if self.entries else None

    def remove(self, block_id: int) -> None:
        """Drop a lifted block at once (the hub's reply only confirms it); the selection stays in place."""
        if self.entries is None:
            return
        self.entries = [e for e in self.entries if e.block_id != block_id]
        self.index = min(self.index, max(0, len(self.entries) - 1))

    def lines(self, lang: str) -> list[str]:
        """The visible rows, the selected one marked; a notice while loading or when nobody is blocked."""
        if self.entries is None:
            return [i18n.text("social.blocks_loading", lang)]
        if not self.entries:
            return [i18n.text("social.blocks_empty", lang)]
        first = min(max(0, self.index - SHOWN + 1), max(0, len(self.entries) - SHOWN))
        return [("▶ " if i == self.index else "   ") + blocked_label(e, lang)
                for i, e in enumerate(self.entries[first:first + SHOWN], start=first)]
