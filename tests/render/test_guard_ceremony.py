"""The gate-guard ceremony in the running app (issue 16): at Gwanghwamun at 10:08 on a Wednesday the guards stand
before the gate, in their robes' colours where the report says they are on screen; at 11:08 the same view has none.
The city's clock and the scene's hour are pinned; pixels checked at the figures (no golden images)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from panda3d.core import PNMImage

pytestmark = pytest.mark.render
ROOT = Path(__file__).resolve().parents[2]
SIZE = (480, 270)


def run(tmp_path: Path, name: str, when: str) -> tuple[dict, PNMImage]:
    shot = tmp_path / f"{name}.png"
    env = dict(os.environ, MSEOUL_NOW=f"{when}+09:00")
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--offscreen", "--size", "x".join(map(str, SIZE)),
                           "--quality", "low", "--frames", "10", "--cache-dir", str(tmp_path / "cache"), "--scene",
                           "gwanghwamun", "--time", when, "--screenshot", str(shot)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    img = PNMImage()
    assert img.read(str(shot))
    return json.loads(shot.with_suffix(".json").read_text(encoding="utf-8"))["guards"], img


def coloured(img: PNMImage, at: list[int], reach: int = 2) -> bool:
    """A strongly coloured pixel (a robe's primary colour, not the grey stone or the sky) near ``at``."""
    for x in range(max(0, at[0] - reach), min(img.getXSize(), at[0] + reach + 1)):
        for y in range(max(0, at[1] - reach), min(img.getYSize(), at[1] + reach + 1)):
            rgb = [round(255 * c) for c in img.getXel(x, y)]
            if max(rgb) - min(rgb) > 70:
                return True
    return False


def test_guards_stand_at_gwanghwamun_at_the_ceremony_and_not_an_hour_later(tmp_path: Path) -> None:
    on, img_on = run(tmp_path, "on", "2026-12-02T10:08")
    gate = on["gates"]["gwanghwamun-guard"]
    assert gate["figures"] == 21 and on["gates"]["deoksugung-guard"]["figures"] == 0
    seen = [p for p in gate["screen_px"] if 0 <= p[0] < SIZE[0] and 0 <= p[1] < SIZE[1]]
    assert len(seen) >= 15, gate["screen_px"]
    hits_on = sum(coloured(img_on, p) for p in seen)
    assert hits_on >= 0.7 * len(seen), (hits_on, len(seen))
    off, img_off = run(tmp_path, "off", "2026-12-02T11:08")
    assert off["gates"]["gwanghwamun-guard"] == {"figures": 0, "screen_px": []}
    hits_off = sum(coloured(img_off, p) for p in seen)
    assert hits_off <= hits_on / 3, (hits_on, hits_off)
