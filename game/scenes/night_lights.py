"""The city's lights as nodes: street lamps along the avenues, the blocks' window grids (game/city/night.py), the
avenues' shop fronts (game/city/facades.py) and the media screens on the towers by the square (game/city/screens.py).

Assembled at every start outside the cached district's nodes; their meshes, made from the blocks' boxes and the
streets, are kept in the asset cache beside it (``district_cache.MeshMemo``).
Both follow the pipeline's ``night``, ``windows_lit`` and ``windows_seed`` inputs, set from
the one clock with the sun; none of them enters the sun's shadow pass.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from panda3d.core import (
    BoundingBox,
    ColorBlendAttrib,
    Filename,
    FontPool,
    LPoint3,
    NodePath,
    TextNode,
    TransparencyAttrib,
)

from game.architecture.building import Box
from game.city import facades, night, screens
from game.city.streets import Street
from game.render.geom import meshes_to_node
from game.render.materials import MaterialLibrary
from game.render.pipeline import cast_no_shadow
from game.render.shaders import load_glsl
from game.scenes.district_cache import Memo, made_now
from game.text import i18n
from ui.fonts import find_korean_font

#: Above simplepbr's shader on the world, below the flat-colour overrides of the tests' mask renders.
SHADER_PRIORITY = 10
TILE = 400.0  # windows are merged per tile, as the blocks are, so distant tiles are culled whole
LAMP_GLOW = 6.0
POOL_GLOW = 0.22
HOUSING = 0.5
SCREEN_DAY, SCREEN_NIGHT = 1.0, 0.8  # an LED screen's glow by day and after dark (linear, before exposure)
SCREEN_TEXT = (2.0, 1.9, 1.6, 1.0)  # the lettering, brighter than the picture behind it
SCREEN_WRAP = 8.0  # em units to a line: a long message takes two


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
    _screens(root, city, streets)
    cast_no_shadow(root)
    return root


def _screens(parent: NodePath, city: tuple[Box, ...], streets: tuple[Street, ...]) -> NodePath:
    """The towers' media screens under a new node ``screens``, each with a line of Hangul from the catalogue's
    ``screens`` strings (none when no Hangul font is installed): two draw calls for all of them."""
    spots = screens.spots(city, streets)
    root = parent.attachNewNode("screens")
    mesh = screens.panel_mesh(spots)
    if not len(mesh.indices):
        return root
    _boxed("screens:panels", mesh).reparentTo(root)
    root.setShader(load_glsl("screen"), SHADER_PRIORITY)
    root.setShaderInputs(glow_day=SCREEN_DAY, glow_night=SCREEN_NIGHT, lettering=0.0)
    path = find_korean_font(bold=True)
    font = FontPool.loadFont(Filename.fromOsSpecific(str(path)).getFullpath()) if path else None
    if font is None or not font.isValid():
        return root
    lines = root.attachNewNode("screens:text")
    keys = sorted(k for k in i18n.load() if k.startswith("screens."))
    for k, spot in enumerate(spots):
        text = TextNode(f"screen-{k}")
        text.setFont(font)
        text.setAlign(TextNode.ACenter)
        text.setTextColor(*SCREEN_TEXT)
        text.setWordwrap(SCREEN_WRAP)
        text.setText(i18n.text(keys[k % len(keys)], "ko"))
        line = lines.attachNewNode(text.generate())
        scale = min(0.86 * spot.width / max(text.getWidth(), 1e-3), 0.7 * spot.height / max(text.getHeight(), 1e-3))
        (cx, cy, cz), (nx, ny) = spot.centre, spot.normal
        line.setScale(scale)
        line.setH(math.degrees(math.atan2(nx, -ny)))  # the text's face (its -Y) turned to the façade's normal
        line.setPos(cx + nx * 0.1, cy + ny * 0.1, cz - 0.5 * (text.getTop() + text.getBottom()) * scale)
    lines.setTransparency(TransparencyAttrib.M_none, 1)
    lines.flattenStrong()
    lines.setShaderInput("lettering", 1.0)
    lines.setDepthOffset(3)
    return root
