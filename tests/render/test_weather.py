"""Weather and season in pixels (see weather_probe.py), one view of Gwanghwamun Square on a November afternoon:
rain and snow each change the picture measurably from clear weather (rain darker underfoot, snow whiter), and
November's ginkgos along Sejong-daero are gold where July's are green."""

import numpy as np
import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render
NOVEMBER = "2026-11-12T14:00+09:00"
JULY = "2026-07-12T14:00+09:00"
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


def test_november_ginkgos_are_gold_and_july_ones_are_not(looks):
    july = run_probe("weather_probe.py", JULY, VIEW, "clear")
    assert looks["clear"]["trees"] >= 0.005 and july["trees"] >= 0.005  # the rows are in view
    assert looks["clear"]["gold"] >= 0.4, looks["clear"]["gold"]
    assert july["gold"] < 0.02, july["gold"]
