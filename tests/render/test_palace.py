"""Gyeongbokgung is where the camera looks, by day and floodlit at 22:00: facts measured from the palace's mask and
the pictures at pinned times (see palace_probe.py), the same rules the tour holds every landmark to."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render
DAY, NIGHT = "2026-05-15T14:00+09:00", "2026-12-02T22:00+09:00"


@pytest.fixture(scope="module")
def day() -> dict:
    return run_probe("palace_probe.py", DAY)


@pytest.fixture(scope="module")
def night() -> dict:
    return run_probe("palace_probe.py", NIGHT)


def test_the_throne_hall_fills_the_middle_of_its_tour_view(day):
    view = day["tour"]
    assert view["centre_coverage"] >= 0.9, view  # the hall and its terrace fill the middle half of the picture
    cx, cy = view["centroid"]
    assert 0.4 < cx < 0.6 and 0.35 < cy < 0.75, view  # centred where the camera aims
    assert view["top_row"] < view["height"] * 0.2, view  # the roof rises high into the picture
    assert view["sky_top_quarter"] > view["sky_bottom_quarter"], view


def test_the_palace_stands_behind_gwanghwamuns_arch(day):
    """Walking out of the central arch a visitor sees Heungnyemun and the corridors up the axis, not a field."""
    view = day["through_gate"]
    assert view["coverage"] >= 0.05 and view["centre_coverage"] >= 0.15, view
    assert 0.45 < view["centroid"][0] < 0.55, view  # on the axis, straight ahead


def test_by_day_the_hall_stands_out_from_the_sky(day):
    lum = day["tour"]["luminance"]
    assert lum["sky"] > lum["landmark"] / 3 and lum["image"] > 60, lum


@pytest.mark.parametrize("view", ("tour", "through_gate"))
def test_at_night_the_palace_is_floodlit_against_a_dark_sky(night, view):
    lum = night[view]["luminance"]
    assert lum["image"] >= 35, lum  # the tour's 22:00 rule
    assert lum["landmark"] >= 3 * lum["sky"], lum
