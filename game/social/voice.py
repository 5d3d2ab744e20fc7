"""Chat read aloud in voice-guide mode: the speech worker writes a WAV, the app's audio plays it, one at a time.

Synthesis never blocks a frame (``say`` returns the path the WAV will have, as the alert path's speech hook
does); :meth:`ChatVoice.update` starts the next line once its file exists and the previous line has finished.
Only a few lines wait: in a busy square, reading every message out late is worse than skipping some.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

PENDING = 4


class ChatVoice:
    def __init__(self, say: Callable[[str, str], Path | None], play: Callable[[Path], Any],
                 playing: Callable[[Any], bool]) -> None:
        """``say`` starts synthesis (``SpeechService.say``), ``play`` plays a WAV and returns a handle,
        ``playing(handle)`` tells whether it still sounds."""
        self.say, self.play, self.playing = say, play, playing
        self.enabled = False
        self.queue: deque[Path] = deque(maxlen=PENDING)
        self.current: Any = None

    def speak(self, text: str, lang: str) -> None:
        if not self.enabled:
            return
        path = self.say(text, lang)
        if path is not None:
            self.queue.append(path)

    def update(self) -> None:
        if self.current is not None and self.playing(self.current):
            return
        self.current = None
        if self.queue and self.queue[0].exists():
            self.current = self.play(self.queue.popleft())

    def toggle(self) -> bool:
        self.enabled = not self.enabled
        if not self.enabled:
            self.queue.clear()
        return self.enabled
