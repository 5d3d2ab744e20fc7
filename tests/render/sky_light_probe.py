"""Run in its own process by test_sky_light.py (one ShowBase per process): samples the sky-light cube map made by
game/render/environment.py along texel-centre directions from game/render/sky_light.py and prints JSON with what
the GPU read against what the texel holds, so a face, row or channel out of order shows."""

from __future__ import annotations

import json
import os

import numpy as np
from panda3d.core import CardMaker, PNMImage, Shader, loadPrcFileData

SIZE = 4
SAMPLER = """#version 330
uniform samplerCube env;
uniform vec3 dir;
out vec4 o_color;
void main() { o_color = vec4(textureLod(env, dir, 0.0).rgb, 1.0); }
"""
CARD = """#version 330
uniform mat4 p3d_ModelViewProjectionMatrix;
in vec4 p3d_Vertex;
void main() { gl_Position = p3d_ModelViewProjectionMatrix * p3d_Vertex; }
"""


def main() -> None:
    os.environ.setdefault("EGL_PLATFORM", "surfaceless")
    loadPrcFileData("", "window-type offscreen\nload-display p3headlessgl\nwin-size 16 16\n"
                        "framebuffer-srgb false\naudio-library-name null\n")
    from direct.showbase.ShowBase import ShowBase

    from game.render.environment import cube_texture
    from game.render.sky_light import SkyLight, cube_directions, level_count

    base = ShowBase(windowType="offscreen")
    f, r, c = np.meshgrid(np.arange(6), np.arange(SIZE), np.arange(SIZE), indexing="ij")
    top = np.stack([(f + 1) / 8.0, (r + 0.5) / SIZE, (c + 0.5) / SIZE], axis=-1)
    levels = (top, *(np.zeros((6, SIZE >> i, SIZE >> i, 3)) for i in range(1, level_count(SIZE))))
    tex = cube_texture(SkyLight(np.zeros((9, 3)), levels, (0.0, 0.0, 0.0)))
    card = base.render2d.attachNewNode(CardMaker("probe").generate())
    card.setPos(-1, 0, -1)
    card.setScale(2)
    card.setShader(Shader.make(Shader.SL_GLSL, CARD, SAMPLER))
    card.setShaderInput("env", tex)
    dirs = cube_directions(SIZE)
    img = PNMImage()
    samples = []
    for face in range(6):
        for row, col in ((0, 0), (1, 2), (3, 1)):
            card.setShaderInput("dir", tuple(float(v) for v in dirs[face, row, col]))
            base.graphicsEngine.renderFrame()
            base.graphicsEngine.renderFrame()
            base.win.getScreenshot(img)
            samples.append({"texel": [face, row, col], "expected": top[face, row, col].tolist(),
                            "read": list(img.getXel(8, 8))})
    print(json.dumps({"samples": samples}))


if __name__ == "__main__":
    main()
