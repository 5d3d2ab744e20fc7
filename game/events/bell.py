"""``python -m game.events.bell --out DIR``: the synthesized bell as WAV files, to listen to and to measure.

Writes ``DIR/strike.wav`` (one full-force strike with its whole decay) and ``DIR/new-year.wav`` (the ceremony: the
strikes of the New Year's bell at the cadence of ``assets/events/new-year-bell.json``), mono 16-bit, and prints a
JSON summary (files, rate, onsets). ``--rate`` trades fidelity for size and time (tests render at 4 kHz).
"""

from __future__ import annotations

import argparse
import json
import sys
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import platformdirs

from game.events import bell_synth
from net import events

EVENT = "new-year-bell"


def write_wav(path: Path, samples, rate: int) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bell_synth.to_pcm16(samples))


def cached_wav(cache_dir: Path | None, name: str, make: Callable[[], np.ndarray], rate: int) -> Path:
    """``<cache>/events/<name>-<rate>.wav``, synthesized by ``make`` the first time (the sounds are deterministic,
    so a file once written serves every later run); the user cache when ``cache_dir`` is None."""
    folder = (cache_dir or Path(platformdirs.user_cache_dir("metaverse-seoul"))) / "events"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{rate}.wav"
    if not path.exists():
        write_wav(path, make(), rate)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.events.bell", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="directory for strike.wav and new-year.wav")
    parser.add_argument("--rate", type=int, default=bell_synth.DEFAULT_RATE, help="samples per second")
    parser.add_argument("--strikes", type=int, help="strikes in new-year.wav (default: the event's 33)")
    ns = parser.parse_args(argv)
    if not 2000 <= ns.rate <= 96000:
        parser.error("--rate must be between 2000 and 96000")
    spec = events.load_all()[EVENT]
    count = ns.strikes or spec.beat_count
    if not 1 <= count <= spec.beat_count:
        parser.error(f"--strikes must be between 1 and {spec.beat_count}")
    ns.out.mkdir(parents=True, exist_ok=True)
    tail = bell_synth.HUM_T60 * 1.2  # past the hum's 60 dB fall
    write_wav(ns.out / "strike.wav", bell_synth.strike(1.0, tail, ns.rate), ns.rate)
    onsets = [i * spec.beat_interval_s for i in range(count)]
    write_wav(ns.out / "new-year.wav", bell_synth.sequence(onsets, bell_synth.human_forces(count), tail, ns.rate),
              ns.rate)
    print(json.dumps({"strike": str(ns.out / "strike.wav"), "sequence": str(ns.out / "new-year.wav"),
                      "rate": ns.rate, "onsets_s": onsets, "t60_s": bell_synth.HUM_T60}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
