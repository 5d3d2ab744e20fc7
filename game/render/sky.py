"""The sky dome: Preetham's daylight sky through twilight to night, the sun's disc, the Moon at its phase, clouds and
stars (``shaders/sky.*``), set from the one clock. The maths is in :mod:`game.render.sky_model` and
:mod:`game.moon`; this module only makes the dome and hands the shader its uniforms.
"""

from __future__ import annotations

import datetime as dt
import math

from panda3d.core import NodePath, OmniBoundingVolume, SamplerState, Texture, TransparencyAttrib

from game.moon import AU_KM, MoonPosition, moon_position
from game.render import cloud_noise, sky_model
from game.render.shaders import load_glsl
from game.sun import SunPosition


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


def _cloud_texture() -> Texture:
    """The cloud deck's tiling noise (:mod:`game.render.cloud_noise`), sampled bilinear: trilinear mipmaps cost
    llvmpipe 2.8 ms a frame, and the deck has faded out before the horizon, where a pixel would span many texels."""
    tex = Texture("cloud-noise")
    tex.setup_2d_texture(cloud_noise.SIZE, cloud_noise.SIZE, Texture.T_unsigned_byte, Texture.F_red)
    tex.set_ram_image(cloud_noise.texels())
    tex.set_wrap_u(SamplerState.WM_repeat)
    tex.set_wrap_v(SamplerState.WM_repeat)
    tex.set_minfilter(SamplerState.FT_linear)
    tex.set_magfilter(SamplerState.FT_linear)
    return tex


def sunward_from_moon(moon: MoonPosition, sun_dir: tuple[float, float, float]) -> tuple[float, float, float]:
    """Unit vector from the Moon towards the sun (east-north-up): the sun 1 AU along ``sun_dir`` from here."""
    m = moon.direction()
    v = tuple(s * AU_KM - c * moon.distance_km for s, c in zip(sun_dir, m, strict=True))
    n = math.sqrt(sum(c * c for c in v))
    return (v[0] / n, v[1] / n, v[2] / n)


class Sky:
    """The dome round the camera (``node``) and what it shows at an instant."""

    def __init__(self, camera: NodePath, world: NodePath, radius: float, bin_name: str):
        self.node = _sphere(radius)
        self.node.reparentTo(camera)
        self.node.setCompass(world)  # follow the camera's position, never its rotation
        self.node.setShader(load_glsl("sky"), 100)
        self.node.setBin(bin_name, 0)
        self.node.setDepthWrite(False)
        self.node.setLightOff(1)
        self.node.setTransparency(TransparencyAttrib.M_none)
        self.node.node().setBounds(OmniBoundingVolume())
        self.node.node().setFinal(True)
        r = math.radians(sky_model.MOON_DRAWN_RADIUS)
        self.node.setShaderInput("moon_disc", (math.cos(r), math.sin(r)))
        self.node.setShaderInput("cloud_noise", _cloud_texture())
        self.moon: MoonPosition | None = None
        self.state: sky_model.SkyState | None = None

    def update(self, when: dt.datetime, sun: SunPosition, cloudiness: float, haze: float, haze_density: float,
               exposure: float) -> tuple[float, float, float]:
        """Set the sky for ``when``, the weather and the tone map's ``exposure`` (stops, applied after the sky);
        returns the moonlight the city's ambient gains."""
        turbidity = sky_model.turbidity_for(haze_density, cloudiness)
        gain = 2.0 ** -exposure
        self.state = state = sky_model.sky_state(sun.elevation, turbidity, gain)
        self.moon = moon = moon_position(when)
        sun_dir = sun.direction()
        node = self.node
        node.setShaderInput("sun_dir", sun_dir)
        for name, coeff in zip(("perez_a", "perez_b", "perez_c", "perez_d", "perez_e"), state.perez, strict=True):
            node.setShaderInput(name, coeff)
        node.setShaderInput("zenith_yxy", state.zenith)
        node.setShaderInput("haze_band", state.haze_band)
        node.setShaderInput("sky_light", (state.twilight * state.scale, state.dusk, state.night_glow))
        node.setShaderInput("sun_colour", tuple(c * gain for c in sky_model.sun_disc(sun.elevation, turbidity)))
        node.setShaderInput("sky_fill", sky_model.sky_radiance(state, (0.0, 0.0, 1.0), sun_dir))
        low = [sky_model.sky_radiance(state, (math.sin(a), math.cos(a), 0.02), sun_dir)
               for a in (i * math.pi / 4 for i in range(8))]
        node.setShaderInput("sky_low", tuple(sum(c[k] for c in low) / 8 for k in range(3)))
        # a bright Moon high up washes the fainter stars out of the sky
        moon_wash = 1.0 - 0.7 * moon.illuminated * max(math.sin(math.radians(moon.altitude)), 0.0)
        node.setShaderInput("star_scale", sky_model.star_brightness(state.scale) * moon_wash)
        node.setShaderInput("moon_dir", moon.direction())
        node.setShaderInput("moon_light", sunward_from_moon(moon, sun_dir))
        node.setShaderInput("moon_bright",
                            sky_model.moon_brightness(moon.altitude, moon.phase_angle, state.scale, turbidity))
        node.setShaderInput("cloudiness", cloudiness)
        node.setShaderInput("haze", haze)
        clear = 1.0 - cloudiness
        return tuple(c * clear for c in sky_model.moonlight(moon.altitude, moon.illuminated,  # type: ignore[return-value]
                                                              moon.phase_angle))
