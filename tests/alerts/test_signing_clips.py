"""Recorded interpreter clips in the signing panel: real videos made with ffmpeg at test time, decoded by Panda3D's
ffmpeg plugin, shown in order with the avatar for the gaps and a label that says which the viewer sees."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from game.alert_job import run_alert_job
from game.config import AppConfig
from game.signing import clips
from tests.alerts.paths import DATA
from ui.alerts.measure import frame_rgb
from ui.fonts import load_font
from ui.signing.panel import SigningPanel

pytestmark = [pytest.mark.render,
              pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg (scripts/setup.sh installs it)")]
AVATAR = "아바타 수어"
INTERPRETER = "수어 통역 김수어"


def _video(path: Path, colour: str, seconds: float) -> None:
    """A solid-colour Motion-JPEG AVI, 10 fps, the way the manifest asks for clips."""
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"color=c={colour}:s=96x72:d={seconds}:r=10", "-c:v", "mjpeg", "-q:v", "3", str(path)],
                   check=True, timeout=60)


def _folder(tmp_path: Path, entries: list[tuple[str, str, float, str | None]]) -> Path:
    folder = tmp_path / "clips"
    folder.mkdir()
    manifest = []
    for clip_id, colour, seconds, caption in entries:
        name = f"{colour}.avi"
        _video(folder / name, colour, seconds)
        entry = {"id": clip_id, "file": name, "language": "KSL", "signer": "김수어", "date": "2026-05-01",
                 "licence": "CC BY 4.0"}
        if caption:
            entry["captions"] = [{"start": 0.0, "end": seconds, "text": {"ko": caption, "en": caption}}]
        manifest.append(entry)
    (folder / clips.MANIFEST).write_text(json.dumps({"clips": manifest}, ensure_ascii=False), encoding="utf-8")
    return folder


def _centre(base) -> np.ndarray:
    base.taskMgr.step()
    base.taskMgr.step()
    frame = frame_rgb(base.win)
    h, w, _ = frame.shape
    return frame[h // 2, w // 2].astype(int)


def test_clips_play_in_order_with_the_avatar_for_gaps_and_a_label_saying_which(showbase, tmp_path):
    library = clips.load(_folder(tmp_path, [("지진", "red", 1.0, "지진 발생"), ("대피", "blue", 1.2, None)]))
    font = load_font(showbase.loader, bold=True)
    panel = SigningPanel(showbase.win, showbase.aspect2d, size=(160, 120), frame=(-0.6, 0.6, -0.45, 0.45),
                         font=font, library=library)
    try:
        assert library.get("지진").duration is None and panel.library.get("지진").duration == pytest.approx(1.0)
        panel.play(["지금", "[topic]", "지진", "[urgent]", "대피", "계단"])
        parts = panel.programme.parts
        assert [(p.source, p.clip.id if p.clip else None) for p in parts] == [
            ("avatar", None), ("interpreter", "지진"), ("interpreter", "대피"), ("avatar", None)]
        seen = []
        for part in parts:
            panel.seek(part.start + 0.5 * (part.end - part.start))
            seen.append((tuple(_centre(showbase)), panel.source_text, panel.caption.node().get_text()))
        (avatar1, label1, _), (red, label2, caption2), (blue, label3, caption3), (avatar2, label4, _) = seen
        assert red[0] > 200 and red[1] < 40 and red[2] < 40
        assert blue[2] > 200 and blue[0] < 40 and blue[1] < 40
        for colour in (avatar1, avatar2):
            assert not (colour[0] > 200 and colour[1] < 40) and not (colour[2] > 200 and colour[0] < 40)
        assert (label1, label2, label3, label4) == (AVATAR, INTERPRETER, INTERPRETER, AVATAR)
        assert caption2 == "지진 발생" and caption3 == ""  # the clip's own caption, in step with it
        panel.seek(parts[1].start + 0.1)  # back into the red clip: the video seeks backwards exactly
        assert _centre(showbase)[0] > 200
        assert not panel.buffer.is_active()  # the avatar is not drawn while a clip is on screen
    finally:
        panel.destroy()


def test_report_names_the_interpreter_for_a_recorded_template(showbase, tmp_path):
    library = clips.load(_folder(tmp_path, [("template:earthquake", "green", 2.0, None)]))
    panel = SigningPanel(showbase.win, showbase.aspect2d, size=(160, 120), library=library)
    config = AppConfig(offscreen=True, size=(640, 360), alerts=(DATA / "earthquake_emergency.xml",),
                       screenshot=tmp_path / "alert.png", cache_dir=tmp_path / "cache")
    try:
        assert run_alert_job(showbase, config, signing=panel) == 0
    finally:
        panel.destroy()
    signing = json.loads((tmp_path / "alert.json").read_text(encoding="utf-8"))["screen"]["signing"]
    # The recording signs the message; the avatar adds this alert's numbers (규모 6.1, 10 km) after it.
    assert signing["segments"][0] == {"gloss": "template:earthquake", "source": "interpreter", "start": 0.0,
                                      "end": 2.0}
    assert [(s["gloss"], s["source"]) for s in signing["segments"][1:]] == [
        ("10", "avatar"), ("#킬로", "avatar"), ("#규모", "avatar"), ("6.1", "avatar")]
    assert signing["segments"][1]["start"] >= 2.0 and signing["placeholders"] == []


def test_a_clip_the_player_cannot_open_is_skipped_and_the_avatar_signs_it(showbase, tmp_path, caplog):
    folder = _folder(tmp_path, [("대피", "blue", 1.0, None)])
    (folder / "broken.avi").write_bytes(b"not a video")
    manifest = json.loads((folder / clips.MANIFEST).read_text(encoding="utf-8"))
    manifest["clips"].append({**manifest["clips"][0], "id": "계단", "file": "broken.avi"})
    (folder / clips.MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    panel = SigningPanel(showbase.win, showbase.aspect2d, size=(160, 120), library=clips.load(folder))
    try:
        panel.play(["대피", "계단"])
        assert [(s.gloss, s.source) for s in panel.segments()] == [("대피", "interpreter"), ("계단", "avatar")]
        assert "'계단' not used" in caplog.text
    finally:
        panel.destroy()
