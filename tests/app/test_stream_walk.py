"""A visitor walks down from Cheonggye Plaza to the stream with the walking key, through the real window."""

from __future__ import annotations

import pytest

from game.architecture.stream import layout
from game.nav.walker import EYE_HEIGHT


def test_the_w_key_walks_down_the_stairs_to_the_walkway(desktop, pilot) -> None:
    app = desktop.app
    lm = app.landmarks["cheonggyecheon"]
    lay = layout(lm.params, lm.local, lm.footprint)
    stair_t = float(lay.t_at(lay.head)) - (lay.half_water + lay.half_channel) / 2  # the south flight's middle
    walker = desktop.explore.walker
    walker.teleport(lm.local[0] + lay.head - 2.0, lm.local[1] + stair_t, lay.heading_at(lay.head) - 90.0)
    assert walker.z == 0.0  # on the plaza, facing down the flight
    foot = lm.local[0] + lay.head + lay.stairs_length + 1.0
    for _ in range(100):  # in bursts, until past the foot of the flight: the distance per frame is the frame time's
        pilot.hold("w", 20)
        if walker.x > foot:
            break
    assert walker.x > foot
    assert walker.z == pytest.approx(lay.walkway_z)
    assert app.base.camera.getZ() == pytest.approx(lay.walkway_z + EYE_HEIGHT, abs=1e-3)


def test_the_teleport_menu_takes_the_visitor_to_the_plaza(desktop, pilot) -> None:
    pilot.press("t", "9")  # Cheonggyecheon, the catalogue's ninth landmark
    view = desktop.app.scene.view("cheonggyecheon")
    walker = desktop.explore.walker
    assert (walker.x, walker.y, walker.z) == pytest.approx((view.camera[0], view.camera[1], 0.0), abs=0.05)
    assert desktop.explore.nearest_landmark() == "cheonggyecheon"
