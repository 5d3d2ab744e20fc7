"""Materials' normal maps measured from rendered pixels: relief at medium, nothing at all at low."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render
WHEN = "2026-05-15T14:00"  # pinned: the sun's angle decides how the relief shades


def test_medium_shows_the_granite_and_roof_relief(tmp_path):
    p = run_probe("normals_probe.py", "medium", WHEN, str(tmp_path))
    assert p["normal_maps"] and p["share"] > 0.2, p  # the gate's granite and tile roofs fill the view
    assert not p["identical"]
    # The fine relief, measured after a high-pass: the picture's whole variance is no measure of it since the sky
    # lights faces by their direction (game/render/sky_light.py), and a tilted normal can lower that spread as
    # well as raise it.
    assert p["detail_with"] > 1.02 * p["detail_without"], p


def test_low_renders_identically_without_the_normal_textures(tmp_path):
    p = run_probe("normals_probe.py", "low", WHEN, str(tmp_path))
    assert not p["normal_maps"] and p["share"] > 0.2, p
    assert p["identical"], p
