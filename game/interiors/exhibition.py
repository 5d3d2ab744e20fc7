"""The exhibition hall: a top-lit gallery (a skylight lets the sun in), plinths for the exhibits along both
walls and one large centre plinth for the featured piece, caption panels beside each, a bench to sit and listen."""

from __future__ import annotations

import numpy as np

from game.interiors.kit import WARM_WHITE, Interior, RoomBuilder, rgba

WIDTH, DEPTH, HEIGHT = 20.0, 14.0, 5.0


def plinth_positions(count: int) -> list[tuple[float, float]]:
    """Where ``count`` side plinths stand: alternating left and right walls, front to back."""
    per_side = (count + 1) // 2
    ys = np.linspace(-3.5, 4.5, max(per_side, 1))
    return [((-6.6 if k % 2 == 0 else 6.6), float(ys[k // 2])) for k in range(count)]


def build(count: int) -> Interior:
    """A hall for ``count`` side exhibits plus the featured one in the middle (anchors ``plinth:K``,
    ``caption:K`` and ``feature``)."""
    r = RoomBuilder(WIDTH, DEPTH, HEIGHT)
    r.shell("wood", rgba("#C9B293"), "plaster", WARM_WHITE, skylight=True)
    r.rug(0.0, 0.0, 7.0, 10.0, rgba("#3B3F46"))
    for k, (x, y) in enumerate(plinth_positions(count)):
        top = r.plinth(x, y, 1.3, 0.9)
        r.anchors[f"plinth:{k}"] = top
        wall_x = -WIDTH / 2 + 0.03 if x < 0 else WIDTH / 2 - 0.03
        r.board(wall_x, y, 1.2, 1.6, 1.0, rgba("#F2EDE3"), facing="+x" if x < 0 else "-x", frame=rgba("#3A3A3A"))
        r.anchors[f"caption:{k}"] = (wall_x + (0.06 if x < 0 else -0.06), y, 2.05)
    r.anchors["feature"] = r.plinth(0.0, 2.5, 2.6, 0.6)
    r.board(0.0, DEPTH / 2 - 0.03, 1.3, 6.0, 2.2, rgba("#2A2E35"), facing="-y", frame=rgba("#1C1E22"))
    r.anchors["title"] = (0.0, DEPTH / 2 - 0.1, 3.05)
    r.anchors["story"] = (0.0, DEPTH / 2 - 0.1, 2.7)
    r.bench(0.0, -2.6, 2.4)
    r.person(-2.2, 0.6, facing=1.0, shirt=rgba("#C98B2E"))  # visitors looking at the feature
    r.person(2.6, 1.0, facing=1.0, shirt=rgba("#2F5E8E"), hair=rgba("#5A4636"))
    r.person(0.5, -2.62, facing=1.0, seated=True, shirt=rgba("#7A3B46"))
    for x in (-9.2, 9.2):
        r.plant(x, -6.2, 1.8)
    r.ceiling_lights(2, 2, 0.9)
    r.anchors.update({"camera": (-4.0, -6.6, 2.0), "target": (1.0, 2.5, 0.9)})
    return r.build()
