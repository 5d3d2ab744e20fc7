"""``python packaging/record_modules.py``: record which modules the app imports at run time, from source, on Linux.

The freezer (``build_apps``) finds modules by reading import statements; modules imported from C (numpy 2's
``numpy._core._exceptions``) or by name (zmq's backend, encodings) escape it, and each build then lacks them on
some platform. So the app is run here the ways users run it — the offscreen tour, a live run with its embedded
hub, a kiosk visit, a CAP alert with speech — and every process's ``sys.modules`` is written to
``packaging/runtime-modules.json`` (committed). ``build.py`` hands the list to the freezer as hidden imports, and
``buildcheck.py`` checks every platform's build against it. Rerun after changing what the app imports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from game.alerts.samples import sample_alert
from game.alerts.targeting import GWANGHWAMUN

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).resolve().parent / "runtime-modules.json"
WHEN = "2026-05-15T11:00+09:00"

# A sitecustomize (found through PYTHONPATH) that, at exit, appends its process's modules (name → kind) as one JSON
# line; spawned children such as the speech worker inherit the environment and record theirs too.
HOOK = """
import atexit, json, os, sys


def _kind(name, module):
    spec = getattr(module, "__spec__", None)
    if spec is not None and spec.name != name:  # os.path is posixpath; importlib._bootstrap is _frozen_importlib
        return "alias"
    path = getattr(module, "__file__", None) or ""
    if path.endswith((".so", ".pyd")):
        return "extension"
    if path.endswith(".py"):
        return "source"
    return "builtin" if module.__name__ in sys.builtin_module_names else "other"


def _dump():
    with open(os.environ["MSEOUL_RECORD_MODULES"], "a", encoding="utf-8") as out:
        out.write(json.dumps({name: _kind(name, m) for name, m in list(sys.modules.items()) if m is not None}) + "\\n")


atexit.register(_dump)
"""


def runs(tmp: Path) -> list[list[str]]:
    """The app's argument lists, one per way it is used."""
    kiosk = tmp / "kiosk.toml"
    kiosk.write_text('site_name = "Record"\nlocation = [37.572, 126.9769]\ndata_dir = "kiosk-data"\n', encoding="utf-8")
    alert = tmp / "alert.xml"  # a drill made on the spot (as the exhibit check's), sent at the pinned time
    alert.write_bytes(sample_alert("RECORD-1", "earthquake", GWANGHWAMUN, dt.datetime.fromisoformat(WHEN)))
    common = ["--offscreen", "--size", "160x90", "--quality", "low", "--cache-dir", str(tmp / "cache")]
    return [
        common + ["--tour", str(tmp / "tour")],
        common + ["--frames", "20"],
        common + ["--kiosk", "--kiosk-settings", str(kiosk), "--frames", "20"],
        common + ["--alert", str(alert), "--screenshot", str(tmp / "alert.png")],
    ]


def record(out: Path = OUT) -> dict[str, str]:
    modules: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="mseoul-record-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
        log = tmp / "modules.jsonl"
        env = {**os.environ, "MSEOUL_RECORD_MODULES": str(log), "MSEOUL_NOW": WHEN, "EGL_PLATFORM": "surfaceless",
               "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT)])}
        env.pop("DISPLAY", None)
        for args in runs(tmp):
            proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=tmp, env=env,
                                  capture_output=True, text=True, timeout=900)
            if proc.returncode != 0:
                raise SystemExit(f"error: main.py {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
        for line in log.read_text(encoding="utf-8").splitlines():
            modules.update(json.loads(line))
    modules = {name: kind for name, kind in sorted(modules.items())
               if name not in ("__main__", "__mp_main__", "sitecustomize") and not name.startswith("__editable__")}
    out.write_text(json.dumps({"python": sys.version.split()[0], "modules": modules}, indent=0) + "\n",
                   encoding="utf-8")
    return modules


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python packaging/record_modules.py", description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=OUT)
    ns = p.parse_args(argv)
    modules = record(ns.out)
    print(f"{len(modules)} modules → {ns.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
