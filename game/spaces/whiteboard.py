"""Seoul Learn's whiteboards shared over presence: strokes drawn here go on the board and to the hub; strokes
from others in the room (``Stroke`` events of :class:`net.presence.client.PresenceClient`) are drawn as they
arrive, and a board wiped by anyone in the room (``BoardWiped``) is wiped here. The visitor's own strokes and
wipes come back from the hub too and are skipped: they were done at once."""

from __future__ import annotations

from collections.abc import Iterable

from net.presence.client import BoardWiped, PresenceClient, Stroke

#: Presence scene of the mentoring rooms (presence names allow ``[a-z0-9_]``, so not the scene id itself).
PRESENCE_SCENE = "seoul_learn"
#: Marker colours by the protocol's colour index: blue, black, red, green.
INKS = ((0.08, 0.2, 0.75, 1.0), (0.05, 0.05, 0.05, 1.0), (0.8, 0.1, 0.1, 1.0), (0.1, 0.55, 0.2, 1.0))


class SharedBoards:
    def __init__(self, scene, presence: PresenceClient) -> None:
        """``scene``: a :class:`game.scenes.seoul_learn.SeoulLearn` (its ``boards`` and ``draw``)."""
        self.scene, self.presence = scene, presence

    def draw(self, board: int, points: list[tuple[float, float]], color: int = 0) -> None:
        self.scene.draw(board, points, INKS[color % len(INKS)])
        self.presence.draw(board, points, color)

    def wipe(self, board: int) -> None:
        """Wipe ``board`` here at once and for the room."""
        self.scene.clear(board)
        self.presence.wipe(board)

    def handle(self, events: Iterable[object]) -> None:
        for event in events:
            if not isinstance(event, Stroke | BoardWiped) or event.mine \
                    or not 0 <= event.board < len(self.scene.boards):
                continue
            if isinstance(event, Stroke):
                self.scene.draw(event.board, list(event.points), INKS[event.color % len(INKS)])
            elif isinstance(event, BoardWiped):
                self.scene.clear(event.board)
