"""The district as an XR scene: the lead's scene and PBR pipeline, built the way the app builds them.

Used by the XR benchmark and the real-runtime tests so they exercise the real scene, and usable by main.py's
``--xr`` dispatch until the app shell hands ``run_xr`` a builder of its own::

    district = DistrictBuilder(config)
    run_xr(config, district, collide=district.collide)

``collide`` is only called once frames run, by which time the builder has made the scene and its collision
index, so the teleport arc stops at buildings and lands only where the street and the floors are walkable.
"""

from __future__ import annotations

from panda3d.core import NodePath

from game.config import AppConfig
from game.xr.arc import Hit
from game.xr.axes import Vec3


class DistrictBuilder:
    """``build_scene`` for :func:`game.xr.run.run_xr`; keeps the scene so ``collide`` can use its obstacles."""

    def __init__(self, config: AppConfig | None = None) -> None:
        self.config = config or AppConfig(offscreen=True, quality="low")
        self.scene = None
        self._query = None

    def __call__(self, base) -> NodePath:
        from game.landmarks import catalogue
        from game.render.materials import MaterialLibrary
        from game.render.pipeline import RenderPipeline
        from game.scenes.district import DistrictScene

        world = base.render.attach_new_node("world")
        RenderPipeline(base, world, self.config.quality, self.config.when)
        materials = MaterialLibrary(self.config.cache_dir and self.config.cache_dir / "materials")
        materials.load_all()
        self.scene = DistrictScene(base, world, materials, catalogue.load(), self.config)
        self.scene.load()
        return world

    def collide(self, a: Vec3, b: Vec3) -> Hit | None:
        """The teleport arc's segment test against the district's buildings, ground and floors: down the sunken
        stream's walkways and stairs, never into its water (:mod:`game.xr.landing`)."""
        if self._query is None:
            from game.xr.landing import district_query

            self._query = district_query(self.scene.obstacles, self.scene.floors)
        return self._query(a, b)
