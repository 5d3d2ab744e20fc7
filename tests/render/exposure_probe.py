"""Run in its own process by test_exposure.py (one ShowBase per process): a tour view at the instant given
(``--time``) at ``low`` with the time-of-day curve alone, then with the GPU presets' post effects (bloom and the
measured auto-exposure) forced on, as llvmpipe never gets them. Prints JSON: the exposure (stops) of the curve and
the measured one, and for each picture the mean luminance of the image, the landmark and the sky."""

from __future__ import annotations

import json
import sys
import tempfile

import numpy as np

from game.tour import REC709_LUMA


def facts(app, view_id: str) -> dict:
    from game.tour import class_masks, frame_rgb

    luma = frame_rgb(app).astype(np.float64) @ REC709_LUMA
    landmark, sky = class_masks(app, view_id)
    return {"image": round(float(luma.mean()), 1), "landmark": round(float(luma[landmark].mean()), 1),
            "sky": round(float(luma[sky].mean()), 1) if sky.any() else None,
            "exposure": round(app.pipeline.pbr.exposure, 2)}


def main() -> None:
    from game.app import App
    from game.config import config_from_args

    when, view_id = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="mseoul-exposure-") as cache:
        app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache, "--time", when,
                                    "--quality", "low"]))
        app.load_world()
        view = app.scene.view(view_id)
        app.look(view.camera, view.target)
        app.step(3)
        out = {"curve": facts(app, view_id)}
        app.pipeline.enable_post_effects()
        app.step(4)  # the meter reads the frame before; the first reading sets the exposure outright
        out["measured"] = facts(app, view_id)
        app.shutdown()
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
