"""The synthesized bell, measured as a listener's instruments would: spectrum, beating, decay, onsets."""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from game.events import bell_synth
from game.events.bell_synth import PARTIALS

ROOT = Path(__file__).resolve().parents[2]
RATE = 4000  # the partials end below 800 Hz: 4 kHz measures them all and keeps the tests fast


@pytest.fixture(scope="module")
def one() -> np.ndarray:
    return bell_synth.strike(1.0, 60.0, RATE).astype(np.float64)


def spectrum(x: np.ndarray, pad: int = 4) -> tuple[np.ndarray, np.ndarray]:
    n = len(x) * pad
    mag = np.abs(np.fft.rfft(x * np.hanning(len(x)), n))
    return np.fft.rfftfreq(n, 1 / RATE), mag


def envelope(x: np.ndarray) -> np.ndarray:
    """The magnitude of the analytic signal (FFT Hilbert transform)."""
    f = np.fft.fft(x)
    h = np.zeros(len(x))
    h[0] = 1
    h[1:(len(x) + 1) // 2] = 2
    if len(x) % 2 == 0:
        h[len(x) // 2] = 1
    return np.abs(np.fft.ifft(f * h))


def band(x: np.ndarray, low: float, high: float) -> np.ndarray:
    f = np.fft.rfft(x)
    freqs = np.fft.rfftfreq(len(x), 1 / RATE)
    f[(freqs < low) | (freqs > high)] = 0
    return np.fft.irfft(f, len(x))


def test_spectral_peaks_sit_at_the_designed_partials(one: np.ndarray) -> None:
    freqs, mag = spectrum(one)
    for p in PARTIALS:
        window = (freqs > p.freq * 0.995) & (freqs < p.freq * 1.005)
        peak = freqs[window][np.argmax(mag[window])]
        assert abs(peak - p.freq) <= 0.005 * p.freq, (p.freq, peak)
        assert mag[window].max() > 20 * np.median(mag[(freqs > 50) & (freqs < 900)])  # a peak, not the floor
    # The hum's doublet is two peaks, 0.35 Hz apart (what makes it beat)
    for f0 in (64.07, 64.42):
        near = (freqs > f0 - 0.05) & (freqs < f0 + 0.05)
        idx = np.flatnonzero(near)[np.argmax(mag[near])]
        assert mag[idx] >= mag[idx - 1] and mag[idx] >= mag[idx + 1], f0


@pytest.mark.parametrize(("low", "high", "pair"), [(60.0, 68.0, (64.07, 64.42)), (160.0, 176.0, (168.52, 168.63))])
def test_the_beating_period_is_measured_from_the_envelope(one: np.ndarray, low: float, high: float,
                                                          pair: tuple[float, float]) -> None:
    designed = bell_synth.beat_period(*pair)
    env = envelope(band(one, low, high))
    # Divide out the exponential decay, then find the strongest periodicity of what remains.
    t = np.arange(len(env)) / RATE
    keep = slice(int(0.5 * RATE), int(min(len(env), 5.5 * designed * RATE)))
    trend = np.exp(np.polyval(np.polyfit(t[keep], np.log(env[keep] + 1e-9), 1), t[keep]))
    wobble = env[keep] / trend - 1
    freqs = np.fft.rfftfreq(len(wobble) * 8, 1 / RATE)
    mag = np.abs(np.fft.rfft(wobble * np.hanning(len(wobble)), len(wobble) * 8))
    search = (freqs > 0.05) & (freqs < 2.0)
    measured = 1 / freqs[search][np.argmax(mag[search])]
    assert measured == pytest.approx(designed, rel=0.05)


def test_the_decay_time_is_within_the_designed_range(one: np.ndarray) -> None:
    # Schroeder backward integration of the energy, fitted between -5 and -25 dB, extrapolated to 60 dB.
    energy = np.cumsum((one ** 2)[::-1])[::-1]
    db = 10 * np.log10(energy / energy[0])
    t = np.arange(len(db)) / RATE
    fit = (db < -5) & (db > -25)
    slope = np.polyfit(t[fit], db[fit], 1)[0]
    assert 0.8 * bell_synth.HUM_T60 <= -60 / slope <= 1.2 * bell_synth.HUM_T60


def onsets(x: np.ndarray, hop: float = 0.05) -> list[float]:
    """Onset times: frames where the energy of the first difference (a causal high-pass: the fast-decaying upper
    modes and the thump, not the hum that piles up) jumps."""
    high = np.diff(x.astype(np.float64), prepend=0.0)
    n = int(hop * RATE)
    e = np.add.reduceat(high ** 2, np.arange(0, len(high) - n, n))
    floor = 1e-6 * e.max()
    found, last = [], -1e9
    for i in range(len(e)):
        t = i * hop
        before = e[max(0, i - 20):i].max() if i else 0.0  # a beating swell rises slowly; a blow at once
        if e[i] > 2 * before + floor and t - last > 5.0:
            found.append(t)
            last = t
    return found


def test_the_ceremony_wav_holds_33_strikes_at_the_cadence(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "game.events.bell", "--out", str(tmp_path), "--rate", str(RATE)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    with wave.open(str(tmp_path / "new-year.wav")) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (RATE, 1, 2)
        x = np.frombuffer(w.readframes(w.getnframes()), "<i2")
    found = onsets(x)
    assert len(found) == 33
    assert np.allclose(found, summary["onsets_s"], atol=0.1)
    with wave.open(str(tmp_path / "strike.wav")) as w:
        assert w.getnframes() / RATE >= bell_synth.HUM_T60  # the whole decay


def test_a_harder_blow_is_louder_and_brighter() -> None:
    soft, hard = (bell_synth.strike(f, 5.0, RATE).astype(np.float64) for f in (0.5, 1.0))
    assert np.abs(hard).max() > 1.5 * np.abs(soft).max()
    ratio = [np.sum(band(x, 300, 2000) ** 2) / np.sum(band(x, 50, 300) ** 2) for x in (soft, hard)]
    assert ratio[1] > ratio[0]
