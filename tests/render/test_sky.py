"""The sky, measured from its pixels in a tour view (see sky_probe.py): at 14:00 it pales from zenith to horizon
and carries clouds; at 22:00 it shows stars, points no daytime sky has."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render
DAY = "2026-05-15T14:00+09:00"
NIGHT = "2026-12-02T22:00+09:00"


@pytest.fixture(scope="module")
def day() -> dict:
    return run_probe("sky_probe.py", DAY, "gwanghwamun")


@pytest.fixture(scope="module")
def night() -> dict:
    return run_probe("sky_probe.py", NIGHT, "gwanghwamun")


def test_day_sky_pales_towards_the_horizon(day):
    assert day["rows"] >= 20, day
    assert day["top_blue"] >= day["bottom_blue"] + 2, day  # deeper blue overhead
    assert day["bottom"] >= day["top"] + 1.5, day  # brighter at the horizon


def test_day_sky_has_clouds(day):
    assert day["spread"] >= 3.0, day  # a cloudless gradient varies along its rows by well under one level
    assert day["points"] < 0.0005, day  # clouds are soft: no star-like points by day


def test_night_sky_has_stars(night):
    assert night["points"] >= 0.001, night
