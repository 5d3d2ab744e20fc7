"""Benchmark: cold start, frame times along a fixed camera path, draw calls and triangles per view, peak RSS, and
the ratios that show what the frame's savings are worth.

``python -m game.bench [--out FILE] [--frames N] [--runs N]`` prints one JSON document and writes it to FILE
(default ``out/bench.json``). Each measurement runs in its own process (one ShowBase per process), so start-up is
measured from process launch, with an empty and with a warm material cache.

``ratios`` are measured in the Gwanghwamun Square view with both conditions interleaved in rounds inside one
process (a neighbour's load on shared cores hits both alike): ``still_vs_shadows_every_frame`` (standing still,
the shadow map kept and the static world held (``game/render/still_world.py``) ÷ the shadow map drawn every frame;
``ratio_frame_ms.still_drawn_whole`` is the still frame with the map kept but the world drawn whole), and, with the
whole world drawn as a walking visitor sees it, ``lod_vs_full`` (frame and triangles with levels of detail ÷ all at full
detail), ``avatars_200_vs_0`` (200 remote avatars walking ÷ none). With them: ``walker_query_us`` (median walker
update with collision at the square), ``cull_ms_200_avatars`` (app + cull of a frame with 200 avatars, drawing
skipped; ``avatar_cull_ms`` is the avatars' share of it), ``first_frame_s`` (launch to the first frame, warm
cache) and ``first_live_frame_s`` (launch to the first frame of the interactive app with its alerts, access aids
and city link; ``first_live_frame_cpu_s``: the CPU seconds the process spent to get there, which a neighbour's
load on shared cores does not inflate). Each is ``{min, median, max}`` over ``--runs`` processes (default 3).
The workers keep Python's bytecode in the bench's cache folder, as an installed app has its modules compiled.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZES = ("640x360", "1280x720")
WHEN = "2026-05-15T10:00"  # the sun is pinned: the benchmark never reads the wall clock for the scene
AVATARS = 200
ROUNDS = 3  # rounds of interleaved conditions per ratio
ROUND_FRAMES = 6  # frames per condition per round


def _path_point(t: float) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    """The fixed camera path: walk up Gwanghwamun Square from Admiral Yi to the gate, then look around."""
    y = -150 + 400 * t
    return (-20.0, y, 1.65), (-20.0 + 30 * (t - 0.5), y + 60, 6.0)


def worker(args: argparse.Namespace) -> dict:
    from game.app import App
    from game.config import config_from_args
    from game.render.stats import view_stats
    from game.tour import render_stop

    config = config_from_args(["--offscreen", "--size", args.size, "--cache-dir", args.cache_dir,
                               "--time", WHEN])
    app = App(config)
    app.load_world()
    app.flow.go("explore")
    cam, target = _path_point(0.0)
    app.look(cam, target)
    app.step()
    first_frame = time.time()  # real time: the one clock both bench processes share
    result: dict = {"first_frame_epoch": first_frame, "timings_s": app.timings, "baked": app.materials.baked}
    if args.frames:
        app.step(3)
        times = []
        for i in range(args.frames):
            cam, target = _path_point(i / max(args.frames - 1, 1))
            app.look(cam, target)
            t = time.perf_counter()
            app.step()
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        result["frame_ms"] = {"median": round(statistics.median(times), 2),
                              "p95": round(times[int(0.95 * (len(times) - 1))], 2), "frames": len(times)}
        stats = view_stats(app.base.render, app.base.cam, app.pipeline.sun_np)
        result["path_end_view"] = {"draw_calls": stats.draw_calls, "triangles": stats.triangles}
    if args.views:
        result["views"] = {lid: {k: render_stop(app, lid)[k] for k in ("draw_calls", "triangles", "frame_ms")}
                           for lid in app.landmarks}
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    app.shutdown()
    return result


def _median_ms(app, frames: int, before=None) -> list[float]:
    times = []
    for i in range(frames):
        if before is not None:
            before(i)
        t = time.perf_counter()
        app.step()
        times.append((time.perf_counter() - t) * 1000)
    return times


def _interleaved(app, conditions: dict, before=None) -> dict[str, float]:
    """Median frame ms per condition; ``conditions`` maps a name to a function that sets it up."""
    times: dict[str, list[float]] = {name: [] for name in conditions}
    for _ in range(ROUNDS):
        for name, set_up in conditions.items():
            set_up()
            app.step(2)  # let the change settle (a shadow map drawn once, a level switched)
            times[name] += _median_ms(app, ROUND_FRAMES, before)
    return {name: statistics.median(t) for name, t in times.items()}


def _walker_query_us(obstacles) -> float:
    """Median µs of one walker update with collision, walking the square's east edge past the blocks."""
    from game.nav.walker import Intent, Walker

    walker = Walker(x=-55.0, y=-200.0, heading=0.0, obstacles=obstacles)
    intent = Intent(forward=1.0)
    samples = []
    for _ in range(50):
        t = time.perf_counter()
        for _ in range(40):
            walker.update(0.05, intent)
        samples.append((time.perf_counter() - t) / 40 * 1e6)
    return statistics.median(samples)


def ratio_worker(args: argparse.Namespace) -> dict:
    """The ratios, the walker query and the cull share, in the square view at 640×360."""
    from game.app import App
    from game.config import config_from_args
    from game.render.still_world import paused

    app = App(config_from_args(["--offscreen", "--size", "640x360", "--cache-dir", args.cache_dir, "--time", WHEN]))
    app.load_world()
    app.flow.go("explore")
    cam, target = _path_point(0.0)
    app.look(cam, target)
    app.step(3)
    pipeline = app.pipeline

    def shadows(every: bool, hold: bool = True):
        def set_up() -> None:
            pipeline.cache_shadows = not every
            if pipeline.still is not None:
                pipeline.still.enabled = hold
        return set_up

    shadow = _interleaved(app, {"still": shadows(False), "every_frame": shadows(True),
                                "still_drawn_whole": shadows(False, hold=False)})
    pipeline.cache_shadows = True
    with paused(pipeline.still):  # the rest as a walking visitor's frames: the whole world drawn
        rest = _walking_ratios(app, cam)
    result = {"still_vs_shadows_every_frame": shadow["still"] / shadow["every_frame"], **rest}
    result["frame_ms"] = {"still": shadow["still"], "shadows_every_frame": shadow["every_frame"],
                          "still_drawn_whole": shadow["still_drawn_whole"], **result["frame_ms"]}
    app.shutdown()
    return result


def _walking_ratios(app, cam) -> dict:
    """Levels of detail, the avatars, the walker query and the cull share."""
    from game.render.stats import cull_only, view_stats
    from ui.tools.avatars_bench import make_crowd, walk_crowd

    scene = app.scene

    def detail(full: bool):
        return lambda: setattr(scene, "full_detail", full)

    lod = _interleaved(app, {"lod": detail(False), "full": detail(True)})
    triangles = {}
    for name, full in (("lod", False), ("full", True)):
        scene.full_detail = full
        app.step(2)
        triangles[name] = view_stats(app.base.render, app.base.cam, app.pipeline.sun_np).triangles
    scene.full_detail = False

    crowd_root = app.world.attachNewNode("bench-crowd")
    crowd = make_crowd(crowd_root, AVATARS, app.font, origin=(cam[0], cam[1] + 6.0))
    eye = (cam[0], cam[1])

    def walk(i: int) -> None:
        walk_crowd(crowd, i, eye)

    avatars = _interleaved(app, {"crowd": crowd_root.show, "none": crowd_root.hide}, walk)
    with cull_only(app.base):
        cull = _interleaved(app, {"crowd": crowd_root.show, "none": crowd_root.hide}, walk)
    crowd_root.removeNode()
    return {
        "lod_vs_full": {"frame": lod["lod"] / lod["full"], "triangles": triangles["lod"] / triangles["full"]},
        "avatars_200_vs_0": avatars["crowd"] / avatars["none"],
        "walker_query_us": _walker_query_us(scene.obstacles),
        "cull_ms_200_avatars": cull["crowd"],
        "avatar_cull_ms": cull["crowd"] - cull["none"],
        "frame_ms": {"lod": lod["lod"], "full_detail": lod["full"], "avatars_200": avatars["crowd"],
                     "avatars_0": avatars["none"]},
    }


def live_worker(args: argparse.Namespace) -> dict:
    """The interactive app (alerts, access aids, city link, explore) up to its first frame."""
    from game.app import App
    from game.config import config_from_args
    from game.features import run_desktop

    app = App(config_from_args(["--offscreen", "--size", "640x360", "--cache-dir", args.cache_dir, "--time", WHEN,
                                "--frames", "1"]))
    app.load_world()
    first: list[tuple[float, float]] = []
    step = app.step

    def timed_step(frames: int = 1) -> None:
        step(frames)
        if not first:
            first.append((time.time(), time.process_time()))  # real time: compared across processes

    app.step = timed_step  # the first step after loading is the live app's first frame
    try:
        run_desktop(app)
    finally:
        app.shutdown()
    return {"first_frame_epoch": first[0][0], "cpu_s": first[0][1]}


def _stats(values: list[float], digits: int = 3) -> dict:
    return {"min": round(min(values), digits), "median": round(statistics.median(values), digits),
            "max": round(max(values), digits)}


def _worker_env(cache: str) -> dict[str, str]:
    """The workers' environment: offscreen EGL, and Python's bytecode kept in the bench's cache folder, as an
    installed app runs from compiled modules (a shell with ``PYTHONDONTWRITEBYTECODE`` would have every start
    recompile some 250 modules, a third of a second); the empty-cache cold start compiles them, as a first run
    does."""
    env = dict(os.environ, EGL_PLATFORM=os.environ.get("EGL_PLATFORM", "surfaceless"),
               PYTHONPYCACHEPREFIX=str(Path(cache) / "bytecode"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run(cache: str, *worker_args: str) -> tuple[float, dict]:
    """Run ``python -m game.tools.bench --worker … --cache-dir CACHE``; seconds from launch to its first frame (if
    it reports one) and its JSON."""
    cmd = [sys.executable, "-m", "game.tools.bench", "--worker", *worker_args, "--cache-dir", cache]
    env = _worker_env(cache)
    start = time.time()  # real time: compared with the worker's first_frame_epoch
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")][-1]
    data = json.loads(line)
    return data.pop("first_frame_epoch", start) - start, data


def _spawn(size: str, cache: str, frames: int, views: bool) -> tuple[float, dict]:
    cmd = [sys.executable, "-m", "game.tools.bench", "--worker", "--size", size, "--cache-dir", cache,
           "--frames", str(frames)] + (["--views"] if views else [])
    env = _worker_env(cache)
    start = time.time()  # real time: compared with the worker's first_frame_epoch
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")][-1]
    data = json.loads(line)
    return data.pop("first_frame_epoch") - start, data


def _ratios(cache: str, runs: int) -> dict:
    """The ratio figures, each as min/median/max over ``runs`` processes (warm cache)."""
    runs_data, first, live, live_cpu = [], [], [], []
    for k in range(runs):
        print(f"bench: ratios, run {k + 1}/{runs}…", file=sys.stderr)
        runs_data.append(_run(cache, "--kind", "ratios")[1])
        print(f"bench: first frames, run {k + 1}/{runs}…", file=sys.stderr)
        first.append(_spawn("640x360", cache, 0, False)[0])
        seconds, data = _run(cache, "--kind", "live")
        live.append(seconds)
        live_cpu.append(data["cpu_s"])

    def over_runs(pick) -> dict:
        return _stats([pick(d) for d in runs_data])

    return {
        "ratios": {
            "still_vs_shadows_every_frame": over_runs(lambda d: d["still_vs_shadows_every_frame"]),
            "lod_vs_full": {"frame": over_runs(lambda d: d["lod_vs_full"]["frame"]),
                            "triangles": over_runs(lambda d: d["lod_vs_full"]["triangles"])},
            "avatars_200_vs_0": over_runs(lambda d: d["avatars_200_vs_0"]),
        },
        "ratio_frame_ms": {key: over_runs(lambda d, key=key: d["frame_ms"][key]) for key in runs_data[0]["frame_ms"]},
        "walker_query_us": _stats([d["walker_query_us"] for d in runs_data], 2),
        "cull_ms_200_avatars": _stats([d["cull_ms_200_avatars"] for d in runs_data], 2),
        "avatar_cull_ms": _stats([d["avatar_cull_ms"] for d in runs_data], 2),
        "first_frame_s": _stats(first, 2),
        "first_live_frame_s": _stats(live, 2),
        "first_live_frame_cpu_s": _stats(live_cpu, 2),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m game.bench", description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "out" / "bench.json")
    p.add_argument("--frames", type=int, default=60, help="frames along the camera path per size")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--size", default="640x360", help=argparse.SUPPRESS)
    p.add_argument("--cache-dir", default="", help=argparse.SUPPRESS)
    p.add_argument("--views", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--kind", choices=("path", "ratios", "live"), default="path", help=argparse.SUPPRESS)
    p.add_argument("--runs", type=int, default=3, help="processes per ratio and start-up figure (min/median/max)")
    args = p.parse_args(argv)
    if args.worker:
        run = {"path": worker, "ratios": ratio_worker, "live": live_worker}[args.kind]
        print(json.dumps(run(args)))
        return 0
    report: dict = {"machine": {"cpus": os.cpu_count(), "platform": sys.platform}}
    with tempfile.TemporaryDirectory(prefix="mseoul-bench-") as cache:
        print("bench: cold start, empty asset cache…", file=sys.stderr)
        cold_empty, d0 = _spawn("640x360", cache, 0, False)
        print("bench: cold start, warm asset cache…", file=sys.stderr)
        cold_warm, _ = _spawn("640x360", cache, 0, False)
        report["cold_start_s"] = {"empty_cache": round(cold_empty, 2), "warm_cache": round(cold_warm, 2),
                                  "baked_on_empty": len(d0["baked"])}
        for size in SIZES:
            print(f"bench: frame times at {size}…", file=sys.stderr)
            _, d = _spawn(size, cache, args.frames, size == "640x360")
            report[size] = {k: v for k, v in d.items() if k not in ("baked", "timings_s")}
        report.update(_ratios(cache, args.runs))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
