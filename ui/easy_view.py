"""Easy mode on screen: a large "take me to…" button for one touch, and the guide's caption line, which carries
the narration at each landmark (with its speaker label, in the visitor's caption style)."""

from __future__ import annotations

from collections.abc import Callable

from direct.gui.DirectGui import DGG, DirectButton, OnscreenText
from panda3d.core import TextNode

from game.caption_style import DEFAULT, CaptionStyle
from ui import i18n, theme

BUTTON_SCALE, BUTTON_Z, MARGIN = 0.075, 0.32, 0.05
CAPTION_SCALE, CAPTION_WRAP = 0.055, 30.0
CAPTION_BOTTOM, CAPTION_TOP = -0.5, 0.8  # first line's height: above the hint bar, or under the top edge


class EasyView:
    def __init__(self, base, font, lang: str, on_take_me: Callable[[], None],
                 style: CaptionStyle = DEFAULT, scale: float = 1.0) -> None:
        """``scale``: easy mode's large text, on top of the caption style's own size."""
        self.style = style
        self.size = style.size * scale
        self.button = DirectButton(parent=base.a2dBottomRight, text=i18n.text("easy.take_me", lang), text_font=font,
                                   scale=BUTTON_SCALE, pos=(0, 0, BUTTON_Z), relief=DGG.FLAT,
                                   frameColor=theme.HIGHLIGHT_BG, text_fg=theme.HIGHLIGHT_TEXT, pad=(0.5, 0.4),
                                   command=on_take_me)
        self.caption = OnscreenText(parent=base.aspect2d, font=font, scale=CAPTION_SCALE * self.size,
                                    fg=(*style.rgb(theme.TEXT[:3]), 1.0), bg=style.card() or (0, 0, 0, 0.7),
                                    align=TextNode.ACenter, wordwrap=CAPTION_WRAP / self.size, mayChange=True)
        self.caption.hide()
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        self.button["text"] = i18n.text("easy.take_me", lang)
        self.button.resetFrameSize()
        right = self.button.getBounds()[1]
        self.button.setX(-right * BUTTON_SCALE - MARGIN)  # its right edge a margin inside the screen's

    def set_button(self, visible: bool) -> None:
        self.button.show() if visible else self.button.hide()

    def say(self, text: str, lang: str) -> None:
        """Show ``text`` as the guide's caption, labelled, where the caption style puts free-standing captions."""
        self.caption.setText(f"[{i18n.text('easy.guide_label', lang)}] {text}")
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
        self.caption.destroy()
