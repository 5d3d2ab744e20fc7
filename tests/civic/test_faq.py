"""FAQ search: the right answer despite typos, spacing and language, in well under a second."""

from __future__ import annotations

import time

import pytest

from game.civic.faq import Faq, load, similarity, substring_distance


@pytest.fixture(scope="module")
def faq() -> Faq:
    return Faq(load())


@pytest.mark.parametrize(("query", "expected"), [
    ("여권 발급", "passport"), ("여궈발급 어디서 해요", "passport"), ("ㅇㅕ권", "passport"),
    ("주민등록 등봉", "resident-cert"), ("주민 등록등본 떼는법", "resident-cert"), ("전입 신고 기한", "move-in"),
    ("대형폐기물버리기", "bulky-waste"), ("따릉 이", "ddareungi"), ("가로등 고장", "streetlight"),
    ("돈의문 어디", "donuimun"), ("시청 몇시까지", "office-hours"), ("쓰래기 무단투기", "illegal-dumping"),
    ("passport", "passport"), ("poothole on road", "pothole"), ("where can i pay parking fine", "parking-fine"),
    ("seoul plaza booking", "plaza-booking"),
])
def test_best_answer(faq: Faq, query: str, expected: str) -> None:
    hits = faq.search(query)
    assert hits and hits[0].entry.id == expected, [(h.entry.id, h.score) for h in hits]


@pytest.mark.parametrize("query", ["날씨 어때요", "   ", "!!!", "zzzz qqqq"])
def test_no_answer_rather_than_a_wild_guess(faq: Faq, query: str) -> None:
    assert faq.search(query) == []


def test_answers_within_a_second(faq: Faq) -> None:
    queries = ["여궈발급 어디서 해요", "where can i pay parking fine and car tax online", "주민 등록등본 떼는법"]
    for q in queries:
        t0 = time.perf_counter()
        faq.search(q)
        assert time.perf_counter() - t0 < 0.25  # a quarter of the budget, so slow CI still passes


def test_substring_distance() -> None:
    assert substring_distance("abc", "xxabcxx") == 0
    assert substring_distance("abd", "xxabcxx") == 1
    assert substring_distance("", "abc") == 0
    assert similarity("abcd", "") == 0.0
