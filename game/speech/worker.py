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
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

Request = tuple[int, str, str, int, str]
Reply = tuple[int, str | None, str | None, float, str | None]

#: A WAV header is 44 bytes; a file no larger than that holds no speech.
_MIN_WAV_BYTES = 45
#: How long one utterance may take to synthesise: far beyond any alert's text, even on a loaded machine.
_SYNTH_WAIT_S = 20.0
_IDLE_WAIT_S = 5.0
_ATTEMPTS = 2


def _wait_until_idle(is_playing) -> None:
    """Let espeak-ng's synthesis thread finish the previous utterance and apply the properties just set.

    pyttsx3's ``runAndWait`` begins by "stopping" the engine, and if espeak still reports the last utterance as
    playing (its thread lags the end-of-message callback by a moment) the *new* utterance is cancelled at once
    and no file is written — about one request in thirty without this wait.
    """
    deadline = time.monotonic() + _IDLE_WAIT_S
    while is_playing() and time.monotonic() < deadline:
        time.sleep(0.002)


class _Finished:
    """pyttsx3's "finished-utterance" notice, the only sign that the file is whole.

    With espeak-ng, ``runAndWait`` can return before espeak's own thread has ended the utterance; that thread
    writes the WAV at the end and only then sends this notice (``completed`` is false for a cancelled one). Taking
    the file's first bytes as the end, with a short wait and a retry, could instead cancel a synthesis still
    running on a loaded machine.
    """

    def __init__(self, engine) -> None:
        self._event = threading.Event()
        self.completed = False
        engine.connect("finished-utterance", self._notice)

    def _notice(self, name: object = None, completed: bool = False) -> None:
        # A late "cancelled" notice from pyttsx3's own loop can follow the real end; it does not undo it.
        self.completed = self.completed or bool(completed)
        self._event.set()

    def clear(self) -> None:
        self._event.clear()
        self.completed = False

    def wait(self, timeout: float) -> bool:
        """True when the utterance ended whole within ``timeout`` seconds."""
        return self._event.wait(timeout) and self.completed


def _synthesise(engine, is_playing, finished: _Finished, request: Request) -> Reply:
    request_id, text, voice, rate, path = request
    start = time.perf_counter()
    target = Path(path)
    # Write under a temporary name and rename, so a half-written file is never mistaken for a cached one.
    partial = target.with_name(f".{target.stem}.{os.getpid()}.partial.wav")
    try:
        engine.setProperty("voice", voice)
        engine.setProperty("rate", rate)
        for _attempt in range(_ATTEMPTS):
            _wait_until_idle(is_playing)
            finished.clear()
            engine.save_to_file(text, str(partial))
            engine.runAndWait()
            if finished.wait(_SYNTH_WAIT_S) and _written(partial):
                break
        else:
            raise TimeoutError(f"no audio written for request {request_id}")
        # pyttsx3 queues setProperty until runAndWait, so only now does the engine report the voice it used.
        engine_voice = engine.getProperty("voice")
        os.replace(partial, target)
    except Exception as exc:  # one bad utterance must not take the worker down
        with contextlib.suppress(OSError):
            partial.unlink()
        return request_id, None, None, (time.perf_counter() - start) * 1000.0, f"{type(exc).__name__}: {exc}"
    return request_id, str(target), engine_voice, (time.perf_counter() - start) * 1000.0, None


def _written(path: Path) -> bool:
    return path.exists() and path.stat().st_size >= _MIN_WAV_BYTES


def run(conn: Connection) -> None:
    """Worker main loop; exits on ``None``, on a closed pipe, or when the parent process is gone."""
    import pyttsx3  # imported here: only the worker process ever loads the engine
    from pyttsx3.drivers import _espeak

    sys.stdout = open(os.devnull, "w")  # pyttsx3's espeak driver prints a line for every saved file
    engine = pyttsx3.init()
    # pyttsx3's driver proxy starts "busy", so the first request's rate would wait in its queue and reach espeak
    # only inside runAndWait, just before the loop's start calls espeak's Cancel whenever espeak is still busy —
    # and espeak applies a rate in its own thread, so Cancel could drop it: CI once heard the first Korean alert
    # at the default rate 200 instead of 160. One empty run leaves the proxy idle: from then on properties reach
    # espeak at once, and _wait_until_idle lets espeak apply them before the utterance starts.
    engine.runAndWait()
    finished = _Finished(engine)
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
        conn.send(_synthesise(engine, _espeak.IsPlaying, finished, request))
