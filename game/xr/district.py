"""The district as an XR scene: the app's own world (:meth:`game.app.App.load_world`), as on the desktop.

Used by the headset mode, the XR benchmark and the real-runtime tests, so they exercise the real scene::

    district = DistrictBuilder()
    run_xr(config, district, collide=district.collide)

``collide`` is only called once frames run, by which time the builder has made the scene and its collision
index, so the teleport arc stops at buildings and lands only where the street is walkable.
"""

from __future__ import annotations

from panda3d.core import NodePath

from game.xr.arc import Hit
from game.xr.axes import Vec3


class DistrictBuilder:
    """``build_scene`` for :func:`game.xr.run.run_xr`; keeps the scene so ``collide`` can use its obstacles."""

    def __init__(self) -> None:
        self.scene = None

    def __call__(self, app) -> NodePath:
        app.load_world()
        self.scene = app.scene
        return app.world

    def collide(self, a: Vec3, b: Vec3) -> Hit | None:
        """The teleport arc's segment test against the district's buildings and ground."""
        from game.nav.collision import segment_hit

        return segment_hit(self.scene.obstacles, a, b)
