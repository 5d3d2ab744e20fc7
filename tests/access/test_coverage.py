"""Signing covers every message: every template signs with no placeholder, and the numbers of an alert are signed."""

from __future__ import annotations

import pytest

from game.signing import fingerspell, lexicon, numbers, skeleton, templates
from game.signing.templates import Template
from game.signing.timeline import compile_glosses
from game.tools import signing_coverage as coverage

LEX = lexicon.load()
ALPHABET = fingerspell.load(LEX)
TEMPLATES = templates.load(LEX)


@pytest.mark.parametrize("category", templates.CATEGORIES)
def test_every_template_is_signed_without_a_placeholder(category):
    """Solved through the pose solver, as the panel does: every span is a real sign, a number or fingerspelling."""
    glosses = TEMPLATES[category].glosses_for(LEX, "광화문")
    timeline = compile_glosses(glosses, LEX, ALPHABET)
    assert [s.gloss for s in timeline.spans] == [g for g in glosses if not g.startswith("[")]
    placeholders = [s.gloss for s in timeline.spans if s.kind == "sign" and LEX.signs[s.gloss].placeholder]
    assert placeholders == []


def test_the_check_finds_a_placeholder_and_lists_the_ones_left_in_the_lexicon():
    result = coverage.check(LEX, TEMPLATES)
    assert result.used_placeholders == {}
    assert result.unused_placeholders == sorted(g for g, s in LEX.signs.items() if s.placeholder)
    assert "낮게" not in result.unused_placeholders and "높은-곳" not in result.unused_placeholders  # replaced
    broken = {**TEMPLATES, "fire": Template("fire", ("지금", "건물", "#신고", "119"), {"ko": "", "en": ""})}
    result = coverage.check(LEX, broken)
    assert result.used_placeholders == {"fire": ["건물"]}
    assert result.templates["fire"] == [("지금", "medium"), ("건물", "unknown-form"), ("#신고", "spelled"),
                                        ("119", "number")]


def test_the_command_prints_every_template_and_fails_only_on_placeholders(capsys):
    assert coverage.main(["--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert all(f"{c}:" in out for c in templates.CATEGORIES)
    assert "placeholder signs no template uses (still to replace): 건물" in out


@pytest.mark.parametrize(("number", "units"), [
    ("7", [("7", False)]), ("10", [("1", True)]), ("20", [("2", True)]), ("79", [("7", True), ("9", False)]),
    ("119", [("1", False), ("1", False), ("9", False)]), ("6.1", [("6", False), ("점", False), ("1", False)]),
    ("05", [("0", False), ("5", False)]),
])
def test_numbers_become_hand_units(number, units):
    assert numbers.hand_units(number) == units


@pytest.mark.parametrize(("text", "glosses"), [
    ("[기상청] 서울 종로구 북쪽 10km 지역 규모 6.1 지진 발생", ["10", "#킬로", "#규모", "6.1"]),
    ("[KMA] Magnitude 6.1 earthquake 10 km north of Jongno-gu, Seoul", ["#규모", "6.1", "10", "#킬로"]),
    ("서울 도심 호우경보 발효, 시간당 100mm 극한호우", ["100", "#밀리"]),
    ("김○○씨(남, 79세)를 찾습니다. 165cm, 회색 점퍼", ["79", "#세", "165", "#센티"]),
    ("초미세먼지 주의보 발령", []),
    ("1 2 3 4 5 6", ["1", "2", "3", "4"]),
])
def test_numbers_are_found_in_alert_text_with_their_units(text, glosses):
    assert numbers.glosses(text) == glosses


def test_numbers_are_signed_after_the_hazard():
    template = ["지금", "#서울", "[topic]", "지진", "[urgent]", "대피"]
    assert numbers.with_numbers(template, "규모 6.1") == ["지금", "#서울", "[topic]", "지진", "#규모", "6.1",
                                                         "[urgent]", "대피"]
    assert numbers.with_numbers(["대피"], "10km") == ["대피", "10", "#킬로"]


def test_tens_bend_the_digit_handshape_and_a_decimal_has_its_point():
    def middle_of(glosses):
        timeline = compile_glosses(glosses, LEX, ALPHABET)
        (span,) = timeline.spans
        return timeline, timeline.sample((span.start + span.end) / 2)

    _, two = middle_of(["2"])
    _, twenty = middle_of(["20"])
    joint = skeleton.INDEX["R.index.2"]
    assert twenty[joint] - two[joint] > 60  # hooked index (95°) against a straight one
    timeline, _ = middle_of(["6.1"])
    (span,) = timeline.spans
    assert span.kind == "number"
    assert span.duration > compile_glosses(["61"], LEX, ALPHABET).spans[0].duration  # the point is signed too
