"""Keyboard and mouse → :class:`Walker` → camera. Owns its task and event hooks and releases them.

Keyboard-only operation is complete: W/S or Up/Down walk, A/D strafe, Left/Right turn, PageUp/PageDown look,
Shift runs. Dragging with the left mouse button looks around.
"""

from __future__ import annotations

from direct.showbase.DirectObject import DirectObject
from panda3d.core import KeyboardButton, MouseButton

from game import tasks
from game.nav.walker import EYE_HEIGHT, Intent, Walker

TURN_RATE = 90.0  # degrees/s with the arrow keys
PITCH_RATE = 60.0
MOUSE_SENSITIVITY = 120.0  # degrees per unit of normalised mouse travel


class WalkController(DirectObject):
    def __init__(self, base, walker: Walker, on_move=None):
        super().__init__()
        self.base = base
        self.walker = walker
        self.on_move = on_move
        self.enabled = True
        self._last_mouse: tuple[float, float] | None = None
        self.task = base.taskMgr.add(self._update, "walk", sort=tasks.WORLD)

    def _down(self, *buttons) -> bool:
        watcher = self.base.mouseWatcherNode
        return any(watcher.isButtonDown(b) for b in buttons)

    def intent(self, dt: float) -> Intent:
        kb = KeyboardButton
        ascii_ = KeyboardButton.asciiKey
        fwd = float(self._down(ascii_("w"), kb.up())) - float(self._down(ascii_("s"), kb.down()))
        side = float(self._down(ascii_("d"))) - float(self._down(ascii_("a")))
        turn = (float(self._down(kb.left())) - float(self._down(kb.right()))) * TURN_RATE * dt
        pitch = (float(self._down(kb.pageUp())) - float(self._down(kb.pageDown()))) * PITCH_RATE * dt
        watcher = self.base.mouseWatcherNode
        if watcher.hasMouse() and watcher.isButtonDown(MouseButton.one()):
            m = (watcher.getMouseX(), watcher.getMouseY())
            if self._last_mouse is not None:
                turn -= (m[0] - self._last_mouse[0]) * MOUSE_SENSITIVITY
                pitch += (m[1] - self._last_mouse[1]) * MOUSE_SENSITIVITY * 0.6
            self._last_mouse = m
        else:
            self._last_mouse = None
        return Intent(fwd, side, turn, pitch, run=self._down(kb.shift()))

    def _update(self, task):
        if self.enabled:  # disabled: a panel or a room owns the keys and maybe the camera
            if self.base.mouseWatcherNode is not None:
                dt = min(self.base.clock.getDt(), 0.1)  # a long hitch must not fling the visitor through a wall
                self.walker.update(dt, self.intent(dt))
            self.sync_camera()
        return task.cont

    def sync_camera(self) -> None:
        w = self.walker
        self.base.camera.setPosHpr(w.x, w.y, w.z + EYE_HEIGHT, w.heading, w.pitch, 0)
        if self.on_move:
            self.on_move(w)

    def release(self) -> None:
        self.base.taskMgr.remove(self.task)
        self.ignoreAll()
