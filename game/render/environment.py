"""The sky's light (:mod:`game.render.sky_light`) handed to simplepbr as its environment: the nine coefficients of
the diffuse sky light and the prefiltered cube map its specular term samples (glass, stone and wet paving reflect
the sky of the hour). Made whenever the pipeline sets the time or the weather, never per frame.
"""

from __future__ import annotations

import numpy as np
from panda3d.core import CPTA_uchar, LVecBase3f, PTA_uchar, SamplerState, Texture
from simplepbr import EnvMap

from game.render.sky_light import SkyLight


def cube_texture(light: SkyLight) -> Texture:
    """The prefiltered levels as one mipmapped float cube map (level i for perceptual roughness i / levels)."""
    size = light.levels[0].shape[1]
    tex = Texture("sky-light")
    tex.setupCubeMap(size, Texture.T_float, Texture.F_rgb16)
    for i, level in enumerate(light.levels):
        data = PTA_uchar.emptyArray(0)
        data.setData(np.ascontiguousarray(level[..., ::-1], np.float32).tobytes())  # Panda keeps texels as BGR
        tex.setRamMipmapImage(i, CPTA_uchar(data))
    for axis in ("U", "V", "W"):
        getattr(tex, f"setWrap{axis}")(SamplerState.WM_clamp)
    tex.setMinfilter(SamplerState.FT_linear_mipmap_linear)
    tex.setMagfilter(SamplerState.FT_linear)
    return tex


def env_map(light: SkyLight) -> EnvMap:
    """simplepbr's environment for ``light``, ready to use (nothing left for simplepbr to prepare)."""
    tex = cube_texture(light)
    env = EnvMap(tex, skip_prepare=True)
    env.filtered_env_map = tex
    for i, (r, g, b) in enumerate(light.sh):
        env.sh_coefficients[i] = LVecBase3f(r, g, b)
    env.is_prepared.set_result(env)
    return env
