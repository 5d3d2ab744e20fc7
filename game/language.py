"""The interface language: one setting for the whole app, applied live and kept between runs (with the other
small things the app remembers for the visitor, such as having seen the first-minute card). Pure.

Every view that shows words subscribes; :meth:`Language.set` tells each of them, so after ``L`` nothing is left
in the other language. The visitor's choice is stored in the user config directory; ``--lang`` (or the
``mseoul-language`` PRC variable) wins over the stored choice for that run.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

LANGS = ("ko", "en")
log = logging.getLogger("mseoul.language")


def settings_file(config_dir: Path) -> Path:
    return config_dir / "settings.json"


def recall(config_dir: Path | None, key: str) -> object:
    """A setting kept from an earlier run, or None (no directory, no file, unreadable)."""
    if config_dir is None:
        return None
    try:
        return json.loads(settings_file(config_dir).read_text(encoding="utf-8")).get(key)
    except (OSError, ValueError, AttributeError):
        return None


def remember(config_dir: Path | None, key: str, value: object) -> None:
    """Keep a setting for the next run (nothing without a directory; a read-only home is logged, not fatal)."""
    if config_dir is None:
        return
    path = settings_file(config_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        data[key] = value
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    except (OSError, ValueError) as exc:
        log.warning("setting %s not kept: %s", key, exc)


def stored(config_dir: Path | None) -> str | None:
    """The language kept from an earlier run, or None."""
    lang = recall(config_dir, "language")
    return lang if lang in LANGS else None


@dataclass
class Language:
    value: str
    config_dir: Path | None = None  # where the choice is kept; None: not kept (tests, kiosks)
    _listeners: list[Callable[[str], None]] = field(default_factory=list)

    @classmethod
    def start(cls, flag: str | None, default: str, config_dir: Path | None) -> Language:
        """``flag`` (from ``--lang``/PRC) wins, then the stored choice, then ``default``."""
        return cls(flag or stored(config_dir) or default, config_dir)

    def subscribe(self, listener: Callable[[str], None]) -> Callable[[], None]:
        """Call ``listener(lang)`` on every change; returns the function that unsubscribes it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def set(self, lang: str) -> None:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}")
        self.value = lang
        self._save()
        for listener in list(self._listeners):
            listener(lang)

    def toggle(self) -> None:
        self.set(LANGS[(LANGS.index(self.value) + 1) % len(LANGS)])

    def _save(self) -> None:
        remember(self.config_dir, "language", self.value)
