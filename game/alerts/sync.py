"""Captions and signing on one clock: which glosses go with which caption page, and how long each page stays.

Why: a Deaf viewer reads the caption page and watches the signer together. If the signer runs a sentence ahead
of or behind the text, the two compete instead of confirming each other. So the template's glosses are split,
in signing order, into one run per caption page, and each page's time is set so its run is signed while it is
on screen:

* **Which glosses.** Runs are contiguous (KSL order is kept; KSL puts time, place and topic first, so it need
  not follow the Korean sentence). Among all splits, the one chosen leaves the fewest pages without signing
  (a page read beside a still signer looks untranslated), then finds the most glosses in the text of their
  page (by the written words the lexicon gives each sign), then gives the shortest total time.
* **How long.** A page's signing section runs from the end of the previous page's last gloss (the transition
  into its first gloss belongs to it) to the end of its own last gloss; the first page also has the lead-in from
  rest, the last one the hold back to rest. The signer's speed on a page is bounded to
  :data:`SLOWEST_RATE`–:data:`FASTEST_RATE` of the authored speed (interpreters vary their pace within about
  this range without losing clarity): faster to fit a short page, slower to fill a long one. A page stays for
  its reading time (:func:`game.alerts.captions.reading_seconds`) or its signing, whichever is longer, so
  captions never page faster than reading speed, and a page turns only when its glosses are done.

Pure: no Panda3D. The overlay pages with :meth:`SyncPlan.caption_pages`; the controller poses the signer at
:meth:`SyncPlan.signing_time` of the same clock, so replay and the captions' looping restart both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from game.alerts.captions import Page, is_hangul
from game.alerts.hooks import GlossSpan

SLOWEST_RATE = 0.8
FASTEST_RATE = 1.25


@dataclass(frozen=True, slots=True)
class SyncedPage:
    lines: tuple[str, ...]
    glosses: tuple[str, ...]  # signed while this page is up, in order
    reading_seconds: float  # the captions' own reading-speed time
    sign_from: float  # this page's section of the signing timeline (seconds of the timeline)
    sign_to: float
    rate: float  # signing speed on this page, 1 = as authored
    seconds: float  # how long the page stays: ≥ reading_seconds and ≥ its signing at ``rate``

    @property
    def signing_seconds(self) -> float:
        """Wall-clock time the signer needs for this page's section at this page's rate."""
        return (self.sign_to - self.sign_from) / self.rate


@dataclass(frozen=True, slots=True)
class SyncPlan:
    pages: tuple[SyncedPage, ...]
    signing_duration: float  # the whole signing timeline, lead-in to rest

    @property
    def total(self) -> float:
        return sum(p.seconds for p in self.pages)

    def caption_pages(self) -> tuple[Page, ...]:
        """The caption pages with their synchronised durations (same lines), for the overlay to page by."""
        return tuple(Page(p.lines, p.seconds) for p in self.pages)

    def signing_time(self, t: float, loop: bool = True) -> float:
        """Where the signing timeline should be ``t`` seconds after the captions started (looping with them)."""
        if not self.pages:
            return min(max(t, 0.0), self.signing_duration)
        if loop:
            t %= self.total
        for page in self.pages:
            if t < page.seconds:
                return min(page.sign_to, page.sign_from + max(t, 0.0) * page.rate)
            t -= page.seconds
        return self.pages[-1].sign_to

    def as_json(self) -> list[dict[str, object]]:
        """The timing for the alert job's report: per page its glosses, reading and signing time, rate, stay."""
        return [{"page": i + 1, "glosses": list(p.glosses), "seconds": round(p.seconds, 3),
                 "reading_seconds": round(p.reading_seconds, 3), "signing_seconds": round(p.signing_seconds, 3),
                 "rate": round(p.rate, 3), "sign_from": round(p.sign_from, 3), "sign_to": round(p.sign_to, 3)}
                for i, p in enumerate(self.pages)]


def _stem(word: str) -> str:
    """A Korean verb's dictionary form loses its ending 다 (찾다 → 찾, found in 찾는 and 찾아)."""
    return word[:-1] if len(word) > 1 and word.endswith("다") and is_hangul(word[-2]) else word


def mentions(text: str, phrase: str) -> bool:
    """Whether every word of ``phrase`` occurs in ``text``: Korean words anywhere (particles and endings attach
    to them: 머리 → 머리를), Latin words and numbers at the start of a word (head → Head, not ahead)."""
    folded = text.casefold()
    words = [_stem(w) for w in phrase.casefold().split()]
    if not words:
        return False
    for word in words:
        if any(is_hangul(ch) for ch in word):
            if word not in folded:
                return False
        elif not re.search(rf"(?<!\w){re.escape(word)}", folded):
            return False
    return True


def _found(span: GlossSpan, text: str) -> bool:
    return any(mentions(text, words) for words in span.words)


def _page(lines: tuple[str, ...], reading: float, glosses: tuple[str, ...], start: float,
          end: float) -> SyncedPage:
    length = end - start
    rate = min(FASTEST_RATE, max(SLOWEST_RATE, length / reading)) if length > 0 else 1.0
    return SyncedPage(lines, glosses, reading, start, end, rate, max(reading, length / rate))


def plan(pages: Sequence[Page], spans: Sequence[GlossSpan], signing_duration: float) -> SyncPlan:
    """Split ``spans`` over ``pages`` and time both (see the module docstring for the rules)."""
    m, n = len(pages), len(spans)
    if m == 0:
        return SyncPlan((), signing_duration)
    texts = [" ".join(p.lines) for p in pages]

    def section(k: int, lo: int, hi: int) -> tuple[float, float]:
        start = spans[lo - 1].end if lo > 0 else 0.0
        end = signing_duration if k == m - 1 else (spans[hi - 1].end if hi > 0 else 0.0)
        return start, max(start, end)

    def score(k: int, lo: int, hi: int) -> tuple[int, int, float]:
        found = sum(_found(spans[i], texts[k]) for i in range(lo, hi))
        start, end = section(k, lo, hi)
        return int(hi > lo), found, -_page((), pages[k].seconds, (), start, end).seconds

    # best[k][c]: the best score of pages 0..k-1 holding spans 0..c-1, and the cut that got it.
    best: list[dict[int, tuple[tuple[int, int, float], int]]] = [{0: ((0, 0, 0.0), 0)}]
    for k in range(m):
        row: dict[int, tuple[tuple[int, int, float], int]] = {}
        for lo, (acc, _) in best[k].items():
            for hi in (range(lo, n + 1) if k < m - 1 else (n,)):
                s = score(k, lo, hi)
                total = (acc[0] + s[0], acc[1] + s[1], acc[2] + s[2])
                if hi not in row or total > row[hi][0]:
                    row[hi] = (total, lo)
        best.append(row)
    cuts = [n]
    for k in range(m, 0, -1):
        cuts.append(best[k][cuts[-1]][1])
    cuts.reverse()
    out = []
    for k, page in enumerate(pages):
        lo, hi = cuts[k], cuts[k + 1]
        out.append(_page(page.lines, page.seconds, tuple(s.gloss for s in spans[lo:hi]), *section(k, lo, hi)))
    return SyncPlan(tuple(out), signing_duration)
