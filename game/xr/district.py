"""The district as an XR scene: the app's own world (:meth:`game.app.App.load_world`), as on the desktop.

Used by the headset mode, the XR benchmark and the real-runtime tests, so they exercise the real scene::

    district = DistrictBuilder()
    run_xr(config, district, collide=district.collide)

``collide`` is only called once frames run, by which time the builder has made the scene and its collision
index, so the teleport arc stops at buildings and lands only where the street and the floors are walkable.
"""

from __future__ import annotations

from panda3d.core import NodePath

from game.xr.arc import Hit
from game.xr.axes import Vec3


class DistrictBuilder:
    """``build_scene`` for :func:`game.xr.run.run_xr`; keeps the scene so ``collide`` can use its obstacles."""

    def __init__(self) -> None:
        self.scene = None
        self._query = None

    def __call__(self, app) -> NodePath:
        app.load_world()
        self.scene = app.scene
        return app.world

    def collide(self, a: Vec3, b: Vec3) -> Hit | None:
        """The teleport arc's segment test against the district's buildings, ground and floors: down the sunken
        stream's walkways and stairs, never into its water (:mod:`game.xr.landing`)."""
        if self._query is None:
            from game.xr.landing import district_query

            self._query = district_query(self.scene.obstacles, self.scene.floors)
        return self._query(a, b)
