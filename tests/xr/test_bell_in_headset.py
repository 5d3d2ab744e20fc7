"""The New Year's bell in the headset through main.py: a rehearsal a few seconds before midnight rings in hub time,
and each strike is felt in both controllers (the headset runs the same ceremony as the desk)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.xr
ROOT = Path(__file__).resolve().parents[2]


def test_the_rehearsed_bell_strikes_are_felt_in_both_hands(monado_env, tmp_path):
    out = tmp_path / "xr"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--xr", "--offscreen", "--frames", "240",
                           "--xr-capture", str(out), "--cache-dir", str(tmp_path), "--quality", "low",
                           "--event", "new-year-bell", "--time", "2026-12-31T23:59:59+09:00"],
                          env=monado_env, capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((out / "xr.json").read_text(encoding="utf-8"))
    pulses = [e["haptic"] for e in report["events"] if "haptic" in e]
    assert {"/user/hand/left", "/user/hand/right"} <= set(pulses), report["events"][:20]
