"""Named actions ↔ keys, read from a data file in PRC form (``assets/input/keys.prc``). Pure.

Layers ask "is this press the ``confirm`` action?" rather than "is it Enter?", so a rebinding in one file
reaches every panel, and tests can read which key an action is on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "assets" / "input" / "keys.prc"
PREFIX = "mseoul-key-"


class KeymapError(ValueError):
    """A line of a key file the app cannot use."""


@dataclass(frozen=True)
class Keymap:
    bindings: dict[str, tuple[str, ...]]  # action → keys

    @classmethod
    def parse(cls, text: str, origin: str = "keys") -> Keymap:
        bindings: dict[str, tuple[str, ...]] = {}
        for n, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            name, *keys = line.split()
            if not name.startswith(PREFIX) or not keys:
                raise KeymapError(f"{origin}:{n}: expected '{PREFIX}<action> KEY [KEY…]', got {raw.strip()!r}")
            bindings[name[len(PREFIX):]] = tuple(keys)
        return cls(bindings)

    @classmethod
    def load(cls, path: Path | None = None) -> Keymap:
        """The default bindings, overridden action by action by the file named in ``MSEOUL_KEYS`` if set."""
        keymap = cls.parse((path or DEFAULT_FILE).read_text(encoding="utf-8"), str(path or DEFAULT_FILE))
        override = os.environ.get("MSEOUL_KEYS")
        if path is None and override:
            extra = cls.parse(Path(override).read_text(encoding="utf-8"), override)
            keymap = cls({**keymap.bindings, **extra.bindings})
        return keymap

    def actions(self, key: str) -> frozenset[str]:
        """Every action bound to ``key`` (a Panda3D button name with its modifiers, e.g. ``shift-tab``)."""
        return frozenset(action for action, keys in self.bindings.items() if key in keys)

    def keys(self, action: str) -> tuple[str, ...]:
        return self.bindings.get(action, ())
