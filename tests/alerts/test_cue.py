"""Synthesised attention cues: one per level, audible, cached."""

from __future__ import annotations

import wave

import numpy as np

from game.alerts import cue
from game.alerts.levels import AlertLevel


def _read(path):
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, cue.RATE)
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(float) / 32767


def test_cues_are_non_silent_distinct_and_cached(tmp_path):
    paths = {lvl: cue.cue_path(lvl, tmp_path) for lvl in AlertLevel}
    data = {lvl: _read(p) for lvl, p in paths.items()}
    for lvl, samples in data.items():
        assert np.sqrt(np.mean(samples ** 2)) > 0.1, lvl
        assert len(samples) / cue.RATE == cue.duration(lvl)
    assert len(data[AlertLevel.EMERGENCY]) > len(data[AlertLevel.URGENT])
    mtime = paths[AlertLevel.SAFETY].stat().st_mtime_ns
    assert cue.cue_path(AlertLevel.SAFETY, tmp_path).stat().st_mtime_ns == mtime


def test_emergency_cue_carries_the_two_attention_tones():
    samples = cue.samples(AlertLevel.EMERGENCY)[: cue.RATE // 2]
    spectrum = np.abs(np.fft.rfft(samples))
    freqs = np.fft.rfftfreq(len(samples), 1 / cue.RATE)
    peaks = sorted(freqs[np.argsort(spectrum)[-2:]])
    assert abs(peaks[0] - 853) < 5 and abs(peaks[1] - 960) < 5
