"""Run in its own process by test_lanterns.py (one ShowBase per process): Cheonggyecheon's tour view at the
instant given (``--time``), with the festival's sculptures and the water measured from mask renders. Prints JSON
facts; saves the picture when given a path (for a person to look at)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from game.tour import REC709_LUMA


def glowing(rgb: np.ndarray) -> np.ndarray:
    """Bright, saturated warm pixels: lit lantern panels, not the floodlit stone (warm but pale) or the sky."""
    r, b = rgb[..., 0].astype(int), rgb[..., 2].astype(int)
    return (r >= 170) & (r - b >= 90)


def main() -> None:
    from game.app import App
    from game.config import config_from_args
    from game.tour import class_masks, frame_rgb

    when = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="mseoul-lanterns-") as cache:
        app = App(config_from_args(["--offscreen", "--size", "480x270", "--cache-dir", cache, "--time", when]))
        app.load_world()
        scene = app.scene
        view = scene.view("cheonggyecheon")
        app.look(view.camera, view.target)
        app.step(3)
        picture = frame_rgb(app)
        if len(sys.argv) > 2:
            app.screenshot(Path(sys.argv[2]))
        scene.landmark_nodes["water"] = scene.water[0]
        water, _ = class_masks(app, "water")
        scene.landmark_nodes["shops"] = scene.night_lights.find("shops")
        shops, _ = class_masks(app, "shops")  # the avenues' lit signboards glow warm too: not counted
        out = {"festival": scene.festival is not None, "lit": bool(scene.festival and scene.festival.lit),
               "glowing": float((glowing(picture) & ~shops).mean()), "water_pixels": float(water.mean()),
               "water_luma": float((picture[water][:, :3] @ REC709_LUMA).mean())}
        if scene.festival is not None:
            scene.landmark_nodes["festival"] = scene.festival.root
            lanterns, _ = class_masks(app, "festival")
            out["lantern_pixels"] = float(lanterns.mean())
            out["lanterns_glowing"] = float(glowing(picture[lanterns]).mean())
            out["year"] = scene.festival.edition.year
        app.shutdown()
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
