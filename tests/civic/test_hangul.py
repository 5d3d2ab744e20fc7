"""두벌식 composition as a visitor types it, and decomposition for matching."""

from __future__ import annotations

import pytest

from game.text.hangul import backspace, compose_jamo, decompose, key_to_jamo, type_jamo


def typed(jamo: str) -> str:
    text = ""
    for j in jamo:
        text = type_jamo(text, j)
    return text


@pytest.mark.parametrize(("jamo", "expected"), [
    ("ㄷㅏㄹㄱ", "닭"), ("ㄷㅏㄹㄱㅏ", "달가"), ("ㅎㅏㄴㄱㅡㄹ", "한글"), ("ㅅㅓㅇㅜㄹ", "서울"),
    ("ㄱㅗㅏㄴ", "관"), ("ㅇㅜㅓㄴ", "원"), ("ㅇㅡㅣㅅㅏ", "의사"), ("ㅂㅏㅂㅅ", "밦"),
    ("ㄱㅏㅄㅣ", "갑시"), ("ㅏㅏ", "ㅏㅏ"), ("ㄱㄴ", "ㄱㄴ"), ("ㄸㅏㄸ", "따ㄸ"), ("ㅆㅏㅁ", "쌈"),
])
def test_composition(jamo: str, expected: str) -> None:
    assert typed(jamo) == expected


def test_backspace_takes_one_jamo_at_a_time() -> None:
    text = typed("ㄷㅏㄹㄱ")
    steps = []
    while text:
        text = backspace(text)
        steps.append(text)
    assert steps == ["달", "다", "ㄷ", ""]


def test_backspace_splits_compound_vowels_and_only_composing_syllables() -> None:
    assert backspace("과") == "고"
    assert backspace("ㅘ") == "ㅗ"
    assert backspace("서울", composing=False) == "서"
    assert backspace("") == ""


def test_a_syllable_that_is_not_composing_is_left_alone() -> None:
    assert type_jamo("달", "ㄱ", composing=False) == "달ㄱ"
    assert type_jamo("달 ", "ㅏ") == "달 ㅏ"


def test_keys_follow_the_dubeolsik_layout() -> None:
    assert [key_to_jamo(k) for k in "gksrmf"] == list("ㅎㅏㄴㄱㅡㄹ")
    assert key_to_jamo("R") == "ㄲ" and key_to_jamo("K") == "ㅏ" and key_to_jamo("1") is None


def test_type_jamo_refuses_non_jamo() -> None:
    with pytest.raises(ValueError):
        type_jamo("", "a")


def test_decompose_and_recompose() -> None:
    assert decompose("닭과") == "ㄷㅏㄹㄱㄱㅗㅏ"
    assert decompose("쌀", split_doubles=True) == "ㅅㅏㄹ"
    assert decompose("abc 1") == "abc 1"
    assert compose_jamo("ㅅㅣㅂㅏㄹ ㄱㅐ") == "시발 개"
