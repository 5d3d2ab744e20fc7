"""The avatar and the preview command: the node tree follows the solver, and rendered hands visibly move."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from panda3d.core import Filename, NodePath, PNMImage, Texture

from game.alerts.hooks import Signing
from game.signing import fingerspell, lexicon, skeleton
from game.signing.timeline import compile_glosses
from ui.signing.avatar import Avatar
from ui.signing.panel import SigningPanel

ROOT = Path(__file__).resolve().parents[2]


def test_avatar_nodes_follow_the_pure_kinematics() -> None:
    lex = lexicon.load()
    timeline = compile_glosses(["하지-마"], lex, fingerspell.load(lex))
    pose = timeline.sample(timeline.spans[0].start + 0.4)
    root = NodePath("root")
    avatar = Avatar(root)
    avatar.apply(pose)
    world = skeleton.world_transforms(pose)
    for name in ("R.wrist", "L.wrist", "R.index.3", "L.thumb.3", "head"):
        panda = np.array(avatar.nodes[name].get_mat(root)).T  # Panda3D stores the transpose
        np.testing.assert_allclose(panda, world[name], atol=1e-5, err_msg=name)


def test_panel_implements_the_alert_signing_hook() -> None:
    assert issubclass(SigningPanel, Signing)
    assert callable(SigningPanel.update)


def _frames(directory: Path) -> list[np.ndarray]:
    out = []
    for path in sorted(directory.glob("frame_*.png")):
        image = PNMImage(Filename.from_os_specific(str(path)))
        texture = Texture()
        texture.load(image)
        data = np.frombuffer(bytes(texture.get_ram_image_as("RGB")), np.uint8)
        out.append(data.reshape(image.get_y_size(), image.get_x_size(), 3) / 255.0)  # bottom-up rows
    return out


def _preview(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EGL_PLATFORM": "surfaceless"}
    return subprocess.run([sys.executable, "-m", "game.signing.preview", *args, "--out", str(out)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.render
def test_preview_renders_frames_where_the_hands_move(tmp_path: Path) -> None:
    result = _preview(tmp_path, "지진", "#광화문", "--fps", "3", "--size", "160x200", "--no-caption")
    assert result.returncode == 0, result.stderr
    timing = json.loads((tmp_path / "timing.json").read_text(encoding="utf-8"))
    frames = _frames(tmp_path)
    assert len(frames) == timing["frames"] >= 10
    assert frames[0].shape == (200, 160, 3)
    assert [s["gloss"] for s in timing["spans"]] == ["지진", "#광화문"]
    rest = frames[0]
    # The signing space (below the face: rows are bottom-up) changes when the hands come up ...
    moved = [np.abs(f - rest).max(axis=2) > 0.1 for f in frames]
    assert max(m[:140, :].mean() for m in moved) > 0.02
    # ... and keeps changing from frame to frame while signing, not just once.
    changing = [np.abs(b - a).max(axis=2).__gt__(0.1).mean() for a, b in zip(frames, frames[1:], strict=False)]
    assert sum(c > 0.005 for c in changing) >= len(changing) // 2
    # Frames end back at rest.
    assert (np.abs(frames[-1] - rest).max(axis=2) > 0.1).mean() < 0.001


@pytest.mark.render
def test_preview_refuses_an_unknown_marker(tmp_path: Path) -> None:
    result = _preview(tmp_path / "out", "[sleepy]", "지진")
    assert result.returncode == 2
    assert "unknown expression marker" in result.stderr
    assert not (tmp_path / "out").exists()


PANEL_SCRIPT = """
import json
from panda3d.core import load_prc_file_data
load_prc_file_data("", "window-type offscreen\\nload-display p3headlessgl\\nwin-size 320 180\\n"
                       "audio-library-name null\\n")
from direct.showbase.ShowBase import ShowBase
from ui.signing.panel import SigningPanel
base = ShowBase(windowType="offscreen")
panel = SigningPanel(base.win, base.aspect2d, size=(160, 120), frame=(0.9, 1.7, -0.9, -0.3))
out = {"quake": list(panel.glosses_for("earthquake", "en")), "unknown": list(panel.glosses_for("meteor", "ko")),
       "general": list(panel.glosses_for("general", "ko")), "warmed": list(panel.warm_up()),
       "signs": sorted({g for c in panel.templates for g in panel.glosses_for(c, "ko") if not g.startswith("[")})}
panel.play(out["quake"])
out["spans"] = [[s.gloss, s.start, s.end] for s in panel.spans]
steps = 0
while panel.playing:
    panel.update(0.5)
    base.task_mgr.step()
    steps += 1
out["steps"] = steps
base.task_mgr.step()
before = base.win.get_screenshot()
for _ in range(4):
    panel.update(0.5)
    base.task_mgr.step()
out["idle_buffer_active"] = panel.buffer.is_active()
after = base.win.get_screenshot()
out["card_kept_picture"] = before.get_ram_image().get_data() == after.get_ram_image().get_data()
out["spans_kept"] = len(panel.spans)
panel.seek(1.0)
for _ in range(3):
    panel.seek(1.0)
out["hold_buffer_active"] = panel.buffer.is_active()
panel.seek(1.5)
out["resumed_buffer_active"] = panel.buffer.is_active()
spans, duration = panel.timing("en")
out["timing"] = [[s.gloss, s.start, s.end, list(s.words)] for s in spans] + [duration]
panel.set_frame((-1.0, -0.2, 0.1, 0.7))
low, high = panel.card.get_tight_bounds()
out["bounds"] = [round(low.x, 3), round(high.x, 3), round(low.z, 3), round(high.z, 3)]
panel.set_visible(False)
panel.destroy()
base.destroy()
print(json.dumps(out, ensure_ascii=False))
"""


@pytest.mark.render
def test_panel_plays_a_template_to_the_end_and_cleans_up() -> None:
    env = {**os.environ, "EGL_PLATFORM": "surfaceless"}
    result = subprocess.run([sys.executable, "-c", PANEL_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["quake"][:2] == ["지금", "#서울"] and "지진" in out["quake"]
    assert out["unknown"] == out["general"]  # an unknown pictogram falls back to the general template
    assert sorted(out["warmed"]) == out["signs"]  # every template's signs, each solved once
    assert [s[0] for s in out["spans"]] == [g for g in out["quake"] if not g.startswith("[")]
    assert out["steps"] >= math.ceil(out["spans"][-1][2] / 0.5)  # played to the end, then stopped
    assert out["bounds"] == [-1.0, -0.2, 0.1, 0.7]  # moved to the overlay's region
    assert not out["idle_buffer_active"] and out["card_kept_picture"]  # idle: no rendering, same picture
    assert out["spans_kept"] == len(out["spans"])
    # Held mid-signing by the alert captions' clock: the buffer rests until the pose moves again.
    assert not out["hold_buffer_active"] and out["resumed_buffer_active"]
    assert [t[:3] for t in out["timing"][:-1]] == out["spans"] and out["timing"][-1] > out["spans"][-1][2]
    assert dict((t[0], t[3]) for t in out["timing"][:-1])["지진"] == ["earthquake"]
