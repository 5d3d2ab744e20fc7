"""The generated district kept as one ``.bam`` file in the asset cache, so a start reads it instead of building it.

Generating the landmarks and the city is pure numpy and takes seconds at every start; reading the same geometry
back is one Panda3D file read. The cache is keyed by a digest of everything the geometry is made from: the
generator's source files, the district's data files, the catalogue entries and the Panda3D version. Any change
to them gives a new digest and the district is built again and the cache rewritten, so a stale cache is never
shown. Meshes are stored without their materials (each GeomNode is tagged with its material's name, as
``game.bake`` does) and the material library is applied after reading, so textures stay in their own cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from panda3d.core import Filename, NodePath, RenderState

from game.architecture.building import Box, Building
from game.landmarks.catalogue import Landmark

ROOT = Path(__file__).resolve().parents[2]
#: What the district's geometry is generated from (besides the catalogue entries).
SOURCES = ("game/architecture", "game/city", "game/render/geom.py", "game/scenes/district.py",
           "game/scenes/district_cache.py", "assets/district")
MESHES = "district.bam"
MANIFEST = "district.json"
MATERIAL_TAG = "material"
TOP = "district-cache"


def digest(landmarks: dict[str, Landmark]) -> str:
    """A hash of the generator, its data and the catalogue: equal digests mean identical geometry."""
    from panda3d.core import PandaSystem

    h = hashlib.sha256(PandaSystem.getVersionString().encode())
    for source in SOURCES:
        path = ROOT / source
        for file in sorted(path.rglob("*") if path.is_dir() else [path]):
            if file.is_file() and file.suffix in (".py", ".json", ".toml", ".csv"):
                h.update(str(file.relative_to(ROOT)).encode())
                h.update(file.read_bytes())
    entries = [dataclasses.asdict(lm) for lm in landmarks.values()]
    h.update(json.dumps(entries, sort_keys=True, ensure_ascii=False, default=str).encode())
    return h.hexdigest()


@dataclasses.dataclass
class SavedDistrict:
    """What a start needs besides the meshes: each landmark's measurements and the city blocks' boxes."""

    nodes: NodePath  # the saved top node: the district's nodes are its children
    buildings: dict[str, Building]
    bounds: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]]
    blocks: list[Box]


def read(folder: Path, key: str, loader) -> SavedDistrict | None:
    """The saved district if ``folder`` holds one made under ``key``; None when missing, stale or unreadable."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("digest") != key:
        return None
    try:
        model = loader.loadModel(Filename.fromOsSpecific(str(folder / MESHES)), noCache=True)
    except OSError:
        return None
    nodes = model if model.getName() == TOP else model.find(f"**/{TOP}")
    if nodes.isEmpty():
        return None
    buildings = {lid: Building(parts={}, dims=entry["dims"], colliders=[tuple(b) for b in entry["colliders"]])
                 for lid, entry in manifest["buildings"].items()}
    bounds = {lid: (tuple(entry["bounds"][0]), tuple(entry["bounds"][1]))
              for lid, entry in manifest["buildings"].items() if "bounds" in entry}
    return SavedDistrict(nodes, buildings, bounds, [tuple(b) for b in manifest["blocks"]])  # type: ignore[misc]


def write(folder: Path, key: str, nodes: list[NodePath], buildings: dict[str, Building],
          bounds: dict[str, tuple], blocks: list[Box]) -> None:
    """Save ``nodes`` (copied, their material states stripped) and the manifest; the manifest last, so a cache
    interrupted while writing is simply stale."""
    folder.mkdir(parents=True, exist_ok=True)
    root = NodePath(TOP)
    for node in nodes:
        node.copyTo(root)
    for tagged in root.findAllMatches(f"**/={MATERIAL_TAG}"):
        tagged.setState(RenderState.makeEmpty())
    (folder / MANIFEST).unlink(missing_ok=True)
    if not root.writeBamFile(Filename.fromOsSpecific(str(folder / MESHES))):
        raise OSError(f"could not write {folder / MESHES}")
    manifest = {
        "digest": key,
        "buildings": {lid: {"dims": b.dims, "colliders": [list(c) for c in b.colliders],
                            **({"bounds": [list(v) for v in bounds[lid]]} if lid in bounds else {})}
                      for lid, b in buildings.items()},
        "blocks": [list(b) for b in blocks],
    }
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
