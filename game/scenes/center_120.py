"""The Metaverse 120 Center scene: counters signed by category, the queue display, the FAQ kiosks."""

from __future__ import annotations

from game.interiors import center_120
from game.scenes.room import Placement, RoomScene, label
from game.text import i18n

SCENE_ID = "center-120"
PLACEMENT = Placement(x=-20.0, z=17.5)  # fifth floor, clear of the old building's roof, across from the mayor


class Center120(RoomScene):
    def furnish(self) -> None:
        for category in center_120.COUNTERS:
            x, y, z = self.anchor(f"counter:{category}")
            self.sign(label(f"civic.counter_{category}"), (x, y - 0.06, z - 0.02), "-y", 0.2,
                      color=(1, 1, 1, 1), name=f"counter-{category}")
        x, y, z = self.anchor("queue_board")
        self.sign(i18n.both("civic.center_title"), (x, y + 0.06, z - 0.15), "+y", 0.17, color=(1.0, 0.8, 0.25, 1),
                  name="center-title")
        self.queue = self.sign(label("civic.queue_now", number=120), (x, y + 0.06, z - 0.55), "+y", 0.22,
                               color=(0.5, 1.0, 0.6, 1), name="queue")
        x, y, z = self.anchor("faq_kiosk")
        self.sign(label("civic.faq_kiosk"), (x, y - 0.06, z - 0.02), "-y", 0.09, color=(1, 1, 1, 1),
                  name="faq-kiosk")


def create(app) -> Center120:
    return Center120(app, center_120.build(), PLACEMENT, SCENE_ID)
