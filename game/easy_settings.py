"""Easy mode's settings: whether it is on, and what it changes. Pure.

Easy mode is for first-time and older visitors: large text and buttons, the voice guide
speaking slower, a help line always on screen, and one key (or one touch) for "take me to…", a guided walk to a
landmark with narration there. The visitor chooses it on the start screen; the choice is kept in settings.json
(``"easy"``) beside the language. ``--easy`` (or the ``mseoul-easy`` PRC variable) turns it on for a run.
"""

from __future__ import annotations

KEY = "easy"  # settings.json's key for the visitor's choice
UI_SCALE = 1.5  # text and buttons: half as large again
#: espeak-ng words per minute in easy mode: about three quarters of the usual pace (game.speech.service.RATES).
SPEECH_RATES = {"ko": 120, "en": 125}
TRUTHY, FALSY = frozenset({"1", "true", "yes", "on", "#t"}), frozenset({"0", "false", "no", "off", "#f"})


def parse(text: str) -> bool | None:
    """A PRC/flag value: on, off, or None when empty (not set). Raises ValueError on anything else."""
    value = text.strip().lower()
    if not value:
        return None
    if value in TRUTHY:
        return True
    if value in FALSY:
        return False
    raise ValueError(f"expected on or off, not {text!r}")


def decide(forced: bool | None, stored: object, default: bool | None = None) -> bool | None:
    """On or off for this run: ``--easy``/PRC first, then the visitor's kept choice, then ``default`` (a kiosk's
    operator setting: its visitors keep nothing); None: nobody has chosen yet (the start screen asks)."""
    if forced is not None:
        return forced
    return stored if isinstance(stored, bool) else default
