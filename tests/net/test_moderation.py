"""The hub's profanity filter: cases in both languages, tricks included, and ordinary text that must pass."""

from __future__ import annotations

import unicodedata

import pytest

from net.moderation import LABELLED_PATH, is_profane, score


@pytest.mark.parametrize("text", [
    "시발", "씨발 진짜", "이거 시1발 뭐야", "ㅅㅣㅂㅏㄹ", "시 발", "씨 바", "ㅅ ㅂ", "ㅆㅂ 너무하네", "ㅂㅅ같은 행정",
    "병.신", "개새끼들", "개 새 끼", "지랄하네", "미친놈", "씨빨", "존나 느림",
    "fuck", "FUCK this", "f u c k", "f.u.c.k", "fuuuuck", "sh1t", "$hit", "what a bitch", "you a55hole", "bullshit",
    "Fucking slow service",
])
def test_profanity_is_caught(text: str) -> None:
    assert is_profane(text), text


@pytest.mark.parametrize("text", [
    "여권을 다시 발급받고 싶어요", "시발점이 어디인가요", "새끼손가락을 다쳤어요", "병신년 자료",
    "시청 앞 도로가 파였어요", "가로등이 꺼져 있어요", "신호등이 꺼져서 위험해요",
    "시 발표 자료를 보고 싶어요", "class assessment", "Charles Dickens", "shitake mushrooms",
    "this hit hard", "Please fix the streetlight", "ㅎㅎ 감사합니다", "지하철 시간표", "구청 민원 접수",
])
def test_ordinary_text_passes(text: str) -> None:
    assert not is_profane(text), text



@pytest.mark.parametrize("text", [
    unicodedata.normalize("NFD", "시발"), "\uffb5\uffb2", "ｆｕｃｋ", "tlqkf", "sibal", "SSIBAL", "씨8",
    "f**k", "fuсk", "ㅅ ㅂ", "jonna slow", "qudtls",
])
def test_unicode_keyboard_and_romanised_tricks_are_caught(text: str) -> None:
    assert is_profane(text), text


@pytest.mark.parametrize("text", ["Fukuoka", "Dickson", "새끼줄", "Jonas", "Scunthorpe", "3시 8분에 만나요",
                                  "fire retardant", "시바견 산책"])
def test_place_names_and_words_that_contain_a_listed_one_pass(text: str) -> None:
    assert not is_profane(text), text


def test_labelled_list_precision_and_recall() -> None:
    lines = LABELLED_PATH.read_text(encoding="utf-8")
    assert "시발점" in lines and "Fukuoka" in lines  # both languages, tricky negatives included
    scores = score()
    assert scores.lines >= 200
    assert scores.precision >= 0.95 and scores.recall >= 0.95, scores
