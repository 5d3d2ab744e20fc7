"""Sun, shadows and sky measured from rendered pixels (each probe in its own process)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.render
PROBE = Path(__file__).with_name("pipeline_probe.py")
ROOT = Path(__file__).resolve().parents[2]


def probe(when: str) -> dict:
    env = dict(os.environ, EGL_PLATFORM="surfaceless", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, str(PROBE), when], env=env, capture_output=True, text=True, timeout=120,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("when", ["2026-06-21T12:30", "2026-06-21T17:00", "2026-12-21T09:30"])
def test_a_tower_casts_its_shadow_away_from_the_sun(when):
    p = probe(when)
    assert p["elevation"] > 10
    assert p["shadow"] < 0.8 * p["open"], p


def test_the_sky_follows_the_sun():
    day, night = probe("2026-06-21T12:30"), probe("2026-06-21T23:30")
    assert night["elevation"] < 0
    assert sum(day["zenith_rgb"]) > 3 * sum(night["zenith_rgb"])
    assert day["zenith_rgb"][2] > day["zenith_rgb"][0]  # blue above by day
    # paler (whiter) towards the horizon; not brighter here: 10° from the zenith this noon sun is 24° away, and
    # the circumsolar sky there outshines the low sky opposite the sun (Preetham and the CIE clear sky agree)
    zr, _, zb = day["zenith_rgb"]
    hr, _, hb = day["horizon_rgb"]
    assert zb / zr > hb / hr
    assert night["open"] < 0.5 * day["open"]  # and the ground goes dark with it
