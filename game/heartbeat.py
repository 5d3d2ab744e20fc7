"""The app's heartbeat file: proof, written from a late task, that frames are still being completed.

The watchdog cannot tell a frozen frame loop from a slow one by looking at the process, so the app writes a
tiny JSON file (``pid``, a beat counter ``seq``, the flow ``phase``) at most every ``interval`` seconds from a
task that runs after rendering. The watchdog only compares ``seq`` with what it saw before, using its own clock,
so the two processes never compare clocks. The path comes from ``MSEOUL_HEARTBEAT`` (set by the watchdog), so a
built binary needs no extra flag.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENV = "MSEOUL_HEARTBEAT"
TASK_SORT = 60  # after Panda3D's render task (igLoop, sort 50): a beat means a frame was completed
LOADING_PHASES = frozenset({"boot", "loading"})


@dataclass(frozen=True)
class Beat:
    pid: int
    seq: int
    phase: str
    frames: int


class HeartbeatWriter:
    def __init__(self, path: Path, interval: float = 0.5, clock: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self.interval = interval
        self.clock = clock
        self.seq = 0
        self.frames = 0
        self._last: float | None = None
        path.parent.mkdir(parents=True, exist_ok=True)

    def frame(self, phase: str) -> bool:
        """Count a completed frame; write a beat when ``interval`` has passed. True when one was written."""
        self.frames += 1
        now = self.clock()
        if self._last is not None and now - self._last < self.interval:
            return False
        self._last = now
        self.seq += 1
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps({"pid": os.getpid(), "seq": self.seq, "phase": phase, "frames": self.frames}),
                       encoding="utf-8")
        tmp.replace(self.path)  # atomic: the watchdog never reads half a beat
        return True


def read(path: Path) -> Beat | None:
    """The last beat, or None when there is none yet (or it is unreadable, which the caller treats alike)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return Beat(int(doc["pid"]), int(doc["seq"]), str(doc["phase"]), int(doc["frames"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def install_from_env(base: Any, phase: Callable[[], str]) -> HeartbeatWriter | None:
    """Add the heartbeat task to ``base`` when ``MSEOUL_HEARTBEAT`` names a file; returns the writer or None."""
    target = os.environ.get(ENV)
    if not target:
        return None
    writer = HeartbeatWriter(Path(target))

    def beat(task: Any) -> int:
        writer.frame(phase())
        return task.cont

    base.taskMgr.add(beat, "kiosk-heartbeat", sort=TASK_SORT)
    return writer
