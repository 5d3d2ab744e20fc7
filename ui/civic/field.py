"""A text field's content with 두벌식 composition: physical keys, on-screen jamo and typed syllables. Pure.

Kept apart from the widget so the rules (what a key does in Hangul mode, when a syllable stops composing,
the length cap) are tested without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.text.hangul import backspace, is_jamo, key_to_jamo, type_jamo


@dataclass
class FieldText:
    text: str = ""
    max_len: int = 1000
    hangul: bool = True  # Latin keys type 두벌식 jamo
    composing: bool = False

    def key(self, ch: str) -> None:
        """One typed character (a Panda3D ``keystroke``); control characters are ignored."""
        if ch == "\b":
            self.back()
            return
        if not ch.isprintable() or len(self.text) >= self.max_len and not self.composing:
            return
        jamo = key_to_jamo(ch) if self.hangul and ch.isascii() and ch.isalpha() else (ch if is_jamo(ch) else None)
        if jamo is not None:
            new = type_jamo(self.text, jamo, self.composing)
            if len(new) <= self.max_len:
                self.text, self.composing = new, True
            return
        self.text += ch
        self.composing = False

    def back(self) -> None:
        """One jamo off the open syllable; once a whole character goes, the one before it is closed."""
        before = len(self.text)
        self.text = backspace(self.text, self.composing)
        self.composing = self.composing and len(self.text) == before

    def commit(self) -> None:
        """Close the open syllable (focus moved away, or the visitor pressed Enter)."""
        self.composing = False
