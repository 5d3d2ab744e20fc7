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
