"""A landmark can load an official glTF 2.0 model named in the catalogue instead of its procedural body."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.render
ROOT = Path(__file__).resolve().parents[2]


def test_catalogue_model_replaces_the_procedural_body(tmp_path):
    env = dict(os.environ, EGL_PLATFORM="surfaceless", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, str(Path(__file__).with_name("gltf_probe.py")), str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["triangles"] == 1  # the model, not the 5×4-bay pavilion
    assert out["height"] == pytest.approx(12.0, abs=0.01)  # glTF's +Y up became Panda3D's +Z up
    assert out["at"] == pytest.approx(out["expected_at"])  # placed at the catalogue position
    assert out["procedural_gate_triangles"] > 3  # the others stay procedural
