"""Hangul fingerspelling (지문자): words → jamo → finger-alphabet letters. Pure.

Names and words without a sign (a street, a district) are spelled jamo by jamo in writing order
(초성 → 중성 → 종성). The finger alphabet itself is data (``assets/ksl/fingerspelling.json``): one handshape and
orientation per basic jamo, tense consonants as their plain letter plus a short move outwards, compound
vowels and compound finals as sequences, and a small drop that marks a final consonant. Those rules come
from the reference sheet; the 받침 drop and whether the silent initial ㅇ is spelled are settings there
because no source settles them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from game.signing.lexicon import ASSETS, Lexicon, LexiconError, check_direction

FINGERSPELLING_PATH = ASSETS / "fingerspelling.json"
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")
_FIRST, _LAST = 0xAC00, 0xD7A3


@dataclass(frozen=True)
class Jamo:
    letter: str
    position: str  # "initial", "medial" or "final"


@dataclass(frozen=True)
class Letter:
    """One finger-alphabet handshape to sign."""

    jamo: str  # the basic jamo whose handshape is used
    source: str  # the jamo as written (ㄲ for a tense letter, ㅘ for a part of a compound vowel)
    tense: bool  # add the short outward move of the tense consonants
    final: bool  # a 받침: add the final drop


@dataclass(frozen=True)
class LetterForm:
    shape: str
    fingers: str
    palm: str
    offset: tuple[float, float, float]  # [out, forward, up] from the spelling site; lower for letters pointing down


@dataclass(frozen=True)
class Alphabet:
    site: str
    duration: float
    tense_shift_out: float
    final_drop: float
    spell_silent_initial_ieung: bool
    letters: dict[str, LetterForm]
    tense: dict[str, str]
    sequences: dict[str, tuple[str, ...]]


def decompose(word: str) -> list[Jamo]:
    """Split precomposed Hangul syllables into jamo; standalone compatibility jamo pass through.

    Characters that are neither (spaces, punctuation, Latin) are dropped: they cannot be fingerspelled in KSL.
    """
    out: list[Jamo] = []
    for ch in word:
        code = ord(ch)
        if _FIRST <= code <= _LAST:
            index = code - _FIRST
            initial, rest = divmod(index, 21 * 28)
            medial, final = divmod(rest, 28)
            out.append(Jamo(INITIALS[initial], "initial"))
            out.append(Jamo(MEDIALS[medial], "medial"))
            if final:
                out.append(Jamo(FINALS[final], "final"))
        elif ch in INITIALS or ch in MEDIALS or ch in FINALS[1:]:
            out.append(Jamo(ch, "medial" if ch in MEDIALS else "initial"))
    return out


def letters(word: str, alphabet: Alphabet) -> list[Letter]:
    """The finger-alphabet letters for ``word``, with compound jamo expanded and tense letters marked."""
    out: list[Letter] = []
    for jamo in decompose(word):
        if jamo.letter == "ㅇ" and jamo.position == "initial" and not alphabet.spell_silent_initial_ieung:
            continue
        for part in alphabet.sequences.get(jamo.letter, (jamo.letter,)):
            base = alphabet.tense.get(part, part)
            out.append(Letter(base, jamo.letter, base != part, jamo.position == "final"))
    return out


def parse(data: Any, lexicon: Lexicon) -> Alphabet:
    """Validate the finger alphabet against the lexicon's handshapes and sites."""
    if not isinstance(data, dict):
        raise LexiconError("fingerspelling: the top level must be an object")
    rules = data.get("rules", {})
    site = rules.get("site")
    if site not in lexicon.sites:
        raise LexiconError(f"fingerspelling rules: unknown site {site!r}")
    forms = {}
    for jamo, raw in data.get("letters", {}).items():
        where = f"fingerspelling letter {jamo!r}"
        if not isinstance(raw, dict) or raw.get("shape") not in lexicon.handshapes:
            shape = raw.get("shape") if isinstance(raw, dict) else raw
            raise LexiconError(f"{where}: unknown or missing handshape {shape!r}")
        offset = raw.get("offset", [0, 0, 0])
        if not (isinstance(offset, list) and len(offset) == 3 and all(isinstance(v, int | float) for v in offset)):
            raise LexiconError(f"{where}: offset must be a list of 3 numbers, got {offset!r}")
        forms[jamo] = LetterForm(raw["shape"], check_direction(raw.get("fingers"), f"{where} fingers"),
                                 check_direction(raw.get("palm"), f"{where} palm"), tuple(float(v) for v in offset))
    tense = dict(data.get("tense", {}))
    sequences = {k: tuple(v) for k, v in data.get("sequences", {}).items()}
    alphabet = Alphabet(site, float(rules.get("duration", 0.5)), float(rules.get("tense_shift_out", 0.05)),
                        float(rules.get("final_drop", 0.03)), bool(rules.get("spell_silent_initial_ieung", True)),
                        forms, tense, sequences)
    # Every jamo a Korean word can contain must resolve to a letter with a handshape.
    for jamo in sorted({*INITIALS, *MEDIALS, *FINALS[1:]}):
        for part in sequences.get(jamo, (jamo,)):
            if tense.get(part, part) not in forms:
                raise LexiconError(f"fingerspelling: no letter for jamo {jamo!r} (part {part!r})")
    return alphabet


@lru_cache(maxsize=2)
def load(lexicon: Lexicon, path: Path = FINGERSPELLING_PATH) -> Alphabet:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{path.name}: not valid JSON ({exc})") from None
    return parse(data, lexicon)
