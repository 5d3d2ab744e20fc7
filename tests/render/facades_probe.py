"""Run in its own process by test_facades.py: standing on a pavement of Jongno at a pinned instant, looking along
the avenue at the blocks beside it. Prints JSON facts about the shop fronts (found by a mask render of the
``shops`` node): their share of the picture, their pixels' mean luminance and the share of those that are strongly
coloured (the signboards), the mean luminance of the picture's lower quarter (the street) for comparison, and the
street furniture's share of the picture (another mask render) with its pixels' mean colour, and the bus shelters'
light boxes' share and mean luminance.
Saves the picture when given a path (for a person to look at)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from game.tour import REC709_LUMA

STREET, AT = "jongno", 0.5  # which avenue, and how far along its points the camera stands


def main() -> None:
    from game.app import App
    from game.city import streets
    from game.config import config_from_args
    from game.tour import class_masks, frame_rgb

    when = sys.argv[1]
    avenue = {s.id: s for s in streets.load()[0]}[STREET]
    k = int(AT * (len(avenue.points) - 1))
    p, q = avenue.points[k], avenue.points[k + 1]
    d = (q - p) / np.linalg.norm(q - p)
    left = np.array([-d[1], d[0]])
    eye = p + left * (avenue.width / 2 + 3.0)
    target = eye + d * 60.0 + left * 25.0
    with tempfile.TemporaryDirectory(prefix="mseoul-facades-") as cache:
        app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache, "--time", when]))
        app.load_world()
        app.look((eye[0], eye[1], 1.7), (target[0], target[1], 5.0))
        app.step(4)
        picture = frame_rgb(app)
        if len(sys.argv) > 2:
            app.screenshot(Path(sys.argv[2]))
        app.scene.landmark_nodes["shops"] = app.scene.night_lights.find("shops")
        shops, _ = class_masks(app, "shops")
        app.scene.landmark_nodes["furniture"] = app.scene.root.find("furniture")
        kit, _ = class_masks(app, "furniture")
        app.scene.landmark_nodes["panels"] = app.scene.root.find("furniture/panels")
        panels, _ = class_masks(app, "panels")
        app.shutdown()
    luma = picture.astype(np.float64) @ REC709_LUMA
    rgb = picture[shops].astype(int)
    h = luma.shape[0]
    print(json.dumps({"shops": float(shops.mean()), "shop_luma": float(luma[shops].mean()) if shops.any() else 0.0,
                      "coloured": float(((rgb.max(axis=1) - rgb.min(axis=1)) >= 80).mean()) if shops.any() else 0.0,
                      "street_luma": float(luma[3 * h // 4:].mean()), "furniture": float(kit.mean()),
                      "furniture_rgb": picture[kit].mean(axis=0).round(1).tolist() if kit.any() else None,
                      "panels": float(panels.mean()),
                      "panel_luma": float(luma[panels].mean()) if panels.any() else 0.0}))


if __name__ == "__main__":
    sys.exit(main())
