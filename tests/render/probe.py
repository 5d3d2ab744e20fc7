"""Run a render probe script (one ShowBase in its own process, pinned time) and read the JSON it prints last."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_probe(name: str, *args: str, timeout: float = 300) -> dict:
    """``tests/render/<name> ARGS…``'s last stdout line as JSON; the probe renders offscreen through EGL."""
    env = dict(os.environ, EGL_PLATFORM="surfaceless", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, str(Path(__file__).with_name(name)), *args], env=env, capture_output=True,
                         text=True, timeout=timeout, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def offscreen_pipeline(quality: str, when, size: tuple[int, int] = (320, 180)):
    """Inside a probe process: an offscreen ShowBase of ``size`` through EGL and the app's render pipeline on a
    ``world`` node at ``when`` (naive: read as KST). Returns (base, world, pipeline)."""
    from panda3d.core import loadPrcFileData

    os.environ.setdefault("EGL_PLATFORM", "surfaceless")
    loadPrcFileData("", f"window-type offscreen\nload-display p3headlessgl\nwin-size {size[0]} {size[1]}\n"
                        "framebuffer-srgb false\naudio-library-name null\n")
    from direct.showbase.ShowBase import ShowBase

    from game.config import KST
    from game.render.pipeline import RenderPipeline

    base = ShowBase(windowType="offscreen")
    world = base.render.attachNewNode("world")
    return base, world, RenderPipeline(base, world, quality, when.replace(tzinfo=KST))
