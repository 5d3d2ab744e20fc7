"""Auto-exposure's rules (game.render.exposure), without rendering."""

import math

import pytest

from game.render import exposure as ex


def test_a_scene_at_the_key_keeps_the_curve():
    assert ex.target_stops(0.0, math.log(ex.KEY)) == pytest.approx(0.0)
    assert ex.target_stops(0.8, math.log(ex.KEY / 2 ** 0.8)) == pytest.approx(0.8)


def test_a_darker_scene_opens_up_and_a_brighter_one_closes_down_within_range():
    assert ex.target_stops(0.0, math.log(ex.KEY / 2)) == pytest.approx(1.0)
    assert ex.target_stops(0.0, math.log(ex.KEY * 1.5)) == pytest.approx(-math.log2(1.5))
    assert ex.target_stops(0.8, math.log(0.02)) == pytest.approx(0.8 + ex.RANGE)  # the night square: held
    assert ex.target_stops(0.0, math.log(ex.KEY * 100)) == pytest.approx(-ex.RANGE)


def test_adaptation_is_gradual_and_slower_opening_than_closing():
    assert ex.adapt(0.0, 1.0, 0.0) == 0.0
    opening = ex.adapt(0.0, 1.0, 0.5)
    closing = 1.0 - ex.adapt(1.0, 0.0, 0.5)
    assert 0.0 < opening < closing < 1.0
    assert ex.adapt(0.0, 1.0, 30.0) == pytest.approx(1.0, abs=1e-6)
    assert ex.adapt(0.3, 1.0, -1.0) == pytest.approx(0.3)  # a clock that stepped back changes nothing
