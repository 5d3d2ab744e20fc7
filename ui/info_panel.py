"""Info panel: a landmark's names, description and the sources of its dimensions, in the chosen language; a
``note`` (a festival on the landmark now) follows the description."""

from __future__ import annotations

import textwrap

from direct.gui.DirectGui import DirectFrame, OnscreenText
from panda3d.core import TextNode

from game.landmarks.catalogue import Landmark
from game.text import i18n
from ui import theme


class InfoPanel:
    def __init__(self, parent, font, lang: str, landmark: Landmark, note: str = ""):
        other = landmark.name_en if lang == "ko" else landmark.name_ko
        width = 30 if lang == "ko" else 52
        body = "\n".join(textwrap.wrap(landmark.description[lang], width))
        sources = "\n".join(textwrap.shorten(s, 70) for s in landmark.sources[:3])
        self.frame = DirectFrame(parent=parent, frameColor=theme.PANEL_BG, frameSize=(-0.95, 0.95, -0.62, 0.62),
                                 pos=(0, 0, 0.1))
        OnscreenText(parent=self.frame, text=f"{landmark.name(lang)}  ·  {other}", font=font, pos=(-0.88, 0.5),
                     scale=0.07, fg=theme.ACCENT, align=TextNode.ALeft)
        OnscreenText(parent=self.frame, text=body, font=font, pos=(-0.88, 0.36), scale=0.05, fg=theme.TEXT,
                     align=TextNode.ALeft)
        if note:
            lines = body.count("\n") + 1
            OnscreenText(parent=self.frame, text="\n".join(textwrap.wrap(note, int(width * 1.15))), font=font,
                         pos=(-0.88, 0.36 - 0.06 * lines - 0.03), scale=0.042, fg=theme.ACCENT, align=TextNode.ALeft)
        OnscreenText(parent=self.frame, text=f"{i18n.text('app.info_sources', lang)}:\n{sources}", font=font,
                     pos=(-0.88, -0.3), scale=0.032, fg=theme.TEXT_DIM, align=TextNode.ALeft)

    def destroy(self) -> None:
        self.frame.destroy()
