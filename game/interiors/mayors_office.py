"""The mayor's office, after the real one on the sixth floor of Seoul City Hall: a long room whose window wall
looks over Seoul Plaza, the desk before it between the national and city flags, a meeting table for visitors,
bookshelves, and two walls that talk back: the opinion wall (citizens' proposals) and the city-data board."""

from __future__ import annotations

import numpy as np

from game.architecture.mesh import box
from game.interiors.kit import CARPET, CREAM, WALNUT, Interior, RoomBuilder, rgba

WIDTH, DEPTH, HEIGHT = 14.0, 10.0, 3.4
WINDOW = (-5.6, 5.6, 0.08, 3.05)  # floor to ceiling, like the glass building's curtain wall


def build() -> Interior:
    rng = np.random.default_rng(120)
    r = RoomBuilder(WIDTH, DEPTH, HEIGHT)
    r.shell("wood", rgba("#8A6446"), "plaster", CREAM, window=WINDOW)
    r.rug(2.2, 2.6, 6.0, 3.6, CARPET)
    r.desk(3.0, 3.3, width=2.2)
    r.chair(3.0, 4.1, facing=-1.0, tall=True)
    r.chair(2.5, 2.3, facing=1.0)
    r.chair(3.6, 2.3, facing=1.0)
    r.flag(1.2, 4.4, "korea")
    r.flag(4.8, 4.4, "seoul")
    r.table(-3.0, 0.8, 4.2, 1.4, seats=3)
    r.rug(-4.2, -3.3, 4.2, 2.6, rgba("#8C7B6A"))
    r.sofa(-4.2, -4.2, 2.6, facing=1.0, color=rgba("#D9D2C3"))
    r.parts.add("wood", box((1.2, 0.6, 0.04), (-4.2, -3.1, 0.4), WALNUT),  # coffee table
                box((1.0, 0.45, 0.4), (-4.2, -3.1, 0), WALNUT))
    r.bookshelf(WIDTH / 2 - 0.2, 2.4, 4.4, 2.5, rng, facing="-x")
    r.bookshelf(-WIDTH / 2 + 0.2, 3.5, 2.4, 2.5, rng, facing="+x")
    r.board(-WIDTH / 2 + 0.03, -1.0, 0.9, 4.6, 1.9, rgba("#B98E5A"), facing="+x")  # cork: the opinion wall
    r.board(WIDTH / 2 - 0.03, -2.6, 1.0, 3.0, 1.7, rgba("#15191F"), facing="-x", frame=rgba("#2B2F35"))
    r.plant(-6.3, 4.3, 1.7)
    r.plant(6.3, -4.3, 1.5)
    r.plant(-1.0, -4.4, 1.2)
    r.ceiling_lights(3, 4)
    r.anchors.update({
        "camera": (-5.8, 2.6, 1.7), "target": (3.0, 5.2, 0.6),
        "opinion_board": (-WIDTH / 2 + 0.1, -1.0, 1.85), "data_board": (WIDTH / 2 - 0.1, -2.6, 1.85),
        "desk": (3.0, 3.3, 0.8), "window": (0.0, DEPTH / 2, 1.8),
    })
    return r.build()

