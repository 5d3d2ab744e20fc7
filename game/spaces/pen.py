"""Drawing a whiteboard stroke, by mouse drag or by keys. Pure: board coordinates (0..1 across, 0..1 up) in,
finished strokes out to ``send``.

A drag gives a point every frame; points closer than ``GAP`` to the last are dropped (a still hand adds nothing)
and a stroke longer than the protocol's point limit goes out in pieces, each starting where the last ended, so
the line has no gaps for others. The keyboard pen is the same stroke moved by arrow keys: a cursor that leaves
ink while the pen is down, so drawing needs no pointer (a visitor who cannot use a mouse draws too).
"""

from __future__ import annotations

from collections.abc import Callable

from net.protocol import MAX_STROKE_POINTS

Point = tuple[float, float]
GAP = 0.004  # of the board: about 1 cm on a 3 m board
KEY_STEP = 0.025  # one arrow press moves the keyboard pen this far
MOVES = {"arrow_left": (-1, 0), "arrow_right": (1, 0), "arrow_up": (0, 1), "arrow_down": (0, -1)}


def _clamp(p: Point) -> Point:
    return min(max(p[0], 0.0), 1.0), min(max(p[1], 0.0), 1.0)


class Stroke:
    """One stroke being drawn; ``send(points)`` gets each finished piece (two points or more)."""

    def __init__(self, send: Callable[[list[Point]], None], limit: int = MAX_STROKE_POINTS) -> None:
        self.send, self.limit = send, limit
        self.points: list[Point] = []

    @property
    def drawing(self) -> bool:
        return bool(self.points)

    def down(self, p: Point) -> None:
        self.points = [_clamp(p)]

    def move(self, p: Point) -> None:
        if not self.points:
            return
        p = _clamp(p)
        last = self.points[-1]
        if abs(p[0] - last[0]) < GAP and abs(p[1] - last[1]) < GAP:
            return
        self.points.append(p)
        if len(self.points) == self.limit:
            self.send(self.points)
            self.points = [p]

    def up(self) -> None:
        if len(self.points) >= 2:
            self.send(self.points)
        self.points = []


class KeyPen:
    """The keyboard pen: arrows move the cursor, Space puts the pen down or lifts it (sending the stroke)."""

    def __init__(self, send: Callable[[list[Point]], None], start: Point = (0.5, 0.5)) -> None:
        self.cursor = start
        self.stroke = Stroke(send)

    @property
    def down(self) -> bool:
        return self.stroke.drawing

    def toggle(self) -> None:
        if self.down:
            self.stroke.up()
        else:
            self.stroke.down(self.cursor)

    def key(self, name: str) -> bool:
        """Handle an arrow key (a move); whether it was one."""
        step = MOVES.get(name)
        if step is None:
            return False
        self.cursor = _clamp((self.cursor[0] + step[0] * KEY_STEP, self.cursor[1] + step[1] * KEY_STEP))
        self.stroke.move(self.cursor)
        return True

    def lift(self) -> None:
        """Leave keyboard drawing: a stroke in progress is finished, not lost."""
        self.stroke.up()
