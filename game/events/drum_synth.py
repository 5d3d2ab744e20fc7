"""The ceremony's drum (북), synthesized: a short roll of three strokes on a large barrel drum. Pure (numpy).

Each stroke is a low membrane tone whose pitch falls as the skin relaxes (about 110 Hz sinking to 60 Hz, the
range of a large buk as heard in recordings; estimated), a faint second mode, and a burst of noise for the stick.
Deterministic: the same samples every time, so the cached WAV never needs rewriting.
"""

from __future__ import annotations

import numpy as np

RATE = 22050
STROKES = (0.0, 0.45, 0.9)  # seconds: the roll that opens each stage of the rite
STROKE_S = 1.1


def stroke(rate: int = RATE, seconds: float = STROKE_S) -> np.ndarray:
    """One stroke: falling membrane tone, a weaker overtone, the stick's click."""
    t = np.arange(int(rate * seconds)) / rate
    pitch = 60.0 + 50.0 * np.exp(-t * 14.0)
    phase = 2 * np.pi * np.cumsum(pitch) / rate
    body = np.sin(phase) * np.exp(-t * 4.5) + 0.3 * np.sin(1.59 * phase) * np.exp(-t * 9.0)
    click = np.random.default_rng(7).standard_normal(len(t)) * np.exp(-t * 60.0) * 0.35
    return (body + click).astype(np.float32)


def roll(rate: int = RATE) -> np.ndarray:
    """The three strokes of :data:`STROKES`, the last one loudest."""
    one = stroke(rate)
    out = np.zeros(int(rate * (STROKES[-1] + STROKE_S)), np.float32)
    for i, at in enumerate(STROKES):
        start = int(at * rate)
        out[start:start + len(one)] += one * (0.7 + 0.15 * i)
    return out
