"""Every scene id renders through the CLI contract (one ShowBase per process), and shows a lit room."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.scenes.registry import INTERIORS

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.render


def render(scene: str, out: Path, cache: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["EGL_PLATFORM"] = "surfaceless"
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--offscreen", "--size", "320x180", "--scene", scene,
                           "--screenshot", str(out), "--cache-dir", str(cache), "--time", "2026-05-15T11:00"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("scene", [*INTERIORS, "city-hall"])
def test_scene_renders(scene: str, tmp_path: Path, material_cache: Path) -> None:
    from panda3d.core import PNMImage

    out = tmp_path / f"{scene}.png"
    proc = render(scene, out, material_cache)
    assert proc.returncode == 0, proc.stderr[-2000:]
    img = PNMImage()
    assert img.read(str(out))
    lum = [img.getBright(x, y) for x in range(0, 320, 8) for y in range(0, 180, 8)]
    mean = sum(lum) / len(lum)
    spread = max(lum) - min(lum)
    assert 0.25 < mean < 0.9, f"{scene}: mean brightness {mean:.2f} — a room must be lit, not black or blown out"
    assert spread > 0.4, f"{scene}: flat picture (spread {spread:.2f})"
