"""The board of today's cultural events at Gwanghwamun Square (issue 16), from the live city data.

It stands on the square's green strip between two trees, facing the walk, and reads the ``광화문·덕수궁`` hotspot from
the live badge's latest ``city.data`` reply (no requests of its own). The lines come from
:mod:`game.life.cultural_events`: today's events on the scene's date, or why there are none, with the data's age
once it is stale. Its panel is lit as the street is; its text is not (a lit display), and follows the one language
setting.
"""

from __future__ import annotations

import time
from typing import Any

from panda3d.core import NodePath, TextNode, TransparencyAttrib

from game import tasks
from game.architecture.mesh import box, merge
from game.life import cultural_events
from game.render.geom import meshes_to_node
from game.render.pipeline import cast_no_shadow

SQUARE = "gwanghwamun-square"
#: In the square's own frame: the gap between its two tree strips (x −27 and −21), midway between two trees of the
#: 12 m rows, facing the square's middle.
PLACE = (-24.0, -66.5)
FACING_H = 90.0
SIZE = (3.6, 2.2)  # metres, the panel's face
LEGS = 1.0  # metres from the ground to the panel's foot
LINE = 0.2  # metres per text line
REFRESH_S = 1.0
PANEL = (0.06, 0.08, 0.12, 1.0)
TITLE = (1.0, 0.86, 0.55, 1.0)
TEXT = (0.95, 0.95, 0.95, 1.0)


class EventsBoard:
    """Install with the live badge (its ``areas`` and its data age); ``day`` gives the scene's date."""

    def __init__(self, app: Any, badge: Any) -> None:
        self.app, self.badge = app, badge
        square = app.scene.landmark_nodes[SQUARE]
        self.root = square.attachNewNode("cultural-events-board")
        self.root.setPos(PLACE[0], PLACE[1], 0.0)
        self.root.setH(FACING_H)
        w, h = SIZE
        legs = [box((0.12, 0.12, LEGS), (side * (w / 2 - 0.3), 0.0, 0.0), PANEL) for side in (-1.0, 1.0)]
        self.root.attachNewNode(meshes_to_node("events-board", merge([box((w, 0.1, h), (0.0, 0.0, LEGS), PANEL),
                                                                      *legs])))
        cast_no_shadow(self.root)
        self.text: list[NodePath] = []
        self.lines: list[str] = []
        self._next = 0.0
        self._task = app.base.taskMgr.add(self._update, "events-board", sort=tasks.UI)
        self._unsubscribe = app.language.subscribe(lambda _lang: self.refresh())
        self.refresh()

    def _update(self, task):
        if time.monotonic() >= self._next:
            self.refresh()
        return task.cont

    def current_lines(self) -> list[str]:
        age = 0.0 if self.badge.got_at is None else time.monotonic() - self.badge.got_at
        return cultural_events.board_lines(self.badge.areas.get(cultural_events.AREA), age,
                                           self.app.pipeline.when.date(), self.app.language.value)

    def refresh(self) -> None:
        """Rebuild the text when what it says has changed (at most once a second)."""
        self._next = time.monotonic() + REFRESH_S
        lines = self.current_lines()
        if lines == self.lines:
            return
        self.lines = lines
        for node in self.text:
            node.removeNode()
        self.text = []
        w, h = SIZE
        z = LEGS + h - 0.35
        for k, line in enumerate(lines):
            node = TextNode(f"events-board-line-{k}")
            if self.app.font is not None:
                node.setFont(self.app.font)
            node.setText(line)
            node.setAlign(TextNode.ACenter)
            size = 1.15 if k == 0 else 1.0
            node.setWordwrap(w / (LINE * size) - 0.6)
            node.setTextColor(*(TITLE if k == 0 else TEXT))
            text = self.root.attachNewNode(node)
            text.setScale(LINE * size)
            text.setPos(0.0, -0.06, z)
            text.setShaderOff(2)
            text.setLightOff(2)
            text.setTransparency(TransparencyAttrib.M_alpha)
            self.text.append(text)
            z -= LINE * size * 1.45 * max(1, node.getNumRows())

    def release(self) -> None:
        self._unsubscribe()
        self.app.base.taskMgr.remove(self._task)
        self.root.removeNode()
