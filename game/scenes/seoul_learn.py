"""Seoul Learn scene: three mentoring rooms, each signed with its mentor and subject, and a whiteboard that
shows strokes as they are drawn (the visitor's own and, over presence, the others' in the room).

A stroke is a polyline in board coordinates (0..1 across, 0..1 up), so it means the same on every visitor's
screen whatever their window; :meth:`SeoulLearn.draw` turns it into line segments on the board's face."""

from __future__ import annotations

from dataclasses import dataclass

from panda3d.core import LineSegs, NodePath

from game.interiors import seoul_learn
from game.scenes.room import Placement, RoomScene
from game.spaces import catalogue
from game.text import i18n

SCENE_ID = "seoul-learn"
PLACEMENT = Placement(x=-20.0, z=31.0)
INK = (0.08, 0.2, 0.75, 1.0)


@dataclass
class SeoulLearn(RoomScene):
    data: catalogue.SeoulLearn | None = None

    def furnish(self) -> None:
        lang = self.app.config.language
        self.boards: list[NodePath] = []
        mentors = {m.room: m for m in self.data.mentors}
        for k in range(len(seoul_learn.ROOM_X)):
            x, y, z = self.anchor(f"room_sign:{k}")
            self.sign(i18n.text("spaces.mentoring_room", lang, n=k + 1), (x, y, z), "-y", 0.16, name=f"room-{k}")
            bx, by, bz = self.anchor(f"board:{k}")
            board = self.room.attachNewNode(f"whiteboard-{k}")
            board.setPos(bx - seoul_learn.BOARD[0] / 2, by - 0.02, bz)
            board.setShaderOff(10)
            board.setLightOff(10)
            self.boards.append(board)
            mentor = mentors.get(k)
            if mentor is not None:
                self.sign(f"{mentor.name[lang]} · {mentor.field[lang]}", (bx, by - 0.01, bz + seoul_learn.BOARD[1]
                                                                            - 0.2), "-y", 0.13, name=f"mentor-{k}")

    def draw(self, room: int, points: list[tuple[float, float]], color=INK, thickness: float = 3.0) -> NodePath:
        """One stroke on room ``room``'s whiteboard; ``points`` in board coordinates (0..1)."""
        w, h = seoul_learn.BOARD
        segs = LineSegs("stroke")
        segs.setColor(*color)
        segs.setThickness(thickness)
        u, v = points[0]
        segs.moveTo(u * w, 0, v * h)
        for u, v in points[1:]:
            segs.drawTo(u * w, 0, v * h)
        return self.boards[room].attachNewNode(segs.create())

    def clear(self, room: int) -> None:
        self.boards[room].node().removeAllChildren()


def create(app) -> SeoulLearn:
    return SeoulLearn(app, seoul_learn.build(), PLACEMENT, SCENE_ID, data=catalogue.load_seoul_learn())
