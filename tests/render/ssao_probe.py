"""Run in its own process by test_ssao.py (one ShowBase per process): screen-space ambient occlusion, forced on at
``low`` as llvmpipe never gets it. A block on open ground under a high sun, seen from the side. Prints JSON: the
mean luminance with the occlusion applied and without, at the block's foot, on the open ground far from it, on the
block's face and in the sky."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np

from tests.render.probe import offscreen_pipeline

NOON = dt.datetime(2026, 6, 21, 12, 30)
W, H = 320, 180


def main() -> None:
    from panda3d.core import Point2, Point3

    from game.architecture.mesh import box
    from game.render.geom import meshes_to_node

    base, world, pipe = offscreen_pipeline("low", NOON, (W, H))
    world.attachNewNode(meshes_to_node("ground", box((400, 400, 0.1), (0, 0, -0.1), (0.6, 0.6, 0.6, 1))))
    world.attachNewNode(meshes_to_node("block", box((6, 6, 4), (0, 10, 0), (0.6, 0.6, 0.6, 1))))
    base.camera.setPos(0, -6, 3)
    base.camera.lookAt(0, 10, 1)
    pipe.focus_shadows((0.0, 10.0, 0.0))
    pipe.enable_post_effects()

    def step(frames: int) -> np.ndarray:
        for _ in range(frames):
            base.taskMgr.step()
        tex = base.win.getScreenshot()
        rgb = np.frombuffer(tex.getRamImageAs("RGB"), np.uint8).reshape(H, W, 3)[::-1].astype(np.float64)
        return rgb @ [0.2126, 0.7152, 0.0722]

    def window(point: tuple[float, float, float], half: int = 4) -> tuple[slice, slice]:
        p2 = Point2()
        assert base.camLens.project(base.cam.getRelativePoint(base.render, Point3(*point)), p2), point
        x, y = int((p2.x + 1) / 2 * W), int((1 - p2.y) / 2 * H)
        return slice(y - half, y + half + 1), slice(x - half, x + half + 1)

    spots = {"foot": window((0.0, 6.9, 0.05)), "open_ground": window((-3.0, 4.0, 0.0)),
             "face": window((0.0, 7.0, 2.5)), "sky": (slice(2, 10), slice(150, 170))}
    with_ao = step(6)
    pipe.bloom.final.setShaderInput("ao_strength", 0.0)
    without = step(2)
    print(json.dumps({name: {"with": float(with_ao[s].mean()), "without": float(without[s].mean())}
                      for name, s in spots.items()}))


if __name__ == "__main__":
    main()
