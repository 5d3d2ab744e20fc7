"""A numbered choice menu (teleport targets, City Hall's rooms): keys 1–9, arrows + Enter, Esc, or the mouse."""

from __future__ import annotations

from collections.abc import Callable

from direct.gui.DirectGui import DGG, DirectButton, DirectFrame, OnscreenText
from direct.showbase.DirectObject import DirectObject
from panda3d.core import TextNode

from ui import theme


class ChoiceMenu(DirectObject):
    """``items`` are (id, label) pairs; ``on_choose(id)`` or ``on_close()`` runs after the menu is gone."""

    def __init__(self, parent, font, title: str, hint: str, items: list[tuple[str, str]],
                 on_choose: Callable[[str], None], on_close: Callable[[], None]):
        super().__init__()
        self.items = items
        self.on_choose = on_choose
        self.on_close = on_close
        self.selected = 0
        rows = len(items)
        height = 0.3 + rows * 0.11
        self.frame = DirectFrame(parent=parent, frameColor=theme.PANEL_BG,
                                 frameSize=(-0.85, 0.85, -height / 2, height / 2))
        OnscreenText(parent=self.frame, text=title, font=font,
                     pos=(0, height / 2 - 0.1), scale=0.07, fg=theme.ACCENT, align=TextNode.ACenter)
        OnscreenText(parent=self.frame, text=hint, font=font,
                     pos=(0, -height / 2 + 0.05), scale=0.035, fg=theme.TEXT_DIM, align=TextNode.ACenter)
        self.buttons = []
        for i, (_, label) in enumerate(items):
            b = DirectButton(parent=self.frame, text=f"{i + 1}. {label}", text_font=font,
                             text_align=TextNode.ALeft, scale=theme.TEXT_SCALE,
                             pos=(-0.75, 0, height / 2 - 0.22 - i * 0.11),
                             frameSize=(-0.5, 31, -0.6, 1.2), relief=DGG.FLAT, command=self.choose, extraArgs=[i])
            self.buttons.append(b)
        for i in range(min(rows, 9)):
            self.accept(str(i + 1), self.choose, [i])
        self.accept("arrow_up", self.move, [-1])
        self.accept("arrow_down", self.move, [1])
        self.accept("enter", lambda: self.choose(self.selected))
        self.accept("escape", self.close)
        self._paint()

    def move(self, delta: int) -> None:
        self.selected = (self.selected + delta) % len(self.items)
        self._paint()

    def _paint(self) -> None:
        for i, b in enumerate(self.buttons):
            on = i == self.selected
            b["frameColor"] = theme.HIGHLIGHT_BG if on else (0, 0, 0, 0)
            b["text_fg"] = theme.HIGHLIGHT_TEXT if on else theme.TEXT

    def choose(self, index: int) -> None:
        choice = self.items[index][0]
        self.destroy()
        self.on_choose(choice)

    def close(self) -> None:
        self.destroy()
        self.on_close()

    def destroy(self) -> None:
        self.ignoreAll()
        if self.frame is not None:
            self.frame.destroy()
            self.frame = None
