"""Glosses timed with the captions: which glosses each caption page gets and how long pages stay. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from game.alerts import sync
from game.alerts.captions import Page
from game.alerts.hooks import GlossSpan
from game.alerts.parser import parse_file
from game.alerts.policy import AlertPolicy
from game.signing import fingerspell, lexicon, templates
from game.signing.timeline import caption_spans, compile_glosses
from tests.alerts.paths import DATA

NOW = dt.datetime(2026, 7, 10, 23, 0, tzinfo=dt.UTC)


def _span(gloss: str, start: float, end: float, *words: str) -> GlossSpan:
    return GlossSpan(gloss, start, end, words or (gloss,))


QUAKE = (_span("지금", 0.35, 1.15), _span("서울", 1.35, 2.35), _span("지진", 2.55, 3.85),
         _span("계단", 4.05, 5.35), _span("대피", 5.55, 6.55))


def test_each_page_gets_the_glosses_it_says_and_turns_when_they_are_signed():
    pages = (Page(("지금 서울에 지진",), 3.0), Page(("계단으로 대피하세요",), 3.0))
    plan = sync.plan(pages, QUAKE, 7.0)
    first, second = plan.pages
    assert first.glosses == ("지금", "서울", "지진") and second.glosses == ("계단", "대피")
    # Page 1 signs from rest to the end of 지진 (3.85 s): too long for 3 s even at 1.25×, so the page waits.
    assert (first.sign_from, first.sign_to, first.rate) == (0.0, 3.85, 1.25)
    assert first.seconds == pytest.approx(3.08)
    # Page 2: from there to rest (3.15 s) at 1.05× fits its reading time exactly.
    assert (second.sign_from, second.sign_to) == (3.85, 7.0)
    assert second.rate == pytest.approx(1.05) and second.seconds == pytest.approx(3.0)
    assert [p.seconds for p in plan.caption_pages()] == [first.seconds, second.seconds]
    assert plan.caption_pages()[1].lines == ("계단으로 대피하세요",)


def test_the_signer_slows_at_most_to_0_8_then_holds_until_the_page_turns():
    plan = sync.plan((Page(("지금 서울에 지진 계단 대피",), 10.0),), QUAKE, 7.0)
    (page,) = plan.pages
    assert page.rate == sync.SLOWEST_RATE and page.seconds == 10.0  # reading time kept, never shortened
    assert page.signing_seconds == pytest.approx(8.75)
    assert plan.signing_time(4.0) == pytest.approx(3.2)
    assert plan.signing_time(9.0) == 7.0  # signed, holding at rest for the last 1.25 s of reading


def test_signing_too_long_for_any_rate_stretches_the_page():
    spans = (_span("엘리베이터", 0.35, 8.0),)
    (page,) = sync.plan((Page(("엘리베이터 금지",), 3.0),), spans, 8.45).pages
    assert page.rate == sync.FASTEST_RATE and page.seconds == pytest.approx(8.45 / 1.25)


def test_signing_time_holds_between_pages_and_restarts_when_the_captions_loop():
    pages = (Page(("지금 서울에 지진",), 5.0), Page(("계단으로 대피하세요",), 3.0))
    plan = sync.plan(pages, QUAKE, 7.0)
    first = plan.pages[0]
    assert first.rate == sync.SLOWEST_RATE and first.seconds == 5.0
    assert plan.signing_time(4.9) == pytest.approx(3.85)  # 지진 done at 4.81 s; held till the page turns
    assert plan.signing_time(5.0) == pytest.approx(3.85)  # the next page starts where the hands are
    assert plan.signing_time(5.5) == pytest.approx(3.85 + 0.5 * plan.pages[1].rate)
    assert plan.total == pytest.approx(8.0)
    assert plan.signing_time(plan.total + 1.0) == pytest.approx(plan.signing_time(1.0)) == pytest.approx(0.8)
    assert plan.signing_time(plan.total + 1.0, loop=False) == 7.0


def test_ksl_order_is_kept_and_no_page_is_left_without_signing():
    # KSL signs the hazard before the shelter; this text names the stairs first. Runs stay in signing order,
    # and each page still gets one gloss rather than one page getting both.
    pages = (Page(("계단으로 가세요",), 3.0), Page(("지진입니다",), 3.0))
    spans = (_span("지진", 0.35, 1.65), _span("계단", 1.85, 3.15))
    assert [p.glosses for p in sync.plan(pages, spans, 3.6).pages] == [("지진",), ("계단",)]


def test_finding_a_gloss_in_its_page_outranks_a_shorter_schedule():
    spans = (_span("지금", 0.35, 1.15), _span("서울", 1.35, 5.0), _span("지진", 5.2, 6.0))
    pages = (Page(("지금",), 3.0), Page(("서울에 지진",), 3.0))
    plan = sync.plan(pages, spans, 6.45)
    assert [p.glosses for p in plan.pages] == [("지금",), ("서울", "지진")]
    assert plan.total == pytest.approx(3.0 + 5.3 / 1.25)  # 7.24 s; cutting after 서울 would take 7.0 s
    assert sync.plan((Page(("x",), 3.0), Page(("y",), 3.0)), spans, 6.45).total == pytest.approx(7.0)


@pytest.mark.parametrize(("text", "phrase", "found"), [
    ("낙하물로부터 머리를 보호하고", "머리 보호", True),  # particles and endings attach to Korean words
    ("찾는 것을 도와주세요", "찾다", True),  # a verb's 다 is dropped
    ("엘리베이터는 이용하지 마세요", "하지 마", True),
    ("Protect your head from falling objects.", "protect your head", True),
    ("Go ahead", "head", False),  # Latin words only at a word's start
    ("Call 119 now", "119", True),
    ("지진 발생", "", False),
])
def test_mentions(text, phrase, found):
    assert sync.mentions(text, phrase) is found


@pytest.mark.parametrize(("lang", "runs", "seconds"), [
    ("ko", [6, 4], [7.496, 5.0]),  # the last page ends with the warning's final hold (0.3 s)
    ("en", [3, 4, 3], [4.536, 4.533, 3.72]),
])
def test_earthquake_template_on_the_earthquake_alert(lang, runs, seconds):
    """The real template, lexicon, solver and captions: every gloss signed once, in order, on the page that is
    up, and no page shorter than its reading time or its signing."""
    alert = AlertPolicy(lang=lang).receive(parse_file(DATA / "earthquake_emergency.xml"), NOW).presentation
    lex = lexicon.load()
    glosses = templates.load(lex)["earthquake"].glosses_for(lex)
    timeline = compile_glosses(glosses, lex, fingerspell.load(lex))
    spans = caption_spans(timeline, lex, lang)
    plan = sync.plan(alert.pages, spans, timeline.duration)
    assert [len(p.glosses) for p in plan.pages] == runs
    assert [g for p in plan.pages for g in p.glosses] == [s.gloss for s in spans]
    assert [round(p.seconds, 3) for p in plan.pages] == seconds
    for page, reading in zip(plan.pages, alert.pages, strict=True):
        assert page.lines == reading.lines and page.reading_seconds == reading.seconds
        assert page.seconds >= reading.seconds and page.seconds >= page.signing_seconds - 1e-9
        assert sync.SLOWEST_RATE <= page.rate <= sync.FASTEST_RATE
    assert plan.pages[0].sign_from == 0.0 and plan.pages[-1].sign_to == timeline.duration
    for before, after in zip(plan.pages, plan.pages[1:], strict=False):
        assert before.sign_to == after.sign_from == next(s.end for s in spans if s.gloss == before.glosses[-1])
