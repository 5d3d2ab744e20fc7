"""Run in its own process by test_soft_shadows.py (one ShowBase per process): the world shader's shadow filter
and normal offset (game/render/world_shader.py), at ``low`` on llvmpipe.

- **Edge:** a wall 4 m high running east-west under the winter noon sun, seen straight down over its shadow's
  edge; a column profile across the edge, drawn with the preset's taps and with one (the hardware's 2×2 alone).
- **Face:** a block's south face under the June noon sun (78° high, the face nearly edge-on to it), seen from the
  south; its luminance over a window of the face, with the lookup's normal offset and without.

Prints JSON: ``edge`` {taps: profile}, ``face`` {"offset"|"none": [luminances]}, and the taps the preset uses."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np

from tests.render.probe import offscreen_pipeline

W, H = 320, 180


def main() -> None:
    from panda3d.core import Point2, Point3, ShaderAttrib

    from game.architecture.mesh import box
    from game.render.geom import meshes_to_node
    from game.render.world_shader import world_shader

    grey = (0.6, 0.6, 0.6, 1)
    base, world, pipe = offscreen_pipeline("low", dt.datetime(2026, 12, 21, 12, 30), (W, H))
    world.attachNewNode(meshes_to_node("ground", box((400, 400, 0.1), (0, 0, -0.1), grey)))
    world.attachNewNode(meshes_to_node("wall", box((30, 0.5, 4), (0, 0, 0), grey)))
    block = world.attachNewNode(meshes_to_node("block", box((6, 6, 4), (0, 40, 0), grey)))

    def picture(frames: int = 4) -> np.ndarray:
        for _ in range(frames):
            base.taskMgr.step()
        rgb = np.frombuffer(base.win.getScreenshot().getRamImageAs("RGB"), np.uint8).reshape(H, W, 3)[::-1]
        return rgb.astype(np.float64) @ [0.2126, 0.7152, 0.0722]

    def use_taps(taps: int) -> None:
        shader = world_shader(pipe.pbr.use_normal_maps, pipe.pbr.use_occlusion_maps, pipe.pbr.enable_fog, taps)
        world.setAttrib(world.getAttrib(ShaderAttrib).setShader(shader))

    # The winter noon shadow lies ~6.7 m north of the wall: look straight down on its edge, north up the picture
    base.camera.setPos(0, 6.0, 6.0)
    base.camera.setHpr(0, -90, 0)
    pipe.focus_shadows((0.0, 6.0, 0.0))
    edge = {}
    for taps in (pipe.quality.shadow_taps, 1):
        use_taps(taps)
        edge[taps] = picture()[:, W // 2 - 20:W // 2 + 20].mean(axis=1).tolist()
    use_taps(pipe.quality.shadow_taps)

    # The block's south face at the June noon sun, from the south
    pipe.set_time(dt.datetime(2026, 6, 21, 12, 30, tzinfo=pipe.when.tzinfo))
    block.setPos(0, 0, 0)
    world.find("wall").hide()
    base.camera.setPos(0, 30, 2)
    base.camera.lookAt(0, 40, 2)
    pipe.focus_shadows((0.0, 37.0, 0.0))
    p2 = Point2()
    corners = []
    for corner in ((-2.0, 37.0, 0.8), (2.0, 37.0, 3.2)):
        assert base.camLens.project(base.cam.getRelativePoint(base.render, Point3(*corner)), p2)
        corners.append((int((p2.x + 1) / 2 * W), int((1 - p2.y) / 2 * H)))
    (x0, y1), (x1, y0) = corners
    face = {"offset": picture()[y0:y1, x0:x1].ravel().tolist()}
    world.setShaderInput("shadow_normal_offset", 0.0)
    face["none"] = picture()[y0:y1, x0:x1].ravel().tolist()
    print(json.dumps({"taps": pipe.quality.shadow_taps, "edge": edge, "face": face}))


if __name__ == "__main__":
    main()
