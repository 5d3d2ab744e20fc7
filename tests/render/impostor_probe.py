"""Run in its own process by test_impostors.py (one ShowBase per process): renders a row of remote visitors at the
picture switch distance twice, as coarse meshes and as pictures, and prints their masks' figures as JSON.

Eighteen visitors, the outfits alternating, stand on an arc ``IMPOSTOR`` metres from an eye 1.6 m up, each
turned differently (on and between the atlas's views), over a plain magenta clear colour; a pixel belongs to the
mask when it is not that colour. ``--png DIR`` writes both renders.
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

import numpy as np
from panda3d.core import AmbientLight, DirectionalLight, Filename, loadPrcFileData

BACKGROUND = (1.0, 0.0, 1.0)
SIZE = (640, 360)  # the size the app's avatar figures are measured at (ui.avatars.bench)


def main() -> None:
    os.environ.setdefault("EGL_PLATFORM", "surfaceless")
    loadPrcFileData("", f"window-type offscreen\nload-display p3headlessgl\nwin-size {SIZE[0]} {SIZE[1]}\n"
                        "framebuffer-srgb false\naudio-library-name null\nsync-video false\n")
    from direct.showbase.ShowBase import ShowBase

    from game.social.avatar_mesh import OUTFITS, Look
    from net.presence.codec import AvatarState
    from ui.avatars.crowd import Crowd
    from ui.avatars.distant import FAR
    from ui.avatars.impostor import IMPOSTOR
    from ui.avatars.node import AvatarNode

    png = Path(sys.argv[sys.argv.index("--png") + 1]) if "--png" in sys.argv else None
    base = ShowBase(windowType="offscreen")
    base.win.setClearColor((*BACKGROUND, 1.0))
    world = base.render.attachNewNode("world")
    sun = world.attachNewNode(DirectionalLight("sun"))
    sun.setHpr(30, -50, 0)
    ambient = world.attachNewNode(AmbientLight("ambient"))
    ambient.node().setColor((0.4, 0.4, 0.4, 1))
    world.setLight(sun)
    world.setLight(ambient)
    base.render.setShaderInput("sky_share", (0.0, 0.0, 0.0))  # the pipeline's, which this probe goes without
    base.camera.setPos(0, 0, 1.6)
    base.camera.setHpr(0, 0, 0)
    masks, colours = {}, {}
    for stage, switches in (("mesh", (FAR, 1e9)), ("picture", (FAR, FAR + 1.0))):
        crowd = Crowd(world, switches)
        members = []
        for i in range(18):
            bearing = math.radians(-17 + 2 * i)  # 1 m apart: no two overlap
            x, y = IMPOSTOR * math.sin(bearing), IMPOSTOR * math.cos(bearing)
            heading = 45.0 * (i % 9) + (0.0 if i < 9 else 20.0)  # on the atlas's views, then between them
            node = AvatarNode(world, Look(OUTFITS[i % 2], i % 7, (i + 3) % 7, i % 4).wire(), "", None, crowd)
            node.apply(AvatarState(x, y, 0.0, heading, 0, None, None, None))
            node.set_label("", False)
            members.append(node)
        crowd.flush((0.0, 0.0))
        for _ in range(2):
            base.graphicsEngine.renderFrame()
        shot = base.win.getScreenshot()
        if png:
            png.mkdir(parents=True, exist_ok=True)
            shot.write(Filename.fromOsSpecific(str(png / f"impostor-{stage}.png")))
        rgb = np.frombuffer(shot.getRamImageAs("RGB"), np.uint8).reshape(SIZE[1], SIZE[0], 3) / 255.0
        masks[stage] = np.any(np.abs(rgb - np.array(BACKGROUND)) > 0.02, axis=2)
        colours[stage] = rgb
        for node in members:
            node.destroy()
        crowd.destroy()
    mesh, picture = masks["mesh"], masks["picture"]
    inner = mesh.copy()  # the mesh's pixels with all four neighbours inside: not on its outline
    inner[1:-1, 1:-1] = (mesh[1:-1, 1:-1] & mesh[:-2, 1:-1] & mesh[2:, 1:-1] & mesh[1:-1, :-2] & mesh[1:-1, 2:])
    shared = inner & picture
    print(json.dumps({"mesh_pixels": int(mesh.sum()), "picture_pixels": int(picture.sum()),
                      "differing": int((mesh ^ picture).sum()), "outline": int((mesh & ~inner).sum()),
                      "inner_missing": int((inner & ~picture).sum()),
                      # colours where both drew the inside of a figure: slots and light as the mesh's
                      "colour_difference": float(np.abs(colours["mesh"] - colours["picture"])[shared].mean())}))


if __name__ == "__main__":
    main()
