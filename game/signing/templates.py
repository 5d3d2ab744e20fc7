"""Per-category KSL message templates (``assets/ksl/templates.json``) → gloss sequences. Pure.

One template per alert pictogram (earthquake, fire, …) in KSL order — time and place first, then the hazard as
a topic, then the instructions with an urgent face — following the reference sheet's alert template. A
``{place}`` slot takes the alert's place: its sign when the lexicon has one, fingerspelling otherwise.

The city's greetings (``assets/ksl/greetings.json``: the New Year's 새해 복 많이 받으세요 after the bell's 33rd
strike) are templates of the same form, checked by the same rules and listed by the coverage tool; a word the
reference sheet gives no sign for is fingerspelled (``#새해``), never made up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from game.signing.lexicon import ASSETS, Lexicon, LexiconError
from game.signing.numbers import is_number

TEMPLATES_PATH = ASSETS / "templates.json"
GREETINGS_PATH = ASSETS / "greetings.json"
GREETINGS = ("new_year",)
CATEGORIES = ("earthquake", "fire", "flood", "typhoon", "heat", "fine_dust", "air_raid", "missing_person",
              "evacuation", "all_clear", "general")
PLACE_SLOT = "{place}"
DEFAULT_PLACE = "서울"


@dataclass(frozen=True)
class Template:
    category: str
    glosses: tuple[str, ...]
    meaning: dict[str, str]  # a written translation per language, with the same {place} slot

    def glosses_for(self, lexicon: Lexicon, place: str = DEFAULT_PLACE) -> list[str]:
        """The gloss sequence with the place filled in (a sign if the lexicon has one, else fingerspelled)."""
        place_gloss = place if place in lexicon else f"#{place}"
        return [place_gloss if g == PLACE_SLOT else g for g in self.glosses]


def _check_gloss(gloss: Any, lexicon: Lexicon, where: str) -> str:
    if not isinstance(gloss, str) or not gloss:
        raise LexiconError(f"{where}: glosses must be non-empty strings, got {gloss!r}")
    if gloss.startswith("[") and gloss.endswith("]"):
        if gloss[1:-1] not in lexicon.expressions:
            raise LexiconError(f"{where}: unknown expression marker {gloss!r}")
    elif gloss != PLACE_SLOT and not gloss.startswith("#") and not is_number(gloss) and gloss not in lexicon:
        raise LexiconError(f"{where}: gloss {gloss!r} is not in the lexicon (add it there, or write '#{gloss}' "
                           "to fingerspell it)")
    return gloss


def parse(data: Any, lexicon: Lexicon, categories: tuple[str, ...] = CATEGORIES) -> dict[str, Template]:
    """Validate templates: every category present, every gloss in the lexicon, both languages' meanings."""
    if not isinstance(data, dict):
        raise LexiconError("templates: the top level must be an object")
    missing = [c for c in categories if c not in data]
    if missing:
        raise LexiconError(f"templates: missing categories {missing}")
    out = {}
    for category, raw in data.items():
        where = f"template {category!r}"
        if category not in categories:
            raise LexiconError(f"{where}: unknown category (known: {', '.join(categories)})")
        glosses = raw.get("glosses") if isinstance(raw, dict) else None
        if not isinstance(glosses, list) or not glosses:
            raise LexiconError(f"{where}: needs a non-empty 'glosses' list")
        meaning = raw.get("meaning", {})
        if any(not isinstance(meaning.get(lang), str) for lang in ("ko", "en")):
            raise LexiconError(f"{where}: 'meaning' needs 'ko' and 'en' strings")
        out[category] = Template(category, tuple(_check_gloss(g, lexicon, where) for g in glosses), dict(meaning))
    return out


@lru_cache(maxsize=2)
def load(lexicon: Lexicon, path: Path = TEMPLATES_PATH) -> dict[str, Template]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{path.name}: not valid JSON ({exc})") from None
    return parse(data, lexicon)


@lru_cache(maxsize=2)
def load_greetings(lexicon: Lexicon, path: Path = GREETINGS_PATH) -> dict[str, Template]:
    """The greetings (:data:`GREETINGS`), checked as the alert templates are."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{path.name}: not valid JSON ({exc})") from None
    return parse(data, lexicon, GREETINGS)
