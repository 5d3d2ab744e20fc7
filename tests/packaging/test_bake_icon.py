"""Build-time generators: the landmark bake (``python -m game.bake``) and the procedural app icon."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np

from game.landmarks import catalogue
from game.tools import bake

ROOT = Path(__file__).resolve().parents[2]


def test_bake_writes_one_loadable_compressed_bam_per_landmark(tmp_path):
    from panda3d.core import Filename, Loader, NodePath

    manifest = bake.bake(tmp_path)
    assert set(manifest["landmarks"]) == set(catalogue.LANDMARK_IDS)
    assert json.loads((tmp_path / bake.MANIFEST).read_text(encoding="utf-8")) == manifest
    entry = manifest["landmarks"]["sungnyemun"]
    node = NodePath(Loader.getGlobalPtr().loadSync(Filename.fromOsSpecific(str(tmp_path / entry["file"]))))
    materials = {child.getTag("material") for child in node.getChildren()}
    assert node.getName() == "sungnyemun" and "granite" in materials
    assert entry["triangles"] > 10_000 and entry["colliders"]
    assert entry["source_sha256"] == bake.entry_digest(catalogue.load()["sungnyemun"])
    raw = sum(e["triangles"] for e in manifest["landmarks"].values()) * 3 * 4  # indices alone, uncompressed
    assert sum(e["bytes"] for e in manifest["landmarks"].values()) < raw * 10


def test_icon_is_a_gate_in_a_rounded_square():
    spec = importlib.util.spec_from_file_location("mseoul_icon", ROOT / "packaging" / "icon.py")
    icon = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(icon)
    img = icon.draw(64)
    assert img.shape == (64, 64, 4)
    assert img[0, 0, 3] == 0 and img[32, 32, 3] == 1, "transparent corners, opaque middle"
    stone = img[int(64 * 0.85), int(64 * 0.25), :3]
    assert np.allclose(stone, icon.STONE, atol=0.02)
    arch = img[int(64 * 0.88), 32, :3]
    assert np.allclose(arch, icon.ARCH, atol=0.02)
    assert img[2, 32, 2] > img[2, 32, 0], "sky is blue at the top"
