"""Every alert as one plain-text line for assistive technology outside the window: a screen reader, a braille
display's client (BRLTTY/BrlAPI), a second screen, or speech-dispatcher.

The overlay, voice and signer reach people looking at and listening to the app; a blind visitor with a braille
display, or one whose screen reader speaks everything through speech-dispatcher, needs the alert where their own
tools read (W3C XAUR REQ 14, alerts routed to a second screen or braille; REQ 8a, critical alerts flagged to
assistive technology). Each presented alert becomes one line::

    ALERT level=emergency critical id=KR-EQ-20260521-0001 lang=ko | [기상청] 서울 … 지진 발생 / 탁자 아래로 …

``critical`` marks a real emergency (위급재난문자; not a drill, which says ``drill=Exercise``). The line goes to
the ``at_output`` path of the access settings: appended to a regular file, written to a FIFO (skipped while
nothing reads it, never blocking a frame), or sent to a UNIX socket (datagram, else stream); and, where
``spd-say`` is installed, spoken through speech-dispatcher at ``important`` priority for a critical alert
(``message`` otherwise). No Panda3D.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import socket
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.alerts.presentation import Presentation

log = logging.getLogger("mseoul.assistive")


def is_critical(p: Presentation) -> bool:
    return p.level.id == "emergency" and p.drill is None


def alert_line(p: Presentation) -> str:
    """One line, no newlines inside: the level and flags first (key=value), then ``|`` and the alert's text."""
    flags = [f"level={p.level.id}"]
    if is_critical(p):
        flags.append("critical")
    if p.drill is not None:
        flags.append(f"drill={p.drill}")
    flags += [f"id={p.identifier}", f"lang={p.lang}"]
    text = " / ".join(part.strip() for part in p.caption_text.splitlines() if part.strip())
    return f"ALERT {' '.join(flags)} | {text}"


class AssistiveOutput:
    """Writes alert lines to ``path`` (None: no file) and speaks them with ``spd-say`` when ``speech_dispatcher``
    and the command is installed. ``which`` and ``spawn`` are the system's unless a test gives its own."""

    def __init__(self, path: Path | None, speech_dispatcher: bool = True, *,
                 which: Callable[[str], str | None] = shutil.which,
                 spawn: Callable[..., Any] = subprocess.Popen) -> None:
        self.path = path
        self.spd_say = which("spd-say") if speech_dispatcher else None
        self._spawn = spawn
        self._speaking: list[Any] = []
        self._warned: set[str] = set()

    def announce(self, p: Presentation) -> str:
        """Send the alert out; returns the line. Never raises: a missing reader is no reason to lose the alert."""
        line = alert_line(p)
        if self.path is not None:
            self._write(line)
        if self.spd_say is not None:
            self._speak(p, line)
        return line

    def _write(self, line: str) -> None:
        assert self.path is not None
        data = (line + "\n").encode("utf-8")
        try:
            mode = self.path.stat().st_mode if self.path.exists() else 0
            if stat.S_ISFIFO(mode):
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)  # ENXIO while nobody reads: skipped below
                try:
                    os.write(fd, data)
                finally:
                    os.close(fd)
            elif stat.S_ISSOCK(mode):
                self._send(data)
            else:
                with self.path.open("ab") as out:
                    out.write(data)
        except OSError as exc:
            if exc.errno == errno.ENXIO:
                return  # a FIFO without a reader: nobody to tell
            self._warn_once(f"assistive output {self.path}: {exc}")

    def _send(self, data: bytes) -> None:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            try:
                sock.sendto(data, str(self.path))
                return
            except OSError as exc:
                if exc.errno not in (errno.EPROTOTYPE, errno.ECONNREFUSED, errno.EOPNOTSUPP):
                    raise
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(0.2)
            sock.connect(str(self.path))
            sock.sendall(data)

    def _speak(self, p: Presentation, line: str) -> None:
        self._speaking = [s for s in self._speaking if s.poll() is None]  # reap the finished ones
        priority = "important" if is_critical(p) else "message"
        try:
            self._speaking.append(self._spawn([self.spd_say, "--priority", priority, "--language", p.lang,
                                               line.split(" | ", 1)[1]],
                                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        except OSError as exc:
            self._warn_once(f"spd-say: {exc}")

    def _warn_once(self, message: str) -> None:
        if message not in self._warned:
            self._warned.add(message)
            log.warning(message)
