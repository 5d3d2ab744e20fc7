"""A short soak: the real kiosk under the watchdog with random input and alerts, killed once; the figures the
long run is judged by hold here too (no unexpected failure, restart ≤ 5 s, alerts shown, RSS read)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.render]


def test_short_soak_with_one_kill(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["EGL_PLATFORM"] = "surfaceless"
    proc = subprocess.run([sys.executable, "-m", "game.kiosk.soak", "--minutes", "1", "--kills", "1", "--warmup", "15",
                           "--alert-every", "12", "--size", "320x180", "--out", str(tmp_path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=400)
    report = json.loads((tmp_path / "soak.json").read_text(encoding="utf-8"))
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert report["unexpected_failures"] == 0 and report["watchdog"]["starts"] == 2
    assert report["kills"][0]["respawn_s"] <= 5.0 and report["kills"][0]["first_beat_s"] is not None
    assert report["totals"]["frames"] > 100 and report["totals"]["alerts_shown"] >= 1
    assert report["rss_mb_start"] and report["rss_mb_end"], "RSS measured (too short a run to judge its growth)"
    assert report["rss_growth_judged"] is False
