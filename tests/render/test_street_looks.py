"""The street scene's season, snow and night lights in pixels (see looks_probe.py), at pinned instants: the cherries
along the palace's west wall are pink in early April and green in May; snow settles on the trees and the street
furniture (brighter than the same picture with it melted, and than a clear day); after dark the 12·23 fountain and
the towers' media screens glow bright and coloured, and by day the fountain's lights are off."""

import numpy as np
import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render
APRIL = "2026-04-08T14:00+09:00"  # the KMA's normal flowering date for Seoul
MAY = "2026-05-12T14:00+09:00"
JANUARY = "2026-01-12T14:00+09:00"
JULY_NIGHT = "2026-07-12T22:00+09:00"


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("looks-cache"))


@pytest.fixture(scope="module")
def looks(cache) -> dict:
    """The probe's facts by name, each in its own process, sharing one district cache."""
    runs = {"april": (APRIL, "clear"), "may": (MAY, "clear"), "clear": (JANUARY, "clear"), "snow": (JANUARY, "snow"),
            "night": (JULY_NIGHT, "clear")}
    return {name: run_probe("looks_probe.py", when, weather, cache) for name, (when, weather) in runs.items()}


def test_april_cherries_are_pink_and_may_ones_green(looks):
    april, may = looks["april"]["cherries"], looks["may"]["cherries"]
    assert april["share"] >= 0.03 and may["share"] >= 0.03, (april["share"], may["share"])  # the row is in view
    r, g, b = april["rgb"]
    assert r > g + 20 and b > g + 8, april["rgb"]  # pink: red first, blue over green
    r, g, b = may["rgb"]
    assert g > r + 10 and g > b + 10, may["rgb"]  # in leaf


@pytest.mark.parametrize("part", ["cherries", "ginkgos", "furniture"])
def test_snow_settles_on_trees_and_furniture(looks, part):
    snow, clear = looks["snow"][part], looks["clear"][part]
    assert snow["share"] >= 0.02, snow["share"]
    assert snow["luma"] >= snow["luma_bare"] + 12, (part, snow)  # the settled snow itself, under the same sky
    assert snow["luma"] >= clear["luma"] + 12, (part, snow["luma"], clear["luma"])


def test_after_dark_the_fountain_and_the_screens_glow_in_colour(looks):
    night = looks["night"]
    for part in ("fountain", "screens"):
        look = night[part]
        assert look["share"] >= 0.004, (part, look["share"])
        assert look["luma"] >= 90 and look["luma"] >= 2 * look["image"], (part, look)  # bright against the night
        assert look["chroma"] >= 50, (part, look)  # and coloured


def test_by_day_the_fountain_runs_unlit(looks):
    day, night = looks["may"]["fountain"], looks["night"]["fountain"]
    assert day["share"] >= 0.004, day["share"]  # it runs in May: white water
    assert day["chroma"] < 0.6 * night["chroma"] and day["chroma"] < 40, (day, night)
    assert np.isclose(looks["clear"]["fountain"]["share"], 0.0)  # off in January
