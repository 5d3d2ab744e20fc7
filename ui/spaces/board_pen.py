"""Drawing on Seoul Learn's whiteboards from the app: drag with the mouse (or a finger) on a board, or draw with
the keys (arrows move the pen, Space puts it down or lifts it, 1–3 choose the board, Esc ends).

A pointer position becomes a board point by casting the camera's ray through it onto the board's plane, so the
stroke lands under the pointer whatever the view. A drag starts only on a board and not on the panel (a press
on a button is not ink); once started it follows the pointer off the board, clamped to the edge. While a
stroke is drawn its ink shows at once here (a preview); the finished stroke goes to ``draw``, which puts it on
the board and shares it with the room (:class:`game.spaces.whiteboard.SharedBoards`).
"""

from __future__ import annotations

from collections.abc import Callable

from direct.task import Task
from panda3d.core import LineSegs, MouseButton, NodePath, Point2, Point3

from game import tasks
from game.input.stack import PANEL, ModalStack, Press
from game.interiors import seoul_learn
from game.spaces.pen import KeyPen, Point, Stroke
from game.spaces.whiteboard import INKS
from game.text import i18n

Draw = Callable[[int, list[Point], int], None]  # (board, points, colour index)
BOARD_KEYS = {"1": 0, "2": 1, "3": 2}


class BoardPen:
    """The mouse pen (a per-frame task) and the keyboard pen (an input layer while it is on)."""

    modal = True  # while drawing with keys, the arrows and Space are the pen's, not the panel's
    text_focus = False

    def __init__(self, base, scene, draw: Draw, keys: ModalStack | None, lang: Callable[[], str],
                 say: Callable[[str], None], under: Callable[[], object] | None = None,
                 screens: Callable[[], list] = list, color: int = 0) -> None:
        """``scene``: :class:`game.scenes.seoul_learn.SeoulLearn`; ``under`` gives the layer (the room's panel)
        that must be hearing keys for the mouse to draw (nothing draws beneath an alert or a dialogue);
        ``screens`` the DirectGUI frames over the room (the panel, the chat): a press on them is not on a board."""
        self.base, self.scene, self.draw, self.keys, self.lang, self.say = base, scene, draw, keys, lang, say
        self.under, self.screens, self.color = under, screens, color
        self.board = 1  # the middle room's board faces the door
        self.mouse = Stroke(self._finish)
        self.keyboard: KeyPen | None = None
        self._was_down = False
        self.preview: NodePath | None = None
        self.cursor: NodePath | None = None
        base.taskMgr.add(self._update, "board-pen", sort=tasks.UI)

    # -- pointer -------------------------------------------------------------------------------------------------
    def project(self, mouse: Point2, board: int) -> Point | None:
        """Where the camera's ray through ``mouse`` (-1..1) meets board ``board``'s plane, in board coordinates
        (not clamped); None when the ray runs parallel to it or away from it."""
        near, far = Point3(), Point3()
        if not self.base.camLens.extrude(mouse, near, far):
            return None
        node, cam = self.scene.boards[board], self.base.cam
        a, b = node.getRelativePoint(cam, near), node.getRelativePoint(cam, far)
        if abs(b.y - a.y) < 1e-9:
            return None
        t = a.y / (a.y - b.y)
        if t < 0:
            return None
        w, h = seoul_learn.BOARD
        return (a.x + (b.x - a.x) * t) / w, (a.z + (b.z - a.z) * t) / h

    def hit(self, mouse: Point2) -> tuple[int, Point] | None:
        """The board under the pointer and the point on it."""
        for k in range(len(self.scene.boards)):
            p = self.project(mouse, k)
            if p is not None and 0 <= p[0] <= 1 and 0 <= p[1] <= 1:
                return k, p
        return None

    def on_screen(self, mouse: Point2) -> bool:
        """Whether the pointer is on one of the frames drawn over the room."""
        render2d = self.base.render2d
        for frame in self.screens():
            if frame.isEmpty() or frame.isHidden():
                continue
            left, right, bottom, top = frame.getBounds()  # a DirectGUI frame's own rectangle
            lo = render2d.getRelativePoint(frame, Point3(left, 0, bottom))
            hi = render2d.getRelativePoint(frame, Point3(right, 0, top))
            if lo.x <= mouse.x <= hi.x and lo.z <= mouse.y <= hi.z:
                return True
        return False

    def _listening(self) -> bool:
        return self.keys is None or self.under is None or not self.keys.covered(self.under())

    def _update(self, task):
        watcher = self.base.mouseWatcherNode
        held = watcher is not None and watcher.hasMouse() and watcher.isButtonDown(MouseButton.one())
        if held and not self._was_down and self._listening() and not self.on_screen(watcher.getMouse()):
            found = self.hit(watcher.getMouse())
            if found is not None:
                self.board = found[0]
                self.mouse.down(found[1])
        elif held and self.mouse.drawing:
            p = self.project(watcher.getMouse(), self.board)
            if p is not None:
                self.mouse.move(p)
                self._preview(self.mouse.points)
        elif not held and self.mouse.drawing:
            self.mouse.up()
        self._was_down = held
        return Task.cont

    # -- keys ------------------------------------------------------------------------------------------------------
    def start_keys(self) -> None:
        """Draw with the keys: the pen's layer goes on top of the panel until Esc."""
        if self.keyboard is not None:
            return
        self.keyboard = KeyPen(self._finish)
        self.cursor = self.scene.boards[self.board].attachNewNode("pen-cursor")
        self._mark()
        if self.keys is not None:
            self.keys.push(self, PANEL)
        self.say(i18n.text("spaces.pen_keys", self.lang(), n=self.board + 1))

    def stop_keys(self, quiet: bool = False) -> None:
        if self.keyboard is None:
            return
        self.keyboard.lift()
        self.keyboard = None
        self.cursor.removeNode()
        self.cursor = None
        if self.keys is not None:
            self.keys.remove(self)
        if not quiet:
            self.say(i18n.text("spaces.pen_done", self.lang()))

    def on_key(self, press: Press) -> bool:
        pen = self.keyboard
        if pen is None:
            return False
        if "cancel" in press:
            self.stop_keys()
            return True
        if press.key in ("space", "enter"):
            pen.toggle()
            self.say(i18n.text("spaces.pen_down" if pen.down else "spaces.pen_up", self.lang()))
        elif press.key in BOARD_KEYS and not pen.down:
            self.board = BOARD_KEYS[press.key]
            self.cursor.reparentTo(self.scene.boards[self.board])
            self.say(i18n.text("spaces.pen_board", self.lang(), n=self.board + 1))
        elif pen.key(press.key) and pen.down:
            self._preview(pen.stroke.points)
        self._mark()
        return True

    def on_text(self, ch: str) -> bool:
        return False

    def _mark(self) -> None:
        """The keyboard pen's cursor: a small cross, filled in the ink's colour while the pen is down."""
        self.cursor.node().removeAllChildren()
        w, h = seoul_learn.BOARD
        u, v = self.keyboard.cursor
        segs = LineSegs("cross")
        segs.setColor(*(INKS[self.color] if self.keyboard.down else (0.5, 0.5, 0.5, 1.0)))
        segs.setThickness(2.0)
        for du, dv in ((0.04, 0), (0, 0.04)):
            segs.moveTo((u - du) * w, -0.005, (v - dv) * h)
            segs.drawTo((u + du) * w, -0.005, (v + dv) * h)
        self.cursor.attachNewNode(segs.create())

    # -- ink ---------------------------------------------------------------------------------------------------------
    def _preview(self, points: list[Point]) -> None:
        self._clear_preview()
        if len(points) >= 2:
            self.preview = self.scene.draw(self.board, points, INKS[self.color])

    def _clear_preview(self) -> None:
        if self.preview is not None:
            self.preview.removeNode()
            self.preview = None

    def _finish(self, points: list[Point]) -> None:
        self._clear_preview()
        self.draw(self.board, list(points), self.color)

    def release(self) -> None:
        self.stop_keys(quiet=True)
        self.base.taskMgr.remove("board-pen")
        self._clear_preview()
