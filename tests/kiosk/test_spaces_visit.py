"""A kiosk visitor reaches the economy and education spaces (issue 20) from the teleport menu with the keys, over
the kiosk's own city: the Fintech Lab's schedule row fills from the hub; the idle wipe, with the visitor still
inside, brings the kiosk back out to its attract loop."""

from __future__ import annotations

import json
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
    import json, sys, time
    from pathlib import Path
    from game.app import App
    from game.config import config_from_args
    from game.kiosk import settings as ks
    from game.features import open_kiosk
    from tests.pilot import Pilot

    s = ks.load(Path(sys.argv[1]))
    app = App(config_from_args(["--kiosk", "--size", "320x180", "--quality", "low",
                                "--time", "2026-05-15T11:00+09:00"]))
    app.load_world()
    mode = open_kiosk(app, s, narrate=False)
    k = mode.session
    app.step(2)
    pilot = Pilot(app)
    pilot.press("x")  # any button starts a visit
    pilot.press("t")
    menu = k.explore.panel
    ids = [choice[0] for choice in menu.items]
    report = {"listed": ids[-4:]}
    pilot.press(*["arrow_down"] * ids.index("fintech-lab"), "enter")
    visit = k.explore.visit
    report["state"], report["room"] = app.flow.state, visit.scene_id if visit else None
    limit = time.monotonic() + 30
    while "14:52" not in visit.panel.items[3].label("ko") and time.monotonic() < limit:
        app.step(1)
        time.sleep(0.02)
    report["schedule"] = visit.panel.items[3].label("ko")
    k.end_visit()  # the idle timeout, with the visitor inside the room
    report["after"], report["visit_closed"] = app.flow.state, visit.closed
    report["room_left"] = app.world.find("fintech-lab").isEmpty()
    print("REPORT " + json.dumps(report, ensure_ascii=False))
    mode.release()
    app.shutdown()
""")


def test_a_kiosk_visitor_enters_a_space_from_the_teleport_menu_and_the_idle_wipe_brings_them_out(tmp_path):
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run (Debian package xvfb) is not installed")
    settings = tmp_path / "kiosk.toml"
    settings.write_text('site_name = "Spaces"\nlocation = [37.572, 126.9769]\ndata_dir = "data"\n'
                        "easy_mode = false\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    proc = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 640x360x24", sys.executable, "-c", SCRIPT,
                           str(settings)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (line,) = [ln for ln in proc.stdout.splitlines() if ln.startswith("REPORT ")]
    report = json.loads(line.removeprefix("REPORT "))
    assert report["listed"] == ["invest-seoul", "fintech-lab", "citizens-university", "seoul-learn"]
    assert report["state"] == "civic" and report["room"] == "fintech-lab"
    # the kiosk's embedded hub keeps the real clock: the next Friday, whichever it is
    assert "데모데이 (예시) · " in report["schedule"] and report["schedule"].endswith(" 14:00–14:52"), \
        "the hub answered over the kiosk's city"
    assert report["after"] == "attract" and report["visit_closed"] and report["room_left"]
