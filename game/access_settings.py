"""The accessibility settings an operator or visitor can set, kept in settings.json under ``"access"``. Pure.

One declaration per setting (name, kind, default, allowed range, what it does), read through the store
:mod:`game.language` already keeps (``settings.json`` in the user config directory or ``--config-dir``), so there
is one settings file, not two. A wrong value is logged and replaced by its default: a typo in a kiosk's settings
must not stop alerts from being shown.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.caption_style import COLOURS, POSITIONS
from game.language import recall

KEY = "access"
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")
log = logging.getLogger("mseoul.access")


@dataclass(frozen=True)
class Setting:
    kind: type
    default: Any
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    doc: str = ""


SETTINGS: dict[str, Setting] = {
    "signing_clips_dir": Setting(str, None, doc="folder of recorded interpreter clips (manifest.json); default: "
                                                "assets/signing/clips"),
    "signing_panel_height": Setting(float, None, 0.15, 0.5, doc="signing panel height as a fraction of the screen "
                                                                "height; default: the space the alert layout keeps"),
    "signing_panel_corner": Setting(str, None, choices=CORNERS, doc="screen corner for the signing panel; default: "
                                                                    "where the alert layout puts it"),
    "at_output": Setting(str, None, doc="file, FIFO or UNIX socket that gets every alert as one plain-text line "
                                        "for assistive technology (screen reader, braille display client)"),
    "at_speech_dispatcher": Setting(bool, True, doc="also speak each alert line with spd-say (speech-dispatcher) "
                                                    "when it is installed; critical alerts at 'important' priority"),
    "caption_size": Setting(float, 1.0, 0.75, 2.0, doc="caption text size, times each caption's own"),
    "caption_colour": Setting(str, None, choices=tuple(COLOURS), doc="caption text colour; default: each "
                                                                     "caption's own"),
    "caption_background": Setting(float, 0.0, 0.0, 1.0, doc="opacity of a black card behind caption text"),
    "caption_position": Setting(str, "bottom", choices=POSITIONS, doc="where free-standing captions go"),
    "mono": Setting(bool, False, doc="play every sound in mono (both ears hear the same)"),
    "voice_volume": Setting(float, 1.0, 0.0, 1.0, doc="volume of speech: alert voice, voice guide, narration"),
    "effects_volume": Setting(float, 1.0, 0.0, 1.0, doc="volume of sound effects and alert cues"),
    "ambience_volume": Setting(float, 1.0, 0.0, 1.0, doc="volume of background sound (city, water, crowds)"),
}


@dataclass(frozen=True)
class AccessSettings:
    signing_clips_dir: str | None = None
    signing_panel_height: float | None = None
    signing_panel_corner: str | None = None
    at_output: str | None = None
    at_speech_dispatcher: bool = True
    caption_size: float = 1.0
    caption_colour: str | None = None
    caption_background: float = 0.0
    caption_position: str = "bottom"
    mono: bool = False
    voice_volume: float = 1.0
    effects_volume: float = 1.0
    ambience_volume: float = 1.0


def _valid(name: str, value: Any) -> bool:
    s = SETTINGS[name]
    if value is None:
        return s.default is None
    if s.kind is float:
        if not isinstance(value, int | float) or isinstance(value, bool):
            return False
        return (s.low is None or value >= s.low) and (s.high is None or value <= s.high)
    if not isinstance(value, s.kind) or (s.kind is not bool and isinstance(value, bool)):
        return False
    return not s.choices or value in s.choices


def expected(name: str) -> str:
    """What ``name`` takes, for an error message."""
    s = SETTINGS[name]
    if s.choices:
        return f"one of {', '.join(s.choices)}"
    if s.kind is float:
        return f"a number from {s.low:g} to {s.high:g}"
    return {bool: "true or false", str: "a string"}[s.kind]


def _value(name: str, value: Any) -> Any:
    return float(value) if SETTINGS[name].kind is float and value is not None else value


def parse(raw: Any) -> AccessSettings:
    """Settings from the stored object; unknown names and bad values are logged and left at their defaults."""
    if not isinstance(raw, dict):
        return AccessSettings()
    values = {}
    for name, value in raw.items():
        if name not in SETTINGS:
            log.warning("unknown access setting %r ignored", name)
        elif not _valid(name, value):
            log.warning("access setting %s=%r is not allowed; using %r", name, value, SETTINGS[name].default)
        else:
            values[name] = _value(name, value)
    return AccessSettings(**values)


def check(raw: dict[str, Any]) -> AccessSettings:
    """Settings from an operator's file (a kiosk's ``[access]`` table), where a mistake must stop the start:
    raises ValueError ``(name, why)`` for the first unknown name or bad value."""
    for name, value in raw.items():
        if name not in SETTINGS:
            raise ValueError(name, f"unknown field; expected some of {', '.join(SETTINGS)}")
        if value is None or not _valid(name, value):
            raise ValueError(name, f"expected {expected(name)}")
    return AccessSettings(**{name: _value(name, value) for name, value in raw.items()})


def load(config_dir: Path | None) -> AccessSettings:
    return parse(recall(config_dir, KEY))
