"""The reservations desk: a counter, a wall calendar of the coming fortnight, and framed photos of the bookable
places (Seoul Plaza, Citizens Hall, the library seminar room) rendered from the city itself."""

from __future__ import annotations

from game.interiors.kit import CREAM, Interior, RoomBuilder, rgba

WIDTH, DEPTH, HEIGHT = 12.0, 9.0, 3.6
CALENDAR_DAYS = 14


def build() -> Interior:
    r = RoomBuilder(WIDTH, DEPTH, HEIGHT)
    r.shell("wood", rgba("#B89B78"), "plaster", CREAM, window=(-3.5, 3.5, 0.6, 3.0))
    r.counter(0.0, 2.4, 4.2, color=rgba("#E9E2D4"))
    r.chair(-0.9, 3.2, facing=-1.0)
    r.person(-0.9, 3.15, facing=-1.0, seated=True, shirt=rgba("#F3F4F6"))
    r.chair(0.9, 3.2, facing=-1.0)
    r.chair(-0.9, 1.6, facing=1.0, color=rgba("#7A3B33"))
    r.chair(0.9, 1.6, facing=1.0, color=rgba("#7A3B33"))
    r.board(-WIDTH / 2 + 0.03, 0.0, 0.9, 5.6, 2.0, rgba("#F7F4EE"), facing="+x")  # the calendar
    for k in range(CALENDAR_DAYS):
        col, row = k % 7, k // 7
        r.board(-WIDTH / 2 + 0.08, -2.4 + col * 0.8, 1.95 - row * 0.8, 0.7, 0.6, rgba("#DCE7F2"),
                facing="+x", frame=rgba("#9FB4C8"))
    photos = []
    for k, y in enumerate((-2.6, 0.0, 2.6)):
        r.board(WIDTH / 2 - 0.03, y, 1.2, 2.0, 1.3, rgba("#808890"), facing="-x")
        photos.append((f"photo:{k}", (WIDTH / 2 - 0.09, y, 1.85)))
    r.plant(-5.4, 3.9, 1.5)
    r.plant(5.4, 3.9, 1.5)
    r.bench(0.0, -3.6, 2.4)
    r.ceiling_lights(2, 3, 0.7)
    r.anchors.update({"camera": (4.2, -4.0, 1.7), "target": (-5.0, 1.0, 1.5), "calendar": (-WIDTH / 2 + 0.1, 0.0, 1.9),
                      "counter_sign": (0.0, 2.05, 0.6), **dict(photos)})
    return r.build()
