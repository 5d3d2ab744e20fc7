"""Landmarks from afar: shells for tile rows and bracket sets keep the silhouette and halve the triangles."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.render
PROBE = Path(__file__).with_name("detail_probe.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def probe() -> dict:
    env = dict(os.environ, EGL_PLATFORM="surfaceless", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, str(PROBE)], env=env, capture_output=True, text=True, timeout=300,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


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
