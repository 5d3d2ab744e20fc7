"""The Seoul Lantern Festival on Cheonggyecheon, rendered at pinned instants (see lantern_probe.py): at 20:00
during the festival the sculptures stand in the stream, glow and light the water; on a November evening before
it, the same view has none of them. Its rehearsal (``--event lantern-festival --time``) lights them at 18:00."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from panda3d.core import PNMImage

from net.events import KST
from tests.render.lantern_probe import glowing
from tests.render.probe import run_probe

pytestmark = pytest.mark.render
DURING = "2025-12-20T20:00+09:00"  # the 17th festival (12 December 2025 to 4 January 2026), a Saturday evening
BEFORE = "2025-11-20T20:00+09:00"  # a month before it, same hour and season
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def during() -> dict:
    return run_probe("lantern_probe.py", DURING)


@pytest.fixture(scope="module")
def before() -> dict:
    return run_probe("lantern_probe.py", BEFORE)


def test_during_the_festival_lit_lanterns_stand_in_the_stream(during):
    assert during["festival"] and during["lit"] and during["year"] == 2025
    assert during["lantern_pixels"] > 0.01, during  # the sculptures are in view
    assert during["lanterns_glowing"] > 0.15, during  # their panels shine bright and warm
    assert during["glowing"] > 0.005, during


def test_outside_the_dates_there_are_none(before):
    assert not before["festival"]
    assert before["glowing"] < 0.0005, before  # floodlit stone is warm but never this bright and saturated


def test_the_lanterns_light_the_water(during, before):
    assert during["water_pixels"] > 0.05 and before["water_pixels"] > 0.05
    assert during["water_luma"] > before["water_luma"] * 1.1, (during, before)


def rehearse(tmp_path: Path, name: str, when: str, frames: int) -> tuple[dict, Path]:
    """``main.py --event lantern-festival --time WHEN`` at Cheonggyecheon for ``frames`` frames: its report, picture."""
    shot = tmp_path / f"{name}.png"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--offscreen", "--size", "320x180", "--quality",
                           "low", "--frames", str(frames), "--cache-dir", str(tmp_path / "cache"), "--scene",
                           "cheonggyecheon", "--event", "lantern-festival", "--time", when, "--screenshot", str(shot)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(shot.with_suffix(".json").read_text(encoding="utf-8"))["event"], shot


def test_a_rehearsal_lights_the_lanterns_at_18_00_of_the_estimated_2026_edition(tmp_path: Path):
    report, shot = rehearse(tmp_path, "lighting", "2026-12-20T17:59:59", 60)
    six = dt.datetime(2026, 12, 20, 18, tzinfo=KST).timestamp()
    assert report["event"] == "lantern-festival" and report["kind"] == "festival" and report["phase"] == "beats"
    assert report["edition"]["year"] == 2026 and report["estimated"] and report["night"] == 10
    assert report["sculptures"] >= 6 and report["lit"]
    assert [c["lit"] for c in report["lit_changes"]] == [True] and six <= report["lit_changes"][0]["hub_time"] < six + 1
    assert report["menu"]["en"] == "Seoul Lantern Festival (expected) — lit now"
    img = PNMImage()
    assert img.read(str(shot))
    rgb = np.array([[[round(255 * c) for c in img.getXel(x, y)] for x in range(img.getXSize())]
                    for y in range(img.getYSize())])
    assert glowing(rgb).mean() > 0.005  # the lit panels in the picture


def test_a_rehearsal_before_the_dates_shows_no_lanterns_and_names_the_next_edition(tmp_path: Path):
    report, _ = rehearse(tmp_path, "november", "2026-11-20T20:00", 3)
    assert report["phase"] == "before" and report["sculptures"] == 0 and not report["lit"]
    assert report["edition"]["status"] == "estimated" and report["lit_changes"] == []
    assert report["menu"] == {"ko": None, "en": None}


def test_the_panels_are_see_through_and_still_read_lit_at_night():
    """A lit chorong before a green card: green shows where its red and blue panels are only through them."""
    clear, opaque = run_probe("see_through_probe.py", "see_through"), run_probe("see_through_probe.py", "opaque")
    assert clear["panel_pixels"] > 2000 and clear["panel_pixels"] == opaque["panel_pixels"]
    assert clear["green"] > opaque["green"] + 25, (clear, opaque)  # the card behind shows through
    assert clear["red"] >= opaque["red"] and clear["red"] > 70 and clear["blue"] > 60, clear  # the lamps still shine
