"""Landmarks from afar: shells for tile rows and bracket sets keep the silhouette and halve the triangles."""

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
