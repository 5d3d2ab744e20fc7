"""The kiosk's visits start in easy mode unless the operator's settings say otherwise, and its voices (the attract
narration, alert voices) play through the operator's sound settings (``[access]``: mono, voice volume)."""

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

    class Loader:
        '''base.loader, noting each sound's file and the volume it is given.'''
        def __init__(self, real):
            self.real, self.played = real, []
        def __getattr__(self, name):
            return getattr(self.real, name)
        def loadSfx(self, path):
            sound, played = self.real.loadSfx(path), self.played
            class Noted:
                def __getattr__(self, name):
                    return getattr(sound, name)
                def setVolume(self, volume):
                    played.append((Path(path).suffix, volume))
                    sound.setVolume(volume)
            return Noted()

    s = ks.load(Path(sys.argv[1]))
    narrate = sys.argv[2] == "narrate"
    app = App(config_from_args(["--kiosk", "--size", "320x180", "--quality", "low",
                                "--time", "2026-05-15T11:00+09:00"]))
    app.load_world()
    loader = app.base.loader = Loader(app.base.loader)
    mode = open_kiosk(app, s, narrate=narrate)
    k = mode.session
    app.step(2)
    limit = time.monotonic() + 60
    while narrate and not loader.played and time.monotonic() < limit:  # the speech worker writes the narration
        app.step(1)
        time.sleep(0.05)
    pilot = Pilot(app)
    pilot.press("x")  # any button starts a visit (one with no action of its own here)
    easy, explore = k.easy, k.explore
    report = {"played": loader.played, "visit": app.flow.state, "easy": easy.on, "help": explore.help_key,
              "scale": explore.ui_scale}
    if easy.on:
        pilot.press("space")  # "take me to…"
        report["menu"] = easy.menu is not None
        lid = list(app.landmarks)[1]
        pilot.press("2")
        app.step(2)
        w, goal = explore.walker, app.scene.view(lid).camera
        report["arrived"] = [round(w.x - goal[0], 3), round(w.y - goal[1], 3)]
        report["caption"] = easy.view.caption.getText()
        report["description"] = app.landmarks[lid].description["ko"]
    k.end_visit()
    report["after"] = app.flow.state
    print("REPORT " + json.dumps(report, ensure_ascii=False))
    app.base.loader = loader.real
    mode.release()
    app.shutdown()
""")


def _run(tmp_path: Path, body: str, narrate: bool) -> dict:
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run (Debian package xvfb) is not installed")
    settings = tmp_path / "kiosk.toml"
    settings.write_text('site_name = "Easy"\nlocation = [37.572, 126.9769]\ndata_dir = "data"\n' + body,
                        encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    proc = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 640x360x24", sys.executable, "-c", SCRIPT,
                           str(settings), "narrate" if narrate else "quiet"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (line,) = [ln for ln in proc.stdout.splitlines() if ln.startswith("REPORT ")]
    return json.loads(line.removeprefix("REPORT "))


def test_a_visit_starts_in_easy_mode_and_one_choice_takes_the_visitor_there(tmp_path):
    narrate = shutil.which("espeak-ng") is not None  # the speech worker's engine
    report = _run(tmp_path, "[access]\nmono = true\nvoice_volume = 0.4\n", narrate)
    assert report["visit"] == "explore" and report["easy"] is True
    assert report["help"] == "easy.help" and report["scale"] == 1.5
    assert report["menu"] is True
    assert max(map(abs, report["arrived"])) < 0.05  # no walkways in the kiosk: straight to the viewpoint
    assert report["description"] in report["caption"]  # with the narration's caption
    if narrate:
        assert report["played"] and all(volume == 0.4 for _, volume in report["played"])  # the attract narration
    assert report["after"] == "attract"  # the visit wiped, easy mode with it


def test_the_operator_can_start_visits_in_the_standard_mode(tmp_path):
    report = _run(tmp_path, "easy_mode = false\n", narrate=False)
    assert report["visit"] == "explore" and report["easy"] is False
    assert report["help"] == "kiosk.visit_help" and report["scale"] == 1.0
