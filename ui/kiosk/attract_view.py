"""What a passer-by sees in the attract loop: the site's welcome, a caption per landmark in every site language
(what the narration says, labelled as the narrator's, in the operator's caption style), and a pulsing start
prompt. The camera move itself is :mod:`game.kiosk.attract`."""

from __future__ import annotations

import math
import textwrap

from direct.gui.DirectGui import DirectFrame, OnscreenText
from panda3d.core import NodePath, TextNode, TextProperties, TextPropertiesManager

from game import captions
from game.caption_style import DEFAULT, CaptionStyle
from game.landmarks.catalogue import Landmark
from game.text import i18n
from ui import theme

PULSE_HZ = 0.5
CAPTION_WIDTH = {"ko": 44, "en": 72}
BAND_BG = (0.02, 0.03, 0.05, 0.72)
NAME_STYLE = "kiosk-name"


class AttractView:
    def __init__(self, aspect2d: NodePath, bottom_left: NodePath, top_left: NodePath, font, site: str,
                 languages: tuple[str, ...], style: CaptionStyle = DEFAULT) -> None:
        """``style``: the caption style's size, colour and backing shape the caption band, and its position puts
        the band at the bottom (the welcome at the top) or at the top (the welcome then at the bottom)."""
        self.languages, self.style = languages, style
        name = TextProperties()
        name.setTextColor(*theme.ACCENT)
        TextPropertiesManager.getGlobalPtr().setProperties(NAME_STYLE, name)
        top = style.position == "top"
        self.root = aspect2d.attachNewNode("kiosk-attract")
        self.corner = (bottom_left if top else top_left).attachNewNode("kiosk-attract-welcome")
        self.bottom = (top_left if top else bottom_left).attachNewNode("kiosk-attract-captions")
        welcome = "\n".join(i18n.text("kiosk.welcome", lang, site=site or i18n.text("app.title", lang))
                            for lang in languages)
        welcome_z = 0.06 + 0.066 * (len(languages) - 1) if top else -0.1  # its last line clear of the edge
        OnscreenText(parent=self.corner, text=welcome, font=font, pos=(0.06, welcome_z), scale=0.055, fg=theme.ACCENT,
                     shadow=(0, 0, 0, 0.9), align=TextNode.ALeft)
        band_top = (0.12 + 0.2 * len(languages)) * style.size  # two-line name and description per language
        self.band = DirectFrame(parent=self.bottom, frameColor=style.card() or BAND_BG,
                                frameSize=(0.0, 10.0, -band_top, 0.0) if top else (0.0, 10.0, 0.0, band_top))
        caption_z = -0.08 * style.size if top else band_top - 0.08 * style.size
        self.caption = OnscreenText(parent=self.bottom, text="", font=font, pos=(0.06, caption_z),
                                    scale=0.045 * style.size, fg=(*style.rgb(theme.TEXT[:3]), 1.0),
                                    align=TextNode.ALeft, mayChange=True)
        prompt = "\n".join(i18n.text("kiosk.start_prompt", lang) for lang in languages)
        # Low in the picture, just above the caption band: the landmark stays in view.
        self.prompt = OnscreenText(parent=self.root, text=prompt, font=font, pos=(0, -0.3), scale=0.07,
                                   fg=theme.TEXT, shadow=(0, 0, 0, 1), bg=(0.02, 0.03, 0.05, 0.55), mayChange=False)
        self.t = 0.0

    def show_landmark(self, landmark: Landmark) -> None:
        """One block per language: the narrator's label and the name, then the catalogue description (at most two
        lines, the narration's words)."""
        blocks = []
        for lang in self.languages:
            width = round(CAPTION_WIDTH[lang] / self.style.size)
            text = textwrap.shorten(landmark.description[lang], width * 2, placeholder="…")
            body = "\n".join(textwrap.wrap(text, width))
            blocks.append(f"\1{NAME_STYLE}\1{captions.labelled('narrator', landmark.name(lang), lang)}\2\n{body}")
        self.caption.setText("\n".join(blocks))

    def update(self, dt: float) -> None:
        self.t += dt
        self.prompt.setAlphaScale(0.65 + 0.35 * math.cos(2 * math.pi * PULSE_HZ * self.t))

    def set_visible(self, visible: bool) -> None:
        for node in (self.root, self.corner, self.bottom):
            node.show() if visible else node.hide()

    def destroy(self) -> None:
        for node in (self.root, self.corner, self.bottom):
            node.removeNode()
