"""The mayor's office scene: the room, its window over Seoul Plaza, the opinion wall and the city-data board.

The boards show what the hub knows when the scene is given data (:meth:`MayorsOffice.show_proposals`,
:meth:`MayorsOffice.show_city_data`); without a hub they say how to take part.
"""

from __future__ import annotations

from panda3d.core import CardMaker, NodePath, TextNode

from game.interiors import mayors_office
from game.scenes.room import Placement, RoomScene, label
from game.text import i18n

SCENE_ID = "mayors-office"
#: Paper notes pinned on the cork (pastel, so the dark print reads).
NOTE_COLOURS = ((1.0, 0.93, 0.55, 1), (0.72, 0.9, 0.98, 1), (0.98, 0.78, 0.82, 1), (0.8, 0.95, 0.72, 1))
PLACEMENT = Placement(x=33.0, z=22.0)  # sixth floor, east of the old building: nothing between window and plaza


class MayorsOffice(RoomScene):
    def furnish(self) -> None:
        self._proposals: list[dict] = []
        self._data: dict[str, str] = {}
        x, y, z = self.anchor("opinion_board")
        self.sign(label("civic.opinion_wall"), (x + 0.02, y, z + 0.75), "+x", 0.16, name="opinion-title")
        self.notes = self.room.attachNewNode("opinion-notes")
        self.show_proposals([])
        x, y, z = self.anchor("data_board")
        self.sign(label("civic.city_data"), (x - 0.02, y, z + 0.6), "-x", 0.14,
                  color=(1.0, 0.8, 0.25, 1.0), name="data-title")
        self.data = self.room.attachNewNode("city-data")
        self.show_city_data({})
        sx, sy, _ = self.anchor("desk")
        self.sign(i18n.both("civic.mayor_nameplate"), (sx, sy - 0.47, 0.45), "-y", 0.07, color=(0.95, 0.85, 0.55, 1),
                  name="nameplate")

    def show_proposals(self, proposals: list[dict]) -> None:
        """Pin up to six proposals (title and votes) as notes on the opinion wall."""
        lang = self.lang
        self._proposals = proposals
        self.notes.node().removeAllChildren()
        x, y, z = self.anchor("opinion_board")
        if not proposals:
            self.sign(i18n.text("civic.opinion_empty", lang), (x + 0.02, y, z), "+x", 0.11, width=4.0,
                      name="opinion-empty").reparentTo(self.notes)
            return
        for k, p in enumerate(proposals[:6]):
            col, row = k % 3, k // 3
            ny, nz = y + 1.5 - col * 1.5, z + 0.2 - row * 0.78
            card = _card(1.36, 0.66, NOTE_COLOURS[p["proposal_id"] % len(NOTE_COLOURS)])
            card.reparentTo(self.notes)
            card.setPos(x + 0.01, ny, nz - 0.38)
            card.setH(90)  # faces +x, into the room
            card.setShaderOff(10)
            card.setLightOff(10)
            title = p["title"] if len(p["title"]) <= 24 else p["title"][:23] + "…"
            text = f"{title}\n♥ {p['votes']}"
            self.sign(text, (x + 0.02, ny, nz), "+x", 0.1, width=1.3, name=f"note-{k}").reparentTo(self.notes)

    def show_city_data(self, data: dict[str, str]) -> None:
        """Lines such as link status, open tickets, today's events; keys are i18n keys, values shown as given."""
        lang = self.lang
        self._data = data
        self.data.node().removeAllChildren()
        x, y, z = self.anchor("data_board")
        rows = data or {"civic.data_offline": ""}
        text = "\n".join(f"{i18n.text(k, lang)}  {v}".strip() for k, v in rows.items())
        self.sign(text, (x - 0.02, y + 1.35, z + 0.25), "-x", 0.1, color=(0.9, 0.95, 1.0, 1.0), width=2.8,
                  align=TextNode.ALeft, name="data-lines").reparentTo(self.data)


    def relabel(self, lang: str) -> None:
        self.show_proposals(self._proposals)
        self.show_city_data(self._data)


def _card(width: float, height: float, colour: tuple[float, float, float, float]) -> NodePath:
    cm = CardMaker("note")
    cm.setFrame(-width / 2, width / 2, 0, height)
    cm.setColor(colour)
    return NodePath(cm.generate())


def create(app) -> MayorsOffice:
    return MayorsOffice(app, mayors_office.build(), PLACEMENT, SCENE_ID)
