"""Labelled captions for every sound that carries meaning: who or what is heard, then what it says. Pure.

A Deaf visitor reading ``Happy New Year`` cannot tell the bell from the announcer or a chat neighbour from the
guide; captions therefore name their source first (``[보신각 종 · Bosingak bell] 종소리 12/33 · bell 12/33``), as
broadcast subtitles name an off-screen speaker. Every caption source uses these helpers and the labels in
``assets/i18n/captions.json``; the caption style (:mod:`game.caption_style`) then shapes them all alike.
"""

from __future__ import annotations

from game.text import i18n

#: The labelled sources of sound: the kiosk's attract narration, easy mode's guide, the exhibition's audio guide,
#: the bell's strikes, the bell ceremony's spoken countdown, the guards' drum. (Chat read aloud is captioned by the
#: chat log's line, which names its speaker; an alert's voice by the overlay, under its sender's line.)
SOURCES = ("narrator", "guide", "audio_guide", "bell", "announcer", "drum")


def label(source: str, lang: str) -> str:
    if source not in SOURCES:
        raise ValueError(f"unknown caption source {source!r} (known: {', '.join(SOURCES)})")
    return i18n.text(f"captions.{source}", lang)


def labelled(source: str, text: str, lang: str) -> str:
    """``[안내] …``: one language's caption with its source."""
    return f"[{label(source, lang)}] {text}"


def both(source: str, ko: str, en: str) -> str:
    """``[보신각 종 · Bosingak bell] 종소리 1/33 · bell 1/33``: both languages on one line, for sounds every
    visitor hears at once whatever their language (the bell, the drum, the countdown)."""
    head = f"[{label(source, 'ko')} · {label(source, 'en')}]"
    return f"{head} {ko} · {en}" if ko != en else f"{head} {ko}"


def both_of(source: str, key: str, **fields: object) -> str:
    """:func:`both` of one catalogue string (``key``) in each language."""
    return both(source, *(i18n.text(key, lang, **fields) for lang in ("ko", "en")))
