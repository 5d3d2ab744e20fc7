"""The offscreen tour: one picture per landmark plus ``tour.json`` with where, what and how fast.

Contract (README): ``python main.py --offscreen --size 640x360 --tour OUT_DIR`` writes ``OUT_DIR/<id>.png`` and
``OUT_DIR/tour.json`` with, per stop, ``id``, ``name_ko``, ``name_en``, ``lat``, ``lon`` (catalogue position),
``camera`` (world metres and WGS84), ``draw_calls``, ``triangles`` and ``frame_ms``; also ``pixels``, facts
measured from the picture (landmark coverage with occlusion, sky placement, landmark and sky colours, luminance),
and ``pedestrians``, ``vehicles`` and ``crowd`` (the city life near the view and the crowd level used); at the top,
``time``, ``weather`` (``--weather``) and ``season`` (by the date) besides the size, sun and timings.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

import numpy as np

from game import geo
from game.render.stats import view_stats
from game.render.still_world import paused
from game.text import i18n
from game.weather import season

WARM_FRAMES = 3  # shaders compile and the shadow map settles
TIMED_FRAMES = 5


def render_stop(app, landmark_id: str) -> dict:
    """Aim the camera at a landmark, render, and measure the view."""
    view = app.scene.view(landmark_id)
    app.look(view.camera, view.target)
    with paused(app.pipeline.still):  # the frame as a visitor walking up to it sees it: the whole world drawn
        app.step(WARM_FRAMES)
        times = app.frame_times(TIMED_FRAMES)
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


MASK_PRIORITY = 1000
LANDMARK, SKY = (1, 0, 1, 1), (0, 1, 0, 1)


def frame_rgb(app) -> np.ndarray:
    """The last rendered frame as an (H, W, 3) uint8 array, top row first."""
    tex = app.base.win.getScreenshot()
    img = np.frombuffer(tex.getRamImageAs("RGB").getData(), np.uint8)
    return img.reshape(tex.getYSize(), tex.getXSize(), 3)[::-1]


def class_masks(app, landmark_id: str) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks of where the landmark and where the sky are visible in the current view.

    Renders the landmark flat magenta, the sky flat green and everything else flat black; everything still
    draws, so a building in front of the landmark hides it here exactly as in the picture. The normal look
    (simplepbr's shader and inputs live in these nodes' states) is restored afterwards.
    """
    world, node, sky = app.world, app.scene.landmark_nodes[landmark_id], app.pipeline.sky
    saved = [(np_, np_.getState()) for np_ in (world, node, sky)]
    for np_, colour, prio in ((world, (0, 0, 0, 1), MASK_PRIORITY), (node, LANDMARK, MASK_PRIORITY + 1),
                              (sky, SKY, MASK_PRIORITY)):
        np_.setShaderOff(prio)
        np_.setLightOff(prio)
        np_.setTextureOff(prio)
        np_.setMaterialOff(prio)
        np_.setColor(colour, prio)
    try:
        app.step(2)
        rgb = frame_rgb(app).astype(int)
    finally:
        for np_, state in saved:
            np_.setState(state)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    return (r > 80) & (b > 80) & (g < 30), (g > 80) & (r < 30) & (b < 30)


REC709_LUMA = np.array([0.2126, 0.7152, 0.0722])


def pixel_facts(picture: np.ndarray, landmark: np.ndarray, sky: np.ndarray) -> dict:
    """Measured facts a picture must hold: the landmark fills part of it, differs from the sky, sky is on top."""
    h = picture.shape[0]
    q = max(h // 4, 1)

    def mean(mask: np.ndarray) -> list[float]:
        return [round(float(v), 1) for v in picture[mask].mean(axis=0)] if mask.any() else []

    luma = picture[..., :3].astype(np.float64) @ REC709_LUMA  # per-pixel relative luminance of the sRGB values

    def mean_luma(mask: np.ndarray | None = None) -> float | None:
        values = luma if mask is None else luma[mask]
        return round(float(values.mean()), 1) if values.size else None

    return {
        "coverage": round(float(landmark.mean()), 4),
        "sky_fraction": round(float(sky.mean()), 4),
        "sky_top_quarter": round(float(sky[:q].mean()), 4),
        "sky_bottom_quarter": round(float(sky[-q:].mean()), 4),
        "landmark_rgb": mean(landmark),
        "sky_rgb": mean(sky),
        "luminance": {"image": mean_luma(), "landmark": mean_luma(landmark), "sky": mean_luma(sky)},
    }


def run_tour(app, out_dir: Path) -> int:
    from game.features import TOUR, install

    out_dir.mkdir(parents=True, exist_ok=True)
    app.flow.go("tour")
    mode = install(TOUR, app)
    try:
        # People and traffic at the tour's hour, settled for ten simulated seconds so nobody stands at a spawn point.
        mode.life.update(10.0)
        stops = []
        for lid in app.landmarks:
            stop = render_stop(app, lid)
            stop.update(mode.life.view_summary(app.scene.view(lid).target[:2]))
            app.screenshot(out_dir / f"{lid}.png")
            picture = frame_rgb(app)
            stop["pixels"] = pixel_facts(picture, *class_masks(app, lid))
            stops.append(stop)
            print(f"tour: {lid} draw_calls={stop['draw_calls']} triangles={stop['triangles']} "
                  f"frame_ms={stop['frame_ms']} coverage={stop['pixels']['coverage']}", file=sys.stderr)
    finally:
        mode.release()
    sun = app.pipeline.sun_position
    doc = {
        "size": list(app.config.size),
        "time": app.pipeline.when.isoformat(timespec="seconds"),
        "weather": app.pipeline.weather.name,
        "season": season(app.pipeline.when.date()),
        "sun": {"azimuth": round(sun.azimuth, 2), "elevation": round(sun.elevation, 2)},
        "timings_s": {k: round(v, 3) for k, v in app.timings.items()},
        "baked_materials": list(app.materials.baked),
        "stops": stops,
    }
    tmp = out_dir / "tour.json.tmp"
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(out_dir / "tour.json")
    print(i18n.text("app.tour_written", app.config.language, path=out_dir.resolve()))
    return 0
