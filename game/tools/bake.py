"""``python -m game.bake OUT_DIR``: write each landmark's procedural geometry as a ``.bam.pz`` file, plus a manifest.

Generating the landmarks is pure numpy and takes seconds; a packaged app can load the ``.bam`` files instead (one
Panda3D read per landmark) when they are present and match its catalogue. Each file holds one node named after
the landmark with one child per material, tagged ``material`` so the app's material library can be applied
after loading exactly as for the generated nodes. ``bake.json`` lists, per landmark, the file, a SHA-256 of the
catalogue entry it was made from (stale bakes are detectable), triangle count, dimensions and colliders.
Materials (textures) are baked by the app into its cache on first start; they are not part of this output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from game.landmarks import catalogue

MANIFEST = "bake.json"


def entry_digest(landmark: catalogue.Landmark) -> str:
    """Hash of what the geometry is generated from (kind, footprint, params), so a catalogue edit is noticed."""
    doc = {"kind": landmark.kind, "footprint": landmark.footprint, "params": landmark.params}
    return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def bake(out_dir: Path) -> dict:
    """Write ``<id>.bam`` for every catalogue landmark and ``bake.json``; returns the manifest."""
    from panda3d.core import Filename, NodePath

    from game.architecture.builders import build_landmark
    from game.render.geom import meshes_to_node

    out_dir.mkdir(parents=True, exist_ok=True)
    manifest: dict = {"landmarks": {}}
    for lm in catalogue.load().values():
        t0 = time.perf_counter()
        building = build_landmark(lm)
        root = NodePath(lm.id)
        triangles = 0
        for material, mesh in building.parts.items():
            if not len(mesh.indices):
                continue
            child = root.attachNewNode(meshes_to_node(f"{lm.id}:{material}", mesh))
            child.setTag("material", material)
            triangles += len(mesh.indices) // 3
        path = out_dir / f"{lm.id}.bam.pz"  # zlib-compressed by Panda3D's VFS on write, read back transparently
        if not root.writeBamFile(Filename.fromOsSpecific(str(path))):
            raise OSError(f"could not write {path}")
        manifest["landmarks"][lm.id] = {
            "file": path.name,
            "source_sha256": entry_digest(lm),
            "triangles": triangles,
            "dims": building.dims,
            "colliders": [list(box) for box in building.colliders],
            "bytes": path.stat().st_size,
            "seconds": round(time.perf_counter() - t0, 3),
        }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m game.bake", description="bake landmark geometry to .bam files")
    p.add_argument("out_dir", type=Path)
    ns = p.parse_args(argv)
    manifest = bake(ns.out_dir)
    total = sum(e["bytes"] for e in manifest["landmarks"].values())
    print(f"baked {len(manifest['landmarks'])} landmarks ({total / 1e6:.1f} MB) into {ns.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
