"""The generated district kept as one ``.bam`` file in the asset cache, so a start reads it instead of building it.

Generating the landmarks and the city is pure numpy and takes seconds at every start; reading the same geometry
back is one Panda3D file read. The cache is keyed by a digest of everything the geometry is made from: the
generator's source files, the district's data files, the catalogue entries and the Panda3D version. Any change
to them gives a new digest and the district is built again and the cache rewritten, so a stale cache is never
shown. Meshes are stored without their materials (each GeomNode is tagged with its material's name, as
``game.bake`` does) and the material library is applied after reading, so textures stay in their own cache.

The street scene (furniture, puddles, the night lights: ``game.scenes.streetscape`` and ``night_lights``) is
assembled at every start outside the cached nodes, but its meshes are pure functions of the same data: a
:class:`MeshMemo` keeps them in the cache too (a second and a half of a start on llvmpipe's machine), under the
district's digest and the source of the modules that call the generators.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
from panda3d.core import Filename, NodePath, RenderState

from game.architecture.building import Box, Building
from game.architecture.mesh import Mesh
from game.landmarks.catalogue import Landmark

ROOT = Path(__file__).resolve().parents[2]
#: What the district's geometry is generated from (besides the catalogue entries).
SOURCES = ("game/architecture", "game/city", "game/render/geom.py", "game/scenes/district.py",
           "game/scenes/district_cache.py", "assets/district")
#: What the street scene's nodes are assembled by (the meshes' generators themselves are in game/city).
STREET_SOURCES = ("game/scenes/streetscape.py", "game/scenes/night_lights.py")
MESHES = "district.bam"
STREET_MESHES = "street-meshes.npz"
MANIFEST = "district.json"
MATERIAL_TAG = "material"
TOP = "district-cache"


def _hash_sources(h, sources: tuple[str, ...]) -> None:
    for source in sources:
        path = ROOT / source
        for file in sorted(path.rglob("*") if path.is_dir() else [path]):
            if file.is_file() and file.suffix in (".py", ".json", ".toml", ".csv"):
                h.update(str(file.relative_to(ROOT)).encode())
                h.update(file.read_bytes())


def digest(landmarks: dict[str, Landmark]) -> str:
    """A hash of the generator, its data and the catalogue: equal digests mean identical geometry."""
    from panda3d.core import PandaSystem

    h = hashlib.sha256(PandaSystem.getVersionString().encode())
    _hash_sources(h, SOURCES)
    entries = [dataclasses.asdict(lm) for lm in landmarks.values()]
    h.update(json.dumps(entries, sort_keys=True, ensure_ascii=False, default=str).encode())
    return h.hexdigest()


def street_digest(key: str) -> str:
    """The street meshes' key: the district's digest and the modules that call their generators."""
    h = hashlib.sha256(key.encode())
    _hash_sources(h, STREET_SOURCES)
    return h.hexdigest()


Made = TypeVar("Made", Mesh, dict[str, Mesh])
FIELDS = ("positions", "normals", "uvs", "colors", "indices")


def made_now(name: str, make: Callable[[], Made]) -> Made:
    """The memo that keeps nothing: ``make()``."""
    return make()


Memo = Callable[[str, Callable[[], Made]], Made]


class MeshMemo:
    """Meshes by name, made once and then read from ``folder`` while ``key`` holds; with no folder it only makes
    them. ``memo(name, make)`` returns what ``make()`` would (a mesh, or meshes by part); :meth:`save` writes what
    was made this start."""

    def __init__(self, folder: Path | None = None, key: str = ""):
        self.folder, self.key = folder, key
        self.made: dict[str, Mesh | dict[str, Mesh]] = {}
        self.fresh = False
        if folder is not None:
            self.made = _read_meshes(folder / STREET_MESHES, key)

    def __call__(self, name: str, make: Callable[[], Made]) -> Made:
        if name not in self.made:
            self.made[name] = make()
            self.fresh = True
        return self.made[name]  # type: ignore[return-value]

    def save(self) -> None:
        """Write the meshes if any were made this start (a partial file is never read: it is renamed in whole)."""
        if self.folder is None or not self.fresh:
            return
        arrays: dict[str, np.ndarray] = {"digest": np.array(self.key)}
        for name, made in self.made.items():
            for part, mesh in (made.items() if isinstance(made, dict) else [(None, made)]):
                label = f"d|{name}|{part}" if part is not None else f"m|{name}"
                arrays.update({f"{label}|{f}": getattr(mesh, f) for f in FIELDS})
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f"{STREET_MESHES}.partial.npz"
        np.savez(partial, **arrays)
        os.replace(partial, self.folder / STREET_MESHES)
        self.fresh = False


def _read_meshes(path: Path, key: str) -> dict[str, Mesh | dict[str, Mesh]]:
    try:
        with np.load(path, allow_pickle=False) as saved:
            if str(saved["digest"]) != key:
                return {}
            fields: dict[str, dict[str, np.ndarray]] = {}
            for label in saved.files:
                if label != "digest":
                    head, field = label.rsplit("|", 1)
                    fields.setdefault(head, {})[field] = saved[label]
    except (OSError, ValueError, KeyError):
        return {}
    made: dict[str, Mesh | dict[str, Mesh]] = {}
    for head, arrays in fields.items():
        mesh = Mesh(**arrays)
        kind, name, *part = head.split("|")
        if kind == "m":
            made[name] = mesh
        else:
            made.setdefault(name, {})[part[0]] = mesh  # type: ignore[index]
    return made


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
