"""The mountains stand behind the gates: measured from mask renders at a pinned time (see backdrop_probe.py)."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def probe() -> dict:
    return run_probe("backdrop_probe.py")


def test_bugaksan_fills_the_band_above_gwanghwamuns_roof_seen_from_the_square(probe):
    view = probe["gwanghwamun-from-square"]
    assert view["roof_columns"] > 50  # the gate is in the picture
    assert view["band_terrain"] >= 0.6, view


def test_the_tour_view_of_gwanghwamun_has_mountains_behind_the_gate(probe):
    # 75 m from the gate its roof (≈ 11° up) hides Bugaksan's summit (≈ 8.6° up, 2 km away): only the flanks show
    view = probe["gwanghwamun"]
    assert view["band_terrain"] >= 0.15, view
    assert view["sky"] > 0.1  # the mountains do not wall off the sky


def test_namsan_and_n_seoul_tower_show_past_sungnyemun(probe):
    view = probe["sungnyemun-to-namsan"]
    assert view["gate"] >= 0.08 and view["tower_pixels"] >= 100 and view["terrain"] > 0.005, view
