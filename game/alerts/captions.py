"""Caption lines and pages for alert text: ≤ 42 characters a line, ≤ 2 lines on screen, paged at reading speed.

Line breaking is Korean-aware: Korean separates words (어절) with spaces, so lines break at spaces first; a
word longer than a line may break between any two Hangul syllables (allowed in Korean typesetting), while
Latin words and numbers are only split when nothing else fits. Closing punctuation never starts a line and
opening brackets never end one (kinsoku rules shared by Korean and Japanese typesetting).

Reading speed: a page stays up for ``len(text) / cps`` seconds, at least :data:`MIN_PAGE_SECONDS`, with
``cps`` = 9 characters/second for Korean and 15 for other languages. 9 cps is the slower, children's
figure of the Netflix Korean timed-text guide (adults: 12 cps); 15 cps is below the BBC's 160–180
words/minute guidance for English. Alerts are read by people under stress, by Deaf readers whose first
language is Korean Sign Language, and by older people, so the slow figures are deliberate. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_LINE_CHARS = 42
MAX_LINES = 2
CHARS_PER_SECOND = {"ko": 9.0}
DEFAULT_CHARS_PER_SECOND = 15.0
MIN_PAGE_SECONDS = 3.0

_NO_LINE_START = set(")]}>」』〉》】〕.,!?:;%·…、。’”")
_NO_LINE_END = set("([{<「『〈《【〔‘“")


def is_hangul(ch: str) -> bool:
    """Hangul syllables and jamo, which may be broken between."""
    return "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"


def _split_word(word: str, width: int) -> list[str]:
    """Split one over-long word into pieces ≤ ``width``, preferring breaks after a Hangul syllable."""
    pieces = []
    while len(word) > width:
        cut = width
        for i in range(width, 0, -1):
            if (is_hangul(word[i - 1]) or is_hangul(word[i])) and word[i] not in _NO_LINE_START \
                    and word[i - 1] not in _NO_LINE_END:
                cut = i
                break
        pieces.append(word[:cut])
        word = word[cut:]
    return pieces + [word] if word else pieces


def wrap(text: str, width: int = MAX_LINE_CHARS) -> list[str]:
    """Break ``text`` into lines of at most ``width`` characters; explicit newlines start a new line."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        current = ""
        for word in paragraph.split():
            for piece in _split_word(word, width):
                if not current:
                    current = piece
                elif len(current) + 1 + len(piece) <= width:
                    current += " " + piece
                else:
                    lines.append(current)
                    current = piece
        if current:
            lines.append(current)
    return lines


@dataclass(frozen=True, slots=True)
class Page:
    lines: tuple[str, ...]
    seconds: float


def reading_seconds(text: str, lang: str) -> float:
    cps = CHARS_PER_SECOND.get(lang.split("-")[0], DEFAULT_CHARS_PER_SECOND)
    return max(MIN_PAGE_SECONDS, len(text.replace(" ", "")) / cps)


def paginate(text: str, lang: str, width: int = MAX_LINE_CHARS, lines_per_page: int = MAX_LINES) -> tuple[Page, ...]:
    """Pages of wrapped ``text`` with the time each should stay on screen."""
    lines = wrap(text, width)
    pages = []
    for i in range(0, len(lines), lines_per_page):
        chunk = tuple(lines[i : i + lines_per_page])
        pages.append(Page(chunk, reading_seconds(" ".join(chunk), lang)))
    return tuple(pages)


def page_at(pages: tuple[Page, ...], t: float, loop: bool = True) -> int:
    """Index of the page on screen ``t`` seconds after the captions started; loops so late arrivals can read."""
    if not pages:
        return 0
    total = sum(p.seconds for p in pages)
    if loop:
        t %= total
    for i, page in enumerate(pages):
        if t < page.seconds:
            return i
        t -= page.seconds
    return len(pages) - 1
