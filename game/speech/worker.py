"""The speech worker process: one pyttsx3 engine, one utterance per ``runAndWait``, WAV files only.

It lives in its own ``spawn``-started process because pyttsx3 with espeak-ng misbehaves in-process: a second
engine hangs the first, fork after the engine started hangs, and ``runAndWait`` blocks for the whole
utterance. The protocol over the pipe is plain tuples so nothing engine-specific crosses the process boundary:

- request ``(request_id, text, voice, rate, path)``; ``None`` asks the worker to exit;
- reply ``(request_id, path | None, engine_voice, milliseconds, error | None)``, where ``engine_voice`` is the
  voice espeak-ng reports as current after the switch, so the parent can check it got the language it asked for.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path

Request = tuple[int, str, str, int, str]
Reply = tuple[int, str | None, str | None, float, str | None]

#: A WAV header is 44 bytes; a file no larger than that holds no speech.
_MIN_WAV_BYTES = 45
_FILE_WAIT_S = 2.0


def _synthesise(engine, request: Request) -> Reply:
    request_id, text, voice, rate, path = request
    start = time.perf_counter()
    target = Path(path)
    # Write under a temporary name and rename, so a half-written file is never mistaken for a cached one.
    partial = target.with_name(f".{target.stem}.{os.getpid()}.partial.wav")
    try:
        engine.setProperty("voice", voice)
        engine.setProperty("rate", rate)
        engine.save_to_file(text, str(partial))
        engine.runAndWait()
        # pyttsx3 queues setProperty until runAndWait, so only now does the engine report the voice it used.
        engine_voice = engine.getProperty("voice")
        deadline = time.monotonic() + _FILE_WAIT_S
        while not (partial.exists() and partial.stat().st_size >= _MIN_WAV_BYTES):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no audio written for request {request_id}")
            time.sleep(0.005)
        os.replace(partial, target)
    except Exception as exc:  # one bad utterance must not take the worker down
        with contextlib.suppress(OSError):
            partial.unlink()
        return request_id, None, None, (time.perf_counter() - start) * 1000.0, f"{type(exc).__name__}: {exc}"
    return request_id, str(target), engine_voice, (time.perf_counter() - start) * 1000.0, None


def run(conn: Connection) -> None:
    """Worker main loop; exits on ``None``, on a closed pipe, or when the parent process is gone."""
    import pyttsx3  # imported here: only the worker process ever loads the engine

    sys.stdout = open(os.devnull, "w")  # pyttsx3's espeak driver prints a line for every saved file
    engine = pyttsx3.init()
    parent = multiprocessing.parent_process()
    while True:
        try:
            if not conn.poll(0.5):
                if parent is not None and not parent.is_alive():
                    return
                continue
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        conn.send(_synthesise(engine, request))
