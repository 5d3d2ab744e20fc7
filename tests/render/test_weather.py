"""Weather and season in pixels (see weather_probe.py), one view of Gwanghwamun Square on a November afternoon:
rain and snow each change the picture measurably from clear weather (rain darker underfoot, snow whiter),
November's ginkgos along Sejong-daero are gold where July's are green, and the square's own trees are rust-orange
in November, green in July, bare grey-brown twigs in January and still there, warm, at night; rain leaves
puddles that mirror the bright cloud by day and stand out from the lamp-lit paving by night, and none when dry."""

import numpy as np
import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render
NOVEMBER = "2026-11-12T14:00+09:00"
JULY = "2026-07-12T14:00+09:00"
JANUARY = "2026-01-12T14:00+09:00"
NOVEMBER_NIGHT = "2026-11-12T22:00+09:00"
VIEW = "gwanghwamun-square"


@pytest.fixture(scope="module")
def looks() -> dict:
    return {w: run_probe("weather_probe.py", NOVEMBER, VIEW, w) for w in ("clear", "rain", "snow")}


def _change(a: dict, b: dict) -> float:
    """Mean absolute difference of the coarse luminance grids, in 0–255 levels."""
    return float(np.abs(np.asarray(a["grid"]) - np.asarray(b["grid"])).mean())


@pytest.mark.parametrize("weather", ["rain", "snow"])
def test_rain_and_snow_differ_from_clear(looks, weather):
    assert _change(looks[weather], looks["clear"]) >= 8.0, (weather, looks[weather]["image"], looks["clear"]["image"])


def test_rain_darkens_and_snow_whitens_the_ground(looks):
    looks = {k: {"ground": v["ground"]} for k, v in looks.items()}  # short failure messages
    assert looks["snow"]["ground"] > looks["rain"]["ground"] + 10, looks
    assert looks["snow"]["ground"] > looks["clear"]["ground"] > looks["rain"]["ground"], looks


@pytest.fixture(scope="module")
def july() -> dict:
    return run_probe("weather_probe.py", JULY, VIEW, "clear")


def test_november_ginkgos_are_gold_and_july_ones_are_not(looks, july):
    assert looks["clear"]["trees"] >= 0.005 and july["trees"] >= 0.005  # the rows are in view
    assert looks["clear"]["gold"] >= 0.4, looks["clear"]["gold"]
    assert july["gold"] < 0.02, july["gold"]


def test_the_squares_trees_follow_the_season(looks, july):
    november = looks["clear"]
    january = run_probe("weather_probe.py", JANUARY, VIEW, "clear")
    for look in (november, july, january):
        assert look["square_trees"] >= 0.03, look["square_trees"]  # the west side's rows are in view
    r, g, b = november["square_rgb"]
    assert r > 1.6 * g and g > 2 * b, november["square_rgb"]  # rust-orange, redder than the ginkgos' gold
    r, g, b = july["square_rgb"]
    assert g > 1.5 * r and g > 2 * b, july["square_rgb"]  # green
    r, g, b = january["square_rgb"]
    assert max(r, g, b) - min(r, g, b) < 30 and 40 < g < 140, january["square_rgb"]  # bare: grey-brown twigs
    assert january["square_trees"] < november["square_trees"]  # bare crowns are smaller


def test_the_squares_trees_stand_at_night():
    night = run_probe("weather_probe.py", NOVEMBER_NIGHT, VIEW, "clear")
    assert night["square_trees"] >= 0.03, night["square_trees"]
    r, g, b = night["square_rgb"]
    assert 20 < r and r > 2 * g and r > 2 * b, night["square_rgb"]  # the autumn crowns lit warm by the lamps


def test_rain_leaves_puddles_that_mirror_the_sky(looks):
    rain, clear, snow = looks["rain"], looks["clear"], looks["snow"]
    assert clear["puddles"] == 0.0 and snow["puddles"] == 0.0  # none when dry, none under snow
    assert rain["puddles"] >= 0.005, rain["puddles"]
    assert rain["puddle_luma"] > rain["dry_luma"] + 20, (rain["puddle_luma"], rain["dry_luma"])  # bright cloud
    night = run_probe("weather_probe.py", NOVEMBER_NIGHT, VIEW, "rain")
    assert night["puddles"] >= 0.005, night["puddles"]
    assert abs(night["puddle_luma"] - night["dry_luma"]) >= 8, (night["puddle_luma"], night["dry_luma"])
