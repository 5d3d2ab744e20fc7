"""Run in its own process by test_normal_maps.py (one ShowBase per process): Gwanghwamun's granite base and tile
roofs seen close, at the preset given, with the materials' normal maps on and off. Prints the luminance variance
of the granite/tile pixels (found by a mask render) in both pictures, their fine (high-passed) detail and that of
their difference, whether they are identical, the pipeline's normal-map flag and the CPU time per frame of each
(ratio taken in this one process).

Arguments: quality preset, ISO time, cache folder, [picture folder]."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

from game.tour import REC709_LUMA

RELIEF = ("granite", "tile")
MASK_PRIORITY = 1000


def main() -> None:
    from game.app import App
    from game.config import config_from_args
    from game.render.materials import _STAGE_NORMAL
    from game.scenes.district_cache import MATERIAL_TAG
    from game.tour import frame_rgb

    quality, when, cache = sys.argv[1:4]
    pictures = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache, "--time", when,
                                "--quality", quality]))
    app.load_world()
    view = app.scene.view("gwanghwamun")
    camera = tuple(c + 0.55 * (t - c) for c, t in zip(view.camera, view.target, strict=True))
    app.look(camera, view.target)
    world, pbr = app.world, app.pipeline.pbr
    relief = [n for n in world.findAllMatches(f"**/={MATERIAL_TAG}") if n.getTag(MATERIAL_TAG) in RELIEF]

    def shot(frames: int = 6) -> tuple[np.ndarray, float]:
        app.step(3)  # settle (shader recompiles, shadow map)
        start = time.process_time()
        app.step(frames)
        return frame_rgb(app).copy(), (time.process_time() - start) / frames

    def mask() -> np.ndarray:
        saved = [(n, n.getState()) for n in (world, *relief)]
        for n, colour in ((world, (0, 0, 0, 1)), *((n, (1, 0, 1, 1)) for n in relief)):
            prio = MASK_PRIORITY + (n != world)
            n.setShaderOff(prio)
            n.setLightOff(prio)
            n.setTextureOff(prio)
            n.setMaterialOff(prio)
            n.setColor(colour, prio)
        try:
            rgb = shot(1)[0].astype(int)
        finally:
            for n, state in saved:
                n.setState(state)
        return (rgb[..., 0] > 80) & (rgb[..., 2] > 80) & (rgb[..., 1] < 30)

    with_maps, cost_with = shot()
    if pictures is not None:
        app.screenshot(pictures / f"{quality}-normals.png")
    region = mask()
    flag = pbr.use_normal_maps
    if quality == "low":  # the normal textures taken away altogether: low must not see them
        world.setTextureOff(_STAGE_NORMAL, MASK_PRIORITY)
    else:
        pbr.use_normal_maps = False
    without, cost_without = shot()
    if pictures is not None:
        app.screenshot(pictures / f"{quality}-flat.png")

    inner = region.copy()  # the region less its rim, so the high-pass below never straddles an outline
    for axis in (0, 1):
        for shift in (-1, 1):
            inner &= np.roll(region, shift, axis)

    def variance(rgb: np.ndarray) -> float:
        return float((rgb[region].astype(np.float64) @ REC709_LUMA).var())

    def detail(rgb: np.ndarray) -> float:
        """Variance of the luminance less its 3×3 mean: the fine relief, not the spread of colours."""
        return fine(rgb.astype(np.float64) @ REC709_LUMA)

    def fine(luma: np.ndarray) -> float:
        blur = sum(np.roll(np.roll(luma, dy, 0), dx, 1) for dy in (-1, 0, 1) for dx in (-1, 0, 1)) / 9
        return float((luma - blur)[inner].var())

    print(json.dumps({"normal_maps": flag, "share": float(region.mean()), "var_with": variance(with_maps),
                      "var_without": variance(without), "detail_with": detail(with_maps),
                      "detail_without": detail(without),
                      # what the normal maps alone add: the fine detail of the difference of the two pictures
                      "detail_added": fine((with_maps.astype(np.float64) - without) @ REC709_LUMA),
                      "identical": bool(np.array_equal(with_maps, without)),
                      "ms_with": cost_with * 1e3, "ms_without": cost_without * 1e3}))
    app.shutdown()


if __name__ == "__main__":
    sys.exit(main())
