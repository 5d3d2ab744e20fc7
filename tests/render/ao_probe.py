"""Run in its own process by test_ambient_occlusion.py: Gwanghwamun from 60 m in front at a pinned instant, with
the baked ambient occlusion at its strength or off (``game.architecture.ao.STRENGTH`` set to the second argument
before the district is built). Prints JSON: the mean luminance of small patches around points on the gate (the
foot of the stone base, the top of the base, the first storey under the lower eave), whether each patch lies on
the gate (its mask), and the sky's mean. Saves the picture when given a path (for a person to look at)."""

from __future__ import annotations

import json
import math
import sys
import tempfile
from pathlib import Path

import numpy as np

from game.tour import REC709_LUMA

#: Building-local points (metres, front facing -Y): between the west and central arches of the base, whose front
#: face is at y = -7 and whose foot meets the forecourt (0.7 m high); the first storey stands back from it.
POINTS = {"foot": (-4.3, -7.0, 1.1), "base_top": (-4.3, -7.0, 6.2), "under_eave": (-6.0, -4.6, 9.0)}
HALF = 2  # patch half-size in pixels


def main() -> None:
    from panda3d.core import LPoint2f, LPoint3f

    from game.architecture import ao

    when, strength = sys.argv[1], float(sys.argv[2])
    ao.STRENGTH = strength
    from game.app import App
    from game.config import config_from_args
    from game.tour import class_masks, frame_rgb

    with tempfile.TemporaryDirectory(prefix="mseoul-ao-") as cache:
        app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache, "--time", when]))
        app.load_world()
        lm = app.landmarks["gwanghwamun"]
        node = app.scene.landmark_nodes["gwanghwamun"]
        h = math.radians(node.getH())

        def world(x: float, y: float, z: float) -> tuple[float, float, float]:
            return (lm.local[0] + x * math.cos(h) - y * math.sin(h), lm.local[1] + x * math.sin(h) + y * math.cos(h), z)

        app.look(world(0.0, -60.0, 2.4), world(0.0, 0.0, 8.0))
        app.step(4)
        picture = frame_rgb(app)
        if len(sys.argv) > 3:
            app.screenshot(Path(sys.argv[3]))
        if app.pipeline.fog is not None:
            app.world.clearFog()
        gate, sky = class_masks(app, "gwanghwamun")
        lens, cam = app.base.camLens, app.base.cam
        pixels = {}
        for name, p in POINTS.items():
            local = cam.getRelativePoint(app.base.render, LPoint3f(*world(*p)))
            film = LPoint2f()
            if not lens.project(local, film):
                raise SystemExit(f"{name} is outside the view")
            w, hgt = gate.shape[1], gate.shape[0]
            pixels[name] = (int((film.x + 1) / 2 * w), int((1 - film.y) / 2 * hgt))
        app.shutdown()
    luma = picture.astype(np.float64) @ REC709_LUMA
    out = {"sky": float(luma[sky].mean()) if sky.any() else 0.0}
    for name, (x, y) in pixels.items():
        window = (slice(y - HALF, y + HALF + 1), slice(x - HALF, x + HALF + 1))
        out[name] = float(luma[window].mean())
        out[f"{name}_on_gate"] = bool(gate[window].all())
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
