"""The city imported from OpenStreetMap (``python -m game.city.import_osm``), drawn instead of the procedural blocks.

The import leaves a folder (:func:`folder`): ``buildings.json``, the footprints with their heights and honesty tags
(the data, written once by the import), and ``buildings.bam``, their baked geometry: walls and roofs merged per tile
and material (tagged with the material's name, as the district's cache does), the façades' window quads and the
avenues' shop fronts. The bam is keyed, in ``baked.json`` (with the walker's collision boxes), by a digest of the
footprints, the generator's source and the Panda3D version: a start reads it in one file read, and rebakes it from
the footprints when the generator changed, so it is never stale.
Without the folder the district keeps its procedural blocks (the default).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from panda3d.core import BoundingBox, Filename, LPoint3, NodePath, RenderState

from game.city import osm_blocks, streets
from game.render.geom import meshes_to_node
from game.render.materials import MaterialLibrary
from game.render.pipeline import cast_no_shadow
from game.render.shaders import load_glsl
from game.scenes.district_cache import MATERIAL_TAG

ROOT = Path(__file__).resolve().parents[2]
DIRNAME = "osm-city"
DATA = "buildings.json"
MESHES = "buildings.bam"
KEY = "baked.json"
TOP = "osm-city"
#: What the baked geometry is generated from, besides the footprints.
SOURCES = ("game/city/osm_blocks.py", "game/city/osm_roofs.py", "game/city/blocks.py", "game/city/night.py",
           "game/city/facades.py", "game/city/streets.py", "assets/district/streets.json",
           "game/architecture/mesh.py", "game/render/geom.py", "game/scenes/imported_city.py")
WINDOW_SHADER_PRIORITY = 10  # as the procedural blocks' windows (game/scenes/night_lights.py)
Placed = tuple[float, float, float, tuple[tuple[float, ...], ...]]


def folder(cache_dir: Path | None) -> Path:
    """Where the import lives: ``CACHE_DIR/osm-city`` with ``--cache-dir``, else in the user data directory (an
    operator's import is data, not a cache anything could rebuild)."""
    return (cache_dir or Path(platformdirs.user_data_dir("metaverse-seoul", appauthor=False))) / DIRNAME


@dataclass
class ImportedCity:
    """The imported buildings as attached: their node, their footprints and what the import recorded."""

    node: NodePath
    footprints: list[osm_blocks.Footprint]
    summary: dict
    obstacles: list[Placed]  # each building as (x, y, heading, boxes) for ``game.nav.collision.Obstacle``


def digest(data: bytes) -> str:
    from panda3d.core import PandaSystem

    h = hashlib.sha256(PandaSystem.getVersionString().encode())
    for source in SOURCES:
        h.update(source.encode())
        h.update((ROOT / source).read_bytes())
    h.update(data)
    return h.hexdigest()


def write_data(where: Path, fps: list[osm_blocks.Footprint], summary: dict) -> None:
    """The footprints and the import's summary, replacing any earlier import (its baked geometry too)."""
    where.mkdir(parents=True, exist_ok=True)
    for name in (KEY, MESHES):
        (where / name).unlink(missing_ok=True)
    doc = {"version": 1, **summary, "buildings": [fp.to_json() for fp in fps]}
    tmp = where / (DATA + ".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    tmp.replace(where / DATA)


def _boxed(name: str, mesh) -> NodePath:
    node = meshes_to_node(name, mesh)
    node.setBounds(BoundingBox(*(LPoint3(*corner) for corner in mesh.bounds())))
    node.setFinal(True)
    return NodePath(node)


def build(fps: list[osm_blocks.Footprint]) -> NodePath:
    """The buildings' nodes, without materials: ``osm-I-J`` per tile (one child per material, tagged),
    ``windows`` (one node per tile) and ``shops`` (the avenues' shop fronts)."""
    top = NodePath(TOP)
    for (i, j, material), mesh in osm_blocks.tile_meshes(fps).items():
        tile = top.find(f"osm-{i}-{j}")
        if tile.isEmpty():
            tile = top.attachNewNode(f"osm-{i}-{j}")
        child = _boxed(f"osm-{i}-{j}:{material}", mesh)
        child.reparentTo(tile)
        child.setTag(MATERIAL_TAG, material)
    windows = top.attachNewNode("windows")
    tiles: dict[tuple[int, int], list[osm_blocks.Footprint]] = {}
    for fp in fps:
        tiles.setdefault(osm_blocks.tile_of(fp), []).append(fp)
    for (i, j), group in sorted(tiles.items()):
        mesh = osm_blocks.window_mesh(group, seed=(i * 7919 + j) & 0xFFFF)
        if len(mesh.indices):
            _boxed(f"windows-{i}-{j}", mesh).reparentTo(windows)
    shops = top.attachNewNode("shops")  # a few thousand triangles in all: one node, one draw call
    mesh = osm_blocks.shop_mesh(fps, streets.load()[0])
    if len(mesh.indices):
        _boxed("shops:all", mesh).reparentTo(shops)
    return top


def bake(where: Path, fps: list[osm_blocks.Footprint], key: str) -> tuple[NodePath, list[Placed]]:
    """Build the nodes and the collision boxes (half a second for a district's thousands of buildings: baked too)
    and save them with their key, the key last: a bake interrupted is simply stale."""
    top, placed = build(fps), [osm_blocks.colliders(fp) for fp in fps]
    (where / KEY).unlink(missing_ok=True)
    if not top.writeBamFile(Filename.fromOsSpecific(str(where / MESHES))):
        raise OSError(f"could not write {where / MESHES}")
    (where / KEY).write_text(json.dumps({"digest": key, "colliders": placed}), encoding="utf-8")
    return top, placed


def read(where: Path) -> tuple[list[osm_blocks.Footprint], dict, str] | None:
    """The import's footprints, summary and digest; None without an import (or an unreadable one)."""
    try:
        raw = (where / DATA).read_bytes()
        doc = json.loads(raw)
        fps = [osm_blocks.Footprint.from_json(entry) for entry in doc.pop("buildings")]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return fps, doc, digest(raw)


def _baked(where: Path, key: str, loader) -> tuple[NodePath, list[Placed]] | None:
    try:
        baked = json.loads((where / KEY).read_text(encoding="utf-8"))
        if baked.get("digest") != key:
            return None
        placed = [(x, y, h, tuple(tuple(b) for b in boxes)) for x, y, h, boxes in baked["colliders"]]
        model = loader.loadModel(Filename.fromOsSpecific(str(where / MESHES)), noCache=True)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    top = model if model.getName() == TOP else model.find(f"**/{TOP}")
    return None if top.isEmpty() else (top, placed)


def attach(parent: NodePath, where: Path, found: tuple[list[osm_blocks.Footprint], dict, str], loader,
           materials: MaterialLibrary) -> ImportedCity:
    """The imported buildings (``found``: what :func:`read` gave for ``where``) under ``parent`` with their
    materials and lit windows. The baked geometry is read when current, else rebaked from the footprints."""
    fps, summary, key = found
    baked = _baked(where, key, loader)
    if baked is None:
        try:
            baked = bake(where, fps, key)
        except OSError:  # a read-only folder: draw this start's build, bake again next time
            baked = build(fps), [osm_blocks.colliders(fp) for fp in fps]
    top, placed = baked
    top.reparentTo(parent)
    for tagged in top.findAllMatches(f"**/={MATERIAL_TAG}"):
        tagged.setState(RenderState.makeEmpty())
        materials.apply(tagged, tagged.getTag(MATERIAL_TAG))
    windows, shops = top.find("windows"), top.find("shops")
    windows.setShader(load_glsl("windows"), WINDOW_SHADER_PRIORITY)
    windows.setDepthOffset(1)
    shops.setShader(load_glsl("shopfront"), WINDOW_SHADER_PRIORITY)
    shops.setDepthOffset(2)
    for node in (windows, shops):
        cast_no_shadow(node)
    return ImportedCity(top, fps, summary, placed)

