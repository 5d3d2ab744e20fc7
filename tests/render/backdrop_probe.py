"""Run in its own process by test_backdrop.py (one ShowBase per process): the Gwanghwamun tour view with the
terrain's mask, and a look past Sungnyemun towards Namsan. Prints JSON facts measured from masks (and saves the
second picture when given a path, for a person to look at).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

BAND = 8  # rows above the roofline (of 360)


def above_roofline(app, roof_rows: int) -> dict:
    """How much of the band just above Gwanghwamun's roof the terrain fills, and where the roof is: the columns
    whose gate top lies within ``roof_rows`` of the highest (the pavilion's roof, not the palace walls beside it,
    which from 300 m stand about 24 rows lower than the ridge)."""
    from game.tour import class_masks

    gate, _ = class_masks(app, "gwanghwamun")
    mountains, sky = class_masks(app, "backdrop")
    cols = np.flatnonzero(gate.any(axis=0))
    tops = gate[:, cols].argmax(axis=0)  # the gate's highest pixel in each column
    roof = tops <= tops.min() + roof_rows
    band = [mountains[max(t - BAND, 0):t, c] for c, t in zip(cols[roof], tops[roof], strict=True)]
    return {"band_terrain": float(np.concatenate(band).mean()), "roof_columns": int(roof.sum()),
            "roof_top_row": int(tops.min()), "sky": float(sky.mean())}


def main() -> None:
    from game.app import App
    from game.config import config_from_args
    from game.tour import class_masks

    with tempfile.TemporaryDirectory(prefix="mseoul-backdrop-") as cache:
        app = App(config_from_args(["--offscreen", "--size", "640x360", "--cache-dir", cache,
                                    "--time", "2026-05-15T14:00+09:00"]))
        app.load_world()
        scene = app.scene
        # class_masks paints whatever node landmark_nodes names: the terrain and the tower get a name there too
        scene.landmark_nodes["backdrop"] = scene.backdrop
        scene.landmark_nodes["tower"] = scene.backdrop.find("backdrop:tower")
        out: dict = {}

        x, y = app.landmarks["gwanghwamun"].local
        tour = scene.view("gwanghwamun")
        for name, (camera, target, roof_rows) in {"gwanghwamun": (tour.camera, tour.target, 90),
                                                  "gwanghwamun-from-square": ((x, y - 300.0, 1.7), (x, y, 10.0), 15)
                                                  }.items():
            app.look(camera, target)
            app.step(3)
            if name != "gwanghwamun" and len(sys.argv) > 2:
                app.screenshot(Path(sys.argv[2]))
            out[name] = above_roofline(app, roof_rows)
        # The tour's Sungnyemun view faces north, with Namsan behind it; the picture of the gate with the tower is
        # taken from the gate's north-west side, looking south-east past its roof.
        x, y = app.landmarks["sungnyemun"].local
        lo, hi = (np.asarray(v) for v in scene.landmark_nodes["tower"].getTightBounds())
        app.look((x - 60.0, y + 60.0, 1.7), tuple((lo + hi) / 2))
        app.step(3)
        if len(sys.argv) > 1:
            app.screenshot(Path(sys.argv[1]))
        tower, sky = class_masks(app, "tower")
        mountains, _ = class_masks(app, "backdrop")
        gate, _ = class_masks(app, "sungnyemun")
        out["sungnyemun-to-namsan"] = {"tower_pixels": int(tower.sum()), "terrain": float(mountains.mean()),
                                       "gate": float(gate.mean()), "sky": float(sky.mean())}
        app.shutdown()
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
