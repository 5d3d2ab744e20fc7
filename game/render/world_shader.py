"""The world's own PBR shader (``shaders/world.*``) in place of simplepbr's scene shader, for softer, cleaner shadows.

simplepbr reads the sun's shadow map with one hardware comparison (a 2×2 bilinear tap: stair-stepped edges a texel
wide) and one depth bias for the whole map, which a map tuned for the ground cannot give a wall: under a high sun a
south wall shaded itself in diagonal stripes. This shader keeps simplepbr's shading model, inputs and post-process
(tone map, fog, the image-based light the sky hands it) and changes two things:

- the shadow is the mean of ``taps`` comparisons over a disc (``shadow_focus.filter_disc``, a few texels in
  radius), so an edge fades over a hand's breadth as a shadow of the Sun's half-degree disc does;
- the lookup is pushed out along the surface's normal, in proportion to how edge-on the surface stands to the sun
  (normal-offset shadows): a slope-scaled bias that holds for walls and ground alike.

Taps per preset (:data:`SHADOW_TAPS`) were measured on llvmpipe along the bench's camera path (figures in the
pipeline's notes): the software rasterizer pays per tap, so ``low`` keeps fewer. The shader is otherwise leaner
than simplepbr's (no spot or point light terms, one light), which pays for them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import simplepbr
from panda3d.core import Shader, ShaderAttrib

from game.render.shaders import SHADER_DIR
from game.render.shadow_focus import filter_disc

#: Comparisons per shaded point, per preset
SHADOW_TAPS = {"low": 8, "medium": 12, "high": 16}


def defines(normal_maps: bool, occlusion_maps: bool, fog: bool, taps: int) -> dict[str, str]:
    """The preprocessor definitions ``shaders/world.frag`` reads."""
    out = {"SHADOW_TAPS": str(taps)}
    if taps > 1:
        out["SHADOW_DISC"] = ", ".join(f"vec2({x:.6f}, {y:.6f})" for x, y in filter_disc(taps))
    for name, on in (("USE_NORMAL_MAP", normal_maps), ("USE_OCCLUSION_MAP", occlusion_maps), ("ENABLE_FOG", fog)):
        if on:
            out[name] = "1"
    return out


def with_defines(source: str, values: dict[str, str]) -> str:
    """``source`` with ``#define`` lines after its ``#version`` line (GLSL wants that line first)."""
    version, _, rest = source.partition("\n")
    if not version.startswith("#version"):
        raise ValueError("a GLSL source must start with its #version line")
    lines = [version, *(f"#define {k} {v}" for k, v in values.items()), "#line 2", rest]
    return "\n".join(lines)


@functools.cache
def world_shader(normal_maps: bool, occlusion_maps: bool, fog: bool, taps: int) -> Shader:
    """The compiled-on-demand shader for one combination (cached: simplepbr asks again on every bias change)."""
    values = defines(normal_maps, occlusion_maps, fog, taps)
    vert = (SHADER_DIR / "world.vert").read_text(encoding="utf-8")
    frag = with_defines((SHADER_DIR / "world.frag").read_text(encoding="utf-8"), values)
    shader = Shader.make(Shader.SL_GLSL, vert, frag)
    shader.setFilename(Shader.ST_none, "world")
    return shader


@dataclass
class WorldPipeline(simplepbr.Pipeline):
    """simplepbr's pipeline (made with its keyword arguments) with the world's shader in place of its own.
    Everything else is simplepbr's: the post-process, the tone map, the environment inputs, the shadow casters'
    shader. ``shadow_taps``: comparisons per shaded point (:data:`SHADOW_TAPS`)."""

    shadow_taps: int = 1

    def _recompile_pbr(self) -> None:
        if self.enable_hardware_skinning:
            raise ValueError("the world shader has no hardware skinning (the app's avatars carry their own)")
        shader = world_shader(self.use_normal_maps, self.use_occlusion_maps, self.enable_fog, self.shadow_taps)
        # Keep the inputs already on the node (simplepbr's own replaced them all on every bias change)
        held = self.render_node.get_attrib(ShaderAttrib)
        self.render_node.set_attrib(held.set_shader(shader) if held is not None else ShaderAttrib.make(shader))
        self.render_node.set_shader_input("global_shadow_bias", self.shadow_bias)
        self._set_env_map_uniforms()  # simplepbr's own: the sky light's SH, cube and BRDF table
