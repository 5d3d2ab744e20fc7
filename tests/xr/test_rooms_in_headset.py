"""The civic rooms and spaces in the headset through main.py (``--xr``, the HEADSET mode's feature wiring): the
places button opens the list, the right stick moves to Invest Seoul, the trigger stands the visitor in its room on
City Hall's upper floor; the list again, the trigger on "back to the street", and the rig is where it was.

Monado's simulated controllers press nothing, so this file doubles as the entry point of the run: executed as a
script it scripts the buttons (the ``input_filter`` of :func:`game.headset.run_headset`) and runs ``main.main``.
The trigger is pulled with the right controller pointing at the sky, so the laser meets no panel and the stick's
highlight alone decides the row, wherever the simulated head has drifted.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OPEN_FRAMES = (10, 60)  # the places button: the list opens (on the street, then inside the room)
DOWN_FRAMES = tuple(f for start in (14, 18, 22, 26) for f in (start, start + 1))  # four pushes of the right stick down
SELECT_FRAMES = (32, 64)  # the trigger: Invest Seoul (the fifth row), then "back to the street" (highlighted inside)
FRAMES = 80
INVEST_SEOUL_FLOOR_Z = 31.0  # game.scenes.invest_seoul.PLACEMENT: above City Hall's old clock tower
UP = (math.cos(math.pi / 4), math.sin(math.pi / 4), 0.0, 0.0)  # aim +90° about x: the controller points at the sky


def script(index: int, frame):
    if index in OPEN_FRAMES:
        frame = replace(frame, places=True)
    if index in DOWN_FRAMES:
        frame = replace(frame, right=replace(frame.right, stick=(0.0, -1.0)))
    if index in SELECT_FRAMES:
        aim = replace(frame.right.aim, orientation=UP) if frame.right.aim is not None else None
        frame = replace(frame, right=replace(frame.right, select=True, aim=aim))
    return frame


def _run_main(argv: list[str]) -> int:
    import functools

    sys.path.insert(0, str(ROOT))
    import game.headset
    import main

    game.headset.run_headset = functools.partial(game.headset.run_headset, input_filter=script)
    return main.main(argv)


@pytest.mark.xr
def test_the_visitor_enters_invest_seoul_and_comes_back_to_the_street(monado_env, tmp_path):
    out = tmp_path / "xr"
    proc = subprocess.run([sys.executable, __file__, "--xr", "--offscreen", "--frames", str(FRAMES),
                           "--xr-capture", str(out), "--cache-dir", str(tmp_path), "--quality", "low",
                           "--time", "2026-05-15T11:00+09:00"],
                          env=monado_env, capture_output=True, text=True, timeout=900, cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((out / "xr.json").read_text(encoding="utf-8"))
    events = report["events"]
    opened = [e["frame"] for e in events if e.get("places") == "open"]
    assert opened == list(OPEN_FRAMES), events
    visits = [e for e in events if "place" in e]
    assert [(e["frame"], e["place"]) for e in visits] == [
        (SELECT_FRAMES[0], "invest-seoul"),
        (SELECT_FRAMES[1], "street"),
    ], events
    assert not [e for e in events if "click" in e]  # the laser pressed nothing: the stick and trigger chose
    inside, back = visits[0]["rig"], visits[1]["rig"]
    assert inside["z"] == pytest.approx(INVEST_SEOUL_FLOOR_Z, abs=0.01)  # standing on the room's floor
    assert math.dist((inside["x"], inside["y"]), (back["x"], back["y"])) > 5  # across the district, in City Hall
    home = {"x": 0.0, "y": 0.0, "z": 0.0, "heading": 0.0}
    assert back == home and report["rig"] == home  # back where the visitor left the street


if __name__ == "__main__":
    sys.exit(_run_main(sys.argv[1:]))
