"""``python -m game.kiosk.watchdog [options] -- COMMAND [ARGS...]``: keep the kiosk app running, unattended.

Restarts the app when it exits with an error or a signal (a crash) or when its heartbeat file stops advancing (a
frozen frame loop: see :mod:`game.heartbeat`). A clean exit (status 0: the operator's key combination)
ends the watchdog too, so an operator can stop the kiosk without fighting it. Restarts are immediate at first
(``--first-delay``, default 0.5 s, so the app is back within 5 s) and back off exponentially while the app keeps
failing within ``--stable`` seconds of starting, up to ``--max-delay``: a crash loop must not hog the machine.

Logs go to rotating files in the user log directory (``watchdog.log`` for decisions, ``app.log`` for the app's
own output); ``watchdog.json`` there holds the counters (crashes, freezes, restarts, last restart latency), which
the soak test and an operator can read.
"""

from __future__ import annotations

import argparse
import json
import logging
import logging.handlers
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

from game import heartbeat
from game.kiosk.settings import APP_NAME

LOG_BYTES = 1_000_000
LOG_BACKUPS = 5
POLL_S = 0.1
KILL_GRACE_S = 1.0

log = logging.getLogger("mseoul.watchdog")


@dataclass
class Backoff:
    """Restart delay: ``first`` after a failure, doubling per failure while runs keep dying young. Pure."""

    first: float = 0.5
    maximum: float = 60.0
    stable: float = 60.0  # a run that lasted this long was healthy: the streak starts over
    streak: int = 0

    def failed(self, ran_for: float) -> float:
        """Record a failed run that lasted ``ran_for`` seconds; returns the delay before the next start."""
        self.streak = 1 if ran_for >= self.stable else self.streak + 1
        return min(self.first * 2 ** (self.streak - 1), self.maximum)


@dataclass
class Stall:
    """Frozen-loop detection from heartbeat sequence numbers, with the watchdog's own clock. Pure."""

    start_timeout: float  # no beat yet, or the app is still loading
    run_timeout: float  # running: beats must keep coming
    seq: int | None = None
    phase: str = "boot"
    changed: float = 0.0

    def reset(self, now: float) -> None:
        self.seq, self.phase, self.changed = None, "boot", now

    def observe(self, beat: heartbeat.Beat | None, now: float) -> bool:
        """Feed the latest beat; True when the app has been silent past the timeout for its phase."""
        if beat is not None and beat.seq != self.seq:
            self.seq, self.phase, self.changed = beat.seq, beat.phase, now
        loading = self.seq is None or self.phase in heartbeat.LOADING_PHASES
        return now - self.changed > (self.start_timeout if loading else self.run_timeout)


@dataclass
class Counters:
    starts: int = 0
    crashes: int = 0
    freezes: int = 0
    last_exit: int | None = None
    last_restart_latency_s: float | None = None  # failure noticed → new process started
    child_pid: int | None = None
    history: list[dict] = field(default_factory=list)  # the last few failures


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def _rotating(path: Path, name: str) -> logging.Logger:
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    return logger


class Watchdog:
    def __init__(self, command: list[str], log_dir: Path, heartbeat_path: Path, *, backoff: Backoff,
                 stall: Stall, clock: Callable[[], float] = time.monotonic) -> None:
        self.command = command
        self.log_dir = log_dir
        self.heartbeat_path = heartbeat_path
        self.backoff = backoff
        self.stall = stall
        self.clock = clock
        self.counters = Counters()
        self.child: subprocess.Popen | None = None
        self.started_at = 0.0
        self._stop = threading.Event()
        log_dir.mkdir(parents=True, exist_ok=True)
        self.app_log = _rotating(log_dir / "app.log", "mseoul.app")

    def stop(self) -> None:
        self._stop.set()

    def _spawn(self) -> None:
        self.heartbeat_path.unlink(missing_ok=True)
        env = dict(os.environ, **{heartbeat.ENV: str(self.heartbeat_path)})
        self.child = subprocess.Popen(self.command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL)
        self.started_at = self.clock()
        self.stall.reset(self.started_at)
        self.counters.starts += 1
        self.counters.child_pid = self.child.pid
        threading.Thread(target=self._pump, args=(self.child,), daemon=True, name="app-output").start()
        log.info("started pid %d: %s", self.child.pid, " ".join(self.command))
        self._save()

    def _pump(self, child: subprocess.Popen) -> None:
        assert child.stdout is not None
        for raw in child.stdout:
            self.app_log.info("[%d] %s", child.pid, raw.decode("utf-8", "replace").rstrip())

    def _kill(self) -> int:
        assert self.child is not None
        self.child.terminate()
        try:
            return self.child.wait(KILL_GRACE_S)
        except subprocess.TimeoutExpired:
            self.child.kill()
            return self.child.wait()

    def _save(self) -> None:
        tmp = self.log_dir / "watchdog.json.tmp"
        tmp.write_text(json.dumps(asdict(self.counters), indent=2), encoding="utf-8")
        tmp.replace(self.log_dir / "watchdog.json")

    def _failed(self, kind: str, code: int, noticed: float) -> bool:
        """Log a failure and wait out the backoff; False when asked to stop meanwhile."""
        ran = noticed - self.started_at
        delay = self.backoff.failed(ran)
        if kind == "frozen":
            self.counters.freezes += 1
        else:
            self.counters.crashes += 1
        self.counters.last_exit = code
        self.counters.history = (self.counters.history + [{"kind": kind, "exit": code, "ran_s": round(ran, 2),
                                                           "time": time.time()}])[-20:]  # real time: an operator's log
        log.warning("app %s (exit %s) after %.1f s; restart #%d in %.1f s", kind, code, ran,
                    self.counters.starts, delay)
        self._save()
        if self._stop.wait(delay):
            return False
        self._spawn()
        self.counters.last_restart_latency_s = round(self.clock() - noticed, 3)
        self._save()
        return True

    def run(self) -> int:
        """Supervise until the app exits cleanly or :meth:`stop`; returns the watchdog's exit status."""
        self._spawn()
        try:
            while not self._stop.wait(POLL_S):
                assert self.child is not None
                code = self.child.poll()
                now = self.clock()
                if code == 0:
                    log.info("app exited cleanly: the operator stopped the kiosk")
                    return 0
                if code is not None:
                    if not self._failed("crashed", code, now):
                        break
                elif self.stall.observe(heartbeat.read(self.heartbeat_path), now):
                    log.warning("no heartbeat for %.1f s (phase %s): killing pid %d", now - self.stall.changed,
                                self.stall.phase, self.child.pid)
                    if not self._failed("frozen", self._kill(), now):
                        break
        finally:
            if self.child is not None and self.child.poll() is None:
                self._kill()
            self.counters.child_pid = None
            self._save()
        return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m game.kiosk.watchdog",
                                description="Restart the kiosk app after a crash or a frozen frame loop.")
    p.add_argument("--log-dir", type=Path, default=None, help="rotating logs and watchdog.json "
                                                               "(default: the user log directory)")
    p.add_argument("--heartbeat", type=Path, default=None, help="heartbeat file (default: LOG_DIR/heartbeat.json)")
    p.add_argument("--stall", type=float, default=3.0, help="seconds without a beat while running = frozen (3)")
    p.add_argument("--start-timeout", type=float, default=120.0,
                   help="seconds allowed before the first beat and while loading (120)")
    p.add_argument("--first-delay", type=float, default=0.5, help="delay before the first restart (0.5 s)")
    p.add_argument("--max-delay", type=float, default=60.0, help="longest backoff delay (60 s)")
    p.add_argument("--stable", type=float, default=60.0, help="a run this long resets the backoff (60 s)")
    p.add_argument("command", nargs=argparse.REMAINDER, help="-- then the app command line")
    return p


def main(argv: list[str] | None = None) -> int:
    ns = build_parser().parse_args(argv)
    command = ns.command[1:] if ns.command[:1] == ["--"] else ns.command
    if not command:
        print("error: give the app command after --, e.g. -- python main.py --kiosk", file=sys.stderr)
        return 2
    log_dir = ns.log_dir or default_log_dir()
    log_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(log_dir / "watchdog.log", maxBytes=LOG_BYTES,
                                                   backupCount=LOG_BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    if sys.stderr is not None:  # pythonw.exe (Windows task) has no console
        log.addHandler(logging.StreamHandler(sys.stderr))
    log.setLevel(logging.INFO)
    dog = Watchdog(command, log_dir, ns.heartbeat or log_dir / "heartbeat.json",
                   backoff=Backoff(ns.first_delay, ns.max_delay, ns.stable),
                   stall=Stall(ns.start_timeout, ns.stall))
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: dog.stop())
    return dog.run()


if __name__ == "__main__":
    sys.exit(main())
