"""The Seoul Lantern Festival on Cheonggyecheon, rendered at pinned instants (see lantern_probe.py): at 20:00
during the festival the sculptures stand in the stream, glow and light the water; on a November evening before
it, the same view has none of them."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render
DURING = "2025-12-20T20:00+09:00"  # the 17th festival (12 December 2025 to 4 January 2026), a Saturday evening
BEFORE = "2025-11-20T20:00+09:00"  # a month before it, same hour and season


@pytest.fixture(scope="module")
def during() -> dict:
    return run_probe("lantern_probe.py", DURING)


@pytest.fixture(scope="module")
def before() -> dict:
    return run_probe("lantern_probe.py", BEFORE)


def test_during_the_festival_lit_lanterns_stand_in_the_stream(during):
    assert during["festival"] and during["lit"] and during["year"] == 2025
    assert during["lantern_pixels"] > 0.01, during  # the sculptures are in view
    assert during["lanterns_glowing"] > 0.15, during  # their panels shine bright and warm
    assert during["glowing"] > 0.005, during


def test_outside_the_dates_there_are_none(before):
    assert not before["festival"]
    assert before["glowing"] < 0.0005, before  # floodlit stone is warm but never this bright and saturated


def test_the_lanterns_light_the_water(during, before):
    assert during["water_pixels"] > 0.05 and before["water_pixels"] > 0.05
    assert during["water_luma"] > before["water_luma"] * 1.1, (during, before)
