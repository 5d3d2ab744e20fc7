"""The headset's places list operated by the controllers: which row is highlighted and which one is chosen. Pure.

The list (the civic rooms, the economy and education spaces, "back to the street", "close") opens and closes with
the places button; the right stick pushed up or down moves the highlight one row per push (it must come back near
the centre before the next, like snap turning), and the right trigger chooses the highlighted row. A laser can
also press a row directly; on a frame the laser pressed something the trigger is the laser's, so one pull never
chooses twice. Driving the list with the stick needs no aiming, which keeps it usable for visitors who cannot
point steadily, and makes it testable against a simulated headset whose controllers drift.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.xr.intents import InputFrame

STREET = "street"
CLOSE = "close"


class PlaceList:
    """The rows (``places`` then :data:`STREET` and :data:`CLOSE`), the highlighted one, and edge detection."""

    PRESS = 0.7  # stick deflection that moves the highlight
    RELEASE = 0.3  # …and how near the centre it must come back before the next move

    def __init__(self, places: Sequence[str]) -> None:
        self.rows: tuple[str, ...] = (*places, STREET, CLOSE)
        self.cursor = 0
        self.visible = False
        self._armed = True
        self._prev = InputFrame()

    @property
    def highlighted(self) -> str:
        return self.rows[self.cursor]

    def open(self, inside: bool) -> None:
        """Show the list; inside a room the highlight starts on the way back out, on the street on the first place."""
        self.visible = True
        self.cursor = self.rows.index(STREET) if inside else 0

    def close(self) -> None:
        self.visible = False

    def step(self, rows: int) -> None:
        """Move the highlight ``rows`` down (negative: up), wrapping round the ends."""
        self.cursor = (self.cursor + rows) % len(self.rows)

    def update(self, frame: InputFrame, inside: bool, laser_pressed: bool = False) -> str | None:
        """One frame of input: the row chosen by the trigger this frame, if any (the list closes as it is chosen).

        ``inside``: whether the visitor is in a room now (where the highlight starts); ``laser_pressed``: whether
        the laser pressed a panel this frame (then the trigger was the laser's)."""
        prev, self._prev = self._prev, frame
        if frame.places and not prev.places:
            if self.visible:
                self.close()
            else:
                self.open(inside)
            return None
        if not self.visible:
            return None
        y = frame.right.stick[1]
        if self._armed and abs(y) >= self.PRESS:
            self._armed = False
            self.step(-1 if y > 0 else 1)  # stick up: the row above
        elif abs(y) <= self.RELEASE:
            self._armed = True
        if frame.right.select and not prev.right.select and not laser_pressed:
            self.close()
            return self.highlighted
        return None
