"""XR benchmark: ``python -m game.xr.bench [--frames N] [--scene district|test]`` prints one JSON document.

Runs a real session (Monado's simulated HMD unless XR_RUNTIME_JSON names another runtime; Monado is built on
first use by scripts/monado.sh) at the runtime's recommended eye size and reports, after a warm-up:

* ``cpu_ms``: wall time per stereo frame from xrWaitFrame's return to xrEndFrame's return — app logic, cull
  and draw submission for both eyes (on llvmpipe, rasterisation runs on the CPU too and is partly included);
* ``gpu_ms``: GL timestamp difference from the first command of the left eye to the last of the right eye;
* ``draw_calls_per_eye``: Geoms that survived culling for each eye (what cull handed to draw).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from game.config import AppConfig

REPO = Path(__file__).resolve().parents[2]
WARMUP_FRAMES = 10
BUDGET_MS = 11.1  # 90 Hz


def monado_env() -> None:
    """Point at Monado's simulated headset, building it first if needed, unless a runtime is already chosen."""
    if os.environ.get("XR_RUNTIME_JSON"):
        return
    manifest = subprocess.run(["bash", str(REPO / "scripts/monado.sh")], check=True, stdout=subprocess.PIPE,
                              text=True).stdout.strip().splitlines()[-1]  # fmt: skip
    os.environ.update(XR_RUNTIME_JSON=manifest, XRT_COMPOSITOR_NULL="1", SIMULATED_ENABLE="1",
                      SIMULATED_LEFT="simple", SIMULATED_RIGHT="simple", XRT_LOG="error")  # fmt: skip


def _count_geoms(node) -> int:
    from panda3d.core import GeomNode, NodePath

    return sum(n.node().get_num_geoms() for n in NodePath(node).find_all_matches("**/+GeomNode")) + (
        node.get_num_geoms() if isinstance(node, GeomNode) else 0
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.xr.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=90)
    parser.add_argument("--scene", choices=("district", "test"), default="district")
    args = parser.parse_args(argv)
    monado_env()
    os.environ.setdefault("EGL_PLATFORM", "surfaceless")
    from game.xr.district import DistrictBuilder
    from game.xr.run import run_xr
    from game.xr.testscene import build_test_scene

    probe: dict = {"gpu_ns": [], "draws": [0, 0], "driver": None, "pending": None}

    def on_driver(driver) -> None:
        probe["driver"] = driver
        gl, (left, right) = driver.gl, driver.eyes

        def start() -> None:
            if probe["pending"] is not None:  # last frame's queries are done by now: read without stalling
                a, b = probe["pending"]
                probe["gpu_ns"].append(gl.query_ns(b) - gl.query_ns(a))
            probe["start"] = gl.timestamp_query()

        def end() -> None:
            probe["pending"] = (probe["start"], gl.timestamp_query())

        def counter(eye: int):
            def count(cbdata) -> None:
                probe["draws"][eye] = _count_geoms(cbdata.get_cull_result().make_result_graph())

            return count

        left.before_draw, right.after_draw = start, end
        left.on_scene_drawn, right.on_scene_drawn = counter(0), counter(1)

    config = AppConfig(offscreen=True, xr=True, frames=args.frames + WARMUP_FRAMES)
    district = DistrictBuilder()
    builder = district if args.scene == "district" else build_test_scene
    status = run_xr(config, builder, collide=district.collide if args.scene == "district" else None,
                    on_driver=on_driver)  # fmt: skip
    driver = probe["driver"]
    if status != 0 or driver is None:
        return status or 1
    cpu = driver.cpu_ms[WARMUP_FRAMES:]
    gpu = [ns / 1e6 for ns in probe["gpu_ns"][WARMUP_FRAMES:]]
    width, height = driver.eyes[0].size
    result = {
        "runtime": driver.backend.runtime.name,
        "system": driver.backend.system_name,
        "scene": args.scene,
        "eye_size": [width, height],
        "frames": len(cpu),
        "display_period_ms": round(driver.period_ns / 1e6, 2),
        "cpu_ms": _summary(cpu),
        "gpu_ms": _summary(gpu),
        "draw_calls_per_eye": probe["draws"],
        "budget_ms_90hz": BUDGET_MS,
    }
    print(json.dumps(result, indent=2))
    return 0


def _summary(values: list[float]) -> dict:
    if not values:
        return {}
    ordered = sorted(values)
    return {
        "median": round(statistics.median(ordered), 2),
        "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
        "mean": round(statistics.fmean(ordered), 2),
    }


if __name__ == "__main__":
    sys.exit(main())
