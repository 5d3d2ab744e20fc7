"""The four spaces render through the CLI contract (``main.py --scene <id> --offscreen --screenshot``, pinned time)
and show their content: pixels that must hold in each picture, at 320×180."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.spaces import catalogue
from game.spaces.drawing import hex_rgb

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.render
W, H = 320, 180


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("spaces-cache")


def shot(scene: str, tmp_path: Path, cache: Path) -> np.ndarray:
    """Render ``scene`` in its own process and return the picture as rows top first, RGB 0–255."""
    from panda3d.core import PNMImage

    out = tmp_path / f"{scene}.png"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["EGL_PLATFORM"] = "surfaceless"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--offscreen", "--size", f"{W}x{H}", "--scene", scene,
                           "--screenshot", str(out), "--cache-dir", str(cache), "--time", "2026-05-15T11:00"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    img = PNMImage()
    assert img.read(str(out))
    return np.array([[img.getXel(x, y) for x in range(W)] for y in range(H)]) * 255.0


def near(img: np.ndarray, rgb: tuple[int, int, int], within: float = 40.0) -> np.ndarray:
    return np.linalg.norm(img - np.asarray(rgb, float), axis=-1) < within


def test_invest_seoul_shows_the_faq_board_with_its_questions(tmp_path: Path, cache: Path) -> None:
    img = shot("invest-seoul", tmp_path, cache)
    board = img[35:90, 60:170]
    assert near(board, hex_rgb("#10233B"), 45).mean() > 0.6, "the navy FAQ board fills the view's upper left"
    assert (board.mean(axis=-1) > 120).mean() > 0.02, "the board carries light text (the questions)"


def test_fintech_lab_shows_the_companies_logos_in_their_colours(tmp_path: Path, cache: Path) -> None:
    img = shot("fintech-lab", tmp_path, cache)
    shown = [c.id for c in catalogue.load_fintech_lab().companies if near(img, hex_rgb(c.logo_color), 45).sum() >= 8]
    assert len(shown) >= 3, f"logos seen: {shown}"


def test_citizens_university_shows_the_first_slide_on_the_screen(tmp_path: Path, cache: Path) -> None:
    img = shot("citizens-university", tmp_path, cache)
    first = catalogue.load_citizens_university().lecture.slides[0]
    screen = img[55:110, 110:250]
    assert near(screen, hex_rgb(first.color), 40).mean() > 0.5, "the slide's colour fills the screen"
    assert (screen.mean(axis=-1) > 180).mean() > 0.01, "the heading is written on it"
    caption = img[118:130, 110:250]
    assert (caption.mean(axis=-1) < 60).mean() > 0.4 and (caption.max(axis=-1) > 120).any(), "caption bar with text"


def test_seoul_learn_shows_a_mentoring_room_with_its_whiteboard(tmp_path: Path, cache: Path) -> None:
    img = shot("seoul-learn", tmp_path, cache)
    board = img[55:115, 110:230]
    white = (board.min(axis=-1) > 175) & (np.ptp(board, axis=-1) < 12)
    assert white.mean() > 0.6, "the whiteboard is white and unlit-looking"
    assert (board.mean(axis=-1) < 110).any(), "the mentor's name is written on it"
    assert near(img[140:, :], hex_rgb("#7CC6A4"), 45).mean() > 0.05, "the middle room's mint rug"
