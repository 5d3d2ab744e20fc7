"""What the signing panel shows for one message: recorded interpreter clips first, the avatar for the gaps. Pure.

A whole-template clip (``template:<category>``) signs the message; the avatar adds only what the recording
cannot know (the numbers of this alert, under the topic face). Otherwise the gloss sequence is walked
in order: each gloss with a recorded clip is played from the video, and each run of glosses without one is signed
by the avatar as one timeline (its lead-in from rest and hold back to rest included), starting with the sentence
face in force at that point. The parts follow each other on one clock, so the captions, the report and the panel
all read the same times.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.alerts.hooks import GlossSpan, SignedSegment
from game.signing.clips import TEMPLATE_PREFIX, Clip, ClipLibrary
from game.signing.fingerspell import Alphabet
from game.signing.lexicon import Lexicon
from game.signing.timeline import Timeline, caption_spans, compile_glosses

INTERPRETER, AVATAR = "interpreter", "avatar"


@dataclass(frozen=True)
class Part:
    """One stretch of the programme: a recorded ``clip`` or an avatar ``timeline`` (exactly one is set)."""

    start: float
    end: float
    clip: Clip | None = None
    timeline: Timeline | None = None

    @property
    def source(self) -> str:
        return INTERPRETER if self.clip is not None else AVATAR


@dataclass(frozen=True)
class Programme:
    parts: tuple[Part, ...]

    @property
    def duration(self) -> float:
        return self.parts[-1].end if self.parts else 0.0

    def part_at(self, t: float) -> tuple[Part, float] | None:
        """The part showing at ``t`` (the last one after the end) and the time within it."""
        if not self.parts:
            return None
        part = next((p for p in self.parts if t < p.end), self.parts[-1])
        return part, min(max(t - part.start, 0.0), part.end - part.start)

    def segments(self) -> tuple[SignedSegment, ...]:
        out = []
        for part in self.parts:
            if part.clip is not None:
                out.append(SignedSegment(part.clip.id, INTERPRETER, part.start, part.end))
            else:
                assert part.timeline is not None
                out += [SignedSegment(s.gloss, AVATAR, part.start + s.start, part.start + s.end)
                        for s in part.timeline.spans]
        return tuple(out)

    def placeholders(self, lex: Lexicon) -> tuple[str, ...]:
        """Glosses the avatar signs with a stand-in form (a clip replaces a placeholder, so it is not listed)."""
        return tuple(s.gloss for p in self.parts if p.timeline is not None for s in p.timeline.spans
                     if s.kind == "sign" and lex.signs[s.gloss].placeholder)

    def spans(self, lex: Lexicon, lang: str) -> tuple[GlossSpan, ...]:
        """Every signed gloss or clip with its time and written words, for the captions' page sync."""
        key = "ko" if lang.split("-")[0].casefold() == "ko" else "en"
        out: list[GlossSpan] = []
        for part in self.parts:
            if part.clip is not None:
                clip = part.clip
                sign = lex.signs.get(clip.id)
                words = clip.words(key) or ((sign.meaning[key],) if sign else (clip.id.removeprefix("#"),))
                out.append(GlossSpan(clip.id, part.start, part.end, words))
            else:
                assert part.timeline is not None
                out += [GlossSpan(s.gloss, part.start + s.start, part.start + s.end, s.words)
                        for s in caption_spans(part.timeline, lex, lang)]
        return tuple(out)


def plan(glosses: Sequence[str], library: ClipLibrary, lex: Lexicon, alphabet: Alphabet, *, speed: float = 1.0,
         category: str | None = None, after_template: Sequence[str] = ()) -> Programme:
    """The programme for ``glosses`` (the template of ``category`` when given, plus ``after_template``, the
    glosses a template clip does not sign); ``speed`` scales the avatar only, a recorded clip always plays at the
    interpreter's own pace."""
    whole = library.template(category) if category is not None else None
    if whole is not None:
        parts = [Part(0.0, _length(whole), clip=whole)]
        if after_template:
            timeline = compile_glosses(["[topic]", *after_template], lex, alphabet, speed)
            parts.append(Part(parts[0].end, parts[0].end + timeline.duration, timeline=timeline))
        return Programme(tuple(parts))
    parts: list[Part] = []
    run: list[str] = []  # glosses for the avatar, starting with the sentence face in force where the run begins
    face = "[neutral]"
    t = 0.0

    def sign_run() -> None:
        nonlocal t, run
        if any(not g.startswith("[") for g in run):
            timeline = compile_glosses(run, lex, alphabet, speed)
            parts.append(Part(t, t + timeline.duration, timeline=timeline))
            t += timeline.duration
        run = []

    for gloss in glosses:
        clip = None if gloss.startswith("[") or gloss.startswith(TEMPLATE_PREFIX) else library.get(gloss)
        if clip is None:
            run = run or [face]
            run.append(gloss)
            if gloss.startswith("["):
                face = gloss
            continue
        sign_run()
        parts.append(Part(t, t + _length(clip), clip=clip))
        t += _length(clip)
    sign_run()
    return Programme(tuple(parts))


def _length(clip: Clip) -> float:
    if clip.duration is None:
        raise ValueError(f"clip {clip.id!r} has no duration: measure the library first")
    return clip.duration
