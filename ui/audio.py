"""Play a sound the way the visitor set it: mono if asked, at the volume of its kind (voice, effects, ambience)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from panda3d.core import Filename

from game.audio_mix import AudioMix


def play(loader: Any, path: Path, kind: str, mix: AudioMix, cache_dir: Path, *, audio3d: Any = None,
         at: Any = None, volume: float = 1.0, offset: float = 0.0) -> Any:
    """Load and start ``path`` through ``loader`` (``base.loader``); returns the sound, or None if it won't load.

    ``audio3d`` (an Audio3DManager) and ``at`` (a node): heard from that node (the bell, a gate's drum) — unless
    the visitor chose mono, since a positioned sound is panned to one ear again; it then plays centred.
    ``volume`` scales the kind's volume (a strike pulled softly); ``offset`` starts that many seconds in."""
    spatial = audio3d is not None and at is not None and not mix.mono
    source = Filename.fromOsSpecific(str(mix.prepare(path, cache_dir))).getFullpath()
    sound = (audio3d if spatial else loader).loadSfx(source)
    if sound is None:
        return None
    if spatial:
        audio3d.attachSoundToObject(sound, at)
    if offset > 0:
        sound.setTime(offset)
    sound.setVolume(volume * mix.volume(kind))
    sound.play()
    return sound
