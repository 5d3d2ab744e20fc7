"""The Moon in the rendered sky (see moon_probe.py): where game.moon puts it, lit as its phase says, its lit side
toward the sun; and bloom (forced on, since llvmpipe never gets it) spreads its light into the night around it."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render
FULL = "2026-12-24T22:00+09:00"  # full moon at 01:39 UT that day, high in the east
CRESCENT = "2026-12-13T18:30+09:00"  # four days old, 16 % lit, low in the south-west after sunset


@pytest.fixture(scope="module")
def full() -> dict:
    return run_probe("moon_probe.py", FULL)


@pytest.fixture(scope="module")
def crescent() -> dict:
    return run_probe("moon_probe.py", CRESCENT)


def test_the_full_moon_is_a_bright_whole_disc_where_it_should_be(full):
    assert full["radius_px"] > 4, full
    assert full["lit_share"] > 0.9, full
    assert full["disc"] > 200 and full["sky"] < 30, full


def test_the_crescent_is_lit_on_the_side_facing_the_sun(crescent):
    assert 0.03 < crescent["lit_share"] < 0.35, crescent  # 16 % of the disc, its thin edge partly under 0.85 r
    assert crescent["lean_to_sun"] > 0.8, crescent


def test_bloom_spreads_the_moons_light_around_it(full):
    assert full["ring_bloom"] >= full["ring"] + 5, full
