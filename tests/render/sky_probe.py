"""Run in its own process by test_sky.py (one ShowBase per process): a tour view at the instant given (``--time``),
the sky found by a mask render. Prints JSON facts on the sky's pixels: mean luminance of its upper and lower rows
and their blueness (the horizon-to-zenith gradient), the spread left after each row's mean is taken out (clouds),
and the share of pixels brighter than all their neighbours (stars). Saves the picture when given a path (for a
person to look at)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from game.tour import REC709_LUMA


def sky_facts(picture: np.ndarray, sky: np.ndarray) -> dict:
    rgb = picture[..., :3].astype(np.float64)
    luma = rgb @ REC709_LUMA
    blue = rgb[..., 2] - rgb[..., 0]
    rows = [r for r in range(sky.shape[0]) if sky[r].sum() >= sky.shape[1] // 4]
    means = np.array([luma[r][sky[r]].mean() for r in rows])
    blues = np.array([blue[r][sky[r]].mean() for r in rows])
    residual = np.concatenate([luma[r][sky[r]] - m for r, m in zip(rows, means, strict=True)])
    third = max(len(rows) // 3, 1)
    # a star is a point: brighter than every one of its eight neighbours by a clear margin (clouds are smooth)
    pad = np.pad(luma, 1, mode="edge")
    h, w = luma.shape
    around = np.max([pad[1 + dy:1 + dy + h, 1 + dx:1 + dx + w] for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                     if dy or dx], axis=0)
    inner = sky & np.pad(sky[1:-1, 1:-1], 1)
    points = inner & (luma > around + 12)
    return {"rows": len(rows), "top": float(means[:third].mean()), "bottom": float(means[-third:].mean()),
            "top_blue": float(blues[:third].mean()), "bottom_blue": float(blues[-third:].mean()),
            "spread": float(residual.std()), "points": float(points.sum() / max(inner.sum(), 1))}


def main() -> None:
    from game.app import App
    from game.config import config_from_args
    from game.tour import class_masks, frame_rgb

    when, view_id = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="mseoul-sky-") as cache:
        app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache, "--time", when]))
        app.load_world()
        view = app.scene.view(view_id)
        app.look(view.camera, view.target)
        app.step(3)
        picture = frame_rgb(app)
        if len(sys.argv) > 3:
            app.screenshot(Path(sys.argv[3]))
        _, sky = class_masks(app, view_id)
        out = sky_facts(picture, sky)
        app.shutdown()
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
