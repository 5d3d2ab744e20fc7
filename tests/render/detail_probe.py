"""Run in its own process by test_detail_levels.py (one ShowBase per process): a landmark at full detail and as
its far version, seen from beyond the switch distance. Prints JSON: mask coverage and triangles both ways.
"""

from __future__ import annotations

import json
import sys
import tempfile


def main() -> None:
    from game.app import App
    from game.config import config_from_args
    from game.render.stats import view_stats
    from game.tour import class_masks

    with tempfile.TemporaryDirectory(prefix="mseoul-detail-") as cache:
        app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache,
                                    "--time", "2026-05-15T14:00+09:00"]))
        app.load_world()
        out: dict = {}
        for lid, camera, target in (("gwanghwamun", (-25.0, 210.0, 12.0), (0.0, 388.0, 10.0)),
                                    ("sungnyemun", (-120.0, -1250.0, 8.0), (-141.0, -1376.0, 9.0))):
            app.look(camera, target)
            stats = {}
            for full in (True, False):
                app.scene.full_detail = full
                app.step(2)
                landmark, _ = class_masks(app, lid)
                counted = view_stats(app.base.render, app.base.cam, app.pipeline.sun_np)
                stats["full" if full else "lod"] = {"coverage": float(landmark.mean()),
                                                    "triangles": counted.triangles,
                                                    "far_shown": app.scene.levels[lid].showing_far}
            out[lid] = stats
        app.shutdown()
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
