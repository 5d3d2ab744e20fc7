"""Level-dependent attention sounds, synthesised once into the cache as WAV files (numpy + stdlib ``wave``).

* emergency: the 853 Hz + 960 Hz two-tone attention signal used by EAS/WEA alerting, three long pulses;
* urgent: the same two tones, two shorter pulses;
* safety: a soft falling two-note chime (880 → 660 Hz), so routine notices do not alarm.

Synthesising keeps the repository free of binary audio and the sounds easy to tune. Pure (no Panda3D).
"""

from __future__ import annotations

import os
import wave
from pathlib import Path

import numpy as np

from game.alerts.levels import AlertLevel

RATE = 22_050
VERSION = 1  # bump when the sounds change so caches refresh


def _tone(freqs: tuple[float, ...], seconds: float, decay: float = 0.0) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    wave_ = sum(np.sin(2 * np.pi * f * t) for f in freqs) / len(freqs)
    env = np.exp(-decay * t) if decay else np.ones_like(t)
    ramp = min(len(t) // 2, int(0.01 * RATE))  # 10 ms fades: no clicks
    env[:ramp] *= np.linspace(0, 1, ramp)
    env[len(t) - ramp :] *= np.linspace(1, 0, ramp)
    return wave_ * env


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(int(RATE * seconds))


def samples(level: AlertLevel) -> np.ndarray:
    """The cue as float samples in [-1, 1] at :data:`RATE`."""
    two_tone = (853.0, 960.0)
    if level is AlertLevel.EMERGENCY:
        parts = [_tone(two_tone, 0.6), _silence(0.15)] * 3
    elif level is AlertLevel.URGENT:
        parts = [_tone(two_tone, 0.35), _silence(0.15)] * 2
    else:
        parts = [_tone((880.0,), 0.35, decay=4.0), _tone((660.0,), 0.55, decay=4.0)]
    return 0.7 * np.concatenate(parts)


def cue_path(level: AlertLevel, cache_dir: Path) -> Path:
    """The cue WAV for ``level`` in ``cache_dir``, written on first use (atomically, so readers never see half)."""
    path = cache_dir / "alerts" / f"cue-{level.id}-v{VERSION}.wav"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    pcm = (np.clip(samples(level), -1, 1) * 32767).astype("<i2")
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with wave.open(str(tmp), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
    tmp.replace(path)
    return path


def duration(level: AlertLevel) -> float:
    """Length of the cue in seconds, so the voice can start after it."""
    return len(samples(level)) / RATE
