"""Street lamps and lit windows at night, measured from pixels (see night_probe.py): at 22:00 the same view is
brighter with them than with them hidden, brighter where the streets are, and the lamps light the square's trees."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render
NIGHT = "2026-12-02T22:00+09:00"


@pytest.fixture(scope="module")
def square() -> dict:
    return run_probe("night_probe.py", NIGHT, "gwanghwamun-square")


def test_lamps_and_windows_brighten_the_streets_at_night(square):
    lit, unlit = square["lit"], square["unlit"]
    assert lit["streets"] >= unlit["streets"] + 2.0, square
    assert lit["image"] >= unlit["image"] + 2.0, square


def test_the_pools_of_lamplight_are_drawn_only_after_dusk(square):
    assert square["pools_drawn"] == {"then": True, "noon": False, "then_again": True}


def test_the_lamps_light_the_squares_trees(square):
    trees = square["trees"]
    assert trees["pixels"] > 100, trees
    # without it they stood as black shapes: the night's key light is the landmarks' floodlight
    assert trees["lamps"] >= 1.5 * trees["no_lamps"] + 3.0, trees
