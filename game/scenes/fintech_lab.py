"""Seoul Fintech Lab scene: each resident company's booth with its procedurally drawn logo and a plaque (name,
field, pitch), the demo-day screen over the pitch stage, the notice that the companies are samples, and beside
the screen the demo day's raised hands in order (questions to the pitching company)."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.interiors import fintech_lab
from game.scenes.room import Placement, RoomScene
from game.spaces import cards, catalogue, drawing, hands
from game.text import i18n

SCENE_ID = "fintech-lab"
PLACEMENT = Placement(x=-20.0, z=17.5)
LOGO_SIZE = 1.0  # metres


@dataclass
class FintechLab(RoomScene):
    data: catalogue.FintechLab | None = None
    hand_names: list[str] = field(default_factory=list)

    def furnish(self) -> None:
        lang = self.app.config.language
        self.logos = []
        for k, company in enumerate(self.data.companies):
            x, y, z = self.anchor(f"logo:{k}")
            facing = "+x" if x < 0 else "-x"
            logo = cards.card(self.room, drawing.logo(company.logo_shape, company.logo_color), LOGO_SIZE,
                              LOGO_SIZE, f"logo-{company.id}")
            logo.setPos(x, y, z - 0.6)
            logo.setH(90.0 if facing == "+x" else -90.0)
            self.logos.append(logo)
            self.sign(company.name[lang], (x, y, z + 0.52), facing, 0.12, name=f"company-{k}")
            px, py, pz = self.anchor(f"plaque:{k}")
            sample = f" ({i18n.text('spaces.sample', lang)})" if company.illustrative else ""
            self.sign(f"{company.field_name[lang]}{sample}\n{company.pitch[lang]}", (px, py, pz), facing, 0.06,
                      width=1.5, name=f"pitch-{k}")
        x, y, z = self.anchor("screen")
        self.sign(i18n.both("spaces.lab_title"), (x, y, z + 0.4), "-y", 0.26, color=(1.0, 0.8, 0.25, 1),
                  name="lab-title")
        self.sign(i18n.text("spaces.demo_day", lang), (x, y, z - 0.2), "-y", 0.2, color=(0.9, 0.93, 1.0, 1),
                  name="demo-day")
        self.sign(self.data.notice[lang], (x, y, z - 0.75), "-y", 0.1, color=(0.8, 0.85, 0.9, 1), width=4.6,
                  name="notice")
        self.hands = self.room.attachNewNode("hands")
        self.show_hands([])

    def show_hands(self, names: list[str]) -> None:
        """Demo day's raised hands on the back wall left of the screen (the host gives the floor in this order)."""
        self.hand_names = list(names)
        x, y, z = self.anchor("screen")
        hands.show_hands(self, self.hands, self.hand_names, (x - 7.6, y, z + 0.9), "-y", (0.1, 0.1, 0.12, 1))

    def relabel(self, lang: str) -> None:
        self.show_hands(self.hand_names)


def create(app) -> FintechLab:
    data = catalogue.load_fintech_lab()
    return FintechLab(app, fintech_lab.build(len(data.companies)), PLACEMENT, SCENE_ID, data=data)
