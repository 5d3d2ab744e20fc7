"""Run in its own process by test_lanterns.py: one chorong lantern (red and blue panels) at night, its lamps on,
in front of a green card, drawn as the festival draws its panels (``see_through``) or opaque (``opaque``). Prints
the mean green of the pixels where the panels are, and how bright and warm they are: green there can only come
through the panels."""

from __future__ import annotations

import json
import sys

import numpy as np


def shot(base) -> np.ndarray:
    tex = base.win.getScreenshot()
    return np.frombuffer(tex.getRamImageAs("RGB").getData(), np.uint8).reshape(tex.getYSize(), tex.getXSize(), 3)


def main() -> None:
    from panda3d.core import AmbientLight, CardMaker, DirectionalLight, loadPrcFileData

    loadPrcFileData("", "window-type offscreen\nload-display p3headlessgl\nwin-size 160 160\nframebuffer-srgb false")
    from direct.showbase.ShowBase import ShowBase

    from game.festivals import scene, sculptures
    from game.render.geom import meshes_to_node
    from game.render.shaders import load_glsl

    base = ShowBase()
    base.setBackgroundColor(0, 0, 0, 1)
    sun = base.render.attachNewNode(DirectionalLight("moon"))
    sun.node().setColor((0.05, 0.05, 0.06, 1))
    sun.setHpr(30, -40, 0)
    ambient = base.render.attachNewNode(AmbientLight("night"))
    ambient.node().setColor((0.02, 0.02, 0.03, 1))
    base.render.setLight(sun)
    base.render.setLight(ambient)
    base.render.setShaderInput("night", 1.0)
    base.render.setShaderInput("sky_share", (0.0, 0.0, 0.0))
    card = CardMaker("green")
    card.setFrame(-4, 4, -1, 7)
    back = base.render.attachNewNode(card.generate())
    back.setPos(0, 6, 0)
    back.setColor(0, 1, 0, 1)
    back.setLightOff(1)
    lantern = sculptures.chorong()
    root = base.render.attachNewNode("lantern")
    shader = load_glsl("lantern")
    nodes = {}
    for name, mesh in (("frame", lantern.frame), ("panels", lantern.panels)):
        node = nodes[name] = root.attachNewNode(meshes_to_node(name, mesh))
        node.setShader(shader, 10)
        node.setShaderInput("glow", scene.PANEL_GLOW if name == "panels" else 0.0)
        node.setShaderInput("opacity", 1.0)
    if sys.argv[1] == "see_through":
        scene.see_through(nodes["panels"])
    base.cam.setPos(0, -11, 2.4)
    base.cam.lookAt(0, 0, 2.4)
    base.graphicsEngine.renderFrame()
    base.graphicsEngine.renderFrame()
    picture = shot(base)
    back.hide()  # where the panels are: drawn alone, flat white
    nodes["frame"].hide()
    nodes["panels"].setShaderOff(20)
    nodes["panels"].setLightOff(20)
    nodes["panels"].setColor(1, 1, 1, 1)
    base.graphicsEngine.renderFrame()
    mask = shot(base)
    where = mask.max(axis=2) > 128
    lit = picture[where].astype(float)
    print(json.dumps({"panel_pixels": int(where.sum()), "green": float(lit[:, 1].mean()),
                      "red": float(lit[:, 0].mean()), "blue": float(lit[:, 2].mean())}))
    base.destroy()


if __name__ == "__main__":
    sys.exit(main())
