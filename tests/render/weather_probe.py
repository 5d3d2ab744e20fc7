"""Run in its own process by test_weather.py (one ShowBase per process): a tour view at the instant and in the
weather given. Prints JSON facts: the picture's mean luminance, a coarse grid of luminance (16 × 9 cells) for
comparing weathers in the same view, the lower half's mean (the ground), the share of the ginkgos' pixels (found
by a mask render) that are gold, the share of the picture the square's trees cover with their pixels' mean colour,
and the rain puddles' share and mean luminance beside that of the rest of the lower half.
Saves the picture when given a path (for a person to look at)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from game.tour import REC709_LUMA


def gold(rgb: np.ndarray) -> np.ndarray:
    """Saturated yellow pixels: a November ginkgo crown (nothing else in the district is this colour)."""
    r, g, b = (rgb[..., i].astype(int) for i in range(3))
    return (r >= 150) & (g >= 120) & (r - b >= 90) & (g - b >= 70)


def main() -> None:
    from game.app import App
    from game.config import config_from_args
    from game.tour import class_masks, frame_rgb

    when, view_id, weather = sys.argv[1:4]
    with tempfile.TemporaryDirectory(prefix="mseoul-weather-") as cache:
        app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache, "--time", when,
                                    "--weather", weather]))
        app.load_world()
        view = app.scene.view(view_id)
        app.look(view.camera, view.target)
        app.step(4)
        picture = frame_rgb(app)
        if len(sys.argv) > 4:
            app.screenshot(Path(sys.argv[4]))
        fog = app.pipeline.fog
        if fog is not None:  # the haze would grey the masks' flat colours
            app.world.clearFog()
        app.scene.landmark_nodes["ginkgos"] = app.scene.ginkgos
        trees, _ = class_masks(app, "ginkgos")
        app.scene.landmark_nodes["square-trees"] = app.scene.square_trees[0]
        square, _ = class_masks(app, "square-trees")
        app.scene.landmark_nodes["puddles"] = app.scene.root.find("puddles")
        pools, _ = class_masks(app, "puddles")
        app.shutdown()
    luma = picture.astype(np.float64) @ REC709_LUMA
    h, w = luma.shape
    grid = luma[: h - h % 9, : w - w % 16].reshape(9, h // 9, 16, w // 16).mean(axis=(1, 3))
    print(json.dumps({"image": float(luma.mean()), "ground": float(luma[h // 2:].mean()),
                      "grid": grid.round(2).tolist(), "trees": float(trees.mean()),
                      "gold": float(gold(picture[trees]).mean()) if trees.any() else 0.0,
                      "square_trees": float(square.mean()),
                      "square_rgb": picture[square].mean(axis=0).round(1).tolist() if square.any() else None,
                      "puddles": float(pools.mean()), "puddle_luma": float(luma[pools].mean()) if pools.any() else None,
                      "dry_luma": float(luma[h // 2:][~pools[h // 2:]].mean())}))


if __name__ == "__main__":
    sys.exit(main())
