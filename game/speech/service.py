"""Non-blocking text-to-speech for alerts: submit text, poll each frame for finished WAV files.

The app never waits on synthesis inside a frame: :meth:`SpeechService.submit` hands a request to the worker
process (see :mod:`game.speech.worker`) and returns an id at once, and :meth:`SpeechService.poll` collects what
is finished without blocking. :meth:`SpeechService.say` is the alert presentation's hook: it returns at once
with the path where the WAV will appear, complete, so the caller plays it once it exists. WAVs are cached
under a hash of (voice, rate, spoken text), so a replayed or repeated alert is ready before the next frame.
If the worker dies, the next poll notices, starts a new one and resubmits what was in flight; a request that
was in flight through two crashes fails rather than crash-looping. Playback is the app's business (Panda3D
audio); this module only produces files.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from game.speech import worker
from game.speech.normalise import normalise

#: espeak-ng voice per app language, as listed by pyttsx3's voice list.
VOICES = {"ko": "ko", "en": "gmw/en-us"}
#: Words per minute; a little slower than espeak's 175 default, because alerts must be understood first time.
RATES = {"ko": 160, "en": 165}
_MAX_ATTEMPTS = 2


@dataclass(frozen=True)
class SpeechResult:
    """A finished request: ``path`` is the WAV, or ``None`` with ``error`` saying why."""

    request_id: int
    lang: str
    text: str  # the spoken (normalised) text
    path: Path | None
    voice: str | None  # the voice the engine reported using; None for a cache hit or a failure
    cached: bool
    elapsed_ms: float  # submit → ready, as seen by the app
    error: str | None = None


def cache_key(voice: str, rate: int, text: str) -> str:
    """Stable file name stem for one utterance; changing the voice, rate or wording makes a new file."""
    return hashlib.sha256(f"{voice}\x1f{rate}\x1f{text}".encode()).hexdigest()[:32]


@dataclass
class _Pending:
    request: worker.Request
    lang: str
    submitted: float
    report: bool = True
    attempts: int = 1


class SpeechService:
    """One speech worker process and the WAV cache it fills. Start it once; shut it down on exit."""

    def __init__(self, cache_dir: Path, rates: dict[str, int] | None = None, max_cached: int = 1000) -> None:
        self.cache_dir = Path(cache_dir)
        self.rates = dict(RATES if rates is None else rates)
        self.max_cached = max_cached
        self.restarts = 0
        self._ctx = multiprocessing.get_context("spawn")
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._next_id = 1
        self._pending: dict[int, _Pending] = {}
        self._finished: list[SpeechResult] = []
        self.last_error: str | None = None

    # -- lifecycle ---------------------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the worker process (spawned: it must not inherit the app's threads or GL state)."""
        if self.running:
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        if self.restarts == 0:
            self.prune()
        if self._process is not None:  # a worker that died while idle: reap it and drop its pipe
            self._process.join(0)
        if self._conn is not None:
            self._conn.close()
        parent_conn, child_conn = self._ctx.Pipe(duplex=True)
        self._process = self._ctx.Process(target=worker.run, args=(child_conn,), name="mseoul-speech", daemon=True)
        self._process.start()
        child_conn.close()
        self._conn = parent_conn
        for pending in self._pending.values():
            self._conn.send(pending.request)

    def prune(self) -> int:
        """Keep the newest :attr:`max_cached` WAVs: a kiosk running for months must not fill its disk with old
        alerts. Returns how many files were removed."""
        wavs = sorted(self.cache_dir.glob("*.wav"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in wavs[self.max_cached:]:
            old.unlink(missing_ok=True)
        return max(0, len(wavs) - self.max_cached)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.is_alive()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def shutdown(self, timeout: float = 2.0) -> None:
        """Ask the worker to exit, then escalate to terminate and kill so the app never hangs on exit."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if process is None:
            return
        if conn is not None:
            try:
                conn.send(None)
            except OSError:
                pass
        process.join(timeout)
        if process.is_alive():
            process.terminate()
            process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join(timeout)
        if conn is not None:
            conn.close()

    def __enter__(self) -> SpeechService:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    # -- requests ----------------------------------------------------------------------------------------------
    def wav_path(self, text: str, lang: str) -> Path:
        """Where the WAV for ``text`` in ``lang`` is (or will be) cached."""
        spoken = normalise(text, lang)
        return self.cache_dir / f"{cache_key(VOICES[lang], self.rates[lang], spoken)}.wav"

    def submit(self, text: str, lang: str, *, report: bool = True) -> int:
        """Queue ``text`` for synthesis in ``lang`` and return a request id at once; results come from poll.

        With ``report=False`` the result is not queued for :meth:`poll` (the caller watches the file instead);
        a failure is still kept in :attr:`last_error`.
        """
        if lang not in VOICES:
            raise ValueError(f"no voice for language {lang!r}")
        request_id = self._next_id
        self._next_id += 1
        spoken = normalise(text, lang)
        voice, rate = VOICES[lang], self.rates[lang]
        path = self.cache_dir / f"{cache_key(voice, rate, spoken)}.wav"
        if path.exists():
            if report:
                self._finished.append(SpeechResult(request_id, lang, spoken, path, None, True, 0.0))
            return request_id
        if not self.running:
            self.start()
        request: worker.Request = (request_id, spoken, voice, rate, str(path))
        self._pending[request_id] = _Pending(request, lang, time.perf_counter(), report=report)
        assert self._conn is not None
        self._conn.send(request)
        return request_id

    def poll(self) -> list[SpeechResult]:
        """Finished results since the last poll; never blocks. Restarts a dead worker. Call it once a frame."""
        self._pump()
        done, self._finished = self._finished, []
        return done

    def say(self, text: str, lang: str) -> Path | None:
        """The alert hook (:class:`game.alerts.hooks.Speech`): start speaking ``text`` without blocking.

        Returns the path the WAV will have; the file appears there complete (it is written under another
        name and renamed), so ``path.exists()`` means ready to play. ``None`` if ``lang`` has no voice.
        """
        if lang not in VOICES:
            return None
        self._pump()
        self.submit(text, lang, report=False)
        return self.wav_path(text, lang)

    def say_and_wait(self, text: str, lang: str, timeout: float = 10.0) -> Path | None:
        """Blocking variant for tools and the screenshot CLI: the WAV path once written, or ``None``.

        Not for the frame loop; other requests' results stay queued for the next :meth:`poll`.
        """
        request_id = self.submit(text, lang)
        deadline = time.monotonic() + timeout
        while True:
            self._pump(wait=0.01)
            for i, result in enumerate(self._finished):
                if result.request_id == request_id:
                    del self._finished[i]
                    return result.path
            if time.monotonic() > deadline:
                return None

    @property
    def in_flight(self) -> int:
        return len(self._pending)

    # -- internals ---------------------------------------------------------------------------------------------
    def _pump(self, wait: float = 0.0) -> None:
        if self._conn is not None:
            try:
                while self._conn.poll(wait):
                    wait = 0.0
                    self._receive(self._conn.recv())
            except (EOFError, OSError):
                pass  # the worker died mid-message; handled below
        if self._process is not None and not self._process.is_alive() and self._pending:
            self._recover()

    def _receive(self, reply: worker.Reply) -> None:
        request_id, path, voice, _worker_ms, error = reply
        pending = self._pending.pop(request_id, None)
        if pending is None:
            return
        elapsed = (time.perf_counter() - pending.submitted) * 1000.0
        self._finish(pending, SpeechResult(request_id, pending.lang, pending.request[1],
                                           Path(path) if path else None, voice, False, elapsed, error))

    def _finish(self, pending: _Pending, result: SpeechResult) -> None:
        if result.error is not None:
            self.last_error = result.error
        if pending.report:
            self._finished.append(result)

    def _recover(self) -> None:
        """The worker died with requests in flight: fail the ones that already had a second chance, restart."""
        process = self._process
        exitcode = process.exitcode if process is not None else None
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None
        for request_id, pending in list(self._pending.items()):
            if pending.attempts >= _MAX_ATTEMPTS:
                del self._pending[request_id]
                self._finish(pending, SpeechResult(
                    request_id, pending.lang, pending.request[1], None, None, False,
                    (time.perf_counter() - pending.submitted) * 1000.0, f"speech worker died (exit code {exitcode})"))
            else:
                pending.attempts += 1
        self.restarts += 1
        self.start()
