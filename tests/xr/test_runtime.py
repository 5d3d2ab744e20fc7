"""Against a real OpenXR runtime: Monado's simulated HMD and controllers (built by scripts/monado.sh).

Each scenario runs once per test session in its own process (see conftest.py); these tests read what it left.
Monado's simulated controllers report real poses but cannot press buttons, so the locomotion scenario presses
them through run_xr's input filter on top of the runtime's input (see tests/xr/scenario.py).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pytest

from tests.pinned import DAY
from tests.xr.conftest import REPO
from tests.xr.scenario import FRAMES, MENU_FRAME, SELECT_FRAME, SNAP_FRAMES, TELEPORT_FRAMES

# The first test here may build Monado (a few minutes, once per machine).
pytestmark = [pytest.mark.xr, pytest.mark.slow, pytest.mark.timeout(1800)]


def _png(path) -> np.ndarray:
    from panda3d.core import PNMImage

    img = PNMImage()
    assert img.read(str(path)), path
    w, h = img.get_x_size(), img.get_y_size()
    return np.array([[img.get_xel_val(x, y) for x in range(w)] for y in range(h)], dtype=np.int16)


def _in_order(seen: list[str], wanted: list[str]) -> bool:
    it = iter(seen)
    return all(state in it for state in wanted)


def test_session_runs_to_focused_and_shuts_down_cleanly(capture_run):
    assert capture_run.status == 0, capture_run.stderr[-2000:]
    states = capture_run.report["session_states"]
    assert _in_order(states, ["READY", "SYNCHRONIZED", "VISIBLE", "FOCUSED", "STOPPING", "IDLE", "EXITING"]), states
    assert "LOSS_PENDING" not in states
    assert "Traceback" not in capture_run.stderr and "Segmentation" not in capture_run.stderr


def test_plain_run_without_capture_exits_cleanly(monado_env, tmp_path):
    # Without --xr-capture nothing reads the last frame back, so teardown must itself wait for the GPU before
    # the runtime frees the swapchain textures (llvmpipe crashed here once).
    proc = subprocess.run([sys.executable, "-m", "game.xr", "--xr", "--offscreen", "--frames", "20", "--time", DAY],
                          cwd=REPO, env=monado_env, capture_output=True, text=True, timeout=90)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_capture_report_describes_the_run(capture_run):
    r = capture_run.report
    assert "Monado" in r["runtime"]["name"] and r["system"] == "Monado: Simulated HMD"
    assert r["view_configuration"] == "PRIMARY_STEREO" and r["graphics_binding"] == "egl"
    assert r["swapchain"]["format"] == "GL_SRGB8_ALPHA8"
    assert r["swapchain"]["width"] > 0 and r["swapchain"]["height"] > 0
    assert r["frames_submitted"] == FRAMES["capture"]
    assert len(r["head_poses"]) == FRAMES["capture"]
    assert r["reference_space"] == "STAGE"


def test_both_eyes_are_drawn_and_see_parallax(capture_run):
    left, right = (_png(capture_run.out / f"{eye}.png") for eye in ("left", "right"))
    r = capture_run.report["swapchain"]
    assert left.shape == right.shape == (r["height"], r["width"], 3)
    for img in (left, right):
        assert img.std() > 20  # sky, ground and blocks, not a cleared buffer
        assert len(np.unique(img.reshape(-1, 3), axis=0)) >= 5  # sky, ground and several flat-lit blocks
    assert np.abs(left - right).mean() > 1.0
    # The near white post sits 1.2 m ahead: the right eye sees it further left than the left eye does.
    xs = [np.nonzero((img.min(axis=2) > 150) & (np.ptp(img, axis=2) < 25))[1] for img in (left, right)]  # grey
    assert all(len(x) > 200 for x in xs)
    assert xs[0].mean() - xs[1].mean() > 3


def test_district_scene_is_submitted_to_both_eyes(district_run):
    assert district_run.status == 0, district_run.stderr[-2000:]
    assert district_run.report["frames_submitted"] == FRAMES["district"]
    left, right = (_png(district_run.out / f"{eye}.png") for eye in ("left", "right"))
    for img in (left, right):
        assert img.std() > 10 and len(np.unique(img.reshape(-1, 3), axis=0)) > 100  # textured PBR city
    assert np.abs(left - right).mean() > 0.5
    # The same scripted teleport as in the test scene, now cast against the district's collision index.
    teleports = [e for e in district_run.report["events"] if "teleport_to" in e]
    assert len(teleports) == 1 and teleports[0]["teleport_to"][2] == pytest.approx(0.0, abs=0.05)


def test_desktop_window_binds_through_glx(glx_run):
    assert glx_run.status == 0, glx_run.stderr[-2000:]
    r = glx_run.report
    assert r["graphics_binding"] == "glx" and r["frames_submitted"] == FRAMES["glx"]
    left, right = (_png(glx_run.out / f"{eye}.png") for eye in ("left", "right"))
    assert left.std() > 20 and right.std() > 20 and np.abs(left - right).mean() > 1.0


def test_runtime_head_motion_moves_the_cameras(capture_run):
    frames = capture_run.frames
    heads = np.array([f["head"] for f in frames])
    headings = np.array([f["head_h"] for f in frames])
    assert np.ptp(heads, axis=0).max() > 0.01 or np.ptp(headings) > 1.0  # Monado's simulated HMD wobbles
    reported = {p["frame"]: p["panda"]["position"] for p in capture_run.report["head_poses"]}
    for f in frames:
        # The rig is at the origin here, so the head node's world position is the runtime's pose itself.
        assert f["head"] == pytest.approx(reported[f["frame"]], abs=1e-4)
        left, right = np.array(f["eyes"])
        assert (left + right) / 2 == pytest.approx(f["head"], abs=0.01)
        assert 0.04 < np.linalg.norm(left - right) < 0.09  # an interpupillary distance
    eyes = np.array([f["eyes"][0] for f in frames])
    assert np.ptp(eyes, axis=0).max() > 0.005


def test_head_locked_panel_follows_the_head(capture_run):
    frames = capture_run.frames
    for f in frames:
        assert f["panel_in_head"] == pytest.approx([0, 1.2, -0.15], abs=1e-4)  # comfortable: ahead, a bit low
    panels = np.array([f["panel"] for f in frames])
    assert np.ptp(panels, axis=0).max() > 0.005  # so it moves in the world as the head does


def test_simulated_controllers_drive_teleport_and_snap_turn(locomotion_run):
    assert locomotion_run.status == 0, locomotion_run.stderr[-2000:]
    r = locomotion_run.report
    assert set(r["interaction_profiles"].values()) == {"/interaction_profiles/khr/simple_controller"}
    assert r["rejected_binding_profiles"] == []  # touch, index and vive bindings were accepted as well
    frames = {f["frame"]: f for f in locomotion_run.frames}
    assert all(f["hands"]["left"] is not None for f in frames.values())  # runtime aim poses are tracked
    teleports = [e for e in r["events"] if "teleport_to" in e]
    turns = [e for e in r["events"] if "turn_deg" in e]
    assert [e["frame"] for e in teleports] == [TELEPORT_FRAMES.stop]
    assert [(e["frame"], e["turn_deg"]) for e in turns] == [(SNAP_FRAMES.start, -45.0)]
    # Teleport: the arc from the left controller lands on the ground ahead; the head ends up above the target.
    target = teleports[0]["teleport_to"]
    before, after = frames[TELEPORT_FRAMES.stop - 1], frames[TELEPORT_FRAMES.stop]
    assert math.dist(before["head"][:2], target[:2]) > 1.0
    assert after["head"][:2] == pytest.approx(target[:2], abs=0.05)
    assert after["vignette"] > 0.3  # comfort blink over the jump
    # Snap turn: the view turns right by 45° about the head, which stays where it was.
    b, a = frames[SNAP_FRAMES.start - 1], frames[SNAP_FRAMES.start]
    turned = (a["head_h"] - b["head_h"] + 180) % 360 - 180
    assert turned == pytest.approx(-45, abs=1.5)
    assert a["head"][:2] == pytest.approx(b["head"][:2], abs=0.02)
    assert r["rig"]["heading"] == pytest.approx(-45)


def test_alert_haptics_reach_the_runtime(locomotion_run):
    # The teleport landing buzzes the left controller through xrApplyHapticFeedback (after focus only).
    haptics = [e for e in locomotion_run.report["events"] if "haptic" in e]
    assert haptics and haptics[0] == {"frame": TELEPORT_FRAMES.stop, "haptic": "/user/hand/left"}


def test_menu_opens_and_the_laser_operates_it(locomotion_run):
    events = locomotion_run.report["events"]
    assert {"frame": MENU_FRAME, "menu": True} in events
    clicks = [e for e in events if "click" in e]
    assert len(clicks) == 1 and clicks[0]["frame"] == SELECT_FRAME and clicks[0]["click"] == "xr-menu"
    # The script aims the right hand at the menu's middle row: smooth turning, off by default, is now on.
    after = json.loads((locomotion_run.out / "scenario.json").read_text())["settings"]
    assert clicks[0]["button"] == "smooth" and after["smooth_turn"] is True
    frames = {f["frame"]: f for f in locomotion_run.frames}
    assert frames[SELECT_FRAME]["laser"] and not frames[MENU_FRAME - 1]["laser"]


def test_seated_mode_uses_the_local_space_at_eye_height(seated_run):
    assert seated_run.status == 0, seated_run.stderr[-2000:]
    assert seated_run.report["reference_space"] == "LOCAL"
    heads = [f["head"][2] for f in seated_run.frames]
    assert all(1.3 < z < 3.5 for z in heads)
