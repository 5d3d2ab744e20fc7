"""The exhibition hall scene: exhibits from ``assets/civic/exhibition.json`` on plinths, captions on the walls.

Landmark exhibits are the city's own procedural buildings scaled to fit their plinth; a ``gltf`` exhibit is
loaded through Panda3D's glTF loader (panda3d-gltf) and scaled the same way. The audio guide (the exhibit's
``guide`` text) is spoken by the speech worker from the exhibition panel (``ui.civic``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from panda3d.core import Filename, NodePath, Point3, TextNode

from game.architecture.builders import build_landmark
from game.civic import exhibition as data
from game.interiors import exhibition
from game.landmarks.views import View
from game.render.geom import meshes_to_node
from game.scenes.room import Placement, RoomScene

SCENE_ID = "exhibition"
PLACEMENT = Placement(x=0.0, z=44.0, behind_front=6.0)  # top floor, under the roof: the skylight sees the sky
SIDE_SPAN, FEATURE_SPAN = 1.1, 2.3  # metres an exhibit may span on a side plinth / the centre plinth


@dataclass
class Exhibition(RoomScene):
    show: data.Exhibition | None = None

    def furnish(self) -> None:
        show = self.show
        x, y, z = self.anchor("title")
        self.sign(show.title.__getitem__, (x, y - 0.06, z - 0.35), "-y", 0.24, color=(1, 0.85, 0.45, 1),
                  width=5.6, name="title")
        self.sign(show.story.__getitem__, (x, y - 0.06, z - 0.85), "-y", 0.12, color=(0.92, 0.92, 0.95, 1),
                  width=5.4, name="story")
        self.models: dict[str, NodePath] = {}
        self._place(show.feature, self.anchor("feature"), FEATURE_SPAN)
        for k, ex in enumerate(show.others):
            self._place(ex, self.anchor(f"plinth:{k}"), SIDE_SPAN)
            cx, cy, cz = self.anchor(f"caption:{k}")
            facing = "+x" if cx < 0 else "-x"
            self.sign(ex.caption.__getitem__, (cx, cy, cz - 0.2), facing, 0.085, width=1.45, name=f"caption-{k}",
                      align=TextNode.ACenter)

    def _place(self, ex: data.Exhibit, top: tuple[float, float, float], span: float) -> None:
        holder = self.room.attachNewNode(f"exhibit:{ex.id}")
        if ex.landmark is not None:
            building = build_landmark(self.app.landmarks[ex.landmark])
            for material, mesh in building.parts.items():
                child = holder.attachNewNode(meshes_to_node(f"{ex.id}:{material}", mesh))
                self.app.materials.apply(child, material)
        else:
            model = self.app.base.loader.loadModel(Filename.fromOsSpecific(str(self.app.config.assets_dir / ex.gltf)))
            model.reparentTo(holder)
        lo, hi = holder.getTightBounds()
        size = max(hi.x - lo.x, hi.y - lo.y, (hi.z - lo.z) * 0.8)
        s = span / size
        holder.setScale(s)
        holder.setPos(Point3(*top) - Point3((lo.x + hi.x) / 2 * s, (lo.y + hi.y) / 2 * s, lo.z * s))
        holder.setH(180)  # the model's front (-Y) towards the visitor entering at -Y of the room
        self.models[ex.id] = holder

    def focus(self, exhibit_id: str) -> View:
        """A View standing before one exhibit (for the guide's "go to" and for screenshots)."""
        node = self.models[exhibit_id]
        c = node.getBounds().getCenter()
        centre = self.app.world.getRelativePoint(self.room, c)
        eye_local = Point3(c.x * 0.55, c.y - 2.6, 1.7)
        eye = self.app.world.getRelativePoint(self.room, eye_local)
        heading = math.degrees(math.atan2(-(centre.x - eye.x), centre.y - eye.y)) % 360.0
        return View((eye.x, eye.y, eye.z), (centre.x, centre.y, centre.z), heading)


def create(app, show: data.Exhibition | None = None) -> Exhibition:
    show = show or data.load()
    return Exhibition(app, exhibition.build(len(show.others)), PLACEMENT, SCENE_ID, show=show)
