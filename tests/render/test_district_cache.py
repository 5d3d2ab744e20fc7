"""The district is read from the asset cache on the next start, and built again when its sources change."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from panda3d.core import Filename, PNMImage

pytestmark = pytest.mark.render
ROOT = Path(__file__).resolve().parents[2]


def shot(cache: Path, out: Path) -> None:
    env = dict(os.environ, EGL_PLATFORM="surfaceless")
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--offscreen", "--size", "320x180", "--scene",
                    "gwanghwamun", "--screenshot", str(out), "--cache-dir", str(cache),
                    "--time", "2026-05-15T14:00+09:00"], cwd=ROOT, env=env, capture_output=True, timeout=300,
                   check=True)


def pixels(path: Path) -> np.ndarray:
    img = PNMImage(Filename.fromOsSpecific(str(path)))
    return np.array([[img.getXel(x, y) for x in range(img.getXSize())] for y in range(img.getYSize())])


def test_a_second_start_reads_the_cached_district_and_a_changed_source_rebuilds_it(tmp_path):
    cache = tmp_path / "cache"
    shot(cache, tmp_path / "built.png")
    meshes, manifest = cache / "district" / "district.bam", cache / "district" / "district.json"
    written = meshes.stat().st_mtime_ns
    digest = json.loads(manifest.read_text(encoding="utf-8"))["digest"]
    shot(cache, tmp_path / "cached.png")
    assert meshes.stat().st_mtime_ns == written  # read, not written again
    assert np.abs(pixels(tmp_path / "built.png") - pixels(tmp_path / "cached.png")).max() < 2 / 255
    doc = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps(dict(doc, digest="made by an older generator")), encoding="utf-8")
    shot(cache, tmp_path / "rebuilt.png")
    assert meshes.stat().st_mtime_ns != written
    assert json.loads(manifest.read_text(encoding="utf-8"))["digest"] == digest
