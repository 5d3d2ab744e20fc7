"""두벌식 Hangul composition and jamo decomposition. Pure.

Kiosks and VR have no Korean keyboard, and a desktop's IME may be off, so the app composes syllables itself:
an on-screen or physical key gives a compatibility jamo (ㄱ, ㅏ …), :func:`type_jamo` folds it into the text's
last syllable the way a 두벌식 IME does (ㄷ ㅏ ㄹ ㄱ → 닭, a vowel after a final moves it: 닭 + ㅏ → 달가), and
:func:`backspace` takes back one jamo at a time while composing (닭 → 달 → 다 → ㄷ → ""). The text is the state:
a composing field only needs to know whether its last character is still open (``composing``).

:func:`decompose` splits text into basic jamo (compound vowels and finals too), for typo-tolerant search and the
profanity filter, where "ㅅㅣㅂㅏㄹ" and "시발" must look the same.
"""

from __future__ import annotations

S_BASE, L_COUNT, V_COUNT, T_COUNT = 0xAC00, 19, 21, 28
N_COUNT = V_COUNT * T_COUNT

#: Compatibility jamo in Unicode syllable order (initials, medials, finals; "" = no final).
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")

COMPOUND_VOWELS = {("ㅗ", "ㅏ"): "ㅘ", ("ㅗ", "ㅐ"): "ㅙ", ("ㅗ", "ㅣ"): "ㅚ", ("ㅜ", "ㅓ"): "ㅝ", ("ㅜ", "ㅔ"): "ㅞ",
                   ("ㅜ", "ㅣ"): "ㅟ", ("ㅡ", "ㅣ"): "ㅢ"}
COMPOUND_FINALS = {("ㄱ", "ㅅ"): "ㄳ", ("ㄴ", "ㅈ"): "ㄵ", ("ㄴ", "ㅎ"): "ㄶ", ("ㄹ", "ㄱ"): "ㄺ", ("ㄹ", "ㅁ"): "ㄻ",
                   ("ㄹ", "ㅂ"): "ㄼ", ("ㄹ", "ㅅ"): "ㄽ", ("ㄹ", "ㅌ"): "ㄾ", ("ㄹ", "ㅍ"): "ㄿ", ("ㄹ", "ㅎ"): "ㅀ",
                   ("ㅂ", "ㅅ"): "ㅄ"}
_SPLIT = {v: k for k, v in {**COMPOUND_VOWELS, **COMPOUND_FINALS}.items()}
#: Doubled initials, split only for matching (ㅆ is ㅅ pressed with shift, a one-key typo away).
_DOUBLE = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}

#: The standard 두벌식 layout: QWERTY key → jamo (shift gives the five doubled consonants and ㅒ ㅖ).
DUBEOLSIK = dict(zip("qwertyuiopasdfghjklzxcvbnm", "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔㅁㄴㅇㄹㅎㅗㅓㅏㅣㅋㅌㅊㅍㅠㅜㅡ", strict=True))
DUBEOLSIK_SHIFT = {"Q": "ㅃ", "W": "ㅉ", "E": "ㄸ", "R": "ㄲ", "T": "ㅆ", "O": "ㅒ", "P": "ㅖ"}


def is_consonant(ch: str) -> bool:
    return "ㄱ" <= ch <= "ㅎ"


def is_vowel(ch: str) -> bool:
    return "ㅏ" <= ch <= "ㅣ"


def is_jamo(ch: str) -> bool:
    return is_consonant(ch) or is_vowel(ch)


def is_syllable(ch: str) -> bool:
    return len(ch) == 1 and S_BASE <= ord(ch) < S_BASE + L_COUNT * N_COUNT


def key_to_jamo(key: str) -> str | None:
    """The jamo a Latin key types in 두벌식 (``"r"`` → ㄱ, ``"R"`` → ㄲ); None for other keys."""
    if key in DUBEOLSIK_SHIFT:
        return DUBEOLSIK_SHIFT[key]
    return DUBEOLSIK.get(key.lower()) if len(key) == 1 else None


def compose(initial: str, medial: str, final: str = "") -> str:
    return chr(S_BASE + (INITIALS.index(initial) * V_COUNT + MEDIALS.index(medial)) * T_COUNT + FINALS.index(final))


def split_syllable(ch: str) -> tuple[str, str, str]:
    """(initial, medial, final) compatibility jamo of a precomposed syllable; final is "" when there is none."""
    n = ord(ch) - S_BASE
    return INITIALS[n // N_COUNT], MEDIALS[(n % N_COUNT) // T_COUNT], FINALS[n % T_COUNT]


def type_jamo(text: str, jamo: str, composing: bool = True) -> str:
    """``text`` after typing ``jamo``; it joins the last character only while that one is ``composing``."""
    if not is_jamo(jamo):
        raise ValueError(f"not a Hangul jamo: {jamo!r}")
    last = text[-1:] if composing else ""
    head = text[:-1]
    if is_syllable(last):
        ini, med, fin = split_syllable(last)
        if is_consonant(jamo):
            if not fin and jamo in FINALS:
                return head + compose(ini, med, jamo)
            joined = COMPOUND_FINALS.get((fin, jamo))
            return head + compose(ini, med, joined) if joined else text + jamo
        if not fin:
            joined = COMPOUND_VOWELS.get((med, jamo))
            return head + compose(ini, joined) if joined else text + jamo
        keep, moved = _SPLIT[fin] if fin in COMPOUND_FINALS.values() else ("", fin)
        if moved not in INITIALS:  # cannot happen for 두벌식 finals, but never build an invalid syllable
            return text + jamo
        return head + compose(ini, med, keep) + compose(moved, jamo)
    if is_consonant(last) and is_vowel(jamo) and last in INITIALS:
        return head + compose(last, jamo)
    if is_vowel(last) and is_vowel(jamo) and (last, jamo) in COMPOUND_VOWELS:
        return head + COMPOUND_VOWELS[(last, jamo)]
    return text + jamo


def backspace(text: str, composing: bool = True) -> str:
    """``text`` after one backspace: one jamo off a composing syllable, else one whole character."""
    if not text:
        return text
    last, head = text[-1], text[:-1]
    if not composing:
        return head
    if is_syllable(last):
        ini, med, fin = split_syllable(last)
        if fin:
            return head + compose(ini, med, _SPLIT[fin][0] if fin in _SPLIT else "")
        if med in _SPLIT:
            return head + compose(ini, _SPLIT[med][0])
        return head + ini
    if last in _SPLIT:
        return head + _SPLIT[last][0]
    return head


def decompose(text: str, split_doubles: bool = False) -> str:
    """``text`` with every syllable and compound jamo spelled out in basic compatibility jamo (닭 → ㄷㅏㄹㄱ,
    ㅘ → ㅗㅏ); other characters unchanged. ``split_doubles`` also writes ㅆ as ㅅ (for fuzzy matching)."""
    out: list[str] = []
    for ch in text:
        parts = split_syllable(ch) if is_syllable(ch) else (ch,)
        for part in parts:
            for basic in _SPLIT.get(part, (part,)):
                out.append(_DOUBLE.get(basic, basic) if split_doubles else basic)
    return "".join(out)


def compose_jamo(jamo: str) -> str:
    """Recompose a run of typed jamo into syllables (ㅅㅣㅂㅏㄹ → 시발), as if typed on a 두벌식 keyboard."""
    out = ""
    composing = False
    for ch in jamo:
        if is_jamo(ch):
            out = type_jamo(out, ch, composing)
            composing = True
        else:
            out += ch
            composing = False
    return out
