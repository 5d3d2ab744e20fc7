"""The bell's rope in the headset: offered when it is the visitor's turn, pulled with a squeeze and a tug.

When the ceremony's cue is up (``cue()`` true: the visitor's strike is near), a rope hangs just ahead of the
visitor's chest, fixed where it appeared so pulling does not drag it along; the visitor's hands go to
:class:`game.xr.pull.PullGesture` each frame (through the driver's ``gestures``). A pull past the mark buzzes that
hand (the OpenXR haptic action, as strong as the pull) and calls ``on_pull(force)`` — the ceremony's
``ring(force)``, which marks the strike pulled and sets its loudness. The rope goes when the cue does.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from panda3d.core import LineSegs

from game.xr.bindings import LEFT, RIGHT
from game.xr.intents import InputFrame
from game.xr.pull import Pull, PullGesture, Rope

AHEAD_M, BELOW_M = 0.45, 0.35  # where the handle hangs from the head when offered
ROPE_UP_M = 1.5  # the rope drawn above the handle
ROPE_COLOUR = (0.86, 0.72, 0.45, 1.0)  # hemp


class XrBellPull:
    """Install on an :class:`game.xr.driver.XrDriver`; ``release()`` takes it off again."""

    def __init__(self, driver, cue: Callable[[], bool], on_pull: Callable[[float], None]) -> None:
        self.driver, self.cue, self.on_pull = driver, cue, on_pull
        self.gesture = PullGesture()
        self.rope: Rope | None = None
        self.pulls: list[Pull] = []
        self.t = 0.0
        self.node = driver.world.attach_new_node("xr-bell-rope")
        self.node.set_light_off(1)
        self.node.set_shader_off(1)
        self.node.hide()
        driver.gestures.append(self.update)

    def _offer(self) -> Rope:
        """A rope ahead of the head, pulled towards the visitor (level: along the head's horizontal forward)."""
        head = self.driver.rig.head
        world = self.driver.world
        fx, fy, _ = world.get_relative_vector(head, (0, 1, 0))
        n = math.hypot(fx, fy) or 1.0
        fx, fy = fx / n, fy / n
        hx, hy, hz = head.get_pos(world)
        rope = Rope((hx + AHEAD_M * fx, hy + AHEAD_M * fy, hz - BELOW_M), (-fx, -fy, 0.0))
        self._draw(rope)
        return rope

    def _draw(self, rope: Rope) -> None:
        self.node.get_children().detach()
        lines = LineSegs("rope")
        lines.set_thickness(6.0)
        lines.set_color(*ROPE_COLOUR)
        x, y, z = rope.handle
        lines.move_to(x, y, z - 0.1)
        lines.draw_to(x, y, z + ROPE_UP_M)
        self.node.attach_new_node(lines.create())
        self.node.show()

    def update(self, frame: InputFrame, dt: float) -> None:
        self.t += dt
        if self.cue():
            if self.rope is None:
                self.rope = self._offer()
        elif self.rope is not None:
            self.rope = None
            self.node.hide()
        for hand, state in ((LEFT, frame.left), (RIGHT, frame.right)):
            node = self.driver.rig.hands[hand]
            position = None if node.is_stashed() else tuple(node.get_pos(self.driver.world))
            pull = self.gesture.update(hand, position, state.grip, self.t, self.rope)
            if pull is not None:
                self.pulls.append(pull)
                self.driver.haptic(hand, *pull.haptic())
                self.driver.events.append({"frame": self.driver.frame_index, "pull": hand,
                                           "force": round(pull.force, 3)})
                self.on_pull(pull.force)

    def release(self) -> None:
        if self.update in self.driver.gestures:
            self.driver.gestures.remove(self.update)
        self.node.remove_node()
