"""Run in its own process by test_palace.py (one ShowBase per process) at the time given: Gyeongbokgung's tour view
and the view through Gwanghwamun's central arch. Prints JSON facts measured from the pictures and the palace's mask
(and saves the pictures when given a folder, for a person to look at)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np


def facts(app, name: str, folder: Path | None) -> dict:
    from game.tour import class_masks, frame_rgb, pixel_facts

    picture = frame_rgb(app)
    if folder is not None:
        app.screenshot(folder / f"{name}.png")
    palace, sky = class_masks(app, "gyeongbokgung")
    h, w = palace.shape
    centre = palace[h // 4: 3 * h // 4, w // 4: 3 * w // 4]
    rows, cols = np.nonzero(palace)
    out = pixel_facts(picture, palace, sky)
    out.update({"centre_coverage": round(float(centre.mean()), 4),
                "centroid": [round(float(cols.mean()) / w, 3), round(float(rows.mean()) / h, 3)] if len(rows) else None,
                "top_row": int(rows.min()) if len(rows) else None, "height": h})
    return out


def main() -> None:
    from game.app import App
    from game.config import config_from_args

    when = sys.argv[1]
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory(prefix="mseoul-palace-") as cache:
        app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache, "--time", when]))
        app.load_world()
        out: dict = {}
        view = app.scene.view("gyeongbokgung")
        app.look(view.camera, view.target)
        app.step(3)
        out["tour"] = facts(app, "tour", folder)
        gx, gy = app.landmarks["gwanghwamun"].local
        app.look((gx, gy + 8.0, 1.7), (gx, gy + 200.0, 5.0))  # just out of the central arch, looking up the axis
        app.step(3)
        out["through_gate"] = facts(app, "through_gate", folder)
        app.shutdown()
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
