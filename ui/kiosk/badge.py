"""The city-link badge in the top-right corner: online, or "offline" with the age of the last contact and the
number of requests waiting in the outbox, in every site language (the cached value, honestly labelled)."""

from __future__ import annotations

from collections.abc import Callable

from direct.gui.DirectGui import OnscreenText
from panda3d.core import NodePath, TextNode

from game.live_value import LiveValue, age_parts
from game.text import i18n

OFFLINE_BG = (0.55, 0.08, 0.06, 0.9)
ONLINE_BG = (0.05, 0.35, 0.15, 0.85)
REFRESH_S = 1.0


def badge_text(live: LiveValue, pending: int, languages: tuple[str, ...], now: float) -> str:
    """The badge's lines; pure so the wording is tested without rendering."""
    lines = []
    for lang in languages:
        if not live.stale:
            lines.append(i18n.text("kiosk.online", lang))
            continue
        unit, n = age_parts(live.age(now))
        age = i18n.text(f"kiosk.age_{unit}", lang, n=n) if unit != "never" else i18n.text("kiosk.age_never", lang)
        lines.append(f"{i18n.text('kiosk.offline', lang)} · {i18n.text('kiosk.last_contact', lang, age=age)}")
    if pending:
        lines += [i18n.text("kiosk.pending", lang, n=pending) for lang in languages]
    return "\n".join(lines)


class StatusBadge:
    def __init__(self, top_right: NodePath, font, languages: tuple[str, ...]) -> None:
        self.languages = languages
        self.text = OnscreenText(parent=top_right, text="", font=font, pos=(-0.05, -0.08), scale=0.04,
                                 fg=(1, 1, 1, 1), bg=OFFLINE_BG, align=TextNode.ARight, mayChange=True)
        self._t = REFRESH_S
        self.shown = ""

    def update(self, dt: float, live: LiveValue, pending: Callable[[], int], now: float) -> None:
        """Redraw once a second at most; ``pending`` is only asked then (it may query the outbox)."""
        self._t += dt
        if self._t < REFRESH_S:
            return
        self._t = 0.0
        text = badge_text(live, pending(), self.languages, now)
        if text != self.shown:
            self.shown = text
            self.text.setText(text)
            self.text["bg"] = ONLINE_BG if not live.stale else OFFLINE_BG

    def set_visible(self, visible: bool) -> None:
        self.text.show() if visible else self.text.hide()

    def destroy(self) -> None:
        self.text.destroy()
