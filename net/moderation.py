"""The profanity filter the hub applies to what others will read (chat, opinion box, messages to the mayor). Pure.

It lives in ``net`` because the hub enforces it (the app checks the same rules first, to keep a visitor's text in
the form). People dodge filters with look-alike characters and spellings, so every token is brought to one form
before matching: Unicode NFKC (full- and half-width forms, ligatures, circled letters), Hangul spelled out as basic
jamo whether it arrived as syllables, decomposed (NFD) jamo or compatibility jamo (ㅅㅣㅂㅏㄹ), doubled consonants
as single (씨 → 시), digits both dropped (시1발) and read aloud (씨8 → 씨팔), Latin letters also read as the jamo
their keys type on a 두벌식 keyboard (tlqkf → 시발), Latin through a leet map with repeated letters collapsed
(f.u.c.k, fuuuck, sh1t, f**k) after Cyrillic and Greek look-alikes become Latin; romanised Korean (sibal, jiral)
is matched as whole tokens. Neighbouring
tokens are joined only where one of them is a single character, and a word found across such a join must cover
whole tokens, so "다시 발급" (reissue) is not read as a swear word while "시 발" is. An allow-list blanks ordinary
words that contain a listed one (시발점, "starting point"; Dickens).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

WORDS_PATH = Path(__file__).resolve().parents[1] / "assets" / "civic" / "profanity.json"

_S_BASE, _T_COUNT, _N_COUNT = 0xAC00, 28, 21 * 28
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
# Conjoining jamo (what NFD gives) to compatibility jamo (what a keyboard types).
_CONJOINING = {
    **{chr(0x1100 + i): j for i, j in enumerate(_INITIALS)},
    **{chr(0x1161 + i): j for i, j in enumerate(_MEDIALS)},
    **{chr(0x11A8 + i): j for i, j in enumerate(_FINALS)},
}
_TO_COMPAT = str.maketrans(_CONJOINING)
# Compound vowels and finals spelled out, doubled consonants written single (ㅆ is ㅅ with shift, one key away).
_BASIC = {
    "ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ", "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ",
    "ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ", "ㄽ": "ㄹㅅ", "ㄾ": "ㄹㅌ",
    "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ", "ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ",
}
# Latin letters as typed on the standard 두벌식 keyboard, so Korean typed with the IME off (tlqkf = 시발) is read.
_DUBEOLSIK = dict(zip("qwertyuiopasdfghjklzxcvbnm", "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔㅁㄴㅇㄹㅎㅗㅓㅏㅣㅋㅌㅊㅍㅠㅜㅡ",
                      strict=True))
_DUBEOLSIK_SHIFT = {"Q": "ㅃ", "W": "ㅉ", "E": "ㄸ", "R": "ㄲ", "T": "ㅆ", "O": "ㅒ", "P": "ㅖ"}
# Digits read aloud in Sino-Korean, so 씨8 reads 씨팔 (the digit-dropped reading is checked as well: 시1발).
_DIGIT_SYLLABLE = str.maketrans({"0": "공", "1": "일", "2": "이", "3": "삼", "4": "사", "5": "오", "6": "육", "7": "칠",
                                 "8": "팔", "9": "구"})
# Cyrillic and Greek letters that look Latin (NFKC leaves them alone): fuсk with a Cyrillic с.
_CONFUSABLE = str.maketrans({"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "к": "k",
                             "м": "m", "т": "t", "н": "h", "в": "b", "ѕ": "s", "ο": "o", "α": "a", "ν": "v",
                             "ι": "i", "κ": "k", "τ": "t", "υ": "u"})
_LEET = str.maketrans({"0": "o", "1": "i", "!": "i", "|": "i", "3": "e", "4": "a", "@": "a", "5": "s", "$": "s",
                       "7": "t", "+": "t", "8": "b", "*": "u"})


def _is_jamo(ch: str) -> bool:
    return "ㄱ" <= ch <= "ㅣ"


def _is_consonant(ch: str) -> bool:
    return "ㄱ" <= ch <= "ㅎ"


def normalise(text: str) -> str:
    """NFKC text with Hangul syllables recomposed from any decomposed form and leftover jamo written as typed
    (NFKC turns typed compatibility jamo such as ㅅ into conjoining ones; this turns them back)."""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", text)).translate(_TO_COMPAT)
    return text.translate(_CONFUSABLE)


def _korean(token: str) -> str:
    """Basic compatibility jamo of the Hangul in ``token`` (any form: syllables, NFD, typed jamo); rest dropped."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", token):
        jamo = _CONJOINING.get(ch, ch)
        if _is_jamo(jamo):
            out.append(_BASIC.get(jamo, jamo))
    return "".join(out)


def _korean_readings(token: str) -> list[str]:
    """The token's Hangul as jamo: digits dropped, digits read aloud (if it has Hangul), or, for a token of Latin
    letters only, the jamo its keys type on a 두벌식 keyboard."""
    readings = [_korean(token)]
    if readings[0] and any(ch.isdigit() for ch in token):
        readings.append(_korean(token.translate(_DIGIT_SYLLABLE)))
    letters = re.sub(r"[^A-Za-z]", "", token)
    if len(letters) >= 3 and letters == token.strip(".,!?~"):
        typed = "".join(_DUBEOLSIK_SHIFT.get(ch) or _DUBEOLSIK[ch.lower()] for ch in letters)
        readings.append("".join(_BASIC.get(j, j) for j in typed))
    return readings


def _latin(token: str) -> str:
    """Lower-case letters of ``token`` after the leet map, with runs of one letter collapsed (fuuuck → fuck)."""
    letters = re.sub(r"[^a-z]", "", token.lower().translate(_LEET))
    return re.sub(r"(.)\1+", r"\1", letters)


@dataclass(frozen=True)
class WordList:
    korean: tuple[str, ...]
    initials: tuple[str, ...]
    english: tuple[str, ...]
    allow_korean: tuple[str, ...]
    allow_english: tuple[str, ...]
    romanised: frozenset[str]  # Korean swear words in Latin letters, matched as whole tokens only (jonna, not Jonas)

    @staticmethod
    def from_dict(data: dict) -> WordList:
        return WordList(
            tuple(sorted({_korean(w) for w in data["ko"]})), tuple(data["initials"]),
            tuple(sorted({_latin(w) for w in data["en"]})),
            tuple(_korean(w) for w in data["allow"] if _korean(w)),
            tuple(_latin(w) for w in data["allow"] if _latin(w)),
            frozenset(_latin(w) for w in data.get("romanised", ())),
        )


@lru_cache(maxsize=2)
def load_words(path: Path = WORDS_PATH) -> WordList:
    return WordList.from_dict(json.loads(path.read_text(encoding="utf-8")))


def _units(token: str) -> int:
    return sum(1 for ch in token if ch.isalnum())


def _find(words: tuple[str, ...], pieces: list[str]) -> bool:
    """Whether a word lies inside one piece, or exactly covers several consecutive pieces."""
    for piece in pieces:
        if any(w in piece for w in words):
            return True
    for i in range(len(pieces)):
        joined = pieces[i]
        for j in range(i + 1, len(pieces)):
            joined += pieces[j]
            if joined in words:
                return True
    return False


def _runs(tokens: list[str]) -> list[list[str]]:
    """Groups of neighbouring tokens joined because one side of each join is a single character."""
    runs: list[list[str]] = []
    for tok in tokens:
        if runs and (_units(runs[-1][-1]) == 1 or _units(tok) == 1):
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def _blank(text: str, allowed: tuple[str, ...]) -> str:
    for word in allowed:
        text = text.replace(word, "|")
    return text


def is_profane(text: str, words: WordList | None = None) -> bool:
    """True when ``text`` contains a listed word in Korean or English, tricks included."""
    words = words or load_words()
    for run in _runs(normalise(text).split()):
        latin = [_blank(_latin(t), words.allow_english) for t in run]
        if _find(words.english, latin) or any(t in words.romanised for t in latin):
            return True
        readings = [_korean_readings(t) for t in run]
        for n in range(max(len(r) for r in readings)):
            korean = [_blank(r[min(n, len(r) - 1)], words.allow_korean) for r in readings]
            if _find(words.korean, korean):
                return True
        # Consonant abbreviations (ㅅㅂ) count only where typed as bare jamo, never inside spelled-out words.
        marked = "".join(ch if _is_consonant(ch) else ("|" if ch.isalpha() else "") for t in run for ch in t)
        if any(i in segment for segment in marked.split("|") for i in words.initials):
            return True
    return False


LABELLED_PATH = WORDS_PATH.with_name("moderation_labelled.tsv")


@dataclass(frozen=True)
class Scores:
    lines: int
    precision: float  # of the texts refused, the share that should be
    recall: float  # of the texts that should be refused, the share that is
    false_positives: tuple[str, ...]
    false_negatives: tuple[str, ...]


def score(path: Path = LABELLED_PATH, words: WordList | None = None) -> Scores:
    """The filter measured on a labelled list (``1<TAB>text`` to refuse, ``0<TAB>text`` to pass; ``#`` comments)."""
    rows = [line.rstrip("\n").split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
            if line.strip() and not line.startswith("#")]
    flagged = [(label == "1", is_profane(text, words), text) for label, text in rows]
    tp = sum(1 for want, got, _ in flagged if want and got)
    fp = tuple(text for want, got, text in flagged if got and not want)
    fn = tuple(text for want, got, text in flagged if want and not got)
    return Scores(len(rows), round(tp / max(1, tp + len(fp)), 4), round(tp / max(1, tp + len(fn)), 4), fp, fn)
