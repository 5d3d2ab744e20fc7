"""The Bosingak bell as modal synthesis: decaying partials, doublets that beat, strikes that overlap. Pure (numpy).

A struck bell rings in its vibration modes: each is a sine that decays exponentially. A Korean bell's asymmetry
(the striking seat, 당좌; its ornaments) splits a mode into two close frequencies, a doublet, whose sum swells
and fades: the 맥놀이 (beating) that Korean bells are cast for. The two lowest doublets are the measured modes of
the Divine Bell of King Seongdeok (Kim et al., "Vibration and sound characteristics of King Song-Dok Bell",
KSNVE; Kim, Yoon and Jhin, ASA 133rd meeting, 1997): 64.07/64.42 Hz beating every 2.86 s and 168.52/168.63 Hz
every 9.1 s. The higher partials, amplitudes and decay times are this model's estimates (tag E): a bell's higher
modes decay faster and are excited more by a harder blow. The log (당목) is wood: its thump is a short, low
noise burst, not a clang.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

T60_PER_TAU = math.log(1000.0)  # a 60 dB fall takes ln(1000) time constants


@dataclass(frozen=True)
class Partial:
    freq: float  # Hz
    amp: float  # relative amplitude at a full-force strike
    t60: float  # seconds to fall 60 dB
    brightness: float = 0.0  # amplitude ∝ force ** (1 + brightness): harder blows bring the upper modes out
    phase: float = 0.0


PARTIALS: tuple[Partial, ...] = (
    Partial(64.07, 1.00, 50.0, 0.0, 0.0),  # the hum doublet: measured frequencies [S]
    Partial(64.42, 0.90, 50.0, 0.0, 1.3),
    Partial(168.52, 0.55, 30.0, 0.3, 0.4),  # the second doublet: measured [S]
    Partial(168.63, 0.50, 30.0, 0.3, 2.1),
    Partial(232.6, 0.28, 18.0, 0.6, 0.9),  # higher modes: [E]
    Partial(307.8, 0.18, 12.0, 0.8, 2.6),
    Partial(383.2, 0.14, 9.0, 1.0, 1.7),
    Partial(477.5, 0.10, 6.5, 1.2, 0.2),
    Partial(621.0, 0.06, 4.0, 1.5, 2.9),
    Partial(764.0, 0.04, 3.0, 1.8, 1.1),
)
HUM_T60 = 50.0  # the design decay of the whole sound (the hum outlasts everything else)
THUMP_S = 0.06  # the log's wooden thump
DEFAULT_RATE = 22050  # the partials end below 800 Hz: 22.05 kHz keeps the thump's top and halves the files


def beat_period(a: float, b: float) -> float:
    """Seconds between swells of a doublet at ``a`` and ``b`` Hz."""
    return 1.0 / abs(a - b)


def strike(force: float = 1.0, seconds: float = 60.0, rate: int = DEFAULT_RATE, seed: int = 0) -> np.ndarray:
    """One strike (force in (0, 1]) as float32 samples, starting at the blow."""
    if not 0 < force <= 1:
        raise ValueError(f"force {force}: expected 0 < force <= 1")
    t = np.arange(int(seconds * rate), dtype=np.float64) / rate
    out = np.zeros_like(t)
    for p in PARTIALS:
        amp = p.amp * force ** (1.0 + p.brightness)
        out += amp * np.exp(-t * T60_PER_TAU / p.t60) * np.sin(2 * np.pi * p.freq * t + p.phase)
    n = min(len(t), int(THUMP_S * rate))
    noise = np.random.default_rng(seed).standard_normal(n)
    kernel = np.ones(max(1, rate // 400)) / max(1, rate // 400)  # a crude low-pass: wood, not metal
    thump = np.convolve(noise, kernel, mode="same") * np.exp(-np.arange(n) / (0.015 * rate))
    out[:n] += 0.3 * force * thump
    return out.astype(np.float32)


def sequence(onsets: list[float], forces: list[float], tail: float = 60.0, rate: int = DEFAULT_RATE) -> np.ndarray:
    """Strikes at ``onsets`` (seconds) with ``forces``, overlapping (each rings on under the next), as float32."""
    if len(onsets) != len(forces):
        raise ValueError("one force per onset")
    out = np.zeros(int((max(onsets) + tail) * rate), dtype=np.float32)
    for i, (at, force) in enumerate(zip(onsets, forces, strict=True)):
        start = int(round(at * rate))
        one = strike(force, tail, rate, seed=i)
        end = min(len(out), start + len(one))
        out[start:end] += one[: end - start]
    return out


def human_forces(count: int, seed: int = 1468) -> list[float]:
    """Forces of ``count`` pulls by people taking turns: strong, but not all alike (deterministic)."""
    rng = np.random.default_rng(seed)
    return [float(f) for f in np.clip(0.85 + 0.08 * rng.standard_normal(count), 0.6, 1.0)]


def to_pcm16(samples: np.ndarray, headroom_db: float = 1.0) -> bytes:
    """Little-endian 16-bit PCM, normalised so the loudest sample sits ``headroom_db`` below full scale."""
    peak = float(np.max(np.abs(samples))) or 1.0
    scale = 32767 * 10 ** (-headroom_db / 20) / peak
    return np.round(samples * scale).astype("<i2").tobytes()
