"""Seoul Learn: three small mentoring rooms side by side (open towards the visitor), each with a round table,
two chairs, a mentor and a whiteboard on its back wall."""

from __future__ import annotations

from game.architecture.mesh import box
from game.interiors.kit import WARM_WHITE, Interior, RoomBuilder, rgba

WIDTH, DEPTH, HEIGHT = 15.0, 8.0, 3.2
ROOM_X = (-5.0, 0.0, 5.0)
BOARD = (3.0, 1.5)  # whiteboard width, height
BOARD_Z = 0.9
ROOM_COLOURS = tuple(rgba(c) for c in ("#F2C14E", "#7CC6A4", "#8FB3E0"))


def build() -> Interior:
    r = RoomBuilder(WIDTH, DEPTH, HEIGHT)
    r.shell("wood", rgba("#C8AE8A"), "plaster", WARM_WHITE)
    for x in (-2.5, 2.5):  # glass-topped dividers between the rooms
        r.parts.add("plaster", box((0.12, 4.6, HEIGHT), (x, DEPTH / 2 - 2.3, 0), rgba("#E8E4DC")))
    for k, x in enumerate(ROOM_X):
        r.rug(x, 1.6, 4.0, 3.8, ROOM_COLOURS[k])
        r.table(x, 1.4, 1.4, 0.9)
        r.chair(x - 0.5, 0.6, facing=1.0)
        r.chair(x + 0.5, 2.2, facing=-1.0)
        r.person(x + 0.5, 2.15, facing=-1.0, seated=True, shirt=rgba("#2F5E3A"))  # the mentor
        w, h = BOARD
        r.board(x, DEPTH / 2 - 0.03, BOARD_Z, w, h, rgba("#FBFBFB"), facing="-y", frame=rgba("#9EA3A8"))
        r.anchors[f"board:{k}"] = (x, DEPTH / 2 - 0.08, BOARD_Z)  # the whiteboard's bottom centre, face
        r.anchors[f"room_sign:{k}"] = (x, DEPTH / 2 - 0.08, BOARD_Z + h + 0.25)
    r.ceiling_lights(2, 3, 0.5)
    r.anchors.update({"camera": (-1.2, -3.6, 1.7), "target": (-0.3, 4.0, 1.5)})
    return r.build()
