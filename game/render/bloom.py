"""Bloom for the medium and high presets: the bright parts of simplepbr's HDR scene (floodlit roofs, lamps, the
sun's disc, the Moon) blurred at a quarter of the size and added back before its tone map.

Left off where the renderer is software (Mesa llvmpipe and its kin): three more full-screen passes cost it what a
GPU does not notice (see ``python -m game.bench``'s figures in the pipeline's notes). Built through simplepbr's own
FilterManager, after its tone map, whose quad is given a shader that does the same tone map with the glow added.
"""

from __future__ import annotations

from panda3d.core import FrameBufferProperties, NodePath, Texture

from game.render.shaders import load_glsl

#: Exposed luminance above which a pixel glows: a lit white wall by day (~0.9) stays below it, the sun, the Moon at
#: night, lamps and floodlit gold are above
THRESHOLD = 1.1
STRENGTH = 0.35
DIVISOR = 4  # the glow's buffers are a quarter of the picture across


def float_buffer(bits: int, channels: int = 4) -> FrameBufferProperties:
    """A floating-point colour buffer (FilterManager's default is 8 bits a channel: no room for HDR)."""
    props = FrameBufferProperties()
    props.setFloatColor(True)
    props.setSrgbColor(False)
    props.setRgbaBits(*(bits if i < channels else 0 for i in range(4)))
    return props


def _float_texture(name: str) -> Texture:
    tex = Texture(name)
    tex.setFormat(Texture.F_rgba16)
    tex.setComponentType(Texture.T_float)
    tex.setWrapU(Texture.WM_clamp)
    tex.setWrapV(Texture.WM_clamp)
    return tex


def _open_sky() -> Texture:
    """One white texel: an occlusion that darkens nothing."""
    tex = Texture("open-sky")
    tex.setup2dTexture(1, 1, Texture.T_unsigned_byte, Texture.F_luminance)
    tex.setRamImage(b"\xff")
    return tex


class Bloom:
    """The three bloom passes on ``pbr``'s FilterManager. simplepbr rebuilds its post-process (and so drops them)
    only when its window, camera, MSAA or colour LUT change, which the app never does after start-up."""

    def __init__(self, pbr):
        manager = pbr._filtermgr  # simplepbr keeps its FilterManager private; its public API has no other way in
        final: NodePath = pbr._post_process_quad
        scene = final.getShaderInput("tex").getTexture()
        shader = load_glsl("bloom")
        open_sky = _open_sky()  # no ambient occlusion until ssao.py hands the final quad its own
        bright, across, down = (_float_texture(n) for n in ("bloom-bright", "bloom-across", "bloom-down"))
        passes = []
        for name, source, target, mode in (("bloom-bright", scene, bright, 0), ("bloom-across", bright, across, 1),
                                           ("bloom-down", across, down, 1)):
            quad = manager.renderQuadInto(name, div=DIVISOR, colortex=target, fbprops=float_buffer(16))
            if quad is None:
                raise RuntimeError(f"bloom: could not make the {name} buffer")
            quad.setShader(shader)
            quad.setShaderInput("tex", source)
            quad.setShaderInput("mode", mode)
            # one program for all three passes: each needs every uniform bound, used or not
            for name_, value in (("glow", scene), ("axis", (0.0, 0.0)), ("threshold", THRESHOLD),
                                 ("strength", STRENGTH), ("exposure", 1.0), ("ao", open_sky),
                                 ("ao_strength", 0.0)):
                quad.setShaderInput(name_, value)
            passes.append(quad)
        self.passes = passes
        passes[1].setShaderInput("axis", (1.0, 0.0))
        passes[2].setShaderInput("axis", (0.0, 1.0))
        final.setShader(shader)
        final.setShaderInput("glow", down)
        final.setShaderInput("mode", 2)
        final.setShaderInput("strength", STRENGTH)
        final.setShaderInput("axis", (0.0, 0.0))
        final.setShaderInput("threshold", THRESHOLD)
        final.setShaderInput("ao", open_sky)
        final.setShaderInput("ao_strength", 0.0)
        self.final = final
        self.set_exposure(pbr.exposure)

    def set_exposure(self, stops: float) -> None:
        """The bright pass thresholds the exposed scene; simplepbr sets the final quad's own input."""
        self.passes[0].setShaderInput("exposure", 2.0 ** stops)
