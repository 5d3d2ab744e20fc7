"""Run in its own process by test_moon_sky.py (one ShowBase per process): at the instant given (``--time``) the
camera, raised above the square, looks at the Moon where game.moon puts it. Prints JSON facts on the Moon's disc in
the picture: where it is, how much of it is lit, which way its lit part leans against the direction of the sun on
the screen; then the same frame with bloom forced on (it is off on llvmpipe at every preset) and the light in a
ring just outside the disc, before and after. Saves the pictures when given a path (for a person to look at)."""

from __future__ import annotations

import json
import math
import sys
import tempfile
from pathlib import Path

import numpy as np
from panda3d.core import Point2, Point3

from game.tour import REC709_LUMA

EYE = (-20.0, -100.0, 60.0)


def _screen(app, direction: tuple[float, float, float]) -> tuple[float, float] | None:
    """Pixel (column, row from the top) where a direction from the camera lands, or None if off the film."""
    far = Point3(*(e + 1000.0 * d for e, d in zip(EYE, direction, strict=True)))
    film = Point2()
    if not app.base.camLens.project(app.base.cam.getRelativePoint(app.base.render, far), film):
        return None
    w, h = app.base.win.getXSize(), app.base.win.getYSize()
    return ((film.x + 1) / 2 * w, (1 - film.y) / 2 * h)


def disc_facts(app, luma: np.ndarray) -> dict:
    from game.render.sky import sunward_from_moon
    from game.render.sky_model import MOON_DRAWN_RADIUS
    sky = app.pipeline.sky_dome
    moon = sky.moon
    centre = _screen(app, moon.direction())
    # radius in pixels from a point on the disc's rim
    m = np.array(moon.direction())
    side = np.cross(m, (0.0, 0.0, 1.0))
    side /= np.linalg.norm(side)
    r = math.radians(MOON_DRAWN_RADIUS)
    rim = _screen(app, tuple(m * math.cos(r) + side * math.sin(r)))
    radius = math.dist(centre, rim)
    h, w = luma.shape
    rows, cols = np.mgrid[0:h, 0:w]
    dist = np.hypot(cols + 0.5 - centre[0], rows + 0.5 - centre[1])
    disc = dist < radius * 0.85
    ring = (dist > radius * 1.3) & (dist < radius * 2.5)
    background = float(np.median(luma[ring]))
    lit = disc & (luma > background + 60)
    # the way to the sun on the screen: from the Moon's centre along moon_light's share across the sky
    light = np.array(sunward_from_moon(moon, app.pipeline.sun_position.direction()))
    toward = _screen(app, tuple(m + 0.01 * (light - m * float(light @ m))))
    sun_way = np.subtract(toward, centre)
    offset = np.array([cols[lit].mean() + 0.5 - centre[0], rows[lit].mean() + 0.5 - centre[1]]) if lit.any() \
        else np.zeros(2)
    lean = float(offset @ sun_way / (np.linalg.norm(offset) * np.linalg.norm(sun_way) + 1e-9))
    return {"centre": [round(c, 1) for c in centre], "radius_px": round(radius, 2),
            "illuminated": round(moon.illuminated, 3), "lit_share": round(float(lit.sum() / max(disc.sum(), 1)), 3),
            "lean_to_sun": round(lean, 3), "disc": round(float(luma[disc].max()), 1), "sky": round(background, 1),
            "ring": round(float(luma[ring].mean()), 2)}


def main() -> None:
    from game.app import App
    from game.config import config_from_args
    from game.render.bloom import Bloom
    from game.tour import frame_rgb

    when = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="mseoul-moon-") as cache:
        app = App(config_from_args(["--offscreen", "--size", "480x270", "--cache-dir", cache, "--time", when,
                                    "--quality", "low"]))
        app.load_world()
        moon = app.pipeline.sky_dome.moon
        app.look(EYE, tuple(e + 100.0 * d for e, d in zip(EYE, moon.direction(), strict=True)))
        app.step(3)
        out = disc_facts(app, frame_rgb(app).astype(np.float64) @ REC709_LUMA)
        if len(sys.argv) > 2:
            app.screenshot(Path(sys.argv[2]))
        Bloom(app.pipeline.pbr)
        app.step(2)
        out["ring_bloom"] = disc_facts(app, frame_rgb(app).astype(np.float64) @ REC709_LUMA)["ring"]
        if len(sys.argv) > 2:
            app.screenshot(Path(sys.argv[2]).with_suffix(".bloom.png"))
        app.shutdown()
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
