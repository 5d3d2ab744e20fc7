"""The live alert path in the running app: drop folder → embedded hub (signs, publishes over CURVE) →
CityLink (verifies) → CAP parser → policy → overlay, with the app flow entering its alert state."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pinned import DAY, NIGHT

pytestmark = pytest.mark.render
ROOT = Path(__file__).resolve().parents[2]
ALERT = ROOT / "tests" / "alerts" / "data" / "earthquake_emergency.xml"


@pytest.mark.parametrize("when", [DAY, NIGHT], ids=["day", "night"])
def test_an_alert_dropped_at_the_hub_takes_over_the_running_app(tmp_path, when):
    dropbox = tmp_path / "embedded-city" / "hub" / "dropbox"
    dropbox.mkdir(parents=True)
    shutil.copy(ALERT, dropbox / ALERT.name)
    shot = tmp_path / "live.png"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--offscreen", "--size", "320x180", "--frames",
                           "240", "--cache-dir", str(tmp_path), "--screenshot", str(shot), "--time", when],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(shot.with_suffix(".json").read_text(encoding="utf-8"))
    assert report["city_link"] == "connected"
    assert report["alerts_received"] == 1
    assert report["alert_on_screen"] == "KR-EQ-20260521-0001"
    assert report["flow_state"] == "alert"  # an emergency is a full-screen takeover
    assert (dropbox / "published" / ALERT.name).exists()
    assert shot.stat().st_size > 5_000
