"""``python -m game.docs`` writes a day and a night picture of every landmark, each pair clearly unlike (a floodlit
façade that fills its frame can be brighter at night than by day, so the test asks for a difference, not a sign)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.landmarks import catalogue

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.render


def mean_brightness(path: Path) -> float:
    from panda3d.core import Filename, PNMImage

    img = PNMImage()
    assert img.read(Filename.fromOsSpecific(str(path)))
    return sum(img.getBright(x, y) for x in range(0, img.getXSize(), 4) for y in range(0, img.getYSize(), 4)) / (
        len(range(0, img.getXSize(), 4)) * len(range(0, img.getYSize(), 4)))


def test_docs_pictures_for_every_landmark(tmp_path):
    env = dict(os.environ, EGL_PLATFORM="surfaceless")
    proc = subprocess.run([sys.executable, "-m", "game.docs", "--out", str(tmp_path), "--size", "160x90", "--lang",
                           "en"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"{2 * len(catalogue.LANDMARK_IDS)} day and night pictures written to: {tmp_path}" in proc.stdout
    for lid in catalogue.LANDMARK_IDS:
        day, night = tmp_path / f"{lid}-day.png", tmp_path / f"{lid}-night.png"
        assert abs(mean_brightness(day) - mean_brightness(night)) > 0.03, lid


def test_bad_date_exits_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "game.docs", "--out", str(tmp_path), "--date", "May"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "--time" in proc.stderr and not list(tmp_path.iterdir())
