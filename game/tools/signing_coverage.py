"""How well the avatar covers the alert messages and the greetings: every template's glosses, how each is signed,
and which signs are still placeholders — for the interpreter who reviews them.

    python -m game.signing.coverage [--lang ko|en] [--render DIR]

Prints one line per template (each gloss tagged with how it is signed: the sign's confidence, ``spelled`` or
``number``), then the placeholder signs left in the lexicon. Exit status 1 when a template uses a placeholder:
a made-up form must not reach a Deaf visitor unnoticed. ``--render DIR`` also renders every template with the
preview (``DIR/<category>/frame_NNNN.png`` and ``timing.json``) for review. The check itself is pure.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from game.signing import lexicon, numbers, templates
from game.signing.lexicon import Lexicon
from game.signing.templates import Template


@dataclass(frozen=True)
class Coverage:
    #: category → [(gloss, how it is signed)], markers left out
    templates: dict[str, list[tuple[str, str]]]
    used_placeholders: dict[str, list[str]]  # category → placeholder glosses it signs
    unused_placeholders: list[str]  # placeholder signs no template uses (still to be replaced in the lexicon)


def how_signed(gloss: str, lex: Lexicon) -> str:
    """The sign's confidence (``placeholder`` forms say ``unknown-form``), ``number`` or ``spelled``."""
    if gloss in lex:
        return lex.signs[gloss].confidence
    return "number" if numbers.is_number(gloss) else "spelled"


def check(lex: Lexicon, sets: dict[str, Template], place: str = templates.DEFAULT_PLACE) -> Coverage:
    out, used = {}, {}
    for category, template in sets.items():
        glosses = [g for g in template.glosses_for(lex, place) if not g.startswith("[")]
        out[category] = [(g, how_signed(g, lex)) for g in glosses]
        placeholders = [g for g in glosses if g in lex and lex.signs[g].placeholder]
        if placeholders:
            used[category] = placeholders
    in_use = {g for names in used.values() for g in names}
    unused = sorted(g for g, sign in lex.signs.items() if sign.placeholder and g not in in_use)
    return Coverage(out, used, unused)


def main(argv: list[str] | None = None) -> int:
    from game.text.i18n import text

    parser = argparse.ArgumentParser(prog="python -m game.signing.coverage", description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("ko", "en"), default="ko")
    parser.add_argument("--render", type=Path, metavar="DIR", help="also render every template for review")
    args = parser.parse_args(argv)
    lex = lexicon.load()
    sets = {**templates.load(lex), **templates.load_greetings(lex)}
    result = check(lex, sets)
    for category, glosses in result.templates.items():
        print(f"{category}: " + " ".join(f"{g}({how})" for g, how in glosses))
    for category, names in result.used_placeholders.items():
        print(text("signing.coverage_used", args.lang, category=category, glosses=", ".join(names)))
    print(text("signing.coverage_unused", args.lang, glosses=", ".join(result.unused_placeholders) or "-"))
    if args.render is not None:
        for category, template in sets.items():
            subprocess.run([sys.executable, "-m", "game.tools.signing_preview", *template.glosses_for(lex),
                            "--out", str(args.render / category), "--lang", args.lang], check=True)
    return 1 if result.used_placeholders else 0


if __name__ == "__main__":
    sys.exit(main())
