"""The credit that data drawn in the scene asks for, in a corner of the screen: an operator's OpenStreetMap import
(``python -m game.city.import_osm``) is under the ODbL, whose attribution must be visible wherever the buildings
are. Korean and English on one line (:func:`game.text.i18n.both`), as on a sign, so a change of language never
leaves it stale; small, under the hint bar, on a dark backing that keeps it legible over sky or snow."""

from __future__ import annotations

from direct.gui.DirectGui import OnscreenText
from panda3d.core import TextNode

from game.text import i18n
from ui import theme

SCALE, Z = 0.035, 0.018  # under the hint bar (game/explore.py HINT_Z 0.07)


class MapCredit:
    def __init__(self, parent, font, key: str = "app.osm_credit") -> None:
        self.text = OnscreenText(parent=parent, font=font, text=i18n.both(key), pos=(0.05, Z), scale=SCALE,
                                 fg=theme.TEXT, bg=(0, 0, 0, 0.55), align=TextNode.ALeft)

    def set_visible(self, visible: bool) -> None:
        self.text.show() if visible else self.text.hide()

    def destroy(self) -> None:
        self.text.destroy()
