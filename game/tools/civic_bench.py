"""Civic benchmark: ``python -m game.civic.bench`` prints JSON with FAQ answer latency, interior load times,
frame times and draw calls per interior scene (offscreen, one ShowBase)."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

QUERIES = ("여궈발급 어디서 해요", "주민 등록등본 떼는법", "쇼파 버리고 싶어요", "따릉 이",
           "where can i pay parking fine",
           "poothole on road", "밤에 공사 소음", "돈의문 어디", "날씨 어때요", "seoul plaza booking")


def faq_latency(rounds: int = 20) -> dict[str, float]:
    from game.civic.faq import Faq, load

    faq = Faq(load())
    times = []
    for _ in range(rounds):
        for q in QUERIES:
            t0 = time.perf_counter()
            faq.search(q)
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"median_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(len(times) * 0.95)], 2),
            "max_ms": round(times[-1], 2), "queries": len(times)}


def scenes(size: str, cache_dir: str | None, frames: int) -> dict[str, dict]:
    from game.app import App
    from game.config import config_from_args
    from game.render.stats import view_stats
    from game.scenes import registry

    argv = ["--offscreen", "--size", size, "--time", "2026-05-15T11:00"] + (["--cache-dir", cache_dir] if cache_dir
                                                                             else [])
    app = App(config_from_args(argv))
    out: dict[str, dict] = {}
    try:
        app.load_world()
        for sid in registry.INTERIORS:
            t0 = time.perf_counter()
            scene = registry.create(app, sid)
            scene.load()
            load_s = time.perf_counter() - t0
            view = scene.view()
            app.look(view.camera, view.target)
            app.step(3)
            ft = app.frame_times(frames)
            stats = view_stats(app.base.render, app.base.cam, app.pipeline.sun_np)
            out[sid] = {"load_ms": round(load_s * 1000, 1), "frame_ms": round(statistics.median(ft), 1),
                        "draw_calls": stats.draw_calls, "main_draw_calls": stats.main_draw_calls,
                        "triangles": stats.triangles}
            scene.release()
    finally:
        app.shutdown()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m game.civic.bench", description=__doc__)
    p.add_argument("--size", default="640x360")
    p.add_argument("--cache-dir")
    p.add_argument("--frames", type=int, default=10)
    args = p.parse_args(argv)
    print(json.dumps({"faq": faq_latency(), "scenes": scenes(args.size, args.cache_dir, args.frames)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
