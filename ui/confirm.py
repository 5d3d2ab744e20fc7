"""A yes/no question in both languages (quitting the app): a modal layer, Enter/Y yes, Esc/N no."""

from __future__ import annotations

from collections.abc import Callable

from direct.gui.DirectGui import DirectFrame, OnscreenText
from panda3d.core import TextNode

from game.input.stack import ModalStack, Press
from game.text import i18n
from ui import theme


class Confirm:
    modal = True
    text_focus = False

    def __init__(self, parent, font, question_key: str, choices_key: str, on_yes: Callable[[], None],
                 keys: ModalStack, on_no: Callable[[], None] = lambda: None) -> None:
        self.keys, self.on_yes, self.on_no = keys, on_yes, on_no
        self.frame = DirectFrame(parent=parent, frameColor=theme.PANEL_BG, frameSize=(-0.9, 0.9, -0.22, 0.22))
        lines = [i18n.text(question_key, lang) for lang in i18n.LANGS]
        lines += [i18n.text(choices_key, lang) for lang in i18n.LANGS]
        self.text = OnscreenText(parent=self.frame, text="\n".join(lines), font=font, pos=(0, 0.12), scale=0.05,
                                 fg=theme.TEXT, align=TextNode.ACenter)
        keys.push(self)

    def on_key(self, press: Press) -> bool:
        if "yes" in press:
            self.close()
            self.on_yes()
        elif "no" in press:
            self.close()
            self.on_no()
        return True

    def on_text(self, ch: str) -> bool:
        return False

    def close(self) -> None:
        self.keys.remove(self)
        if self.frame is not None:
            self.frame.destroy()
            self.frame = None
