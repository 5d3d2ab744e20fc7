"""The district as an XR ``build_scene``: the lead's scene and PBR pipeline, built the way the app builds them.

Used by the XR benchmark and the real-runtime tests so they exercise the real scene, and usable by main.py's
``--xr`` dispatch until the app shell hands ``run_xr`` a builder of its own.
"""

from __future__ import annotations

from panda3d.core import NodePath

from game.config import AppConfig


def district_scene(base, config: AppConfig | None = None) -> NodePath:
    """Build the district with its render pipeline under a new ``world`` node of ``base.render``."""
    from game.landmarks import catalogue
    from game.render.materials import MaterialLibrary
    from game.render.pipeline import RenderPipeline
    from game.scenes.district import DistrictScene

    config = config or AppConfig(offscreen=True, quality="low")
    world = base.render.attach_new_node("world")
    RenderPipeline(base, world, config.quality, config.when)
    materials = MaterialLibrary(config.cache_dir and config.cache_dir / "materials")
    materials.load_all()
    scene = DistrictScene(base, world, materials, catalogue.load(), config)
    scene.load()
    world.setPythonTag("district", scene)  # the caller reaches the scene's obstacles through the world node
    return world
