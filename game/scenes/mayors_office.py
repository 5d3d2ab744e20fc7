"""The mayor's office scene: the room, its window over Seoul Plaza, the opinion wall and the city-data board.

The boards show what the hub knows when the scene is given data (:meth:`MayorsOffice.show_proposals`,
:meth:`MayorsOffice.show_city_data`); without a hub they say how to take part.
"""

from __future__ import annotations

from panda3d.core import TextNode

from game.civic.room import Placement, RoomScene
from game.interiors import mayors_office
from ui import i18n

SCENE_ID = "mayors-office"
PLACEMENT = Placement(x=33.0, z=22.0)  # sixth floor, east of the old building: nothing between window and plaza


class MayorsOffice(RoomScene):
    def furnish(self) -> None:
        lang = self.app.config.language
        x, y, z = self.anchor("opinion_board")
        self.sign(i18n.text("civic.opinion_wall", lang), (x + 0.02, y, z + 0.75), "+x", 0.16, name="opinion-title")
        self.notes = self.room.attachNewNode("opinion-notes")
        self.show_proposals([])
        x, y, z = self.anchor("data_board")
        self.sign(i18n.text("civic.city_data", lang), (x - 0.02, y, z + 0.6), "-x", 0.14,
                  color=(1.0, 0.8, 0.25, 1.0), name="data-title")
        self.data = self.room.attachNewNode("city-data")
        self.show_city_data({})
        sx, sy, _ = self.anchor("desk")
        self.sign(i18n.both("civic.mayor_nameplate"), (sx, sy - 0.47, 0.45), "-y", 0.07, color=(0.95, 0.85, 0.55, 1),
                  name="nameplate")

    def show_proposals(self, proposals: list[dict]) -> None:
        """Pin up to six proposals (title and votes) as notes on the opinion wall."""
        lang = self.app.config.language
        self.notes.node().removeAllChildren()
        x, y, z = self.anchor("opinion_board")
        if not proposals:
            self.sign(i18n.text("civic.opinion_empty", lang), (x + 0.02, y, z), "+x", 0.11, width=4.0,
                      name="opinion-empty").reparentTo(self.notes)
            return
        for k, p in enumerate(proposals[:6]):
            col, row = k % 3, k // 3
            text = f"{p['title'][:24]}\n♥ {p['votes']}"
            self.sign(text, (x + 0.02, y + 1.5 - col * 1.5, z + 0.25 - row * 0.75), "+x", 0.1, width=1.3,
                      name=f"note-{k}").reparentTo(self.notes)

    def show_city_data(self, data: dict[str, str]) -> None:
        """Lines such as link status, open tickets, today's events; keys are i18n keys, values shown as given."""
        lang = self.app.config.language
        self.data.node().removeAllChildren()
        x, y, z = self.anchor("data_board")
        rows = data or {"civic.data_offline": ""}
        text = "\n".join(f"{i18n.text(k, lang)}  {v}".strip() for k, v in rows.items())
        self.sign(text, (x - 0.02, y + 1.35, z + 0.25), "-x", 0.1, color=(0.9, 0.95, 1.0, 1.0), width=2.8,
                  align=TextNode.ALeft, name="data-lines").reparentTo(self.data)


def create(app) -> MayorsOffice:
    return MayorsOffice(app, mayors_office.build(), PLACEMENT, SCENE_ID)
