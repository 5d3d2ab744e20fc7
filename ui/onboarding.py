"""The first-minute card: how to walk, teleport, enter City Hall, and what an alert looks like. Skippable (any
key closes it), shown once on a first start and again with F1 or ?; a modal layer of the input stack."""

from __future__ import annotations

from collections.abc import Callable

from direct.gui.DirectGui import DirectFrame, OnscreenText
from panda3d.core import TextNode

from game.input.stack import ModalStack, Press
from game.text import i18n
from ui import theme

MODIFIERS = frozenset({"shift", "control", "alt", "meta", "lshift", "rshift", "lcontrol", "rcontrol", "lalt", "ralt"})


class Onboarding:
    modal = True
    text_focus = False

    def __init__(self, parent, font, lang: str, keys: ModalStack, on_close: Callable[[], None]) -> None:
        self.keys, self.on_close = keys, on_close
        self.frame = DirectFrame(parent=parent, frameColor=theme.PANEL_BG, frameSize=(-1.3, 1.3, -0.62, 0.62))
        self.title = OnscreenText(parent=self.frame, font=font, pos=(-1.22, 0.48), scale=0.075, fg=theme.ACCENT,
                                  align=TextNode.ALeft, mayChange=True)
        self.body = OnscreenText(parent=self.frame, font=font, pos=(-1.22, 0.34), scale=0.045, fg=theme.TEXT,
                                 align=TextNode.ALeft, wordwrap=53, mayChange=True)
        self.hint = OnscreenText(parent=self.frame, font=font, pos=(0, -0.56), scale=0.04, fg=theme.TEXT_DIM,
                                 align=TextNode.ACenter, mayChange=True)
        self.set_language(lang)
        keys.push(self)

    def set_language(self, lang: str) -> None:
        if self.frame is None:
            return
        self.title.setText(i18n.text("app.onboarding_title", lang))
        self.body.setText(i18n.text("app.onboarding_body", lang))
        self.hint.setText(i18n.text("app.onboarding_close", lang))

    def on_key(self, press: Press) -> bool:
        if press.key not in MODIFIERS and not press.key.startswith("mouse"):
            self.close()
        return True

    def on_text(self, ch: str) -> bool:
        return False

    @property
    def open(self) -> bool:
        return self.frame is not None

    def close(self) -> None:
        if self.frame is None:
            return
        self.keys.remove(self)
        self.frame.destroy()
        self.frame = None
        self.on_close()
