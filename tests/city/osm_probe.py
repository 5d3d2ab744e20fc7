"""Run in its own process by test_import_osm.py: the district with an OSM import, offscreen at a pinned time.

Usage: ``osm_probe.py CACHE_DIR WHEN OUT_DIR BUILDING_ID``. Looks at the imported building ``BUILDING_ID`` from
150 m south, writes the picture, then a mask render (everything black, the imported buildings magenta) and prints
one JSON object: mask pixels inside and outside the building's projected box, the procedural blocks left, the
windows' brightness on the building (with and without them), the draw calls of each tour view, where a
visitor walking into the building's wall is put back, and the ODbL credit: its text and how many pixels of the
screen's bottom-left corner it changes. Without an import, how many procedural blocks stand and the credit (none).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from panda3d.core import Point2, Point3

from game.app import App
from game.config import config_from_args
from game.nav.collision import resolve
from game.render.stats import view_stats

MASK = (1.0, 0.0, 1.0, 1.0)


def frame(base) -> np.ndarray:
    tex = base.win.getScreenshot()
    img = np.frombuffer(tex.getRamImageAs("RGB").getData(), np.uint8)
    return img.reshape(tex.getYSize(), tex.getXSize(), 3)[::-1].astype(int)


def screen(base, xyz) -> tuple[float, float]:
    p2 = Point2()
    base.camLens.project(base.cam.getRelativePoint(base.render, Point3(*xyz)), p2)
    return (p2.x + 1) / 2 * base.win.getXSize(), (1 - p2.y) / 2 * base.win.getYSize()


def mask(app) -> np.ndarray:
    world, node, sky = app.world, app.scene.imported.node, app.pipeline.sky
    saved = world.getState(), node.getState()
    for np_, colour, prio in ((world, (0, 0, 0, 1), 1000), (node, MASK, 1001)):
        np_.setShaderOff(prio)
        np_.setLightOff(prio)
        np_.setTextureOff(prio)
        np_.setColor(colour, prio)
    sky.hide()
    try:
        app.step(2)
        rgb = frame(app.base)
    finally:
        world.setState(saved[0])
        node.setState(saved[1])
        sky.show()
    return (rgb[..., 0] > 150) & (rgb[..., 2] > 150) & (rgb[..., 1] < 60)


def main(cache: str, when: str, out: Path, building: str) -> None:
    app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache, "--time", when]))
    app.load_world()
    scene = app.scene
    blocks = scene.root.findAllMatches("**/blocks-*").getNumPaths()
    if scene.imported is None:  # no import (cleared): the procedural city
        print(json.dumps({"procedural_blocks": blocks, "imported": 0, "credit": scene.credit}))
        app.shutdown()
        return
    fp = next(f for f in scene.imported.footprints if f.id == building)
    x0, y0, _, x1, y1, top = fp.aabb
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    app.look((cx, cy - 150.0, 40.0), (cx, cy, top / 2))
    app.step(3)
    out.mkdir(parents=True, exist_ok=True)
    app.screenshot(out / f"osm-{building}.png")
    shown = frame(app.base)
    corners = [screen(app.base, (x, y, z)) for x in (x0, x1) for y in (y0, y1) for z in (0.0, top)]
    us, vs = [c[0] for c in corners], [c[1] for c in corners]
    box = (max(0, int(min(us))), min(319, int(max(us))), max(0, int(min(vs))), min(179, int(max(vs))))
    m = mask(app)
    inside = np.zeros_like(m)
    inside[box[2]:box[3] + 1, box[0]:box[1] + 1] = True
    windows = scene.imported.node.find("windows")
    windows.hide()
    app.step(2)
    bare = frame(app.base)
    windows.show()
    region = m & inside
    scene.credit.set_visible(False)
    app.step(1)
    corner = (slice(150, 180), slice(0, 240))  # rows, columns of the bottom-left corner at 320×180
    credit_px = int((np.abs(frame(app.base)[corner] - shown[corner]).sum(axis=2) > 60).sum())
    scene.credit.set_visible(True)
    calls = {}
    for lid in app.landmarks:
        view = scene.view(lid)
        app.look(view.camera, view.target)
        app.step(1)
        calls[lid] = view_stats(app.base.render, app.base.cam, app.pipeline.sun_np).draw_calls
    print(json.dumps({
        "box": box, "box_px": int(inside.sum()), "in_box": int(region.sum()), "outside_box": int((m & ~inside).sum()),
        "procedural_blocks": blocks,
        "imported": len(scene.imported.footprints), "summary_imported": scene.imported.summary["imported"],
        "lum_with_windows": float(shown[region].mean()) if region.any() else 0.0,
        "lum_without_windows": float(bare[region].mean()) if region.any() else 0.0,
        "draw_calls": calls,
        "credit": scene.credit.text.getText(), "credit_px": credit_px,
        # a visitor (0.3 m round) stepping 0.5 m into the tower's west wall is put back outside it
        "walked_into": resolve(x0 + 0.5, cy, 0.3, scene.obstacles)[0] - x0,
    }))
    app.shutdown()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4])
