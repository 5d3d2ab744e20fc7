"""The exposure meter for auto-exposure (rules in :mod:`game.render.exposure`): a small buffer on simplepbr's
FilterManager holding the log luminance of the HDR scene patch by patch, copied to RAM each frame and averaged
here; the pipeline moves simplepbr's exposure with it. Used where the renderer is a GPU (medium, high).
"""

from __future__ import annotations

import numpy as np
from panda3d.core import GraphicsOutput, NodePath, Texture

from game.render.bloom import float_buffer
from game.render.shaders import load_glsl

#: The meter's buffer is this many times smaller than the picture across: 40×23 texels at 1280×720
DIVISOR = 32


class Meter:
    def __init__(self, pbr):
        manager = pbr._filtermgr  # simplepbr keeps its FilterManager private; its public API has no other way in
        final: NodePath = pbr._post_process_quad
        scene = final.getShaderInput("tex").getTexture()
        self.texture = tex = Texture("exposure-meter")
        tex.setFormat(Texture.F_r32)
        tex.setComponentType(Texture.T_float)
        quad = manager.renderQuadInto("exposure-meter", div=DIVISOR, colortex=tex, fbprops=float_buffer(32, 1))
        if quad is None:
            raise RuntimeError("exposure meter: could not make its buffer")
        quad.setShader(load_glsl("meter"))
        quad.setShaderInput("tex", scene)
        buffer = manager.buffers[-1]
        buffer.clearRenderTextures()
        buffer.addRenderTexture(tex, GraphicsOutput.RTM_copy_ram)

    def log_average(self) -> float | None:
        """Mean natural-log luminance of the last frame drawn (None before the first)."""
        if not self.texture.hasRamImage():
            return None
        data = np.frombuffer(self.texture.getRamImage().getData(), np.float32)
        return float(data.mean()) if data.size else None
