"""A numbered choice menu (teleport targets, City Hall's rooms): keys 1–9, arrows + Enter, Esc, or the mouse.

A modal layer of the input stack (:mod:`game.input.stack`): whoever opens it pushes it, and it takes itself off
the stack when it closes."""

from __future__ import annotations

from collections.abc import Callable

from direct.gui.DirectGui import DGG, DirectButton, DirectFrame, OnscreenText
from panda3d.core import TextNode

from game.input.stack import ModalStack, Press
from ui import theme

MAX_HEIGHT = 1.9  # of the screen's 2 units: a scaled-up menu is never taller than this


class ChoiceMenu:
    """``items`` are (id, label) pairs; ``on_choose(id)`` or ``on_close()`` runs after the menu is gone."""

    modal = True
    text_focus = False

    def __init__(self, parent, font, title: str, hint: str, items: list[tuple[str, str]],
                 on_choose: Callable[[str], None], on_close: Callable[[], None], keys: ModalStack | None = None,
                 scale: float = 1.0):
        """``scale``: the whole menu larger (easy mode's large text and buttons)."""
        self.keys = keys
        self.items = items
        self.on_choose = on_choose
        self.on_close = on_close
        self.selected = 0
        rows = len(items)
        height = 0.3 + rows * 0.11
        self.frame = DirectFrame(parent=parent, frameColor=theme.PANEL_BG,
                                 frameSize=(-0.85, 0.85, -height / 2, height / 2),
                                 scale=min(scale, MAX_HEIGHT / height))  # a long menu stays on screen
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
        self._paint()
        if keys is not None:
            keys.push(self)

    def on_key(self, press: Press) -> bool:
        for i in range(min(len(self.items), 9)):
            if f"choose-{i + 1}" in press:
                self.choose(i)
                return True
        if "up" in press or "down" in press:
            self.move(-1 if "up" in press else 1)
        elif "confirm" in press:
            self.choose(self.selected)
        elif "cancel" in press:
            self.close()
        else:
            return False
        return True

    def on_text(self, ch: str) -> bool:
        return False

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
        if self.keys is not None:
            self.keys.remove(self)
        if self.frame is not None:
            self.frame.destroy()
            self.frame = None
