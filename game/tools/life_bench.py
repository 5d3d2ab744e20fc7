"""Benchmark of the city life (issue 16 budgets): ``python -m game.life.bench`` prints one JSON document.

300 walkers and 60 vehicles around Gwanghwamun Square at a pinned time: the simulation update's median CPU
time per frame (budget ≤ 2 ms), the extra draw calls (≤ 20) and the frame time at 640×360 with and without
them (≤ 25 % more). Then the whole district at 200, 1,000 and 2,000 walkers: per count the median simulation
update with the level of detail of :mod:`game.life.lod` and without it, the instance buffers' update and the
frame time, the walkers drawn with the full body and the draw calls. Frame times are wall-clock durations of
rendered frames; the simulation itself only ever sees the fixed ``dt`` handed to it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time

WHEN = "2026-05-15T11:00+09:00"  # the tests' pinned daytime
VIEW = "gwanghwamun-square"
WALKERS, VEHICLES = 300, 60
DISTRICT_WALKERS = (200, 1000, 2000)


def run(size: str, frames: int, cache_dir: str, when: str) -> dict:
    from game.app import App
    from game.config import config_from_args
    from game.life import density, lod, traffic
    from game.life.install import install_city_life
    from game.render.stats import view_stats

    app = App(config_from_args(["--offscreen", "--size", size, "--cache-dir", cache_dir, "--time", when]))
    app.load_world()
    v = app.scene.view(VIEW)
    app.look(v.camera, v.target)
    app.step(5)
    stats0 = view_stats(app.world, app.base.cam, app.pipeline.sun_np)
    # every hotspot at its busiest, scaled to the budget's numbers from the first frame
    data, td = density.load(), traffic.load_data()
    busy = sum(busy for h in data.hotspots for _, busy in h.places)
    when_dt = app.pipeline.when
    volume = td["hourly_volume"]["weekend" if when_dt.weekday() >= 5 else "weekday"][when_dt.hour]
    t0 = time.perf_counter()
    handle = install_city_life(app.base, app.world, app.scene.obstacles, when_dt, seed=1394, run_task=False,
                               crowd_scale=WALKERS / busy, vehicle_scale=VEHICLES / (td["peak_vehicles"] * volume))
    build_s = time.perf_counter() - t0
    life = handle.life
    for h in life.data.hotspots:
        life.set_live_level(h.name, life.data.levels[-1])
    for _ in range(60):
        handle.update(0.5)
    sim, sync = [], []
    for _ in range(300):
        t = time.perf_counter()
        life.update(1 / 60)
        t1 = time.perf_counter()
        handle.renderer.sync(0.0)
        sim.append((t1 - t) * 1000)
        sync.append((time.perf_counter() - t1) * 1000)
    # frames with and without the city life alternate, so a busy machine slows both alike
    with_life, without = [], []
    for k in range(2 * frames + 6):
        shown = k % 2 == 0
        if shown:
            handle.renderer.root.show()
        else:
            handle.renderer.root.hide()
        t = time.perf_counter()
        if shown:
            handle.update(1 / 60)
        app.base.taskMgr.step()
        if k >= 6:
            (with_life if shown else without).append((time.perf_counter() - t) * 1000)
    handle.renderer.root.show()
    walkers, vehicles = life.crowd.count(), int(life.traffic.active.sum())
    stats1 = view_stats(app.world, app.base.cam, app.pipeline.sun_np)
    # the whole district at 200, 1,000 and 2,000 walkers (issue 16's crowd scale), with the level of detail on
    # (the camera's distance sets each walker's update rate and body) and, for the update alone, off
    district = {}
    for count in DISTRICT_WALKERS:
        life.set_scale(count / busy, VEHICLES / (td["peak_vehicles"] * volume))
        for _ in range(20):
            handle.update(0.5)
        update, buffers, frame = [], [], []
        for _ in range(frames):  # the handle's update, timed in its two halves: the simulation, the instance data
            t = time.perf_counter()
            life.update(1 / 60)
            t1 = time.perf_counter()
            handle.renderer.sync(0.0)
            t2 = time.perf_counter()
            app.base.taskMgr.step()
            update.append((t1 - t) * 1000)
            buffers.append((t2 - t1) * 1000)
            frame.append((time.perf_counter() - t2) * 1000)
        near = int(lod.near(life.crowd.pos[life.crowd.present], life.crowd.eye).sum())
        life.set_eye(None)
        full = []
        for _ in range(frames):
            t = time.perf_counter()
            life.update(1 / 60)
            full.append((time.perf_counter() - t) * 1000)
        district[str(count)] = {"walkers": life.crowd.count(), "near_bodies": near,
                                "update_ms_median": round(statistics.median(update), 2),
                                "update_ms_without_lod": round(statistics.median(full), 2),
                                "render_sync_ms_median": round(statistics.median(buffers), 2),
                                "frame_ms_median": round(statistics.median(frame), 2),
                                "life_draw_calls": handle.renderer.draw_calls}
    out = {
        "size": size,
        "time": when,
        "view": VIEW,
        "walkers": walkers,
        "vehicles": vehicles,
        "build_s": round(build_s, 2),
        "sim_update_ms_median": round(statistics.median(sim), 3),
        "render_sync_ms_median": round(statistics.median(sync), 3),
        "district": district,
        "life_draw_calls": handle.renderer.draw_calls,
        "extra_draw_calls": stats1.draw_calls - stats0.draw_calls,
        "frame_ms_without": round(statistics.median(without), 2),
        "frame_ms_with": round(statistics.median(with_life), 2),
    }
    out["frame_ratio"] = round(out["frame_ms_with"] / out["frame_ms_without"], 3)
    handle.release()
    app.shutdown()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m game.life.bench", description=__doc__.splitlines()[0])
    p.add_argument("--size", default="640x360")
    p.add_argument("--frames", type=int, default=30)
    p.add_argument("--time", dest="when", default=WHEN)
    p.add_argument("--cache-dir", default=None)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(run(args.size, args.frames, args.cache_dir or tmp, args.when), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
