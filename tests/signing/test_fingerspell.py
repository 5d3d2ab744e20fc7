"""Hangul words become finger-alphabet letters jamo by jamo, in writing order."""

from __future__ import annotations

import copy
import json

import pytest

from game.signing import fingerspell, lexicon
from game.signing.fingerspell import decompose, letters
from game.signing.lexicon import LexiconError

LEX = lexicon.load()
ALPHABET = fingerspell.load(LEX)


def test_gwanghwamun_decomposes_into_its_jamo() -> None:
    jamo = decompose("광화문")
    assert [j.letter for j in jamo] == ["ㄱ", "ㅘ", "ㅇ", "ㅎ", "ㅘ", "ㅁ", "ㅜ", "ㄴ"]
    assert [j.position for j in jamo] == ["initial", "medial", "final", "initial", "medial", "initial", "medial",
                                          "final"]


def test_compound_vowels_are_spelled_as_two_letters_and_finals_are_marked() -> None:
    spelled = letters("광화문", ALPHABET)
    assert [s.jamo for s in spelled] == ["ㄱ", "ㅗ", "ㅏ", "ㅇ", "ㅎ", "ㅗ", "ㅏ", "ㅁ", "ㅜ", "ㄴ"]
    assert [s.final for s in spelled] == [False, False, False, True, False, False, False, False, False, True]


def test_tense_consonants_use_the_plain_handshape_with_a_move() -> None:
    (first, *_rest) = letters("까", ALPHABET)
    assert (first.jamo, first.source, first.tense) == ("ㄱ", "ㄲ", True)


def test_compound_finals_are_two_consonants() -> None:
    assert [(s.jamo, s.final) for s in letters("닭", ALPHABET)] == [("ㄷ", False), ("ㅏ", False), ("ㄹ", True),
                                                                    ("ㄱ", True)]


def test_silent_initial_ieung_follows_the_setting() -> None:
    assert [s.jamo for s in letters("서울", ALPHABET)] == ["ㅅ", "ㅓ", "ㅇ", "ㅜ", "ㄹ"]
    quiet = fingerspell.Alphabet(**{**ALPHABET.__dict__, "spell_silent_initial_ieung": False})
    assert [s.jamo for s in letters("서울", quiet)] == ["ㅅ", "ㅓ", "ㅜ", "ㄹ"]


def test_non_hangul_characters_are_dropped() -> None:
    assert [j.letter for j in decompose("A-1 종로 ")] == ["ㅈ", "ㅗ", "ㅇ", "ㄹ", "ㅗ"]


def test_every_syllable_of_hangul_can_be_spelled() -> None:
    for code in range(0xAC00, 0xD7A4, 37):  # a spread over all 11,172 syllables
        assert letters(chr(code), ALPHABET)


def test_an_alphabet_missing_a_letter_is_refused() -> None:
    raw = json.loads(fingerspell.FINGERSPELLING_PATH.read_text(encoding="utf-8"))
    doc = copy.deepcopy(raw)
    del doc["letters"]["ㅎ"]
    with pytest.raises(LexiconError, match="no letter for jamo .*'ㅎ'"):
        fingerspell.parse(doc, LEX)
    doc = copy.deepcopy(raw)
    doc["letters"]["ㄱ"]["shape"] = "claw7"
    with pytest.raises(LexiconError, match="fingerspelling letter 'ㄱ': unknown or missing handshape 'claw7'"):
        fingerspell.parse(doc, LEX)
