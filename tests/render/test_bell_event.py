"""The New Year's bell in the running app (issue 17): the countdown board at Bosingak at 23:55 on 31 December, and
the rehearsal's report of strikes heard, countdown shown and audio scheduled. Times pinned, pixels checked where
the board must be (no golden images)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from panda3d.core import PNMImage

from net.events import KST

pytestmark = pytest.mark.render
ROOT = Path(__file__).resolve().parents[2]
MIDNIGHT = dt.datetime(2027, 1, 1, tzinfo=KST).timestamp()


def run(tmp_path: Path, name: str, frames: int, when: str, *extra: str, now: str | None = None) -> dict:
    shot = tmp_path / f"{name}.png"
    env = dict(os.environ, **({"MSEOUL_NOW": now} if now else {}))
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--offscreen", "--size", "320x180", "--quality",
                           "low", "--frames", str(frames), "--cache-dir", str(tmp_path / "cache"), "--scene",
                           "bosingak", "--time", when, "--screenshot", str(shot), *extra],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(shot.with_suffix(".json").read_text(encoding="utf-8"))
    report["image"] = shot
    return report


def board_pixels(image: Path, at: list[int]) -> tuple[int, int]:
    """(red card pixels, light letter pixels) in a window round the board's anchor (the tone curve pales both)."""
    img = PNMImage()
    assert img.read(str(image))
    red = gold = 0
    for x in range(max(0, at[0] - 20), min(img.getXSize(), at[0] + 21)):
        for y in range(max(0, at[1] - 12), min(img.getYSize(), at[1] + 13)):
            r, g, b = (round(255 * c) for c in img.getXel(x, y))
            red += r > 120 and r > 1.5 * g and r > 1.5 * b
            gold += min(r, g) > 180
    return red, gold


def test_the_countdown_board_stands_at_bosingak_at_23_55(tmp_path: Path) -> None:
    on = run(tmp_path, "eve", 20, "2026-12-31T23:55", "--event", "new-year-bell")
    event = on["event"]
    assert event["phase"] == "countdown"
    assert event["countdown_shown"][0] in ("제야의 종까지 05:00", "제야의 종까지 04:59")
    assert event["board"].startswith("제야의 종 · New Year's bell\n04:") or event["board"].endswith("05:00")
    assert event["strikes_heard"] == [] and event["audio_scheduled"] == []
    at = event["board_px"]
    assert at is not None and 0 <= at[0] < 320 and 0 <= at[1] < 180
    red, gold = board_pixels(on["image"], at)
    assert red > 150 and gold > 10, (red, gold)
    # The same view and hour with the city's clock at noon, no rehearsal: no board where it stood.
    off = run(tmp_path, "noon", 20, "2026-12-31T23:55", now="2026-12-31T12:00+09:00")
    assert off["event"]["board"] is None and off["event"]["countdown_shown"] == []
    red_off, _ = board_pixels(off["image"], at)
    assert red_off < red / 4, red_off  # (light pixels prove nothing here: the lit windows behind are light too)


def test_a_rehearsal_at_midnight_reports_the_strikes_heard_in_hub_and_local_time(tmp_path: Path) -> None:
    report = run(tmp_path, "midnight", 150, "2026-12-31T23:59:58", "--event", "new-year-bell")["event"]
    assert report["countdown_shown"][0] == "제야의 종까지 00:02"
    assert report["spoken"] == "제야의 종까지 십 초"  # said once, inside the last 10 s
    heard = report["strikes_heard"]
    assert heard and heard[0]["n"] == 1 and heard[0]["hub_time"] == MIDNIGHT and heard[0]["ringer"] == "auto"
    assert abs(heard[0]["local_time"] - heard[0]["hub_time"]) < 0.05  # one clock in-process: offset ≈ 0
    assert report["audio_scheduled"][0]["n"] == 1 and report["audio_scheduled"][0]["spatial"] is True


def test_after_the_33rd_strike_the_avatar_signs_the_new_years_greeting_with_captions(tmp_path: Path) -> None:
    # 4 s at 60 frames a second: the last strike at 1 s, the greeting 2 s after it, signing for 13.8 s
    out = run(tmp_path, "greeting", 240, "2027-01-01T00:13:19", "--event", "new-year-bell")
    report = out["event"]
    assert report["strikes_heard"][-1]["n"] == 33
    greeting = report["greeting"]
    assert greeting is not None and greeting["hub_time"] >= MIDNIGHT + 32 * 25.0
    assert greeting["caption"] == "[새해 복 많이 받으세요 · Happy New Year]"
    assert greeting["glosses"] == ["#새해", "#복", "#많이", "#받으세요"] and greeting["signed_s"] > 5
    assert report["greeting_signing"]  # still signing when the picture was taken
    img = PNMImage()
    assert img.read(str(out["image"]))
    w, h = img.getXSize(), img.getYSize()
    light = sum(min(round(255 * c) for c in img.getXel(x, y)) > 200
                for x in range(int(0.7 * w), int(0.98 * w)) for y in range(int(0.45 * h), int(0.85 * h)))
    assert light > 0.3 * (0.28 * w) * (0.4 * h), light  # the signer's light card in the lower right of the night


def test_the_strikes_follow_the_visitors_sound_and_caption_settings(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps({"access": {"mono": True, "effects_volume": 0.5,
                                                                 "caption_colour": "yellow"}}), encoding="utf-8")
    out = run(tmp_path, "mono", 60, "2026-12-31T23:59:59", "--event", "new-year-bell", "--config-dir", str(config))
    report = out["event"]
    played = report["audio_scheduled"][0]
    assert played["spatial"] is False  # mono: heard centred, not panned from the bell
    assert played["volume"] == pytest.approx(0.5 * 0.85, abs=1e-3)  # the automatic pull × the effects volume
    assert report["caption"].startswith("[보신각 · Bosingak] 종소리 ")
    img = PNMImage()
    assert img.read(str(out["image"]))
    yellow = sum(1 for x in range(img.getXSize()) for y in range(img.getYSize() * 2 // 3, img.getYSize())
                 if (lambda r, g, b: r > 0.9 and g > 0.8 and b < 0.45)(*img.getXel(x, y)))
    assert yellow > 20, yellow  # the caption line, low on the screen, in the chosen colour
