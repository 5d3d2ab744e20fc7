"""The city's lights as nodes: street lamps along the avenues, the blocks' window grids (game/city/night.py) and
the avenues' shop fronts (game/city/facades.py).

Assembled at every start outside the cached district's nodes; their meshes, made from the blocks' boxes and the
streets, are kept in the asset cache beside it (``district_cache.MeshMemo``).
Both follow the pipeline's ``night``, ``windows_lit`` and ``windows_seed`` inputs, set from
the one clock with the sun; none of them enters the sun's shadow pass.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from panda3d.core import BoundingBox, ColorBlendAttrib, LPoint3, NodePath

from game.architecture.building import Box
from game.city import facades, night
from game.city.streets import Street
from game.render.geom import meshes_to_node
from game.render.materials import MaterialLibrary
from game.render.pipeline import cast_no_shadow
from game.render.shaders import load_glsl
from game.scenes.district_cache import Memo, made_now

#: Above simplepbr's shader on the world, below the flat-colour overrides of the tests' mask renders.
SHADER_PRIORITY = 10
TILE = 400.0  # windows are merged per tile, as the blocks are, so distant tiles are culled whole
LAMP_GLOW = 6.0
POOL_GLOW = 0.22
HOUSING = 0.5


def _boxed(name: str, mesh) -> NodePath:
    node = meshes_to_node(name, mesh)
    node.setBounds(BoundingBox(*(LPoint3(*corner) for corner in mesh.bounds())))
    node.setFinal(True)
    return NodePath(node)


def follow_night(root: NodePath, night: float) -> None:
    """The pools of lamplight are additive quads that add nothing by day: drawn only once ``night`` is above 0."""
    pools = root.find("lamps/pools")
    if pools.isEmpty():
        return
    if night > 0:
        pools.show()
    else:
        pools.hide()


def attach(parent: NodePath, city: Iterable[Box], streets: Iterable[Street], materials: MaterialLibrary,
           memo: Memo = made_now) -> NodePath:
    """The lamps, windows and shop fronts under a new node of ``parent``; remove that node to release them.
    ``memo``: where their meshes are kept between starts (``game.scenes.district_cache.MeshMemo``)."""
    streets, city = tuple(streets), tuple(city)
    root = parent.attachNewNode("night-lights")
    tiles: dict[tuple[int, int], list[Box]] = {}
    for b in city:
        tiles.setdefault((math.floor(b[0] / TILE), math.floor(b[1] / TILE)), []).append(b)
    windows = root.attachNewNode("windows")
    for (i, j), boxes in sorted(tiles.items()):
        seed = (i * 7919 + j) & 0xFFFF
        mesh = memo(f"windows-{i}-{j}", lambda boxes=boxes, seed=seed: night.window_mesh(boxes, seed=seed))
        if len(mesh.indices):
            _boxed(f"windows-{i}-{j}", mesh).reparentTo(windows)
    windows.setShader(load_glsl("windows"), SHADER_PRIORITY)
    # a hair in front of the wall in metres, and a little more in depth, so distant façades never fight with it
    windows.setDepthOffset(1)
    # the avenues' ground-floor shop fronts: a few thousand triangles in all, so one node (one draw call) for all
    shops = root.attachNewNode("shops")
    mesh = memo("shops", lambda: facades.shop_faces(city, streets))
    if len(mesh.indices):
        _boxed("shops:all", mesh).reparentTo(shops)
    shops.setShader(load_glsl("shopfront"), SHADER_PRIORITY)
    shops.setDepthOffset(2)

    parts = memo("lamps", lambda: night.lamp_meshes(night.lamp_posts(streets)))
    lamps = root.attachNewNode("lamps")
    if len(parts["poles"].indices):
        shader = load_glsl("streetlight")
        poles, heads, pools = (_boxed(name, parts[name]) for name in ("poles", "heads", "pools"))
        for node in (poles, heads, pools):
            node.reparentTo(lamps)
        materials.apply(poles, "metal")
        heads.setShader(shader, SHADER_PRIORITY)
        heads.setShaderInputs(strength=LAMP_GLOW, housing=HOUSING)
        pools.setShader(shader, SHADER_PRIORITY)
        pools.setShaderInputs(strength=POOL_GLOW, housing=0.0)
        pools.setAttrib(ColorBlendAttrib.make(ColorBlendAttrib.M_add, ColorBlendAttrib.O_one, ColorBlendAttrib.O_one))
        pools.setDepthWrite(False)
        pools.setBin("transparent", 10)
    cast_no_shadow(root)
    return root
