"""A small compass in the top-left corner: the way the visitor faces and the two nearest landmarks, with distance
and direction, in the app's language (:mod:`game.compass` does the sums)."""

from __future__ import annotations

from direct.gui.DirectGui import OnscreenText
from panda3d.core import TextNode

from game import compass
from game.text import i18n
from ui import theme


class CompassView:
    SCALE = 0.045  # text size; easy mode multiplies it

    def __init__(self, parent, font, landmarks: dict) -> None:
        self.landmarks = landmarks
        self.text = OnscreenText(parent=parent, font=font, pos=(0.05, -0.08), scale=self.SCALE, fg=theme.TEXT,
                                 bg=(0, 0, 0, 0.55), align=TextNode.ALeft, mayChange=True)
        self.last: tuple | None = None

    def update(self, x: float, y: float, heading: float, lang: str) -> None:
        """Redraw when what it says changes (it runs on every step the visitor takes)."""
        near = compass.nearest(((lid, lm.local) for lid, lm in self.landmarks.items()), (x, y))
        facing = compass.point(compass.facing(heading))
        rows = tuple((n.landmark_id, round(n.metres / 10) * 10, n.point) for n in near)
        if (facing, rows, lang) == self.last:
            return
        self.last = (facing, rows, lang)
        lines = [i18n.text("app.compass_facing", lang, point=i18n.text(f"app.point_{facing}", lang))]
        lines += [i18n.text("app.compass_near", lang, name=self.landmarks[lid].name(lang), metres=metres,
                            point=i18n.text(f"app.point_{pt}", lang)) for lid, metres, pt in rows]
        self.text.setText("\n".join(lines))

    def set_visible(self, visible: bool) -> None:
        self.text.show() if visible else self.text.hide()

    def destroy(self) -> None:
        self.text.destroy()
