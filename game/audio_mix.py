"""The visitor's sound settings: mono, and separate volumes for voice, effects and ambience. Pure (wave, numpy).

A visitor deaf in one ear misses whatever a stereo sound puts only on that side (W3C XAUR REQ 18a asks for a mono
option), and one who follows the voice needs the cue and the city noise quieter than the words. Every sound the
app plays has a kind; :meth:`AudioMix.volume` gives its volume, and with ``mono`` :meth:`AudioMix.prepare` gives a
copy whose channels are identical (the average of the original's), cached beside the app's other sounds.
"""

from __future__ import annotations

import hashlib
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

KINDS = ("voice", "effects", "ambience")
_DTYPES = {1: np.uint8, 2: np.int16, 4: np.int32}


@dataclass(frozen=True)
class AudioMix:
    mono: bool = False
    voice: float = 1.0
    effects: float = 1.0
    ambience: float = 1.0

    def volume(self, kind: str) -> float:
        if kind not in KINDS:
            raise ValueError(f"unknown sound kind {kind!r} (known: {', '.join(KINDS)})")
        return getattr(self, kind)

    def prepare(self, path: Path, cache_dir: Path) -> Path:
        """The file to play: ``path`` itself, or with ``mono`` its copy with identical channels."""
        return downmix(path, cache_dir) if self.mono else path


DEFAULT = AudioMix()


def from_settings(settings) -> AudioMix:
    """The mix from :class:`game.access_settings.AccessSettings`."""
    return AudioMix(settings.mono, settings.voice_volume, settings.effects_volume, settings.ambience_volume)


def downmix(path: Path, cache_dir: Path) -> Path:
    """A WAV with every channel the average of ``path``'s (a one-channel file is returned as it is: it already
    plays the same in both ears). Named by a digest of the original, so each sound is converted once."""
    with wave.open(str(path), "rb") as src:
        channels, width, rate = src.getnchannels(), src.getsampwidth(), src.getframerate()
        if channels == 1:
            return path
        frames = src.readframes(src.getnframes())
    digest = hashlib.sha1(frames).hexdigest()[:12]
    out = cache_dir / f"{path.stem}-mono-{digest}.wav"
    if out.exists():
        return out
    samples = np.frombuffer(frames, _DTYPES[width]).reshape(-1, channels).astype(np.float64)
    mean = np.round(samples.mean(axis=1))
    mixed = np.repeat(mean[:, None], channels, axis=1).astype(_DTYPES[width])
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with wave.open(str(tmp), "wb") as dst:
        dst.setnchannels(channels)
        dst.setsampwidth(width)
        dst.setframerate(rate)
        dst.writeframes(mixed.tobytes())
    tmp.replace(out)
    return out
