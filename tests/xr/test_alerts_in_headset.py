"""Alerts in VR through main.py: the hub's alert reaches the head-locked panel, is spoken, and pulses both
controllers."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from panda3d.core import PNMImage

from tests.pinned import DAY

pytestmark = pytest.mark.xr
ROOT = Path(__file__).resolve().parents[2]
ALERT = ROOT / "tests" / "alerts" / "data" / "heavy_rain_urgent.xml"


def yellow_share(path: Path) -> float:
    img = PNMImage(str(path))
    px = np.array([[img.getXel(x, y) for x in range(0, img.getXSize(), 2)] for y in range(0, img.getYSize(), 2)])
    return float(((px[..., 0] > 0.8) & (px[..., 1] > 0.6) & (px[..., 2] < 0.3)).mean())


def test_an_urgent_alert_shows_on_the_head_panel_with_haptics(monado_env, tmp_path):
    dropbox = tmp_path / "embedded-city" / "hub" / "dropbox"
    dropbox.mkdir(parents=True)
    shutil.copy(ALERT, dropbox / ALERT.name)
    out = tmp_path / "xr"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--xr", "--offscreen", "--frames", "150",
                           "--xr-capture", str(out), "--cache-dir", str(tmp_path), "--quality", "low", "--time", DAY],
                          env=monado_env, capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((out / "xr.json").read_text(encoding="utf-8"))
    pulses = {e["haptic"] for e in report["events"] if "haptic" in e}
    assert pulses == {"/user/hand/left", "/user/hand/right"}
    for eye in ("left.png", "right.png"):
        assert yellow_share(out / eye) > 0.002, f"no urgent (yellow) alert banner in {eye}"
    voices = list((tmp_path / "speech").glob("*.wav"))
    assert voices and all(v.stat().st_size > 10_000 for v in voices)  # the caption was spoken, not just shown
