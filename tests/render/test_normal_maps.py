"""Materials' normal maps measured from rendered pixels: relief at medium, nothing at all at low."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render
WHEN = "2026-05-15T14:00"  # pinned: the sun's angle decides how the relief shades


def test_medium_shows_the_granite_and_roof_relief(tmp_path):
    p = run_probe("normals_probe.py", "medium", WHEN, str(tmp_path))
    assert p["normal_maps"] and p["share"] > 0.2, p  # the gate's granite and tile roofs fill the view
    assert not p["identical"]
    # The fine relief the maps add, measured after a high-pass of the difference of the two pictures: neither
    # picture's own spread is a measure of it, since the sky lights faces by their direction (sky_light.py), the
    # stone's weathering and the kit's baked occlusion vary the colour, and a tilted normal can as well lower that
    # spread as raise it. 2026-12: 6 % of the flat picture's fine detail.
    assert p["detail_added"] > 0.03 * p["detail_without"], p


def test_low_renders_identically_without_the_normal_textures(tmp_path):
    p = run_probe("normals_probe.py", "low", WHEN, str(tmp_path))
    assert not p["normal_maps"] and p["share"] > 0.2, p
    assert p["identical"], p
