"""Recorded interpreter clips: a folder of videos described by ``manifest.json``. Pure (no Panda3D).

Signing avatars suit fixed, pre-recorded messages at best and must not replace human interpreters (W3C XAUR,
citing the WFD/WASLI statement). So an operator or interpreter records a clip per message template
(``template:earthquake``) or per fixed phrase (a gloss such as ``대피``, a place name, a number) and drops it into
the clips folder; the signing panel plays a clip wherever one exists and lets the avatar sign only the rest.

Every clip names its language (KSL), signer, recording date and licence, so the panel can credit the signer and
an operator can tell whether a clip may be shown. The loader checks every field and names the clip and field in
its error: a broken manifest fails when it is read, not in front of a Deaf visitor.

Videos must be Motion-JPEG in AVI (every frame a key frame). Panda3D's ffmpeg plugin seeks those exactly; an
H.264 MP4 decoded through it showed frames from the wrong time after a seek (measured), so other files are
refused with the one-line conversion command.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "assets" / "signing" / "clips"
MANIFEST = "manifest.json"
LANGUAGE = "KSL"
VIDEO_SUFFIXES = (".avi",)
TEMPLATE_PREFIX = "template:"
CONVERT_HINT = "ffmpeg -i IN -an -c:v mjpeg -q:v 3 OUT.avi"


class ClipError(ValueError):
    """The manifest is malformed or names a missing or unplayable file; the message says which clip and why."""


@dataclass(frozen=True)
class Caption:
    """What the interpreter signs from ``start`` to ``end`` (seconds into the clip), written in each language."""

    start: float
    end: float
    text: dict[str, str]


@dataclass(frozen=True)
class Clip:
    id: str  # ``template:<category>`` or a gloss / phrase id
    path: Path
    language: str
    signer: str
    date: dt.date
    licence: str
    duration: float | None  # seconds; None until the panel measures it from the video
    captions: tuple[Caption, ...]

    def caption_at(self, t: float, lang: str) -> str | None:
        return next((c.text[lang] for c in self.captions if c.start <= t < c.end), None)

    def words(self, lang: str) -> tuple[str, ...]:
        """The written words the clip stands for in ``lang`` (its captions), for caption-page sync."""
        return tuple(c.text[lang] for c in self.captions)


@dataclass(frozen=True)
class ClipLibrary:
    folder: Path | None
    clips: dict[str, Clip]

    def get(self, clip_id: str) -> Clip | None:
        return self.clips.get(clip_id)

    def template(self, category: str) -> Clip | None:
        return self.clips.get(TEMPLATE_PREFIX + category)


EMPTY = ClipLibrary(None, {})


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ClipError(f"{where}: {key!r} must be a non-empty string, got {value!r}")
    return value.strip()


def _captions(raw: Any, duration: float | None, where: str) -> tuple[Caption, ...]:
    if not isinstance(raw, list):
        raise ClipError(f"{where}: 'captions' must be a list")
    out: list[Caption] = []
    for i, item in enumerate(raw):
        at = f"{where} caption {i}"
        start, end, text = (item.get(k) if isinstance(item, dict) else None for k in ("start", "end", "text"))
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (start, end))
        if not numbers or not 0 <= start < end:
            raise ClipError(f"{at}: needs numbers 0 ≤ start < end")
        if out and start < out[-1].end:
            raise ClipError(f"{at}: overlaps the previous caption")
        if duration is not None and end > duration + 1e-6:
            raise ClipError(f"{at}: ends after the clip ({end} > {duration} s)")
        if not isinstance(text, dict) or any(not isinstance(text.get(lang), str) for lang in ("ko", "en")):
            raise ClipError(f"{at}: 'text' needs 'ko' and 'en' strings")
        out.append(Caption(float(start), float(end), {"ko": text["ko"], "en": text["en"]}))
    return tuple(out)


def _clip(raw: Any, folder: Path, index: int) -> Clip:
    where = f"clip {index}"
    if not isinstance(raw, dict):
        raise ClipError(f"{where}: must be an object")
    clip_id = _text(raw, "id", where)
    where = f"clip {clip_id!r}"
    unknown = set(raw) - {"id", "file", "language", "signer", "date", "licence", "duration", "captions"}
    if unknown:
        raise ClipError(f"{where}: unknown field(s) {sorted(unknown)}")
    language = _text(raw, "language", where)
    if language != LANGUAGE:
        raise ClipError(f"{where}: language must be {LANGUAGE!r}, got {language!r}")
    try:
        date = dt.date.fromisoformat(_text(raw, "date", where))
    except ValueError:
        raise ClipError(f"{where}: 'date' must be YYYY-MM-DD, got {raw.get('date')!r}") from None
    name = _text(raw, "file", where)
    path = folder / name
    if Path(name).is_absolute() or ".." in Path(name).parts:
        raise ClipError(f"{where}: 'file' must be a name inside the clips folder, got {name!r}")
    if path.suffix.lower() not in VIDEO_SUFFIXES:
        raise ClipError(f"{where}: {name} is not Motion-JPEG AVI; convert it with `{CONVERT_HINT}`")
    if not path.is_file():
        raise ClipError(f"{where}: no file {name} in {folder}")
    duration = raw.get("duration")
    if duration is not None and (not isinstance(duration, int | float) or isinstance(duration, bool) or duration <= 0):
        raise ClipError(f"{where}: 'duration' must be a positive number of seconds")
    duration = None if duration is None else float(duration)
    return Clip(clip_id, path, language, _text(raw, "signer", where), date, _text(raw, "licence", where), duration,
                _captions(raw.get("captions", []), duration, where))


def parse(data: Any, folder: Path) -> ClipLibrary:
    """Validate a manifest document (already JSON-decoded) whose files lie in ``folder``."""
    if not isinstance(data, dict) or not isinstance(data.get("clips"), list):
        raise ClipError(f"{MANIFEST}: the top level must be an object with a 'clips' list")
    clips: dict[str, Clip] = {}
    for i, raw in enumerate(data["clips"]):
        clip = _clip(raw, folder, i)
        if clip.id in clips:
            raise ClipError(f"clip {clip.id!r}: listed twice")
        clips[clip.id] = clip
    return ClipLibrary(folder, clips)


def load(folder: Path) -> ClipLibrary:
    """The clips in ``folder``; a folder without a manifest has none (the avatar signs everything)."""
    path = folder / MANIFEST
    if not path.is_file():
        return ClipLibrary(folder, {})
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ClipError(f"{path}: cannot read ({exc})") from None
    return parse(data, folder)


def folder(setting: object) -> Path:
    """The clips folder: the operator's (the ``signing_clips_dir`` access setting) or the one shipped in assets."""
    return Path(setting).expanduser() if isinstance(setting, str) and setting else DEFAULT_DIR
