"""A civic interior placed in the world: its meshes, materials, fill light, glowing lamps and wall signs.

The rooms sit inside Seoul City Hall's glass building at real heights, front walls towards Seoul Plaza, so a
window shows the district actually rendered outside (the mayor's office looks over the plaza). While a room is
open the glass shell of City Hall is hidden, otherwise it would stand between the window and the view.

Lighting keeps the pipeline's single shadow-casting sun (simplepbr runs with ``max_lights 1``): indoor fill is an
:class:`AmbientLight` on the room (simplepbr sums ambient lights into ``p3d_LightModel.ambient`` and does not
count them against ``max_lights``), and lamps get a strong ambient of their own, which reads as emission.
Everything the room creates hangs under one root; :meth:`RoomScene.release` removes it and shows the glass again.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from panda3d.core import AmbientLight, NodePath, Point3, TextNode

from game import geo
from game.interiors.kit import Interior
from game.landmarks.views import View
from game.render.geom import meshes_to_node
from game.text import i18n

HOST = "city-hall"
FILL = (0.42, 0.40, 0.36, 1.0)  # warm indoor fill, added to the sky ambient
GLOW = (7.0, 6.6, 5.8, 1.0)  # lamps: bright enough to saturate through the tone curve


def label(key: str, **fields: object) -> Callable[[str], str]:
    """A sign's text from the catalogue, as a function of the language (relabelled live)."""
    return lambda lang: i18n.text(key, lang, **fields)


@dataclass(frozen=True)
class Placement:
    """Where the room sits in City Hall: across the front (x), above the ground (z), behind the glass (y)."""

    x: float
    z: float
    behind_front: float = 1.0


@dataclass
class RoomScene:
    """Base for the civic rooms; subclasses add their signs and boards in :meth:`furnish`."""

    app: object  # game.app.App: base, world, materials, scene (the district), font, landmarks
    interior: Interior
    placement: Placement
    name: str
    root: NodePath | None = None
    room: NodePath | None = None
    _hidden: list[NodePath] = field(default_factory=list)
    _labels: list[tuple[TextNode, Callable[[str], str]]] = field(default_factory=list)

    @property
    def lang(self) -> str:
        """The app's one language setting, as it is now."""
        return self.app.language.value

    def set_language(self, lang: str) -> None:
        """Relabel every sign that was given as a function of the language, then the boards (:meth:`relabel`)."""
        for node, text in self._labels:
            node.setText(text(lang))
        self.relabel(lang)

    def relabel(self, lang: str) -> None:
        """Redraw boards whose content came from elsewhere (the hub) in ``lang`` (override)."""

    def load(self) -> None:
        app = self.app
        lm = app.landmarks[HOST]
        dims = app.scene.buildings[HOST].dims
        self.root = app.world.attachNewNode(self.name)
        x, y = lm.local
        self.root.setPos(x, y, 0)
        self.root.setH(geo.heading_to_panda(lm.heading))
        depth = self.interior.size[1]
        self.room = self.root.attachNewNode("room")
        self.room.setPos(self.placement.x, dims["new_front"] + self.placement.behind_front + depth / 2,
                         self.placement.z)
        self.room.setH(180.0)  # room +Y (its window wall) faces the building's front, -Y
        for material, mesh in self.interior.parts.items():
            child = self.room.attachNewNode(meshes_to_node(f"{self.name}:{material}", mesh))
            app.materials.apply(child, material)
        fill = self.room.attachNewNode(AmbientLight(f"{self.name}-fill"))
        fill.node().setColor(FILL)
        self.room.setLight(fill)
        if self.interior.glow.triangle_count:
            lamps = self.room.attachNewNode(meshes_to_node(f"{self.name}:lamps", self.interior.glow))
            app.materials.apply(lamps, "plaster")
            glow = lamps.attachNewNode(AmbientLight(f"{self.name}-glow"))
            glow.node().setColor(GLOW)
            lamps.setLight(glow)
        self.furnish()
        host = app.scene.landmark_nodes.get(HOST)
        glass = host.find(f"{HOST}:glass") if host is not None else None
        if glass is not None and not glass.isEmpty():
            glass.hide()
            self._hidden.append(glass)

    def furnish(self) -> None:
        """Signs, boards and exhibits specific to the room (override)."""

    def world_point(self, local: tuple[float, float, float]) -> tuple[float, float, float]:
        p = self.app.world.getRelativePoint(self.room, Point3(*local))
        return (p.x, p.y, p.z)

    def anchor(self, name: str) -> tuple[float, float, float]:
        return self.interior.anchors[name]

    def view(self, _scene_id: str | None = None) -> View:
        cam = self.world_point(self.anchor("camera"))
        target = self.world_point(self.anchor("target"))
        heading = math.degrees(math.atan2(-(target[0] - cam[0]), target[1] - cam[1])) % 360.0
        return View(cam, target, heading)

    def sign(self, text: str | Callable[[str], str], pos: tuple[float, float, float], facing: str, scale: float = 0.2,
             color: tuple[float, float, float, float] = (0.08, 0.08, 0.1, 1.0), width: float = 0.0,
             align: int = TextNode.ACenter, name: str = "sign") -> NodePath:
        """Text on a wall or board in room-local metres, readable from the ``facing`` side (+x, -x, +y, -y).
        ``text`` given as a function of the language is relabelled live by :meth:`set_language`."""
        node = TextNode(name)
        if callable(text):
            self._labels.append((node, text))
            node.setText(text(self.lang))
        else:
            node.setText(text)
        node.setAlign(align)
        # Signs skip the PBR shader: lit like a surface they pick up the environment's specular sheen and dark
        # print turns grey. Unlit, the colour goes straight into the HDR buffer and through the tone curve, which
        # maps 1.0 to about 0.84, so light print is doubled to land near white.
        bright = 0.2126 * color[0] + 0.7152 * color[1] + 0.0722 * color[2] > 0.5
        node.setTextColor(tuple(c * 2.0 for c in color[:3]) + (color[3],) if bright else color)
        if self.app.font is not None:
            node.setFont(self.app.font)
        if width:
            node.setWordwrap(width / scale)
        np_ = self.room.attachNewNode(node)
        np_.setPos(*pos)
        np_.setScale(scale)
        np_.setH({"-y": 0.0, "+y": 180.0, "+x": 90.0, "-x": -90.0}[facing])
        np_.setTwoSided(False)
        np_.setDepthOffset(2)
        np_.setShaderOff(10)
        np_.setLightOff(10)
        return np_

    def release(self) -> None:
        for node in self._hidden:
            node.show()
        self._hidden.clear()
        self._labels.clear()
        if self.root is not None:
            self.root.removeNode()
        self.root = self.room = None
