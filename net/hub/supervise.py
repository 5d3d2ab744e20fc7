"""Keep a hub process running: restart it whenever it exits, with a back-off while it keeps failing.

``python -m net.hub supervise [serve options]`` runs ``python -m net.hub serve`` with those options as a child
and starts it again when it exits for any reason other than this supervisor being asked to stop: the hub has
no clean exit of its own, so any exit is a failure to recover from. Restarts are immediate at first
(``first_delay``) and double while the hub dies within ``stable`` seconds of starting, up to ``max_delay``, so a
crash loop (a port taken, a broken disk) does not spin. SIGTERM or SIGINT stop the child and then the supervisor.
The child's stdout passes through (its ``ready`` line announces every start); ``supervisor.json`` in the data
directory says which process is the hub now and how many times it was restarted.

Where systemd runs the hub, ``packaging/linux/metaverse-seoul-hub.service`` (``Restart=always``) does the same
job; this command is for machines without it.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from net.keys import private_file

log = logging.getLogger(__name__)

STATE_FILE = "supervisor.json"


@dataclass
class SupervisorState:
    supervisor_pid: int
    child_pid: int = 0
    starts: int = 0
    last_exit: int | None = None
    last_start: float = 0.0


class Supervisor:
    def __init__(self, command: list[str], data_dir: Path, *, first_delay: float = 0.2, max_delay: float = 10.0,
                 stable: float = 30.0) -> None:
        self.command, self.state_file = command, data_dir / STATE_FILE
        self.first_delay, self.max_delay, self.stable = first_delay, max_delay, stable
        self.state = SupervisorState(os.getpid())
        self._stop = threading.Event()
        self._child: subprocess.Popen[bytes] | None = None

    def stop(self) -> None:
        self._stop.set()
        child = self._child
        if child is not None and child.poll() is None:
            child.terminate()

    def run(self) -> int:
        delay = self.first_delay
        while not self._stop.is_set():
            started = time.monotonic()
            self._child = subprocess.Popen(self.command)
            self.state.child_pid, self.state.starts, self.state.last_start = self._child.pid, self.state.starts + 1, \
                time.time()  # real time: an operator's record
            self._save()
            code = self._child.wait()
            self.state.last_exit = code
            self._save()
            if self._stop.is_set():
                break
            delay = self.first_delay if time.monotonic() - started >= self.stable else delay
            log.error("hub exited with %s; starting it again in %.1f s", code, delay)
            self._stop.wait(delay)
            delay = min(self.max_delay, delay * 2)
        return 0

    def _save(self) -> None:
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = private_file(self.state_file.with_suffix(".tmp"))
        tmp.write_text(json.dumps(asdict(self.state)), encoding="utf-8")
        tmp.replace(self.state_file)


def serve_command(data_dir: Path, serve_args: list[str]) -> list[str]:
    return [sys.executable, "-m", "net.hub", "--data-dir", str(data_dir), "serve", *serve_args]


def run_supervisor(data_dir: Path, serve_args: list[str], **options: float) -> int:
    supervisor = Supervisor(serve_command(data_dir, serve_args), data_dir, **options)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: supervisor.stop())
    return supervisor.run()
