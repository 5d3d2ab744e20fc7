"""The render pipeline: simplepbr (PBR + tone mapping), the sun as one shadow-casting light, ambient, sky.

One light only: simplepbr shadows with more than one light crash Debian 12's Mesa 22 (see DESIGN.md), and one
sun is what an outdoor city needs; fill light comes from the ambient term tinted like the sky.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import simplepbr
from panda3d.core import (
    AmbientLight,
    CullBinManager,
    DirectionalLight,
    Filename,
    NodePath,
    OmniBoundingVolume,
    OrthographicLens,
    Shader,
    TransparencyAttrib,
)

from game.sun import SunPosition, solar_position
from net import clock

SHADER_DIR = Path(__file__).resolve().parents[2] / "shaders"
SUN_DISTANCE = 400.0  # metres from the view target to the shadow camera, along the sun direction


def sky_shader() -> Shader:
    """The sky's GLSL, named through ``Filename``: Panda3D takes a bare OS string as a Panda path, which breaks on
    Windows (``Z:\\…`` is not found)."""
    files = (Filename.fromOsSpecific(str(SHADER_DIR / name)) for name in ("sky.vert", "sky.frag"))
    return Shader.load(Shader.SL_GLSL, *files)


@dataclass(frozen=True)
class Quality:
    shadow_size: int
    shadow_extent: float  # metres covered by the shadow map around the view target
    msaa: int
    view_distance: float
    anisotropy: int


QUALITY = {
    "low": Quality(1024, 160.0, 0, 1500.0, 1),
    "medium": Quality(2048, 200.0, 4, 2500.0, 4),
    "high": Quality(4096, 300.0, 8, 3500.0, 8),
}
#: A software rasterizer (Mesa llvmpipe/softpipe, Windows' GDI) pays per sample for MSAA and anisotropic
#: filtering (anisotropy alone quadrupled llvmpipe's frame time), so there they are turned off and the
#: shadow map kept small whatever the preset says.
SOFTWARE_RENDERERS = ("llvmpipe", "softpipe", "swrast", "gdi generic")


def is_software(renderer: str) -> bool:
    return any(name in renderer.lower() for name in SOFTWARE_RENDERERS)


def effective_quality(preset: str, renderer: str) -> Quality:
    """The preset, limited to what the machine's renderer can afford."""
    q = QUALITY[preset]
    if is_software(renderer):
        return Quality(min(q.shadow_size, 1024), min(q.shadow_extent, 180.0), 0, q.view_distance, 1)
    return q


def _sphere(radius: float, rings: int = 16, segments: int = 32) -> NodePath:
    """A UV sphere whose vertices are its own directions, for the sky shader."""
    import numpy as np

    from game.architecture.mesh import Mesh
    from game.render.geom import meshes_to_node

    th = np.linspace(0, np.pi, rings + 1)
    ph = np.linspace(0, 2 * np.pi, segments + 1)
    t, p = np.meshgrid(th, ph, indexing="ij")
    pos = np.stack([np.sin(t) * np.cos(p), np.sin(t) * np.sin(p), np.cos(t)], -1).reshape(-1, 3) * radius
    idx = []
    for r in range(rings):
        for s in range(segments):
            a, b = r * (segments + 1) + s, (r + 1) * (segments + 1) + s
            idx += [(a, a + 1, b), (a + 1, b + 1, b)]  # wound to face inwards
    n = len(pos)
    mesh = Mesh(pos.astype(np.float32), -pos.astype(np.float32) / radius, np.zeros((n, 2), np.float32),
                np.ones((n, 4), np.float32), np.asarray(idx, np.uint32))
    return NodePath(meshes_to_node("sky", mesh))


#: Large static opaque geometry goes in this bin: drawn nearest first, so the software rasterizer's early
#: depth test skips the expensive PBR shading of hidden fragments (5–15 % per frame measured on llvmpipe).
OPAQUE_NEAR_FIRST = "opaque-near-first"
#: The sky draws after opaque geometry and only where nothing else did (depth test on).
SKY_BIN = "sky"


def _register_bins() -> None:
    bins = CullBinManager.getGlobalPtr()
    if bins.findBin(OPAQUE_NEAR_FIRST) < 0:
        bins.addBin(OPAQUE_NEAR_FIRST, CullBinManager.BT_front_to_back, 19)
    if bins.findBin(SKY_BIN) < 0:
        bins.addBin(SKY_BIN, CullBinManager.BT_unsorted, 25)


class RenderPipeline:
    """Owns the PBR pipeline, the sun light, ambient and sky for one ShowBase."""

    def __init__(self, base, world: NodePath, quality: str = "medium", when: dt.datetime | None = None):
        self.base = base
        self.world = world
        self.renderer = base.win.getGsg().getDriverRenderer()
        self.quality = effective_quality(quality, self.renderer)
        self.pbr = simplepbr.init(
            render_node=world, window=base.win, camera_node=base.cam, taskmgr=base.taskMgr,
            max_lights=1, msaa_samples=self.quality.msaa, enable_shadows=True, use_330=True,
            use_emission_maps=False,
        )
        # simplepbr's bias is in normalised light depth: over the lens's 600 m depth range 0.0004 ≈ 0.25 m,
        # enough against acne without detaching shadows from their casters (the default meant ~3 m).
        self.pbr.shadow_bias = 0.0004
        base.camLens.setNearFar(0.3, self.quality.view_distance)
        self.sun_np = world.attachNewNode(DirectionalLight("sun"))
        sun = self.sun_np.node()
        sun.setShadowCaster(True, self.quality.shadow_size, self.quality.shadow_size)
        lens = OrthographicLens()
        lens.setFilmSize(self.quality.shadow_extent, self.quality.shadow_extent)
        lens.setNearFar(SUN_DISTANCE - 350.0, SUN_DISTANCE + 250.0)
        sun.setLens(lens)
        world.setLight(self.sun_np)
        self.ambient_np = world.attachNewNode(AmbientLight("ambient"))
        world.setLight(self.ambient_np)
        self.sky = _sphere(self.quality.view_distance * 0.9)
        self.sky.reparentTo(base.camera)
        self.sky.setCompass(world)  # follow the camera's position, never its rotation
        self.sky.setShader(sky_shader(), 100)
        _register_bins()
        self.sky.setBin(SKY_BIN, 0)
        self.sky.setDepthWrite(False)
        self.sky.setLightOff(1)
        self.sky.setTransparency(TransparencyAttrib.M_none)
        self.sky.node().setBounds(OmniBoundingVolume())
        self.sky.node().setFinal(True)
        self.when: dt.datetime = when or clock.now_kst()  # the instant the sun is drawn for
        self.sun_position: SunPosition = solar_position(self.when)
        self.set_time(when)

    def set_time(self, when: dt.datetime | None) -> SunPosition:
        """Move the sun (and with it the light, its colour, the ambient and the sky) to ``when``."""
        self.when = when or clock.now_kst()
        self.sun_position = pos = solar_position(self.when)
        d = pos.direction()
        elev = max(pos.elevation, -2.0)
        day = min(max((elev + 2.0) / 20.0, 0.0), 1.0)  # 0 at night, 1 once the sun is well up
        warm = 1.0 - min(max(elev / 25.0, 0.0), 1.0)
        colour = (1.0, 0.96 - 0.25 * warm, 0.9 - 0.45 * warm)
        strength = 2.4 * day
        self.sun_np.node().setColor((colour[0] * strength, colour[1] * strength, colour[2] * strength, 1))
        amb = 0.03 + 0.22 * day
        self.ambient_np.node().setColor((amb * 0.8, amb * 0.9, amb * 1.1, 1))
        self.sky.setShaderInput("sun_dir", d)
        self.sky.setShaderInput("sky_scale", 1.0)
        self._sun_dir = d
        return pos

    def focus_shadows(self, target: tuple[float, float, float]) -> None:
        """Centre the shadow map on ``target`` (what the camera looks at) with the light along the sun."""
        dx, dy, dz = self._sun_dir
        dz = max(dz, 0.08)  # a sun on the horizon would cast shadows to infinity; keep a usable angle
        tx, ty, tz = target
        self.sun_np.setPos(tx + dx * SUN_DISTANCE, ty + dy * SUN_DISTANCE, tz + dz * SUN_DISTANCE)
        self.sun_np.lookAt(tx, ty, tz)
