"""Where a sound's caption goes in the headset: in the world near a source in view, else head-locked with an arrow
towards it; world captions keep their angular size. Pure maths."""

from __future__ import annotations

import math

import pytest

from game.xr.caption_place import CAPTION_DEG, arrow_deg, in_view, world_lift, world_scale


def test_a_source_ahead_is_in_view_and_one_aside_or_behind_is_not() -> None:
    assert in_view((0.0, 20.0, 3.0))
    assert in_view((10.0, 20.0, 0.0))  # 27° to the right
    assert not in_view((20.0, 20.0, 0.0))  # 45° to the right
    assert not in_view((0.0, 10.0, 8.0))  # 39° up
    assert not in_view((0.0, -5.0, 0.0))
    assert not in_view((0.0, 0.0, 2.0))


@pytest.mark.parametrize(("rel", "expected"), [
    ((5.0, 1.0, 0.0), 90.0),  # right: the arrow points right
    ((-5.0, 1.0, 0.0), -90.0),  # left
    ((0.0, 1.0, 5.0), 0.0),  # overhead: up
    ((0.0, 1.0, -5.0), 180.0),  # underfoot: down
    ((3.0, 1.0, 3.0), 45.0),  # up and to the right
    ((0.0, -10.0, 0.0), 180.0),  # dead behind: turn around
])
def test_the_arrow_points_the_way_to_turn(rel, expected) -> None:
    assert arrow_deg(rel) == pytest.approx(expected, abs=1e-6)


def test_a_source_behind_points_to_its_own_side() -> None:
    assert 60 < arrow_deg((2.0, -10.0, 0.0)) <= 90
    assert -90 <= arrow_deg((-2.0, -10.0, 0.0)) < -60
    assert arrow_deg((2.0, -10.0, 8.0)) < arrow_deg((2.0, -10.0, -8.0))  # a high one tilts up, a low one down


def test_world_captions_look_the_same_size_near_and_far() -> None:
    for d in (2.0, 10.0, 60.0):
        assert math.degrees(2 * math.atan(world_scale(d) / 2 / d)) == pytest.approx(CAPTION_DEG)
    assert world_scale(40.0) == pytest.approx(20 * world_scale(2.0))
    assert world_lift(10.0) > 0 and world_lift(20.0) == pytest.approx(2 * world_lift(10.0))
