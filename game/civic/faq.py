"""The 120 Center's instant FAQ search: typo- and spacing-tolerant, Korean and English. Pure.

A phone call to 120 was faster than the old city app, so answers must come at once and survive how people
type on a kiosk: missing or extra spaces (여권발급 / 여권 발급), a wrong or missing jamo (등봉 for 등본, 여궈
for 여권), doubled consonants (ㅆ for ㅅ). Text is compared as basic jamo with spaces and punctuation removed,
so a one-key slip costs one edit rather than a whole syllable; each query word is matched against the best
place in an entry's question and keywords (approximate substring matching, Sellers' algorithm), and words
that match many entries ("어디서", "how") weigh less than words that pick one out.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from game.text.hangul import decompose, is_jamo, is_syllable

FAQ_PATH = Path(__file__).resolve().parents[2] / "assets" / "civic" / "faq.json"
#: A result needs at least this weighted similarity (0–1) to count as an answer rather than a guess.
MIN_SCORE = 0.66
#: Other hits are shown only when nearly as good as the best one, so a clear answer is not buried in guesses.
RELATED_MARGIN = 0.2
_WORD_MATCH = 0.75  # a word "occurs" in an entry (for its weight) at this similarity or better


class FaqError(ValueError):
    """The FAQ file is malformed; the message names the entry."""


@dataclass(frozen=True)
class Entry:
    id: str
    category: str
    question: dict[str, str]
    answer: dict[str, str]
    keywords: dict[str, tuple[str, ...]]
    index: str  # normalised question and keywords, both languages, "|" between phrases


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float


def normalise(text: str) -> str:
    """Lower case, Hangul as basic jamo (doubles as singles), everything but letters and digits removed."""
    kept = "".join(ch for ch in text.lower() if ch.isalnum() or is_syllable(ch) or is_jamo(ch))
    return decompose(kept, split_doubles=True)


def _words(query: str) -> list[str]:
    """Query words, normalised; a single-syllable or single-letter word joins its neighbour (spacing slips)."""
    words: list[str] = []
    last_single = False
    for raw in query.split():
        norm = normalise(raw)
        if not norm:
            continue
        single = len(raw) == 1
        if words and (single or last_single):
            words[-1] += norm
        else:
            words.append(norm)
        last_single = single
    return words


def substring_distance(word: str, text: str) -> int:
    """Edit distance from ``word`` to its best-matching substring of ``text`` (Sellers, O(len·len))."""
    prev = [0] * (len(text) + 1)  # an empty word matches anywhere for free
    for i, wc in enumerate(word, 1):
        cur = [i] + [0] * len(text)
        for j, tc in enumerate(text, 1):
            cur[j] = min(prev[j - 1] + (wc != tc), prev[j] + 1, cur[j - 1] + 1)
        prev = cur
    return min(prev)


def similarity(word: str, text: str) -> float:
    return max(0.0, 1.0 - substring_distance(word, text) / len(word)) if word else 0.0


def _entry(raw: dict) -> Entry:
    try:
        question = {lang: str(raw["question"][lang]) for lang in ("ko", "en")}
        answer = {lang: str(raw["answer"][lang]) for lang in ("ko", "en")}
        keywords = {lang: tuple(str(k) for k in raw["keywords"][lang]) for lang in ("ko", "en")}
        phrases = [question["ko"], question["en"], *keywords["ko"], *keywords["en"]]
        return Entry(str(raw["id"]), str(raw["category"]), question, answer, keywords,
                     "|".join(normalise(p) for p in phrases))
    except (KeyError, TypeError) as exc:
        raise FaqError(f"FAQ entry {raw.get('id', '?') if isinstance(raw, dict) else '?'}: missing {exc}") from None


def load(path: Path = FAQ_PATH) -> list[Entry]:
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = [_entry(e) for e in data["entries"]]
    ids = [e.id for e in entries]
    if len(set(ids)) != len(ids):
        raise FaqError("FAQ entry ids must be unique")
    return entries


class Faq:
    """Search over loaded entries; ``search`` returns the hits above :data:`MIN_SCORE`, best first."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries

    def search(self, query: str, limit: int = 3) -> list[Hit]:
        words = _words(query)
        if not words:
            return []
        sims = [[similarity(w, e.index) for e in self.entries] for w in words]
        n = len(self.entries)
        weights = []
        for w, row in zip(words, sims, strict=True):
            df = sum(1 for s in row if s >= _WORD_MATCH)
            weights.append(len(w) * math.log(1.0 + n / (1.0 + df)))
        total = sum(weights)
        hits = []
        for k, entry in enumerate(self.entries):
            score = sum(wt * row[k] for wt, row in zip(weights, sims, strict=True)) / total
            if score >= MIN_SCORE:
                hits.append(Hit(entry, score))
        hits.sort(key=lambda h: -h.score)
        return [h for h in hits if h.score >= hits[0].score - RELATED_MARGIN][:limit]
