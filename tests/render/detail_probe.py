"""Run in its own process by test_detail_levels.py (one ShowBase per process): a landmark at full detail and as
its far version, seen from beyond the switch distance; and a landmark as its distant versions against its far one,
seen through a narrowed lens (the picture magnified several times over what a visitor sees at that distance).
Prints JSON: mask coverage and triangles each way.
"""

from __future__ import annotations

import json
import math
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
        # the middle of a 1280×720 view: the 320×180 picture through a lens a quarter as wide
        wide, tall = app.base.camLens.getFov()
        app.base.camLens.setFov(*(math.degrees(2 * math.atan(math.tan(math.radians(a / 2)) / 4)) for a in (wide, tall)))
        lid, distant = "gwanghwamun", {}
        for key, camera in (("just past the switch", (0.0, -170.0, 1.65)), ("640 m", (0.0, -420.0, 1.65))):
            app.look(camera, (0.0, 388.0, 10.0))
            level, stats = app.scene.levels[lid], {}
            for name, switches in (("far", (90.0, 1e9)), ("distant", level.switches)):
                level.switches = switches
                app.step(2)
                landmark, _ = class_masks(app, lid)
                counted = view_stats(app.base.render, app.base.cam, app.pipeline.sun_np)
                stats[name] = {"coverage": float(landmark.mean()), "triangles": counted.triangles,
                               "stage": level.showing}
            distant[key] = stats
        out["distant"] = distant
        app.shutdown()
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
