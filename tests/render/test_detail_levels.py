"""Landmarks from afar: shells for tile rows and bracket sets keep the silhouette and halve the triangles; beyond
400 m the distant version (vertices clustered on a half-metre grid) keeps it as a 1280-pixel view shows it."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def probe() -> dict:
    return run_probe("detail_probe.py")


@pytest.mark.parametrize("landmark", ["gwanghwamun", "sungnyemun"])
def test_the_far_version_keeps_the_landmarks_coverage_within_two_percent(probe, landmark):
    full, lod = probe[landmark]["full"], probe[landmark]["lod"]
    assert lod["far_shown"] and not full["far_shown"]
    assert full["coverage"] > 0.01  # the landmark is in the picture
    assert abs(lod["coverage"] - full["coverage"]) <= 0.02 * full["coverage"], (full, lod)


@pytest.mark.parametrize("landmark", ["gwanghwamun", "sungnyemun"])
def test_the_far_version_draws_far_fewer_triangles(probe, landmark):
    full, lod = probe[landmark]["full"], probe[landmark]["lod"]
    assert lod["triangles"] < 0.6 * full["triangles"]


@pytest.mark.parametrize(("where", "share"), [("just past the switch", 0.02), ("640 m", 0.05)])
def test_the_distant_version_keeps_the_gates_coverage(probe, where, share):
    """Within 2 % where it takes over (what a visitor could see change); at 640 m the gate is about 12 pixels tall
    in a 1280-pixel view, and 5 % of its pixels is under a fifth of a pixel along its outline."""
    far, distant = probe["distant"][where]["far"], probe["distant"][where]["distant"]
    assert (far["stage"], distant["stage"]) == (1, 2)
    assert far["coverage"] > 0.01
    assert abs(distant["coverage"] - far["coverage"]) <= share * far["coverage"], (far, distant)
    assert distant["triangles"] < far["triangles"]
