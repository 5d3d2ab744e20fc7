"""Benchmark: alert file → first overlay pixels (ms, frames), cue and voice WAV ready (ms), printed as JSON.

``python -m game.alerts.bench [FILE.xml ...]`` renders offscreen at 640×360 over an empty scene (the app's
scene adds its own frame time on top). Timing starts before the file is read and stops when a rendered frame
first differs from the frame before the alert; the font is loaded beforehand, as it is in the running app.
The cue is synthesised into a fresh temporary cache so its time is the cold one. The voice is timed through
the speech service when ``game.speech`` is present (any object with ``say(text, lang) -> Path | None`` would
do), also with a cold cache, after the worker process has started. Without files it times three drills made on the
spot (:mod:`game.alerts.samples`: one per level, targeted at Gwanghwamun), so the tool needs nothing from ``tests/``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from game.alerts.samples import sample_alert
from game.alerts.targeting import GWANGHWAMUN
from net import clock

DRILLS = ("earthquake", "heavy_rain", "fine_dust")  # emergency, urgent and safety levels
MAX_FRAMES = 30


@contextlib.contextmanager
def _speech(cache: Path) -> Iterator[Any]:
    """The speech service if this checkout has one, started and shut down around the benchmark; else None."""
    try:
        from game.speech.service import SpeechService
    except ImportError:
        yield None
        return
    service = SpeechService(cache)
    service.start()
    try:
        yield service
    finally:
        service.shutdown()


def write_drills(folder: Path) -> list[Path]:
    """One fresh drill file per kind of :data:`DRILLS` in ``folder``, sent now and aimed at the policy's location."""
    paths = []
    for kind in DRILLS:
        path = folder / f"{kind}.xml"
        path.write_bytes(sample_alert(f"BENCH-{os.getpid()}-{kind}", kind, GWANGHWAMUN, clock.now()))
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    os.environ.setdefault("EGL_PLATFORM", "surfaceless")
    from panda3d.core import loadPrcFileData

    loadPrcFileData("alerts-bench", "window-type offscreen\nload-display p3headlessgl\naudio-library-name null\n"
                                    "win-size 640 360\nsync-video false")
    from direct.showbase.ShowBase import ShowBase

    from game.alerts import cue
    from game.alerts.parser import parse_file
    from game.alerts.policy import AlertPolicy
    from ui.alerts.controller import AlertController
    from ui.alerts.measure import frame_rgb
    from ui.alerts.overlay import AlertOverlay
    from ui.fonts import load_font

    base = ShowBase(windowType="offscreen")
    base.setBackgroundColor(0.55, 0.7, 0.85, 1)
    font = load_font(base.loader, bold=True)
    results = []
    with tempfile.TemporaryDirectory() as tmp, _speech(Path(tmp) / "voice") as speech:
        files = [Path(a) for a in argv] or write_drills(Path(tmp))
        for path in files:
            overlay = AlertOverlay(base.aspect2d, base.getAspectRatio(), font, "ko")
            for _ in range(2):
                base.taskMgr.step()
            before = frame_rgb(base.win)
            t0 = time.perf_counter()
            policy = AlertPolicy()
            record = policy.receive(parse_file(path), clock.now())
            controller = AlertController(policy, overlay, Path(tmp) / path.stem, audio_loader=base.loader)
            controller.refresh()
            frames = 0
            while frames < MAX_FRAMES:
                base.taskMgr.step()
                frames += 1
                if (frame_rgb(base.win) != before).any():
                    break
            first_ms = (time.perf_counter() - t0) * 1000
            level = record.presentation.level if record.presentation else None
            t1 = time.perf_counter()
            if level is not None:
                cue.cue_path(level, Path(tmp) / "cold" / path.stem)
            cue_ms = round((time.perf_counter() - t1) * 1000, 1) if level else None
            voice_ms = None
            if speech is not None and record.presentation is not None:
                t2 = time.perf_counter()
                if speech.say(record.presentation.caption_text, record.presentation.lang) is not None:
                    voice_ms = round((time.perf_counter() - t2) * 1000, 1)
            results.append({
                "file": str(path), "outcome": record.outcome, "level": level.id if level else None,
                "first_overlay_ms": round(first_ms, 1) if overlay.visible else None, "frames": frames,
                "cue_wav_ms": cue_ms, "voice_wav_ms": voice_ms,
            })
            controller.destroy()
    print(json.dumps({"size": [640, 360], "results": results}, ensure_ascii=False, indent=2))
    base.destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
