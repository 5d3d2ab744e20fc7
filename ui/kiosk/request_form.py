"""A visitor's help request ("민원"): one text box; Enter sends it as a durable ``ticket.create`` request.

What is typed stays here until it is sent or the visit is wiped; the form reports its text so the wipe can
count what it discards. The entry box takes the typed characters itself (Panda3D's PGEntry); the form sits
on the input stack as a focused text field so that no key typed into it walks or opens anything else.
"""

from __future__ import annotations

from collections.abc import Callable

from direct.gui.DirectGui import DirectEntry, DirectFrame, OnscreenText
from panda3d.core import NodePath, TextNode

from game.input.stack import ModalStack, Press
from game.text import i18n
from ui import theme


class RequestForm:
    modal = True
    text_focus = True

    def __init__(self, aspect2d: NodePath, font, lang: str, on_submit: Callable[[str], None],
                 on_cancel: Callable[[], None], keys: ModalStack | None = None) -> None:
        self.keys = keys
        self.frame = DirectFrame(parent=aspect2d, frameColor=theme.PANEL_BG, frameSize=(-0.95, 0.95, -0.3, 0.3))
        OnscreenText(parent=self.frame, text=i18n.text("kiosk.request_title", lang), font=font, pos=(-0.88, 0.2),
                     scale=0.07, fg=theme.ACCENT, align=TextNode.ALeft)
        OnscreenText(parent=self.frame, text=i18n.text("kiosk.request_hint", lang), font=font, pos=(-0.88, -0.22),
                     scale=0.04, fg=theme.TEXT_DIM, align=TextNode.ALeft)
        self.entry = DirectEntry(parent=self.frame, entryFont=font, scale=0.05, pos=(-0.88, 0, 0.0), width=34,
                                 numLines=2, focus=1, command=self._submit, frameColor=(1, 1, 1, 0.95),
                                 text_fg=theme.HIGHLIGHT_TEXT)
        self.on_submit = on_submit
        self.on_cancel = on_cancel
        if keys is not None:
            keys.push(self)

    def on_key(self, press: Press) -> bool:
        if "cancel" in press:
            self.on_cancel()
        return True  # Enter and the typed keys are the entry box's

    def on_text(self, ch: str) -> bool:
        return True

    @property
    def typed(self) -> str:
        return self.entry.get()

    def type_text(self, text: str) -> None:
        """Set the text as if typed (soak test and on-screen keyboards)."""
        self.entry.enterText(text)

    def _submit(self, text: str) -> None:
        if text.strip():
            self.on_submit(text.strip())

    def submit(self) -> None:
        self._submit(self.entry.get())

    def destroy(self) -> None:
        if self.keys is not None:
            self.keys.remove(self)
        self.entry.destroy()
        self.frame.destroy()
