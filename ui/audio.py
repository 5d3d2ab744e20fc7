"""Play a sound the way the visitor set it: mono if asked, at the volume of its kind (voice, effects, ambience)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from panda3d.core import Filename

from game.audio_mix import AudioMix


def play(loader: Any, path: Path, kind: str, mix: AudioMix, cache_dir: Path) -> Any:
    """Load and start ``path`` through ``loader`` (``base.loader``); returns the sound, or None if it won't load."""
    sound = loader.loadSfx(Filename.fromOsSpecific(str(mix.prepare(path, cache_dir))).getFullpath())
    if sound is None:
        return None
    sound.setVolume(mix.volume(kind))
    sound.play()
    return sound
