"""Screen-space ambient occlusion for the GPU presets (medium, high): the corners, gaps and feet the baked
occlusion (the materials' relief, the kit's vertices) is too coarse or too far apart to darken, measured each frame
from simplepbr's scene depth and multiplied into the picture before its tone map.

Two half-size passes on simplepbr's FilterManager (``shaders/ssao.*``): twelve samples over a hemisphere of
:data:`RADIUS` metres per pixel, then a 4×4 blur. The bloom's final quad (``bloom.py``) applies it; so it comes with
the post effects only, where the renderer is not software (the pipeline's notes give llvmpipe's cost of each pass).
"""

from __future__ import annotations

from panda3d.core import GraphicsOutput, Lens, NodePath, SamplerState, Texture

from game.render.bloom import Bloom, float_buffer
from game.render.shaders import load_glsl

RADIUS = 0.8  # metres round a surface that count as its neighbourhood
STRENGTH = 0.6  # share of the occlusion applied: the sun's light is darkened too, so not all of it
DIVISOR = 2


class Ssao:
    def __init__(self, pbr, lens: Lens, bloom: Bloom):
        manager = pbr._filtermgr  # simplepbr keeps its FilterManager private; its public API has no other way in
        self.lens = lens
        self.depth = depth = Texture("scene-depth")
        depth.setMinfilter(SamplerState.FT_nearest)
        depth.setMagfilter(SamplerState.FT_nearest)
        manager.buffers[0].addRenderTexture(depth, GraphicsOutput.RTMBindOrCopy, GraphicsOutput.RTPDepth)
        shader = load_glsl("ssao")
        raw, blurred = Texture("ssao-raw"), Texture("ssao")
        self.passes: list[NodePath] = []
        for name, source, target, mode in (("ssao-raw", depth, raw, 0), ("ssao-blur", raw, blurred, 1)):
            quad = manager.renderQuadInto(name, div=DIVISOR, colortex=target, fbprops=float_buffer(16, 1))
            if quad is None:
                raise RuntimeError(f"ssao: could not make the {name} buffer")
            quad.setShader(shader)
            quad.setShaderInput("depth", depth)
            quad.setShaderInput("tex", source)
            quad.setShaderInput("mode", mode)
            quad.setShaderInput("radius", RADIUS)
            self.passes.append(quad)
        self.texture = blurred
        bloom.final.setShaderInput("ao", blurred)
        bloom.final.setShaderInput("ao_strength", STRENGTH)
        self.update()

    def update(self) -> None:
        """The lens's projection, for the passes to go from depth to position and back (a resize changes it)."""
        for quad in self.passes:
            quad.setShaderInput("proj", self.lens.getProjectionMat())
            quad.setShaderInput("inv_proj", self.lens.getProjectionMatInv())
