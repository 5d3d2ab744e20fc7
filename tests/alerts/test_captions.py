"""Caption lines, pages and reading time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.alerts.captions import (
    MAX_LINE_CHARS,
    MIN_PAGE_SECONDS,
    Page,
    page_at,
    paginate,
    reading_seconds,
    wrap,
)

KO = ("낙하물로부터 머리를 보호하고, 흔들림이 멈추면 계단을 이용해 넓은 공터로 대피하세요. "
      "엘리베이터는 이용하지 마세요.")


def test_korean_breaks_at_word_spaces():
    lines = wrap(KO)
    assert all(len(line) <= MAX_LINE_CHARS for line in lines)
    assert " ".join(lines) == KO
    assert lines[0] == "낙하물로부터 머리를 보호하고, 흔들림이 멈추면 계단을 이용해 넓은 공터로"


def test_long_hangul_word_breaks_between_syllables_not_before_punctuation():
    word = "가" * 41 + "나."
    lines = wrap(word, 42)
    assert lines == ["가" * 41, "나."]  # the full stop never starts a line
    assert wrap("서울" * 30, 42) == ["서울" * 21, "서울" * 9]


def test_explicit_newline_starts_a_line():
    assert wrap("제목\n본문 내용") == ["제목", "본문 내용"]


def test_pages_hold_two_lines_and_read_at_the_documented_speed():
    pages = paginate(KO + " " + KO, "ko-KR")
    assert all(1 <= len(p.lines) <= 2 for p in pages) and len(pages) == 2
    chars = len("".join(pages[0].lines).replace(" ", ""))
    assert pages[0].seconds == pytest.approx(max(MIN_PAGE_SECONDS, chars / 9.0))
    assert reading_seconds("a" * 150, "en") == pytest.approx(10.0)
    assert reading_seconds("짧다", "ko") == MIN_PAGE_SECONDS


def test_page_at_turns_and_loops():
    pages = (Page(("a",), 3.0), Page(("b",), 4.0))
    assert [page_at(pages, t) for t in (0, 2.9, 3.0, 6.9, 7.0, 10.5)] == [0, 0, 1, 1, 0, 1]
    assert page_at(pages, 100, loop=False) == 1


@given(st.text(alphabet=st.sampled_from(list("가나다라마바사 아자차카 .,!?()ABC123\n")), max_size=400),
       st.integers(min_value=4, max_value=60))
def test_wrap_never_exceeds_width_and_loses_nothing(text, width):
    lines = wrap(text, width)
    assert all(0 < len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == "".join(text.split())
