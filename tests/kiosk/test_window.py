"""On a real (virtual) display: the kiosk window covers the whole screen, hides the cursor, and ignores the
window's close button."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.render, pytest.mark.slow]

SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from game.app import App
    from game.config import config_from_args
    from game.kiosk import settings as ks
    from game.features import open_kiosk
    s = ks.load(Path(sys.argv[1]))
    app = App(config_from_args(["--kiosk", "--size", "320x180", "--quality", "low",
                                      "--time", "2026-05-15T11:00+09:00"]))
    app.load_world()
    mode = open_kiosk(app, s, narrate=False)
    k = mode.session
    app.step(6)
    p = app.base.win.getProperties()
    app.base.messenger.send("kiosk-close-request")
    app.step(2)
    print(p.getXSize(), p.getYSize(), p.getXOrigin(), p.getYOrigin(), int(p.getCursorHidden()),
          int(not app.base.win.isClosed()), k.stats["refused_exits"], app.flow.state)
    mode.release()
    app.shutdown()
""")


def test_kiosk_window_covers_the_display_and_cannot_be_closed(tmp_path):
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run (Debian package xvfb) is not installed")
    settings = tmp_path / "kiosk.toml"
    settings.write_text('site_name = "Window"\nlocation = [37.572, 126.9769]\ndata_dir = "data"\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    proc = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 800x480x24", sys.executable, "-c", SCRIPT,
                           str(settings)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split()[-8:] == ["800", "480", "0", "0", "1", "1", "1", "attract"]
