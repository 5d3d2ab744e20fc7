"""Benchmark: cold start, frame times along a fixed camera path, draw calls and triangles per view, peak RSS.

``python -m game.bench [--out FILE] [--frames N]`` prints one JSON document and writes it to FILE (default
``out/bench.json``). Each measurement runs in its own process (one ShowBase per process), so start-up is
measured from process launch, with an empty and with a warm material cache.
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

ROOT = Path(__file__).resolve().parents[1]
SIZES = ("640x360", "1280x720")


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
                               "--time", "2026-05-15T10:00"])
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


def _spawn(size: str, cache: str, frames: int, views: bool) -> tuple[float, dict]:
    cmd = [sys.executable, "-m", "game.bench", "--worker", "--size", size, "--cache-dir", cache,
           "--frames", str(frames)] + (["--views"] if views else [])
    env = dict(os.environ, EGL_PLATFORM=os.environ.get("EGL_PLATFORM", "surfaceless"))
    start = time.time()  # real time: compared with the worker's first_frame_epoch
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")][-1]
    data = json.loads(line)
    return data.pop("first_frame_epoch") - start, data


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m game.bench", description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "out" / "bench.json")
    p.add_argument("--frames", type=int, default=60, help="frames along the camera path per size")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--size", default="640x360", help=argparse.SUPPRESS)
    p.add_argument("--cache-dir", default="", help=argparse.SUPPRESS)
    p.add_argument("--views", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args)))
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
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
