"""Exposure by day and by night (see exposure_probe.py): the GPU presets' measured auto-exposure keeps the day's
look, opens up at night within its stop of the time-of-day curve, and the night picture still holds the issue's
target (bright enough to see, the landmark well above the sky)."""

import pytest

from game.render import exposure
from tests.render.probe import run_probe

pytestmark = pytest.mark.render
DAY = "2026-05-15T14:00+09:00"
NIGHT = "2026-12-02T22:00+09:00"


@pytest.fixture(scope="module")
def day() -> dict:
    return run_probe("exposure_probe.py", DAY, "gwanghwamun")


@pytest.fixture(scope="module")
def night() -> dict:
    return run_probe("exposure_probe.py", NIGHT, "gwanghwamun")


def test_measured_exposure_keeps_the_day_look(day):
    assert abs(day["measured"]["exposure"] - day["curve"]["exposure"]) < 0.4, day
    assert abs(day["measured"]["image"] - day["curve"]["image"]) < 12, day


def test_measured_exposure_opens_up_at_night_within_its_range(night):
    curve, measured = night["curve"], night["measured"]
    assert curve["exposure"] + 0.3 < measured["exposure"] <= curve["exposure"] + exposure.RANGE + 1e-6, night
    assert measured["image"] > curve["image"], night


@pytest.mark.parametrize("kind", ["curve", "measured"])
def test_the_night_target_holds_either_way(night, kind):
    lum = night[kind]
    assert lum["image"] >= 35, night
    assert lum["landmark"] >= 3 * lum["sky"], night
