"""Shop fronts at street level in pixels (see facades_probe.py), on Jongno on 15 May: by day a band of coloured
signboards along the blocks' ground storeys, after dark the same band lit, brighter than the lamp-lit street; the
avenue's benches, shelters and bollards stand out from the pale pavement by day, and the shelters' light boxes
glow brighter than the lamp-lit street by night."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def day() -> dict:
    return run_probe("facades_probe.py", "2026-05-15T14:00+09:00")


@pytest.fixture(scope="module")
def night() -> dict:
    return run_probe("facades_probe.py", "2026-05-15T21:00+09:00")


def test_the_ground_storeys_carry_signboards_by_day(day):
    assert day["shops"] >= 0.02, day
    assert day["coloured"] >= 0.05, day  # red, blue, green, yellow boards, not grey boxes


def test_the_shops_are_lit_at_night(day, night):
    assert night["shops"] >= 0.02, night
    assert night["shop_luma"] >= 2.0 * day["shop_luma"], (night, day)
    assert night["shop_luma"] >= 1.3 * night["street_luma"], night


def test_street_furniture_stands_on_the_pavement(day, night):
    for look in (day, night):
        assert look["furniture"] >= 0.002 and look["panels"] > 0.0, look
    assert sum(day["furniture_rgb"]) / 3 < 0.6 * day["street_luma"], day  # steel, wood and stone, not paving
    assert night["panel_luma"] >= 1.5 * night["street_luma"], night  # the shelters' light boxes glow after dark
