"""The one string catalogue: every user-facing string, in Korean and English.

Strings live in ``assets/i18n/<namespace>.json`` as ``{"key": {"ko": "...", "en": "..."}}`` and are
addressed as ``"<namespace>.<key>"``. Splitting by namespace keeps files small and lets features add their
strings without editing one shared file; loading merges them into one catalogue and refuses a string that
lacks a language, so a missing translation fails a test rather than reaching a visitor. Pure (no Panda3D).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANGS = ("ko", "en")
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "assets" / "i18n"


class CatalogueError(ValueError):
    """A catalogue file is malformed or a string misses a language."""


@lru_cache(maxsize=4)
def load(directory: Path = DEFAULT_DIR) -> dict[str, dict[str, str]]:
    """Load and validate every namespace file; cached because strings never change while running."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise CatalogueError(f"{path.name}: not valid JSON ({exc})") from None
        for key, entry in data.items():
            if not isinstance(entry, dict) or any(not isinstance(entry.get(lang), str) for lang in LANGS):
                raise CatalogueError(f"{path.name}: {key!r} needs both 'ko' and 'en' strings")
            out[f"{path.stem}.{key}"] = {lang: entry[lang] for lang in LANGS}
    return out


def text(key: str, lang: str, /, **fields: object) -> str:
    """The string for ``key`` in ``lang``, with ``{field}`` placeholders filled in."""
    if lang not in LANGS:
        raise KeyError(f"unknown language {lang!r}")
    entry = load().get(key)
    if entry is None:
        raise KeyError(f"no string {key!r} in the catalogue")
    return entry[lang].format(**fields) if fields else entry[lang]


def both(key: str, /, **fields: object) -> str:
    """Korean and English on one line, for signs and captions meant for everyone."""
    return f"{text(key, 'ko', **fields)} / {text(key, 'en', **fields)}"
