"""The blocked-people panel: the visitor's blocks as a list they walk with ↑/↓ and lift with Enter or Delete.

Keyboard only, like the chat panel, so it works at a kiosk's keypad-less keyboard and in VR through the
on-screen keys' arrows. While open it is a modal layer of the input stack: the arrows would otherwise walk.
"""

from __future__ import annotations

from collections.abc import Callable

from direct.gui.DirectGui import DirectFrame, OnscreenText
from panda3d.core import TextNode

from game.input.stack import ModalStack, Press
from game.social.blocklist import SHOWN, BlockListModel
from game.text import i18n
from net.presence.client import Blocked
from ui import theme

WIDTH = 1.3
SCALE = 0.05
LINE = SCALE * 1.2


class BlockListPanel:
    """:meth:`open` shows "loading" until :meth:`load` brings the hub's list; Enter/Delete calls ``on_unblock``."""

    modal = True
    text_focus = False

    def __init__(self, base, font, lang: str, on_unblock: Callable[[Blocked], None],
                 on_typing: Callable[[bool], None] = lambda typing: None, keys: ModalStack | None = None) -> None:
        self.keys = keys
        self.base, self.font, self.lang = base, font, lang
        self.on_unblock, self.on_typing = on_unblock, on_typing
        self.model = BlockListModel()
        height = 0.2 + (SHOWN + 1) * LINE
        self.frame = DirectFrame(parent=base.aspect2d, frameColor=(0.03, 0.04, 0.07, 0.88),
                                 frameSize=(-WIDTH / 2 - 0.04, WIDTH / 2 + 0.04, -height / 2, height / 2))
        top = height / 2 - 0.08
        self.title = self._text(top, theme.ACCENT, SCALE * 1.1)
        self.rows = self._text(top - 1.4 * LINE, theme.TEXT, SCALE)
        self.help = self._text(-height / 2 + 0.05, theme.TEXT_DIM, 0.036)
        self.frame.hide()
        self.open = False

    def _text(self, z: float, fg, scale: float) -> OnscreenText:
        return OnscreenText(parent=self.frame, font=self.font, pos=(-WIDTH / 2, z), scale=scale, fg=fg,
                            align=TextNode.ALeft, wordwrap=WIDTH / scale, mayChange=True)

    def start(self) -> None:
        """Show the panel (entries to come) and take the keyboard."""
        if self.open:
            return
        self.open = True
        self.model = BlockListModel()
        self.on_typing(True)
        if self.keys is not None:
            self.keys.push(self)
        self.frame.show()
        self._refresh()

    def stop(self) -> None:
        """Hide the panel and give the keyboard back."""
        if not self.open:
            return
        self.open = False
        if self.keys is not None:
            self.keys.remove(self)
        self.frame.hide()
        self.on_typing(False)

    def on_key(self, press: Press) -> bool:
        if "up" in press or "down" in press:
            self._move(-1 if "up" in press else 1)
        elif "confirm" in press or "delete" in press:
            self._unblock()
        elif "cancel" in press or "blocked-list" in press:
            self.stop()
        return True

    def on_text(self, ch: str) -> bool:
        return False

    def load(self, entries: tuple[Blocked, ...]) -> None:
        self.model.load(entries)
        self._refresh()

    def removed(self, block_id: int) -> None:
        self.model.remove(block_id)
        self._refresh()

    def _move(self, step: int) -> None:
        self.model.move(step)
        self._refresh()

    def _unblock(self) -> None:
        entry = self.model.selected()
        if entry is not None:
            self.on_unblock(entry)

    def _refresh(self) -> None:
        self.title.setText(i18n.text("social.blocks_title", self.lang))
        self.rows.setText("\n".join(self.model.lines(self.lang)))
        self.help.setText(i18n.text("social.blocks_help", self.lang))

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._refresh()

    def destroy(self) -> None:
        self.stop()
        self.frame.destroy()
