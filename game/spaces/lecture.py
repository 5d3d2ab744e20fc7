"""A lecture playing: which slide shows when, driven by the frame's ``dt`` (never the wall clock). Pure.

Each slide stays for its ``seconds`` (the narration's length); :meth:`LecturePlayer.advance` returns the slides
that began during the step, in order, even when one long step skips past several (a hitch must not drop a
caption), and ``seen`` is what attendance reports.
"""

from __future__ import annotations

from game.spaces.catalogue import Lecture


class LecturePlayer:
    def __init__(self, lecture: Lecture) -> None:
        self.lecture = lecture
        self.index = 0
        self.elapsed = 0.0  # seconds into the current slide
        self.seen = 1
        self.finished = False

    @property
    def count(self) -> int:
        return len(self.lecture.slides)

    def advance(self, dt: float) -> list[int]:
        """Move ``dt`` seconds on; the indices of the slides that began, in order (``finished`` after the last)."""
        if self.finished or dt <= 0:
            return []
        began = []
        self.elapsed += dt
        while not self.finished and self.elapsed >= self.lecture.slides[self.index].seconds:
            self.elapsed -= self.lecture.slides[self.index].seconds
            if self.index + 1 == self.count:
                self.finished = True
                break
            self.index += 1
            self.seen = max(self.seen, self.index + 1)
            began.append(self.index)
        return began

    def skip(self) -> list[int]:
        """The visitor moves to the next slide now."""
        return self.advance(self.lecture.slides[self.index].seconds - self.elapsed)
