"""The Metaverse 120 Center: a bright civil-affairs hall with service counters by category, a queue display,
waiting benches and FAQ kiosks by the entrance, its window wall on Seoul Plaza."""

from __future__ import annotations

from game.architecture.mesh import box
from game.interiors.kit import CREAM, STEEL, Interior, RoomBuilder, rgba

WIDTH, DEPTH, HEIGHT = 18.0, 12.0, 4.0
#: Counter categories, left to right (protocol ticket categories grouped the way 120 answers them).
COUNTERS = ("documents", "traffic", "cleaning", "welfare", "other")
COUNTER_X = (-6.4, -3.2, 0.0, 3.2, 6.4)
COUNTER_COLOURS = tuple(rgba(c) for c in ("#2F6DB5", "#E0892B", "#3B9153", "#C2457A", "#6B6F78"))


def build() -> Interior:
    r = RoomBuilder(WIDTH, DEPTH, HEIGHT)
    r.shell("paving", rgba("#D9D4CB"), "plaster", CREAM, window=(-8.4, 8.4, 0.3, 3.6))
    for x, colour in zip(COUNTER_X, COUNTER_COLOURS, strict=True):
        r.counter(x, 2.6, 2.6, color=rgba("#F2EEE6"))
        r.parts.add("plaster", box((2.6, 0.02, 0.18), (x, 2.29, 0.8), colour))  # colour band on the counter
        r.chair(x, 3.4, facing=-1.0)
        r.person(x, 3.35, facing=-1.0, seated=True, shirt=rgba("#F3F4F6"))  # staff, in the Center's white shirts
        r.chair(x, 1.8, facing=1.0, color=rgba("#3E4A5C"))
        r.parts.add("metal", box((0.04, 0.04, 1.0), (x - 1.0, 2.6, 3.0), STEEL), box((0.04, 0.04, 1.0),
                                                                                  (x + 1.0, 2.6, 3.0), STEEL))
        r.parts.add("plaster", box((2.3, 0.08, 0.55), (x, 2.6, 2.5), colour))  # hanging category sign
    for y in (-1.4, -2.9):
        for x in (-5.0, -2.4, 2.4, 5.0):
            r.bench(x, y, 2.2)
    r.person(-3.2, 1.6, facing=1.0, shirt=rgba("#B5523B"))  # a visitor at the traffic counter
    r.person(3.2, 1.5, facing=1.0, shirt=rgba("#3E6E8E"), hair=rgba("#6B6B6B"))
    r.person(-5.4, -1.45, facing=1.0, seated=True, shirt=rgba("#6E8B3D"))  # waiting on the benches
    r.person(2.0, -2.95, facing=1.0, seated=True, shirt=rgba("#8E5A9E"))
    for x in (-7.6, 7.6):  # FAQ kiosks: a slanted screen on a pedestal
        r.parts.add("metal", box((0.5, 0.4, 1.0), (x, -4.6, 0), rgba("#E5E7EA")),
                    box((0.75, 0.08, 0.55), (x, -4.7, 1.0), rgba("#1C2026")))
    r.board(0.0, -DEPTH / 2 + 0.03, 2.2, 4.0, 1.1, rgba("#11161C"), facing="+y", frame=rgba("#2B2F35"))
    for x in (-8.3, 8.3, -1.6, 1.6):
        r.plant(x, 4.9 if abs(x) > 5 else -5.3, 1.6)
    r.ceiling_lights(3, 6, 0.8)
    r.anchors.update({
        "camera": (-7.0, -5.5, 1.8), "target": (1.5, 2.8, 1.7),
        "queue_board": (0.0, -DEPTH / 2 + 0.1, 2.75), "faq_kiosk": (-7.6, -4.75, 1.3),
        **{f"counter:{c}": (x, 2.55, 2.78) for c, x in zip(COUNTERS, COUNTER_X, strict=True)},
    })
    return r.build()
