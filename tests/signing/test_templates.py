"""Per-category templates: every alert pictogram has one, places are filled in, bad glosses are refused."""

from __future__ import annotations

import copy
import json

import pytest

from game.alerts.pictograms import PICTOGRAMS
from game.signing import fingerspell, lexicon, templates
from game.signing.lexicon import LexiconError
from game.signing.timeline import compile_glosses

LEX = lexicon.load()
TEMPLATES = templates.load(LEX)


def test_every_category_has_a_template() -> None:
    assert set(TEMPLATES) == set(templates.CATEGORIES)
    for template in TEMPLATES.values():
        assert template.meaning["ko"] and template.meaning["en"]


def test_category_ids_match_the_alert_pictograms() -> None:
    assert set(templates.CATEGORIES) == set(PICTOGRAMS)


def test_place_is_signed_when_known_and_fingerspelled_otherwise() -> None:
    quake = TEMPLATES["earthquake"]
    assert "#종로" in quake.glosses_for(LEX, "종로")
    assert templates.PLACE_SLOT not in quake.glosses_for(LEX)
    assert "지하" in quake.glosses_for(LEX, "지하")  # a place that has a sign is signed


@pytest.mark.parametrize("category", templates.CATEGORIES)
def test_every_template_compiles_with_a_topic_and_an_instruction(category: str) -> None:
    glosses = TEMPLATES[category].glosses_for(LEX)
    assert "[topic]" in glosses
    timeline = compile_glosses(glosses, LEX, fingerspell.load(LEX))
    assert 4.0 < timeline.duration < 25.0


def test_a_template_with_an_unknown_gloss_is_refused() -> None:
    raw = json.loads(templates.TEMPLATES_PATH.read_text(encoding="utf-8"))
    doc = copy.deepcopy(raw)
    doc["fire"]["glosses"].append("소화기")
    with pytest.raises(LexiconError, match="template 'fire': gloss '소화기' is not in the lexicon"):
        templates.parse(doc, LEX)
    doc = copy.deepcopy(raw)
    del doc["heat"]
    with pytest.raises(LexiconError, match="missing categories"):
        templates.parse(doc, LEX)


def test_the_new_year_greeting_is_fingerspelled_word_by_word_and_listed_by_the_coverage_tool() -> None:
    from game.tools import signing_coverage as coverage

    greeting = templates.load_greetings(LEX)["new_year"]
    assert greeting.meaning["ko"] == "새해 복 많이 받으세요"
    glosses = greeting.glosses_for(LEX)
    assert "".join(g.removeprefix("#") for g in glosses) == greeting.meaning["ko"].replace(" ", "")
    assert all(g.startswith("#") for g in glosses)  # the reference sheet gives none of these signs: none invented
    result = coverage.check(LEX, templates.load_greetings(LEX))
    assert result.templates["new_year"] == [(g, "spelled") for g in glosses] and not result.used_placeholders
    timeline = compile_glosses(glosses, LEX, fingerspell.load(LEX))
    letters = sum(len(fingerspell.letters(g[1:], fingerspell.load(LEX))) for g in glosses)
    assert letters >= 20 and letters * 0.3 < timeline.duration < 30.0


def test_a_greeting_outside_the_list_is_refused() -> None:
    with pytest.raises(LexiconError, match="unknown category"):
        templates.parse({"new_year": {"glosses": ["#새해"], "meaning": {"ko": "새해", "en": "new year"}},
                         "chuseok": {"glosses": ["#추석"], "meaning": {"ko": "추석", "en": "Chuseok"}}}, LEX,
                        templates.GREETINGS)
