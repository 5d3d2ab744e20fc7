"""Kiosk mode in the headset through main.py (``--kiosk --xr``): controller input starts a visit, the idle timeout
ends it and puts the rig back where the kiosk started.

Monado's simulated controllers press nothing, so this file doubles as the entry point of the run: executed as a
script it scripts the buttons (the ``input_filter`` of :func:`game.headset.run_headset`) and runs ``main.main``.
The click on the comfort menu aims the right hand at the menu's middle row (``scenario.aim_at_menu`` says why).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IDLE_TIMEOUT_S = 10  # the settings' minimum
SELECT_FRAMES = range(10, 13)  # pull the right trigger: a visit starts
TELEPORT_FRAMES = range(15, 40)  # hold the left teleport button, released on frame 40: the rig moves
SNAP_FRAMES = range(45, 48)  # push the right stick right: the rig turns
MENU_FRAME = 50  # open the comfort menu ahead of the head ...
CLICK_FRAME = 55  # ... and pull the trigger on its middle row: smooth turning goes on
LAST_INPUT_FRAME = CLICK_FRAME
# The idle timer runs on the frame clock: at up to 60 frames per second, 10 s of idleness fit well inside.
FRAMES = LAST_INPUT_FRAME + 60 * IDLE_TIMEOUT_S + 60


def _run_main(argv: list[str]) -> int:
    import functools

    sys.path.insert(0, str(ROOT))
    from scenario import aim_at_menu, button_script  # beside this file, which runs here as a script

    import game.headset
    import game.xr.run
    import main

    recorded: dict = {}
    run_xr = game.xr.run.run_xr

    def recording_run_xr(*args, on_driver, **kwargs):
        def note(driver):
            recorded["driver"] = driver
            return on_driver(driver)

        return run_xr(*args, on_driver=note, **kwargs)

    buttons = button_script(select=(*SELECT_FRAMES, CLICK_FRAME), teleport=TELEPORT_FRAMES, snap=SNAP_FRAMES,
                            menu=(MENU_FRAME,))
    game.xr.run.run_xr = recording_run_xr
    game.headset.run_headset = functools.partial(game.headset.run_headset,
                                                 input_filter=aim_at_menu(buttons, recorded, CLICK_FRAME))
    return main.main(argv)


@pytest.mark.xr
def test_controller_input_starts_a_visit_and_the_idle_timeout_ends_it(monado_env, tmp_path):
    settings = tmp_path / "kiosk.toml"
    settings.write_text(f'site_name = "Test Gate"\nlocation = [37.5796, 126.9770]\nlanguages = ["ko", "en"]\n'
                        f'idle_timeout_s = {IDLE_TIMEOUT_S}\ndata_dir = "{tmp_path / "data"}"\n',
                        encoding="utf-8")  # fmt: skip
    out = tmp_path / "xr"
    proc = subprocess.run([sys.executable, __file__, "--kiosk", "--kiosk-settings", str(settings), "--xr",
                           "--offscreen", "--frames", str(FRAMES), "--xr-capture", str(out),
                           "--cache-dir", str(tmp_path), "--quality", "low", "--time", "2026-05-15T11:00+09:00"],
                          env=monado_env, capture_output=True, text=True, timeout=900, cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((out / "xr.json").read_text(encoding="utf-8"))
    events = report["events"]
    kiosk = [e for e in events if "kiosk" in e]
    assert [e["kiosk"] for e in kiosk] == ["visit_start", "visit_end"], events
    start, end = kiosk
    assert start["frame"] == SELECT_FRAMES[0]  # the first trigger pull starts the visit, not the frame before
    teleports = [e for e in events if "teleport_to" in e]
    turns = [e for e in events if "turn_deg" in e]
    assert teleports and turns and all(start["frame"] <= e["frame"] < end["frame"] for e in teleports + turns)
    assert end["frame"] > LAST_INPUT_FRAME + 10  # only after the timeout, counted from the last input
    assert end["moved"] is True
    home = {"x": 0.0, "y": 0.0, "z": 0.0, "heading": 0.0}
    assert end["rig"] == home
    assert report["rig"] == home  # and it stayed there until the run ended
    # The visitor pressed the menu's middle row (smooth turning): the wipe must put exactly that setting back.
    (click,) = [e for e in events if "click" in e]
    assert click["button"] == "smooth", click
    assert end["reset_settings"] == ["smooth_turn"]


if __name__ == "__main__":
    sys.exit(_run_main(sys.argv[1:]))
