"""Run in its own process by test_night_lights.py (one ShowBase per process): a tour view at the instant given
(``--time``) with the city's lamps and windows, then the same frame with them hidden. Prints JSON facts (mean
luminance of the whole picture and of its lower half, where the streets are), and whether the lamps' pools of light
are drawn at that instant and at noon of the same day (they add nothing by day), and how bright the square's trees
are with the lamps' light on them and without it; saves both pictures when given a
folder (for a person to look at)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from game.tour import REC709_LUMA


def facts(picture: np.ndarray) -> dict:
    luma = picture[..., :3].astype(np.float64) @ REC709_LUMA
    return {"image": float(luma.mean()), "streets": float(luma[luma.shape[0] // 2:].mean())}


def tree_light(app, trees: list) -> dict:
    """Mean luminance of the square's trees (the pixels hiding them changes) with the lamps' light on them and
    without it, and how many pixels they cover."""
    from game.tour import frame_rgb

    def luma(frames: int = 2) -> np.ndarray:
        app.step(frames)
        return frame_rgb(app)[..., :3].astype(np.float64) @ REC709_LUMA

    lamps = luma()
    fills = [t.getShaderInput("lamp_fill").getVector() for t in trees]
    for t in trees:
        t.setShaderInput("lamp_fill", (0.0, 0.0, 0.0))
    dark = luma()
    for t in trees:
        t.hide()
    mask = np.abs(lamps - luma()) > 4.0
    for t, fill in zip(trees, fills, strict=True):
        t.show()
        t.setShaderInput("lamp_fill", fill.getXyz())
    return {"lamps": float(lamps[mask].mean()), "no_lamps": float(dark[mask].mean()), "pixels": int(mask.sum())}


def main() -> None:
    from game.app import App
    from game.config import config_from_args
    from game.tour import frame_rgb

    when, view_id = sys.argv[1], sys.argv[2]
    folder = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    with tempfile.TemporaryDirectory(prefix="mseoul-night-") as cache:
        app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache, "--time", when]))
        app.load_world()
        scene = app.scene
        view = scene.view(view_id)
        app.look(view.camera, view.target)
        app.step(3)
        out = {"lit": facts(frame_rgb(app))}
        if folder:
            app.screenshot(folder / f"{view_id}-lit.png")
        scene.night_lights.hide()
        app.step(2)
        out["unlit"] = facts(frame_rgb(app))
        if folder:
            app.screenshot(folder / f"{view_id}-unlit.png")
        scene.night_lights.show()
        out["trees"] = tree_light(app, scene.square_trees)
        pools = scene.night_lights.find("lamps/pools")
        out["pools_drawn"] = {"then": not pools.isHidden()}
        instant = app.pipeline.when
        app.pipeline.set_time(instant.replace(hour=12, minute=0))
        out["pools_drawn"]["noon"] = not pools.isHidden()
        app.pipeline.set_time(instant)
        out["pools_drawn"]["then_again"] = not pools.isHidden()
        app.shutdown()
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
