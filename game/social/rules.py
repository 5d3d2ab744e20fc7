"""What a visitor sees of the others, and the chat they read: personal space, name tags, bubbles, log. Pure.

The personal-space bubble fades anyone who comes closer than ``radius`` (gone entirely at 40 % of it), so nobody
can crowd a visitor's face in VR, where that feels physical; it is on by default there and a choice on desktop.
Chat is kept in a short log (what the panel shows, and what a moderator's hide or a block takes back out),
with the newest line per visitor shown as a bubble over their head for a few seconds.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace

from game.text import i18n
from net.moderation import is_profane
from net.protocol import MAX_CHAT

BUBBLE_RADIUS = 1.2  # metres
NAME_DISTANCE = 12.0  # name tags beyond this are hidden: unreadable and clutter
BUBBLE_SECONDS = 6.0
LOG_SIZE = 50


@dataclass
class Safety:
    """A visitor's own safety settings (personal space on by default in VR)."""

    bubble: bool = False
    radius: float = BUBBLE_RADIUS

    @staticmethod
    def default(vr: bool) -> Safety:
        return Safety(bubble=vr)


def fade_alpha(distance: float, safety: Safety) -> float:
    """Opacity of another avatar at ``distance``: 1 outside the bubble, 0 at 40 % of its radius and closer."""
    if not safety.bubble or distance >= safety.radius:
        return 1.0
    inner = 0.4 * safety.radius
    return max(0.0, (distance - inner) / (safety.radius - inner))


def display_name(name: str, avatar_id: int, staff: bool, lang: str) -> str:
    """The name tag: the chosen name, or "Visitor 12" for anonymous visitors; staff are marked as such."""
    shown = name or i18n.text("social.visitor", lang, n=avatar_id)
    return i18n.text("social.staff_name", lang, name=shown) if staff else shown


def check_chat(text: str) -> str | None:
    """None when ``text`` may be sent; else the catalogue key of what is wrong (the hub checks again)."""
    clean = " ".join(text.split())
    if not clean:
        return "social.chat_empty"
    if len(clean) > MAX_CHAT:
        return "social.chat_too_long"
    if is_profane(clean):
        return "social.chat_profanity"
    return None


@dataclass(frozen=True)
class Line:
    message_id: int
    avatar_id: int
    name: str
    text: str
    scope: str
    mine: bool
    at: float
    hidden: bool = False


class ChatLog:
    """The last :data:`LOG_SIZE` messages; hidden ones stay as a placeholder so the conversation keeps its shape."""

    def __init__(self, size: int = LOG_SIZE) -> None:
        self.lines: deque[Line] = deque(maxlen=size)

    def add(self, line: Line) -> None:
        self.lines.append(line)

    def hide(self, message_id: int) -> bool:
        for i, line in enumerate(self.lines):
            if line.message_id == message_id:
                self.lines[i] = replace(line, hidden=True)
                return True
        return False

    def drop_author(self, avatar_id: int) -> None:
        """Take out everything a blocked visitor said."""
        kept = [line for line in self.lines if line.avatar_id != avatar_id]
        self.lines.clear()
        self.lines.extend(kept)

    def bubble(self, avatar_id: int, now: float) -> str | None:
        """The newest unhidden line ``avatar_id`` said within :data:`BUBBLE_SECONDS`, for over their head."""
        for line in reversed(self.lines):
            if line.avatar_id == avatar_id:
                return None if line.hidden or now - line.at > BUBBLE_SECONDS else line.text
        return None

    def render(self, lang: str, count: int = 8) -> list[str]:
        """The panel's last ``count`` lines, ``name: text`` (scene-wide ones marked)."""
        out = []
        for line in list(self.lines)[-count:]:
            text = i18n.text("social.message_hidden", lang) if line.hidden else line.text
            mark = i18n.text("social.scope_scene_mark", lang) if line.scope == "scene" else ""
            out.append(f"{mark}{line.name}: {text}")
        return out
