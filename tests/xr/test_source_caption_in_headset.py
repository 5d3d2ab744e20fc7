"""A headset render check (Monado's simulated HMD): a caption whose source is ahead hangs above it in the world, one
whose source is behind is head-locked low in the view with its arrow pointing right; both in the caption colour."""

import json

import numpy as np
import pytest
from panda3d.core import PNMImage

from game.caption_style import COLOURS
from tests.xr.conftest import run_scenario

pytestmark = pytest.mark.xr


def test_captions_hang_by_a_source_in_view_and_point_to_one_behind(monado_env, tmp_path):
    run = run_scenario("captions", monado_env, tmp_path / "xr")
    assert run.status == 0, run.stderr[-2000:]
    ahead, behind = json.loads((run.out / "scenario.json").read_text(encoding="utf-8"))["captions"]
    assert ahead["in_world"] and not behind["in_world"]
    assert 45 < behind["arrow_r"] <= 135  # behind on the right: turn right
    img = PNMImage(str(run.out / "left.png"))
    px = np.array([[img.getXel(x, y) for x in range(img.getXSize())] for y in range(img.getYSize())])
    cyan = (np.abs(px - np.array(COLOURS["cyan"])).max(axis=2) < 0.12)
    rows = np.nonzero(cyan.any(axis=1))[0]
    assert rows.size, "no caption-coloured pixels in the left eye"
    half = img.getYSize() / 2
    assert rows.min() < half < rows.max()  # one caption above the middle (by the post), one below (head-locked)
