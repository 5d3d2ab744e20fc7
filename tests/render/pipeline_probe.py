"""Run in its own process by test_pipeline.py (one ShowBase per process): renders probe scenes, prints JSON.

A 30 m tower on a plain ground under the sun of a given time, seen from above: reports ground brightness in
the cast shadow and in the open, and the sky colour straight up and at the horizon.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import sys

from panda3d.core import PNMImage, Texture, loadPrcFileData


def main() -> None:
    os.environ.setdefault("EGL_PLATFORM", "surfaceless")
    loadPrcFileData("", "window-type offscreen\nload-display p3headlessgl\nwin-size 320 180\n"
                        "framebuffer-srgb false\naudio-library-name null\n")
    from direct.showbase.ShowBase import ShowBase

    from game.architecture.mesh import box
    from game.config import KST
    from game.render.geom import meshes_to_node
    from game.render.pipeline import RenderPipeline

    base = ShowBase(windowType="offscreen")
    world = base.render.attachNewNode("world")
    when = dt.datetime.fromisoformat(sys.argv[1]).replace(tzinfo=KST)
    pipe = RenderPipeline(base, world, "medium", when)
    # The sky model's own colours: the cloud deck lies wherever its noise puts it, so a single sampled pixel may be
    # under a cloud (an empty deck here; the clouds have their own tests in test_sky.py and test_weather.py).
    no_clouds = Texture("no-clouds")
    no_clouds.setup_2d_texture(1, 1, Texture.T_unsigned_byte, Texture.F_red)
    no_clouds.set_ram_image(b"\x00")
    pipe.sky.setShaderInput("cloud_noise", no_clouds)
    world.attachNewNode(meshes_to_node("ground", box((400, 400, 0.1), (0, 0, -0.1), (0.5, 0.5, 0.5, 1))))
    world.attachNewNode(meshes_to_node("tower", box((4, 4, 30), (0, 0, 0), (0.5, 0.5, 0.5, 1))))
    img = PNMImage()

    def shot() -> PNMImage:
        for _ in range(4):
            base.taskMgr.step()
        base.win.getScreenshot(img)
        return img

    def lum(p: PNMImage, x: int, y: int) -> float:
        r, g, b = p.getXel(x, y)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    # straight down on the tower: the shadow falls away from the sun
    base.camera.setPos(0, 0, 150)
    base.camera.setHpr(0, -90, 0)  # straight down, north up in the picture
    base.camLens.setFov(60)
    pipe.focus_shadows((0, 0, 0))
    p = shot()
    sx, sy, _ = pipe.sun_position.direction()
    horiz = math.hypot(sx, sy)
    sx, sy = sx / horiz, sy / horiz
    # the tower's shadow tip lies 30 m / tan(elevation) away from the sun; sample half-way along it
    reach = min(30 / math.tan(math.radians(max(pipe.sun_position.elevation, 5))), 60) / 2
    w, h = p.getXSize(), p.getYSize()
    px_per_m = (h / 2) / (150 * math.tan(math.radians(pipe.base.camLens.getFov()[1] / 2)))
    reach = max(reach, 4.0)  # stay clear of the tower's own 2 m half-width
    shadow_px = (int(w / 2 - sx * reach * px_per_m), int(h / 2 + sy * reach * px_per_m))  # image y grows south
    open_px = (int(w / 2 + sx * reach * px_per_m), int(h / 2 - sy * reach * px_per_m))
    out = {"elevation": pipe.sun_position.elevation, "shadow": lum(p, *shadow_px), "open": lum(p, *open_px)}
    # the sky: look up, then at the horizon
    base.camera.setPos(0, -300, 2)
    base.camera.setHpr(0, 80, 0)
    out["zenith_rgb"] = list(shot().getXel(w // 2, h // 2))
    base.camera.setHpr(0, 2, 0)
    out["horizon_rgb"] = list(shot().getXel(w // 2, h // 4))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
