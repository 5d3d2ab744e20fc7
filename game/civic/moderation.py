"""Safe use of the civic forms: a Korean/English profanity filter, length limits and per-visitor rate limits. Pure.

The filter compares normalised forms, because people dodge filters by splitting jamo (ㅅㅣㅂㅏㄹ), inserting
digits or symbols (시1발, f.u.c.k), doubling letters (fuuuck) or spacing letters out (시 발, f u c k). Each
whitespace token is normalised on its own (Korean to basic jamo, Latin through a leet map); neighbouring tokens
are joined only where one of them is a single character, and a word found across such a join must cover whole
tokens. That keeps the spacing trick caught without flagging ordinary phrases like "다시 발급" (reissue), whose
joined jamo happen to contain a swear word. An allow-list blanks ordinary words that contain a listed one
(시발점, "starting point").
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from game.text.hangul import decompose, is_consonant, is_jamo, is_syllable

WORDS_PATH = Path(__file__).resolve().parents[2] / "assets" / "civic" / "profanity.json"
_LEET = str.maketrans({"0": "o", "1": "i", "!": "i", "|": "i", "3": "e", "4": "a", "@": "a", "5": "s", "$": "s",
                       "7": "t", "+": "t"})


def _korean(token: str) -> str:
    """Basic jamo of the Hangul in ``token`` (doubles as singles: 씨발 and 시발 look alike); the rest dropped."""
    return decompose("".join(ch for ch in token if is_syllable(ch) or is_jamo(ch)), split_doubles=True)


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

    @staticmethod
    def from_dict(data: dict) -> WordList:
        return WordList(
            tuple(sorted({_korean(w) for w in data["ko"]})), tuple(data["initials"]),
            tuple(sorted({_latin(w) for w in data["en"]})),
            tuple(_korean(w) for w in data["allow"] if _korean(w)),
            tuple(_latin(w) for w in data["allow"] if _latin(w)),
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
    for run in _runs(text.split()):
        korean = [_blank(_korean(t), words.allow_korean) for t in run]
        latin = [_blank(_latin(t), words.allow_english) for t in run]
        if _find(words.korean, korean) or _find(words.english, latin):
            return True
        # Consonant abbreviations (ㅅㅂ) count only where typed as bare jamo, never inside spelled-out words.
        marked = "".join(ch if is_consonant(ch) else ("|" if ch.isalpha() else "") for t in run for ch in t)
        if any(i in segment for segment in marked.split("|") for i in words.initials):
            return True
    return False


@dataclass(frozen=True)
class Limit:
    low: int
    high: int


#: Characters a visitor may write per field (the hub's own limits are the upper bound).
LIMITS: dict[str, Limit] = {
    "title": Limit(4, 120),
    "proposal": Limit(10, 1000),
    "comment": Limit(2, 500),
    "complaint": Limit(10, 1000),
    "message": Limit(5, 500),
    "query": Limit(1, 100),
}
#: Fields screened by the profanity filter (what others will read, and what staff must answer).
SCREENED = frozenset({"title", "proposal", "comment", "complaint", "message"})


@dataclass(frozen=True)
class Problem:
    """What to fix, as an i18n key with its fields; the form keeps the text and shows this."""

    key: str
    fields: dict[str, int | str] = field(default_factory=dict)


def check_field(kind: str, text: str) -> Problem | None:
    """None when ``text`` may be sent as a ``kind`` field; otherwise the first problem to fix."""
    limit = LIMITS[kind]
    n = len(text.strip())
    if n < limit.low:
        return Problem("civic.too_short", {"min": limit.low, "count": n})
    if n > limit.high:
        return Problem("civic.too_long", {"max": limit.high, "count": n})
    if kind in SCREENED and is_profane(text):
        return Problem("civic.profanity")
    return None


class RateLimiter:
    """At most ``count`` submissions per ``window`` seconds per (visitor, action); the clock is handed in."""

    def __init__(self, count: int, window: float, clock: Callable[[], float]):
        self.count, self.window, self.clock = count, window, clock
        self._times: dict[tuple[str, str], deque[float]] = {}

    def retry_after(self, visitor: str, action: str) -> float:
        """Seconds until the next submission is allowed; 0 when it is allowed now (nothing is recorded)."""
        times = self._times.get((visitor, action))
        if not times:
            return 0.0
        now = self.clock()
        while times and now - times[0] >= self.window:
            times.popleft()
        return 0.0 if len(times) < self.count else self.window - (now - times[0])

    def record(self, visitor: str, action: str) -> None:
        self._times.setdefault((visitor, action), deque()).append(self.clock())

    def check(self, visitor: str, action: str) -> Problem | None:
        wait = self.retry_after(visitor, action)
        if wait > 0:
            return Problem("civic.rate_limited", {"seconds": int(wait) + 1})
        self.record(visitor, action)
        return None
