"""Easy mode on screen: large "take me to…" and "help" buttons for one touch, and the guide's caption line, which
carries the narration at each landmark (with its speaker label, in the visitor's caption style)."""

from __future__ import annotations

from collections.abc import Callable

from direct.gui.DirectGui import DGG, DirectButton, OnscreenText
from panda3d.core import TextNode

from game import captions
from game.caption_style import DEFAULT, CaptionStyle
from game.text import i18n
from ui import theme

BUTTON_SCALE, BUTTON_Z, HELP_Z, MARGIN = 0.075, 0.32, 0.5, 0.05  # "help" above "take me to…", bottom right
CAPTION_SCALE, CAPTION_WRAP = 0.055, 30.0
CAPTION_BOTTOM, CAPTION_TOP = -0.5, 0.8  # first line's height: above the hint bar, or under the top edge


class EasyView:
    def __init__(self, base, font, lang: str, on_take_me: Callable[[], None], on_help: Callable[[], None],
                 style: CaptionStyle = DEFAULT, scale: float = 1.0) -> None:
        """``scale``: easy mode's large text, on top of the caption style's own size."""
        self.style = style
        self.size = style.size * scale
        self.button, self.help = (
            DirectButton(parent=base.a2dBottomRight, text=i18n.text(key, lang), text_font=font, scale=BUTTON_SCALE,
                         pos=(0, 0, z), relief=DGG.FLAT, frameColor=theme.HIGHLIGHT_BG, text_fg=theme.HIGHLIGHT_TEXT,
                         pad=(0.5, 0.4), command=command)
            for key, z, command in (("easy.take_me", BUTTON_Z, on_take_me), ("easy.help_button", HELP_Z, on_help)))
        self.caption = OnscreenText(parent=base.aspect2d, font=font, scale=CAPTION_SCALE * self.size,
                                    fg=(*style.rgb(theme.TEXT[:3]), 1.0), bg=style.card() or (0, 0, 0, 0.7),
                                    align=TextNode.ACenter, wordwrap=CAPTION_WRAP / self.size, mayChange=True)
        self.caption.hide()
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        for button, key in ((self.button, "easy.take_me"), (self.help, "easy.help_button")):
            button["text"] = i18n.text(key, lang)
            button.resetFrameSize()
            button.setX(-button.getBounds()[1] * BUTTON_SCALE - MARGIN)  # its right edge inside the screen's

    def set_buttons(self, visible: bool) -> None:
        for button in (self.button, self.help):
            button.show() if visible else button.hide()

    def say(self, text: str, lang: str) -> None:
        """Show ``text`` as the guide's caption, labelled, where the caption style puts free-standing captions."""
        self.caption.setText(captions.labelled("guide", text, lang))
        self.caption.show()
        if self.style.position == "top":
            self.caption.setPos(0, CAPTION_TOP)
        else:  # text grows downwards from its first line: keep the last one above the hint bar
            rows = self.caption.textNode.getNumRows()
            self.caption.setPos(0, CAPTION_BOTTOM + (rows - 1) * CAPTION_SCALE * self.size * 1.2)

    def clear(self) -> None:
        self.caption.hide()

    def destroy(self) -> None:
        self.button.destroy()
        self.help.destroy()
        self.caption.destroy()
