"""Run in its own process by test_side_gates.py: standing 45 m outside one of Gyeongbokgung's side gates at a
pinned instant, looking at it. Prints JSON facts from a mask render of Gwanghwamun's building (which holds the
palace wall and its gates): the share of the picture it fills, how far its silhouette rises in the middle columns
(the gate) and at the picture's edges (the wall), as fractions of the picture's height, and the mean luminance
of it and of the sky. Saves the picture when given a path (for a person to look at)."""

from __future__ import annotations

import json
import math
import sys
import tempfile
from pathlib import Path

import numpy as np

from game.tour import REC709_LUMA

OUTWARD = {"geonchunmun": (1.0, 0.0), "yeongchumun": (-1.0, 0.0), "sinmumun": (0.0, 1.0)}
DISTANCE = 45.0


def rise(mask: np.ndarray, columns: slice) -> float:
    """How high the mask reaches in ``columns``: 1 at the top row, 0 when absent (rows run top-down)."""
    rows = np.flatnonzero(mask[:, columns].any(axis=1))
    return 0.0 if not len(rows) else 1.0 - rows[0] / mask.shape[0]


def main() -> None:
    from game.app import App
    from game.config import config_from_args
    from game.tour import class_masks, frame_rgb

    when, gate = sys.argv[1:3]
    with tempfile.TemporaryDirectory(prefix="mseoul-gates-") as cache:
        app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache, "--time", when]))
        app.load_world()
        lm = app.landmarks["gwanghwamun"]
        dims = app.scene.buildings["gwanghwamun"].dims
        h = math.radians(app.scene.landmark_nodes["gwanghwamun"].getH())
        gx, gy = dims[f"{gate}_x"], dims[f"{gate}_y"]
        x = lm.local[0] + gx * math.cos(h) - gy * math.sin(h)
        y = lm.local[1] + gx * math.sin(h) + gy * math.cos(h)
        ox, oy = OUTWARD[gate]
        app.look((x + ox * DISTANCE, y + oy * DISTANCE, 1.7), (x, y, 6.0))
        app.step(4)
        picture = frame_rgb(app)
        if len(sys.argv) > 3:
            app.screenshot(Path(sys.argv[3]))
        fog = app.pipeline.fog
        if fog is not None:
            app.world.clearFog()
        landmark, sky = class_masks(app, "gwanghwamun")
        app.shutdown()
    luma = picture.astype(np.float64) @ REC709_LUMA
    w = landmark.shape[1]
    print(json.dumps({"share": float(landmark.mean()), "middle": rise(landmark, slice(w * 2 // 5, w * 3 // 5)),
                      "edges": max(rise(landmark, slice(0, w // 10)), rise(landmark, slice(w - w // 10, w))),
                      "luma": float(luma[landmark].mean()) if landmark.any() else 0.0,
                      "sky": float(luma[sky].mean()) if sky.any() else 0.0}))


if __name__ == "__main__":
    sys.exit(main())
