"""The interpreter-clip manifest and the programme that puts clips first and the avatar in the gaps. Pure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.signing import clips, fingerspell, lexicon, programme
from game.signing.clips import ClipError


def _entry(clip_id: str, name: str, **kw) -> dict:
    return {"id": clip_id, "file": name, "language": "KSL", "signer": "김수어", "date": "2026-05-01",
            "licence": "CC BY 4.0", **kw}


def _library(tmp_path: Path, *entries: dict) -> clips.ClipLibrary:
    for e in entries:
        (tmp_path / e["file"]).write_bytes(b"")
    (tmp_path / clips.MANIFEST).write_text(json.dumps({"clips": list(entries)}), encoding="utf-8")
    return clips.load(tmp_path)


def test_manifest_loads_clips_with_their_credits(tmp_path):
    caption = {"start": 0.0, "end": 1.5, "text": {"ko": "대피하세요", "en": "evacuate"}}
    lib = _library(tmp_path, _entry("대피", "evacuate.avi", duration=2.0, captions=[caption]),
                   _entry("template:fire", "fire.avi"))
    clip = lib.get("대피")
    assert (clip.signer, clip.licence, clip.date.isoformat(), clip.duration) == ("김수어", "CC BY 4.0", "2026-05-01",
                                                                                 2.0)
    assert clip.caption_at(1.0, "ko") == "대피하세요" and clip.caption_at(1.7, "en") is None
    assert lib.template("fire").duration is None


def test_no_manifest_means_no_clips(tmp_path):
    assert clips.load(tmp_path / "missing").clips == {}
    assert clips.folder(None) == clips.DEFAULT_DIR and clips.folder(str(tmp_path)) == tmp_path


@pytest.mark.parametrize(("change", "message"), [
    ({"language": "JSL"}, "language must be 'KSL'"),
    ({"signer": ""}, "'signer' must be a non-empty string"),
    ({"date": "May 2026"}, "'date' must be YYYY-MM-DD"),
    ({"licence": None}, "'licence'"),
    ({"file": "clip.mp4"}, "not Motion-JPEG AVI; convert it with `ffmpeg"),
    ({"file": "../clip.avi"}, "inside the clips folder"),
    ({"duration": -1}, "positive number"),
    ({"captions": [{"start": 1, "end": 0.5, "text": {"ko": "a", "en": "b"}}]}, "0 ≤ start < end"),
    ({"captions": [{"start": 0, "end": 1, "text": {"ko": "a"}}]}, "'ko' and 'en'"),
    ({"duration": 1.0, "captions": [{"start": 0, "end": 2, "text": {"ko": "a", "en": "b"}}]}, "ends after the clip"),
    ({"colour": "red"}, "unknown field"),
])
def test_a_bad_entry_is_refused_naming_the_clip(tmp_path, change, message):
    entry = _entry("대피", "clip.avi", **change)
    (tmp_path / "clip.avi").write_bytes(b"")
    (tmp_path / "clip.mp4").write_bytes(b"")
    with pytest.raises(ClipError, match="clip '대피'") as err:
        clips.parse({"clips": [entry]}, tmp_path)
    assert message in str(err.value)


def test_missing_file_and_duplicates_are_refused(tmp_path):
    with pytest.raises(ClipError, match="no file gone.avi"):
        clips.parse({"clips": [_entry("대피", "gone.avi")]}, tmp_path)
    (tmp_path / "a.avi").write_bytes(b"")
    with pytest.raises(ClipError, match="listed twice"):
        clips.parse({"clips": [_entry("대피", "a.avi"), _entry("대피", "a.avi")]}, tmp_path)


LEX = lexicon.load()
ALPHABET = fingerspell.load(LEX)
GLOSSES = ["지금", "{place}", "[topic]", "지진", "[urgent]", "탁자", "대피", "계단"]


def test_clips_play_in_order_and_the_avatar_fills_the_gaps(tmp_path):
    lib = _library(tmp_path, _entry("지진", "eq.avi", duration=1.5), _entry("대피", "ev.avi", duration=2.0))
    glosses = [g.replace("{place}", "#종로") for g in GLOSSES]
    prog = programme.plan(glosses, lib, LEX, ALPHABET)
    assert [(p.source, p.clip.id if p.clip else None) for p in prog.parts] == [
        ("avatar", None), ("interpreter", "지진"), ("avatar", None), ("interpreter", "대피"), ("avatar", None)]
    assert [(s.gloss, s.source) for s in prog.segments()] == [
        ("지금", "avatar"), ("#종로", "avatar"), ("지진", "interpreter"), ("탁자", "avatar"), ("대피", "interpreter"),
        ("계단", "avatar")]
    assert all(a.end == pytest.approx(b.start) for a, b in zip(prog.parts, prog.parts[1:], strict=False))
    assert prog.parts[1].end - prog.parts[1].start == 1.5
    assert prog.parts[2].timeline.spans[0].gloss == "탁자"
    part, local = prog.part_at(prog.parts[3].start + 0.5)
    assert part.clip.id == "대피" and local == pytest.approx(0.5)
    assert [s.gloss for s in prog.spans(LEX, "ko")] == [s.gloss for s in prog.segments()]


def test_a_template_clip_signs_the_whole_message(tmp_path):
    lib = _library(tmp_path, _entry("template:earthquake", "eq.avi", duration=6.0), _entry("대피", "ev.avi",
                                                                                           duration=2.0))
    prog = programme.plan(GLOSSES, lib, LEX, ALPHABET, category="earthquake")
    assert [(s.gloss, s.source, s.start, s.end) for s in prog.segments()] == [
        ("template:earthquake", "interpreter", 0.0, 6.0)]
    assert prog.placeholders(LEX) == ()


def test_without_clips_the_avatar_signs_everything_and_placeholders_are_named():
    prog = programme.plan(["[topic]", "먼지", "[urgent]", "밖", "119"], clips.EMPTY, LEX, ALPHABET)
    assert [p.source for p in prog.parts] == ["avatar"]
    assert prog.placeholders(LEX) == ("먼지",)
    assert [s.gloss for s in prog.segments()] == ["먼지", "밖", "119"]
