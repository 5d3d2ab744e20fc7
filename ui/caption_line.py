"""A free-standing caption line on the screen (the bell's strikes, the guards' drum, the spoken countdown), drawn
in the visitor's caption style: its size, colour, backing card and place (the bottom, or under the top edge)."""

from __future__ import annotations

from direct.gui.OnscreenText import OnscreenText
from panda3d.core import TextNode

from game.caption_style import CaptionStyle
from ui import theme

OWN_BG = (0.0, 0.0, 0.0, 0.7)  # each line's own backing when the style asks for none
WRAP = 36.0  # characters a line holds at size 1 before it wraps


class CaptionLine:
    """``bottom``/``top``: the first line's height above the bottom edge or below the top edge (aspect2d units),
    so several sources keep their own rows; ``scale``: the source's own text size before the style's."""

    def __init__(self, base, font, style: CaptionStyle, *, scale: float = 0.05, bottom: float = 0.22,
                 top: float = 0.3) -> None:
        at_top = style.position == "top"
        self.style = style
        self.text = OnscreenText(parent=base.a2dTopCenter if at_top else base.a2dBottomCenter, font=font,
                                 pos=(0, -top if at_top else bottom), scale=scale * style.size,
                                 fg=(*style.rgb(theme.TEXT[:3]), 1.0), bg=style.card() or OWN_BG,
                                 align=TextNode.ACenter, wordwrap=WRAP / style.size, mayChange=True)
        self.text.hide()

    def show(self, text: str) -> None:
        self.text.setText(text)
        self.text.show()

    def hide(self) -> None:
        self.text.hide()

    def get_text(self) -> str:
        return self.text.getText()

    @property
    def shown(self) -> bool:
        return not self.text.isHidden()

    def destroy(self) -> None:
        self.text.destroy()
