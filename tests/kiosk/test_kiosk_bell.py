"""The kiosk rings in the New Year too (issue 17): its mode carries the bell ceremony, so passers-by see the
countdown and the strikes at Bosingak on hub time; the program's clock starts half a minute before midnight."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from net import clock

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.render, pytest.mark.slow]

SCRIPT = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from game.app import App
    from game.config import config_from_args
    from game.features import open_kiosk
    from game.kiosk import settings as ks

    app = App(config_from_args(["--kiosk", "--offscreen", "--size", "320x180", "--quality", "low"]))
    app.load_world()
    mode = open_kiosk(app, ks.load(Path(sys.argv[1])), narrate=False)
    limit = time.monotonic() + 150
    while not mode.ceremony.heard and time.monotonic() < limit:
        app.step()
    report = mode.ceremony.report()
    print("REPORT " + json.dumps({"state": app.flow.state, "heard": len(report["strikes_heard"]),
                                  "countdown": report["countdown_shown"], "guards": mode.guards is not None}))
    mode.release()
    app.shutdown()
""")


def test_the_kiosk_shows_the_countdown_and_hears_the_first_strike(tmp_path):
    settings = tmp_path / "kiosk.toml"
    settings.write_text('site_name = "Bosingak"\nlocation = [37.5701, 126.9833]\ndata_dir = "data"\n',
                        encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update({"EGL_PLATFORM": "surfaceless", clock.ENV: "2026-12-31T23:59:30+09:00"})
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(settings)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.split("REPORT ", 1)[1])
    assert report["state"] == "attract" and report["guards"]
    assert report["heard"] >= 1 and report["countdown"], report
