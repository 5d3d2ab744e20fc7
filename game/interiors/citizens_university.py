"""Seoul Citizens' University lecture hall: tiered rows of seats facing a lectern and a large projection screen
on the front wall (the slides) above a caption bar, with the course board on the side wall."""

from __future__ import annotations

from game.architecture.mesh import box
from game.interiors.kit import CREAM, Interior, RoomBuilder, rgba

WIDTH, DEPTH, HEIGHT = 16.0, 14.0, 5.0
SCREEN = (6.4, 3.6)  # width, height of the projection screen (16:9)


def build() -> Interior:
    r = RoomBuilder(WIDTH, DEPTH, HEIGHT)
    r.shell("wood", rgba("#9C7B57"), "plaster", CREAM)
    for row in range(5):  # tiers rise towards the back (-Y)
        y, z = 1.0 - row * 1.5, row * 0.25
        r.parts.add("wood", box((12.0, 1.5, z + 0.01), (0.0, y - 0.2, 0), rgba("#8A6A48")))
        for col in range(8):
            x = -5.25 + col * 1.5
            r.parts.add("fabric", box((0.55, 0.5, 0.45), (x, y, z), rgba("#7A2E2E")),
                        box((0.55, 0.08, 0.5), (x, y - 0.25, z + 0.45), rgba("#7A2E2E")))
    r.person(-3.75, 1.0, facing=1.0, seated=True, shirt=rgba("#3E6E8E"))
    r.person(0.75, -0.5, facing=1.0, seated=True, shirt=rgba("#C98B2E"))
    r.person(3.75, 1.0, facing=1.0, seated=True, shirt=rgba("#6E8B3D"), hair=rgba("#6B6B6B"))
    r.parts.add("wood", box((1.0, 0.6, 1.15), (-4.2, 4.6, 0), rgba("#5A3A24")))  # lectern
    r.person(-4.2, 5.1, facing=-1.0, shirt=rgba("#2E3440"), hair=rgba("#8A8A8A"))  # the lecturer
    w, h = SCREEN
    r.board(0.0, DEPTH / 2 - 0.03, 1.1, w, h, rgba("#F4F4F4"), facing="-y", frame=rgba("#1C1E22"))
    r.board(0.0, DEPTH / 2 - 0.03, 0.3, w, 0.6, rgba("#15181C"), facing="-y", frame=rgba("#1C1E22"))  # captions
    r.board(-WIDTH / 2 + 0.03, -1.0, 1.0, 4.5, 2.2, rgba("#1E3A2A"), facing="+x", frame=rgba("#5A3A24"))
    r.ceiling_lights(3, 3, 0.6)
    r.anchors.update({
        "camera": (3.6, -6.0, 2.9), "target": (-0.6, 6.5, 2.2),
        "screen": (0.0, DEPTH / 2 - 0.09, 1.1 + h / 2), "caption": (0.0, DEPTH / 2 - 0.1, 0.72),
        "course_board": (-WIDTH / 2 + 0.09, -1.0, 3.0),
    })
    return r.build()
