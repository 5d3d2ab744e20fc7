"""The offscreen tour: one picture per landmark plus ``tour.json`` with where, what and how fast.

Contract (README): ``python main.py --offscreen --size 640x360 --tour OUT_DIR`` writes ``OUT_DIR/<id>.png`` and
``OUT_DIR/tour.json`` with, per stop, ``id``, ``name_ko``, ``name_en``, ``lat``, ``lon`` (catalogue position),
``camera`` (world metres and WGS84), ``draw_calls``, ``triangles`` and ``frame_ms``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from game import geo
from game.render.stats import view_stats
from ui import i18n

WARM_FRAMES = 3  # shaders compile and the shadow map settles
TIMED_FRAMES = 5


def render_stop(app, landmark_id: str) -> dict:
    """Aim the camera at a landmark, render, and measure the view."""
    view = app.scene.view(landmark_id)
    app.look(view.camera, view.target)
    app.step(WARM_FRAMES)
    times = []
    for _ in range(TIMED_FRAMES):
        t = time.perf_counter()
        app.step()
        times.append((time.perf_counter() - t) * 1000)
    stats = view_stats(app.base.render, app.base.cam, app.pipeline.sun_np)
    lm = app.landmarks[landmark_id]
    lat, lon = geo.to_wgs84(view.camera[0], view.camera[1])
    return {
        "id": lm.id,
        "name_ko": lm.name_ko,
        "name_en": lm.name_en,
        "lat": lm.lat,
        "lon": lm.lon,
        "camera": {"x": round(view.camera[0], 2), "y": round(view.camera[1], 2), "z": round(view.camera[2], 2),
                   "lat": round(lat, 7), "lon": round(lon, 7), "heading": round(view.heading, 2),
                   "target": [round(v, 2) for v in view.target]},
        "draw_calls": stats.draw_calls,
        "triangles": stats.triangles,
        "frame_ms": round(statistics.median(times), 2),
    }


def run_tour(app, out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    app.flow.go("tour")
    stops = []
    for lid in app.landmarks:
        stop = render_stop(app, lid)
        app.screenshot(out_dir / f"{lid}.png")
        stops.append(stop)
        print(f"tour: {lid} draw_calls={stop['draw_calls']} triangles={stop['triangles']} "
              f"frame_ms={stop['frame_ms']}", file=sys.stderr)
    sun = app.pipeline.sun_position
    doc = {
        "size": list(app.config.size),
        "sun": {"azimuth": round(sun.azimuth, 2), "elevation": round(sun.elevation, 2)},
        "timings_s": {k: round(v, 3) for k, v in app.timings.items()},
        "stops": stops,
    }
    tmp = out_dir / "tour.json.tmp"
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(out_dir / "tour.json")
    print(i18n.text("app.tour_written", app.config.language, path=out_dir.resolve()))
    return 0
