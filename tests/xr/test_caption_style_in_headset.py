"""The visitor's caption style reaches the headset: the alert captions on the head-locked panel take the colour
set in settings.json, as on the desktop."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from panda3d.core import PNMImage

from game.caption_style import COLOURS
from tests.pinned import DAY

pytestmark = pytest.mark.xr
ROOT = Path(__file__).resolve().parents[2]
ALERT = ROOT / "tests" / "alerts" / "data" / "heavy_rain_urgent.xml"


def colour_share(path: Path, rgb) -> float:
    img = PNMImage(str(path))
    px = np.array([[img.getXel(x, y) for x in range(img.getXSize())] for y in range(img.getYSize())])
    return float((np.abs(px - np.array(rgb)).max(axis=2) < 0.12).mean())


def _capture(monado_env, tmp_path: Path, access: dict) -> Path:
    dropbox = tmp_path / "embedded-city" / "hub" / "dropbox"
    dropbox.mkdir(parents=True)
    shutil.copy(ALERT, dropbox / ALERT.name)
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "settings.json").write_text(json.dumps({"access": access}), encoding="utf-8")
    out = tmp_path / "xr"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--xr", "--offscreen", "--frames", "150",
                           "--xr-capture", str(out), "--cache-dir", str(tmp_path), "--config-dir", str(config_dir),
                           "--quality", "low", "--time", DAY],
                          env=monado_env, capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return out / "left.png"


def test_the_caption_colour_setting_colours_the_head_panel_captions(monado_env, tmp_path):
    cyan = COLOURS["cyan"]
    plain = colour_share(_capture(monado_env, tmp_path / "plain", {}), cyan)
    styled = colour_share(_capture(monado_env, tmp_path / "cyan", {"caption_colour": "cyan"}), cyan)
    # The captions take turns in Korean and English, each for its reading time, so the capture holds either line:
    # the shorter Korean one measured 0.036 % cyan, the English 0.14 %; without the setting there is none at all.
    assert plain < 0.0001 < styled
