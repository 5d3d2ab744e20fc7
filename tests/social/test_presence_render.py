"""The app's presence task end to end, offscreen: a real hub, a second visitor, avatars, chat, typing, block."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.render
def test_presence_task_draws_the_other_visitor_chats_and_blocks(tmp_path: Path):
    png = tmp_path / "presence.png"
    env = {**os.environ, "EGL_PLATFORM": "surfaceless", "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-m", "tests.social.render_scenario", str(tmp_path / "run"), str(png)],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["drawn"] == [result["remote_id"]]
    assert result["pos"] == [0.5, 4.0, 0.0] and result["heading"] == 180.0  # standing still: no interpolation drift
    assert result["label"] == "Alex" and result["remote_sees_app"]
    assert result["bubble_shown"] and result["bubble"] == "안녕하세요! 광화문에서 만나요"
    assert result["log"] == ["Alex: 안녕하세요! 광화문에서 만나요"]
    # 두벌식 keys d k s s u d typed 안녕; the walking keys were released while typing and given back after.
    assert result["typed"] == "안녕" and result["typing"] == [True, False]
    assert result["remote_heard"] == ["안녕"]
    assert result["after_block_drawn"] == [] and not result["remote_sees_app_after"]
    assert result["log_after_block"] == ["나: 안녕"]  # the blocked visitor's words are gone from the log
    # U lists the blocked visitor by the name they had (and the day); Enter unblocks: both see each other again.
    assert result["blocks_open"] and result["blocks_rows"].startswith("▶ Alex · ")
    assert result["after_unblock_drawn"] == [result["remote_id"]] and result["remote_sees_app_unblocked"]
    assert result["blocks_rows_after"] == "차단한 사람이 없습니다."
    assert result["status_after_unblock"] == "Alex 님의 차단을 해제했습니다. 다시 서로 보입니다."
    assert result["typing_blocks"] == [True] and result["typing_after"] == [True, False]  # arrows walk again
    # A gathering now: the podium at its speaker spot with the KO/EN sign, the remote's raised hand over them.
    assert result["stage_pos"] == [-1.5, 6.0, 0.0]
    assert result["stage_sign"].splitlines()[:3] == ["발언대 / Speaker's spot", "시장과의 대화",
                                                     "Town hall with the mayor"]
    assert result["hand_shown"] and result["hand_pos"] == result["hand_expected"]
    assert result["blue_pixels"] > 20 and png.stat().st_size > 0
