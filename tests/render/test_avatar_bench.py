"""``python -m ui.avatars.bench`` runs with no avatars and with a crowd (each in its own process)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.render
ROOT = Path(__file__).resolve().parents[2]


def bench(avatars: int) -> dict:
    env = dict(os.environ, EGL_PLATFORM="surfaceless")
    out = subprocess.run([sys.executable, "-m", "ui.avatars.bench", "--avatars", str(avatars), "--frames", "4"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_avatar_bench_runs_with_no_avatars():
    result = bench(0)
    assert result["avatars"] == 0 and result["geoms"] == 0 and result["empty_ms"] > 0


def test_the_avatar_bench_reports_a_crowd_and_its_cull_share():
    result = bench(30)
    assert result["avatars"] == 30 and result["vr_avatars"] == 3
    # Plain visitors share the crowd's instanced draws (per outfit: near, far, pictures); VR visitors have their own
    # parts.
    assert 2 <= result["geoms"] <= 6 + 4 * result["vr_avatars"] and result["triangles"] > 0
    assert 0 < result["cull_ms"] < result["with_avatars_ms"]
