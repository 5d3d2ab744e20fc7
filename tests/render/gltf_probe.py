"""Run in its own process by test_gltf.py: a landmark whose catalogue entry names a glTF 2.0 model loads that
model (through panda3d-gltf) instead of its procedural body. Prints JSON about the landmark node."""

from __future__ import annotations

import base64
import dataclasses
import json
import struct
import sys
from pathlib import Path


def write_triangle_gltf(path: Path) -> None:
    """A minimal valid glTF 2.0: one 12 m tall triangle, positions only, embedded buffer."""
    positions = [(-6.0, 0.0, 0.0), (6.0, 0.0, 0.0), (0.0, 12.0, 0.0)]  # glTF is +Y up
    data = b"".join(struct.pack("<3f", *p) for p in positions)
    doc = {
        "asset": {"version": "2.0"},
        "scene": 0,
        "scenes": [{"nodes": [0]}],
        "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}],
        "buffers": [{"byteLength": len(data),
                     "uri": "data:application/octet-stream;base64," + base64.b64encode(data).decode()}],
        "bufferViews": [{"buffer": 0, "byteLength": len(data)}],
        "accessors": [{"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
                       "min": [-6, 0, 0], "max": [6, 12, 0]}],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")


def main() -> None:
    tmp = Path(sys.argv[1])
    write_triangle_gltf(tmp / "official.gltf")
    from game.app import App
    from game.config import config_from_args
    from game.landmarks import catalogue
    from game.render.materials import MaterialLibrary
    from game.scenes.district import DistrictScene

    config = dataclasses.replace(config_from_args(["--offscreen", "--size", "160x90", "--cache-dir", str(tmp),
                                                  "--time", "2026-05-15T11:00+09:00"]),
                                 assets_dir=tmp)
    app = App(config)
    lms = dict(catalogue.load())
    lms["bosingak"] = dataclasses.replace(lms["bosingak"], model="official.gltf")
    materials = MaterialLibrary(tmp / "materials")
    materials.load_all()
    scene = DistrictScene(app.base, app.world, materials, lms, config)
    scene.load()
    node = scene.landmark_nodes["bosingak"]
    lo, hi = node.getTightBounds()
    x, y = lms["bosingak"].local
    print(json.dumps({"triangles": sum(g.node().getGeom(i).getPrimitive(0).getNumFaces()
                                       for g in node.findAllMatches("**/+GeomNode")
                                       for i in range(g.node().getNumGeoms())),
                      "height": hi.z - lo.z, "at": [node.getX(), node.getY()], "expected_at": [x, y],
                      "procedural_gate_triangles": sum(1 for _ in scene.landmark_nodes["gwanghwamun"]
                                                       .findAllMatches("**/+GeomNode"))}))
    app.shutdown()


if __name__ == "__main__":
    main()
