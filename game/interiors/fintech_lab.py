"""Seoul Fintech Lab: a showroom of booths along the left wall (a logo panel and a pitch plaque each) and, at
the far end, a raised pitch stage with a screen and rows of seats for demo day."""

from __future__ import annotations

from game.architecture.mesh import box
from game.interiors.kit import WARM_WHITE, Interior, RoomBuilder, rgba

WIDTH, DEPTH, HEIGHT = 18.0, 14.0, 4.5
STAGE_Y = 4.6


def booth_positions(count: int) -> list[tuple[float, float]]:
    """Booths along the left wall, front to back (the entrance's view takes them all in with the stage)."""
    step = 8.6 / max(count, 1)
    return [(-7.6, -5.4 + step * (k + 0.5)) for k in range(count)]


def build(count: int) -> Interior:
    r = RoomBuilder(WIDTH, DEPTH, HEIGHT)
    r.shell("paving", rgba("#C8CCD1"), "plaster", WARM_WHITE)
    for k, (x, y) in enumerate(booth_positions(count)):
        inward = 1.0 if x < 0 else -1.0
        wall_x = x - inward * 0.35
        r.parts.add("plaster", box((0.8, 1.6, 0.95), (x, y, 0), rgba("#F2F2F0")))  # the booth's desk
        r.board(wall_x, y, 1.2, 1.3, 1.3, rgba("#FFFFFF"), facing="+x" if x < 0 else "-x", frame=rgba("#2B2F35"))
        face = wall_x + inward * 0.06
        r.anchors[f"logo:{k}"] = (face, y, 1.85)
        r.anchors[f"plaque:{k}"] = (x + inward * 0.41, y, 0.85)
    # the pitch stage: a platform, a lectern, a screen on the back wall, seats facing it
    r.parts.add("wood", box((8.0, 3.0, 0.45), (0.0, STAGE_Y + 0.4, 0), rgba("#3A2A20")))
    r.parts.add("metal", box((0.6, 0.45, 1.1), (-2.6, STAGE_Y, 0.45), rgba("#23272D")))
    r.person(-1.6, STAGE_Y + 0.1, facing=-1.0, shirt=rgba("#B5523B"))  # a founder pitching
    r.board(0.0, DEPTH / 2 - 0.03, 1.3, 5.0, 2.6, rgba("#0E1620"), facing="-y", frame=rgba("#1C1E22"))
    for row in range(3):
        for col in range(6):
            r.chair(-3.75 + col * 1.5, 0.8 - row * 1.3, facing=1.0, color=rgba("#2F6DB5"))
            r.anchors[f"seat:{row * 6 + col}"] = (-3.75 + col * 1.5, 0.8 - row * 1.3, 0.0)  # demo day's places
    r.person(-2.25, 0.8, facing=1.0, seated=True, shirt=rgba("#3F7A46"))
    r.person(0.75, -0.5, facing=1.0, seated=True, shirt=rgba("#8E5A9E"))
    r.ceiling_lights(3, 5, 0.7)
    r.anchors.update({"camera": (7.4, -6.4, 2.4), "target": (-3.5, 2.0, 1.3),
                      "screen": (0.0, DEPTH / 2 - 0.1, 2.6), "notice": (0.0, -DEPTH / 2 + 0.1, 2.9)})
    return r.build()
