"""Run in its own process by test_render.py: the district with its city life at a pinned time, offscreen.

Prints one JSON object: walker pixels counted from a mask render of the Gwanghwamun Square view, draw calls,
the life's summary; writes the picture and the mask as PNGs to the output folder.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np

from game.app import App
from game.config import config_from_args
from game.life.install import install_city_life
from game.render.stats import view_stats

WALKER_MASK = (1.0, 0.0, 1.0, 1.0)


def frame(base) -> np.ndarray:
    tex = base.win.getScreenshot()
    img = np.frombuffer(tex.getRamImageAs("RGB").getData(), np.uint8)
    return img.reshape(tex.getYSize(), tex.getXSize(), 3)[::-1]


def walker_mask(app, handle) -> np.ndarray:
    """Everything black, the walkers (near and far bodies) magenta; vehicles and signals black too (they occlude
    like the rest)."""
    world = app.world
    saved = world.getState()
    world.setShaderOff(1000)
    world.setLightOff(1000)
    world.setTextureOff(1000)
    world.setColor((0, 0, 0, 1), 1000)
    handle.renderer.set_flat_colour((0.0, 0.0, 0.0, 1.0))
    walkers = [handle.renderer.layers[name].node for name in ("walkers", "walkers-far")]
    for node in walkers:
        node.setShaderInput("flat_colour", WALKER_MASK, priority=3000)
    app.pipeline.sky.hide()
    try:
        app.step(2)
        rgb = frame(app.base).astype(int)
    finally:
        world.setState(saved)
        for node in walkers:
            node.clearShaderInput("flat_colour")
        handle.renderer.set_flat_colour(None)
        app.pipeline.sky.show()
    return (rgb[..., 0] > 150) & (rgb[..., 2] > 150) & (rgb[..., 1] < 60)


def walk_cycle() -> None:
    """One walker seen side-on as a flat mask at four phases of its stride: the width its legs span at ankle
    height and at hand height, per phase (vertex animation, not a sliding box)."""
    import os

    from panda3d.core import loadPrcFileData

    os.environ.setdefault("EGL_PLATFORM", "surfaceless")
    loadPrcFileData("", "window-type offscreen\nload-display p3headlessgl\nwin-size 200 200\n"
                        "framebuffer-srgb false\naudio-library-name null\n")
    from direct.showbase.ShowBase import ShowBase

    from game.life import bodies
    from game.life.render import TEXELS, InstanceLayer
    from game.render.shaders import load_glsl

    base = ShowBase(windowType="offscreen")
    base.setBackgroundColor(0, 0, 0, 1)
    base.render.setShaderInput("sky_share", (0.0, 0.0, 0.0))  # the pipeline's, which this probe goes without
    shader = load_glsl("life")
    layer = InstanceLayer(base.render, "walkers", bodies.walker(), 1, shader)
    layer.node.setShaderInput("flat_colour", WALKER_MASK)
    base.camLens.setFov(20)
    base.camera.setPos(8, 0, 0.9)  # east of a walker heading north: legs swing across the picture
    base.camera.lookAt(0, 0, 0.9)
    spans = []
    for phase in (0.0, 1.5708, 3.1416, 4.7124):
        data = np.zeros((1, TEXELS, 4), np.float32)
        data[0, 0] = (0.0, 0.0, 0.0, 1.5708)
        data[0, 1] = (phase, 0.45, 1.0, 0.0)
        layer.write(data)
        for _ in range(2):
            base.taskMgr.step()
        rgb = frame(base).astype(int)
        mask = (rgb[..., 0] > 150) & (rgb[..., 2] > 150) & (rgb[..., 1] < 60)
        rows = np.nonzero(mask.any(axis=1))[0]
        ankle = rows.max() - max(2, (rows.max() - rows.min()) // 20)
        hand = rows.min() + int((rows.max() - rows.min()) * 0.45)
        width = [int(np.ptp(np.nonzero(mask[r])[0])) if mask[r].any() else 0 for r in (ankle, hand)]
        spans.append({"phase": phase, "pixels": int(mask.sum()), "ankle_span": width[0], "hand_span": width[1]})
    print(json.dumps({"spans": spans}))


def _screen(base, xyz: tuple[float, float, float]) -> tuple[int, int] | None:
    """Pixel (column, row from the top) where world point ``xyz`` is drawn, or None off screen."""
    from panda3d.core import Point2, Point3

    p2 = Point2()
    if not base.camLens.project(base.cam.getRelativePoint(base.render, Point3(*xyz)), p2):
        return None
    w, h = base.win.getXSize(), base.win.getYSize()
    return int((p2.x + 1) / 2 * w), int((1 - p2.y) / 2 * h)


def _masked(app, handle, layer: str, colour: tuple[float, float, float, float] | None) -> np.ndarray:
    """A frame with everything black but the life layer ``layer``: in ``colour``, or as it looks (None)."""
    world = app.world
    saved = world.getState()
    world.setShaderOff(1000)
    world.setLightOff(1000)
    world.setTextureOff(1000)
    world.setColor((0, 0, 0, 1), 1000)
    handle.renderer.set_flat_colour((0.0, 0.0, 0.0, 1.0))
    node = handle.renderer.layers[layer].node
    node.setShaderInput("flat_colour", colour or (0.0, 0.0, 0.0, 0.0), priority=3000)
    node.setColor((1, 1, 1, 1), 3000)  # the world's black vertex colour would tint the lamps too
    app.pipeline.sky.hide()
    try:
        app.step(2)
        return frame(app.base).astype(int)
    finally:
        world.setState(saved)
        node.clearShaderInput("flat_colour")
        node.clearColor()
        handle.renderer.set_flat_colour(None)
        app.pipeline.sky.show()


def crosswalk(cache: str, when: str, out: Path) -> None:
    """Gwanghwamun's crosswalk over Yulgok-ro at ``when``, the street emptied: its zebra bars seen from above (a
    mask: the on/off runs along its middle line) and, from the far kerb, the colour its pedestrian signal shows."""
    from game.life import crosswalks

    app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache, "--time", when]))
    app.load_world()
    handle = install_city_life(app.base, app.world, app.scene.obstacles, app.pipeline.when, seed=11, run_task=False,
                               crowd_scale=0.0, vehicle_scale=0.0)
    life = handle.life
    gate = app.scene.view("gwanghwamun").target
    walks = [w for w in crosswalks.crosswalks(life.ways) if w.street == "yulgok-ro"]
    cw = min(walks, key=lambda w: abs((w.start[0] + w.end[0]) / 2 - gate[0]))
    mid = ((cw.start[0] + cw.end[0]) / 2, (cw.start[1] + cw.end[1]) / 2)
    app.look((mid[0] + 32.0, mid[1] - 4.0, 26.0), (mid[0], mid[1], 0.0))
    handle.update(0.0)
    app.step(3)
    out.mkdir(parents=True, exist_ok=True)
    app.screenshot(out / "crosswalk.png")
    mask = _masked(app, handle, "crosswalks", WALKER_MASK)
    mask = (mask[..., 0] > 150) & (mask[..., 2] > 150) & (mask[..., 1] < 60)
    ends = [_screen(app.base, (*p, 0.05)) for p in (cw.start, cw.end)]
    edges = -1
    if None not in ends:  # along the crosswalk's middle line on screen: bar, road, bar, road…
        n = 4 * int(np.hypot(ends[1][0] - ends[0][0], ends[1][1] - ends[0][1])) + 2
        cols = np.linspace(ends[0][0], ends[1][0], n).astype(int).clip(0, mask.shape[1] - 1)
        rows = np.linspace(ends[0][1], ends[1][1], n).astype(int).clip(0, mask.shape[0] - 1)
        line = mask[rows, cols]
        edges = int((line[1:] != line[:-1]).sum())
    # the signal at the far end, seen from in front of it: red and green pixels round its lamp
    x, y, h, _, _ = crosswalks.signal_posts([cw])[0]
    lamp = (x + 0.14 * np.cos(h), y + 0.14 * np.sin(h), 2.82)
    app.look((lamp[0] + 9.0 * np.cos(h), lamp[1] + 9.0 * np.sin(h), 2.6), lamp)
    handle.update(0.0)
    app.step(3)
    app.screenshot(out / "walk-signal.png")
    rgb = _masked(app, handle, "walk-signals", None)
    px = _screen(app.base, lamp)
    patch = rgb[px[1] - 8:px[1] + 9, px[0] - 8:px[0] + 9].reshape(-1, 3) if px else np.zeros((0, 3), int)
    r, g = patch[:, 0], patch[:, 1]
    red = int(((r > 150) & (r > g + 60)).sum())  # the glowing lamp, tone-mapped: red-orange or green-cyan
    green = int(((g > 150) & (g > r + 60)).sum())
    walk = life.junctions[cw.junction].walk_remaining(cw.street, life.clock_s) > 0
    print(json.dumps({"walk": bool(walk), "red_px": red, "green_px": green, "bar_px": int(mask.sum()),
                      "bar_edges": edges, "length": cw.length, "draw_calls": handle.renderer.draw_calls}))
    handle.release()
    app.shutdown()


def bench(cache: str, when: str, out: Path) -> None:
    """A bench on Gwanghwamun Square with someone on it, seen from 4 m in front: the bench drawn (a mask of its
    layer), and the sitter's head lower than a standing person's (the top of the walkers' mask above the bench)."""
    app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache, "--time", when]))
    app.load_world()
    handle = install_city_life(app.base, app.world, app.scene.obstacles, app.pipeline.when, seed=11, run_task=False,
                               vehicle_scale=0.0)
    life, crowd = handle.life, handle.life.crowd
    for _ in range(240):  # two minutes for people to find the benches
        handle.update(0.5)
    sitters = np.nonzero(crowd.seat >= 0)[0]
    counts = np.bincount(crowd.seat[sitters] // 3, minlength=len(life.benches))
    b = life.benches[int(np.argmax(counts))]
    fx, fy = math.cos(b.facing), math.sin(b.facing)
    app.look((b.x + 4.0 * fx, b.y + 4.0 * fy, 1.3), (b.x, b.y, 0.7))
    crowd.visitor = None
    handle.update(0.0)
    app.step(3)
    out.mkdir(parents=True, exist_ok=True)
    app.screenshot(out / "bench.png")
    walkers = walker_mask(app, handle)
    bench_px = _masked(app, handle, "benches", WALKER_MASK)
    bench_px = (bench_px[..., 0] > 150) & (bench_px[..., 2] > 150) & (bench_px[..., 1] < 60)
    cols = np.nonzero(bench_px.any(axis=0))[0]
    over = walkers[:, cols.min():cols.max() + 1] if len(cols) else walkers[:, :0]
    rows = np.nonzero(over.any(axis=1))[0]
    tallest = float(crowd.height[sitters].max()) if len(sitters) else 1.0
    standing_head = _screen(app.base, (b.x, b.y, 1.5 * tallest))
    print(json.dumps({"sitters_here": int(counts.max()), "bench_px": int(bench_px.sum()),
                      "walker_top_row": int(rows.min()) if len(rows) else -1,
                      "standing_head_row": standing_head[1] if standing_head else -1}))
    handle.release()
    app.shutdown()


def main() -> None:
    if sys.argv[1] == "walk-cycle":
        walk_cycle()
        return
    if sys.argv[1] == "bench":
        bench(sys.argv[2], sys.argv[3], Path(sys.argv[4]))
        return
    if sys.argv[1] == "crosswalk":
        crosswalk(sys.argv[2], sys.argv[3], Path(sys.argv[4]))
        return
    cache, when, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    view = sys.argv[4] if len(sys.argv) > 4 else "gwanghwamun-square"
    app = App(config_from_args(["--offscreen", "--size", "640x360", "--cache-dir", cache, "--time", when]))
    app.load_world()
    handle = install_city_life(app.base, app.world, app.scene.obstacles, app.pipeline.when, seed=11, run_task=False)
    v = app.scene.view(view)
    app.look(v.camera, v.target)
    for _ in range(20):  # ten seconds of city life before the picture
        handle.update(0.5)
    app.step(3)
    out.mkdir(parents=True, exist_ok=True)
    app.screenshot(out / f"life-{view}.png")
    stats = view_stats(app.world, app.base.cam, None)
    mask = walker_mask(app, handle)
    from panda3d.core import PNMImage

    img = PNMImage(mask.shape[1], mask.shape[0])
    for y, x in zip(*np.nonzero(mask), strict=True):
        img.setXel(int(x), int(y), 1, 0, 1)
    img.write(str(out / f"mask-{view}.png"))
    # blobs: connected groups of mask pixels, a rough count of visible people
    from collections import deque

    seen = np.zeros_like(mask)
    blobs = 0
    for y, x in zip(*np.nonzero(mask), strict=True):
        if seen[y, x]:
            continue
        blobs += 1
        q = deque([(y, x)])
        seen[y, x] = True
        while q:
            cy, cx = q.popleft()
            for ny, nx in ((cy + 1, cx), (cy - 1, cx), (cy, cx + 1), (cy, cx - 1)):
                if 0 <= ny < mask.shape[0] and 0 <= nx < mask.shape[1] and mask[ny, nx] and not seen[ny, nx]:
                    seen[ny, nx] = True
                    q.append((ny, nx))
    print(json.dumps({"walker_pixels": int(mask.sum()), "walker_blobs": blobs,
                      "life_draw_calls": handle.renderer.draw_calls, "main_draw_calls": stats.main_draw_calls,
                      "near_bodies": handle.renderer.layers["walkers"].count,
                      "below_street": int((handle.life.crowd.present & (handle.life.ways.height(
                          handle.life.crowd.edge, handle.life.crowd.along) < -1.0)).sum()),
                      "far_bodies": handle.renderer.layers["walkers-far"].count,
                      **handle.summary()}, ensure_ascii=False))
    handle.release()
    app.shutdown()


if __name__ == "__main__":
    main()
