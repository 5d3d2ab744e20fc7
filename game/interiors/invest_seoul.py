"""Invest Seoul Center: a consulting lounge (sofas, staff to greet, the FAQ board by the window) and, behind a partition
with a doorway, a private consulting room with a table for two and a document screen on its wall."""

from __future__ import annotations

from game.architecture.mesh import box
from game.interiors.kit import CREAM, STEEL, Interior, RoomBuilder, rgba

WIDTH, DEPTH, HEIGHT = 14.0, 10.0, 3.6
PARTITION_X = 2.0  # the private room lies east of this wall
FAQ_ROWS = 5
DOC_SCREEN = (2.3, 1.5, 0.95)  # a shared PDF page on the private room's screen: width, height, bottom (metres)


def build() -> Interior:
    r = RoomBuilder(WIDTH, DEPTH, HEIGHT)
    r.shell("wood", rgba("#B7A58C"), "plaster", CREAM, window=(-0.8, 6.2, 0.6, 3.1))
    wall = rgba("#E4DED2")
    # the partition: a low wall with a glass screen above (posts and a head beam; no pane), a doorway in front
    r.parts.add("plaster", box((0.15, DEPTH - 2.2, 1.0), (PARTITION_X, 1.1, 0), wall))
    r.parts.add("metal", box((0.1, DEPTH - 2.2, 0.12), (PARTITION_X, 1.1, 2.3), STEEL),
                *[box((0.08, 0.08, 1.3), (PARTITION_X, y, 1.0), STEEL) for y in (-2.8, -0.6, 1.6, 3.8)])
    # lounge
    r.rug(-3.0, -0.5, 5.0, 4.0, rgba("#2F4A6B"))
    r.sofa(-4.2, -1.6, 2.2, facing=1.0, color=rgba("#D9CFBF"))
    r.sofa(-1.8, -1.6, 2.2, facing=1.0, color=rgba("#D9CFBF"))
    r.table(-3.0, 0.2, 1.6, 0.7)
    r.person(-1.2, 1.2, facing=-1.0, shirt=rgba("#1F3A5F"))  # staff greeting visitors
    r.person(-4.2, -1.6, facing=1.0, seated=True, shirt=rgba("#8E5A3E"))  # a visitor waiting
    r.board(-4.0, DEPTH / 2 - 0.03, 0.8, 4.8, 2.2, rgba("#10233B"), facing="-y", frame=rgba("#2B2F35"))
    r.plant(-6.3, 4.3, 1.5)
    r.plant(1.4, -4.3, 1.3)
    # private room
    r.table(4.6, 0.6, 1.8, 1.0)
    r.chair(4.6, -0.3, facing=1.0, color=rgba("#2B2522"))
    r.chair(4.6, 1.5, facing=-1.0, color=rgba("#2B2522"))
    r.person(4.6, 1.45, facing=-1.0, seated=True, shirt=rgba("#F3F4F6"))  # the consultant
    r.board(WIDTH / 2 - 0.03, 1.2, 0.9, 2.4, 1.6, rgba("#FFFFFF"), facing="-x", frame=rgba("#3A3F44"))
    r.ceiling_lights(2, 4, 0.6)
    r.anchors.update({
        "camera": (1.4, -4.8, 2.3), "target": (-2.2, 4.0, 1.3),
        "title": (-4.0, DEPTH / 2 - 0.05, 3.15), "faq_board": (-4.0, DEPTH / 2 - 0.09, 2.7),
        "document": (WIDTH / 2 - 0.1, 1.2, 2.5), "private_sign": (PARTITION_X - 0.07, 1.1, 2.5),
    })
    return r.build()
