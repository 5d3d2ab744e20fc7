"""The street scene built at every start: street furniture, and what the season and the weather do to the
district: ginkgo trees along Sejong-daero, the trees of Gwanghwamun Square and the cherries along the palace's
west wall in the season's colours, the flat ground darkened and puddled by rain, ground and roofs covered by snow,
and snow settled on the trees and the furniture (game/weather.py). Assembled at every start outside the cached
district's nodes (the season and the weather change); the meshes that depend on neither are kept in the asset
cache (``district_cache.MeshMemo``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
from panda3d.core import BoundingBox, ColorBlendAttrib, LPoint3, Material, NodePath

from game.architecture.mesh import Mesh
from game.city import cherries, fountain, furniture, puddles, trees
from game.city.night import LAMP_COLOUR
from game.city.streets import Street
from game.render.geom import meshes_to_node
from game.render.pipeline import cast_no_shadow
from game.render.shaders import load_glsl
from game.scenes.district_cache import MATERIAL_TAG, Memo, made_now
from game.weather import Weather, crown

#: Above simplepbr's shader on the world, below the flat-colour overrides of the tests' mask renders.
SHADER_PRIORITY = 10
FLAT = ("ground", "streets", "open-areas")  # the district's flat nodes (game/scenes/district.py)
SNOWED = ("tile", "paving", "grass")  # the landmarks' materials that snow covers white
SNOWCAPPED = ("ginkgos", "cherries", "furniture", "**/square-trees")  # where snow settles (shaders/snowcap)
TWIGS_HOLD, TOPS_HOLD = -0.3, 0.3  # the upward part of a normal from which snow settles: crowns, furniture
SNOW = (0.86, 0.88, 0.92, 1.0)
LAWNS = 12.0  # metres of a square's west side under lawns and trees (game/architecture/square.py)
PANEL_GLOW, PANEL_DAY = 1.6, 0.9  # a shelter's light box: its glow after dark, its pale face under the day's ambient
JET_GLOW, JET_DAY = 2.5, 0.95  # the fountain's jets: lit in colour after dark, white water under the day's ambient
FOUNTAIN_POOL_GLOW = 0.5  # the coloured light on the wet paving at a jet's foot
PUDDLES_FROM = 0.3  # how wet the weather must be for puddles to stand (rain, not a foggy day's damp)
#: simplepbr's roughness factor on soaked ground (dry it is 1: the textures hold each material's roughness): a film
#: of water turns the paving and asphalt glossy, so they carry the sky's sheen (game/render/sky_light.py) into the
#: distance
WET_ROUGHNESS = 0.35
#: After dusk the street lamps light the trees and the street furniture under them (the night key light, a floodlight
#: on the landmarks, does not reach them): the lamps' warm white, as irradiance on an underside
LAMP_FILL = tuple(c * 0.1 for c in LAMP_COLOUR[:3])


def plant_ginkgos(parent: NodePath, streets: Iterable[Street],
                  footprints: Iterable[tuple[tuple[float, float], tuple[float, float], float]],
                  when: dt.date) -> NodePath:
    """The ginkgo rows under a new node of ``parent``, lit by the backdrop's cheap vertex-colour shader."""
    return _planted(parent, "ginkgos", trees.meshes(trees.positions(streets, footprints), crown("ginkgo", when)))


def plant_square_trees(square: NodePath, spots: np.ndarray, when: dt.date) -> NodePath:
    """The square's trees at ``spots`` (its own frame: game.architecture.square.tree_spots) under its node."""
    return _planted(square, "square-trees", trees.broadleaf_meshes(spots, crown("zelkova", when)))


def plant_cherries(parent: NodePath, gate: NodePath, wall: dict, when: dt.date) -> NodePath:
    """The cherries along the west wall of the palace behind ``gate`` (Gwanghwamun's node, its ``palace_wall``
    params ``wall``) under a new node ``cherries`` of ``parent``, in blossom in early April (game/city/cherries.py).
    Not under the gate's node, so that the gate's own mask and measurements leave them out."""
    root = _planted(parent, "cherries", trees.broadleaf_meshes(cherries.spots(wall), cherries.crown(when), seed=41))
    root.setTransform(gate.getTransform(parent))
    return root


def run_fountain(square: NodePath, params: dict, when: dt.date) -> NodePath | None:
    """The 12·23 fountain round Admiral Yi (game/city/fountain.py) under the square's node, when it runs on
    ``when``: its jets white by day and, like its pools of light on the paving, in colour after dark (the lamp
    shader, on the pipeline's ``night``). None out of season."""
    if not fountain.runs_on(when):
        return None
    parts = fountain.meshes((0.0, float(params["yi"]["north_offset"])))
    root = _planted(square, "fountain", parts)
    shader = load_glsl("streetlight")
    jets, pools = root.find("fountain:jets"), root.find("fountain:pools")
    jets.setShader(shader, SHADER_PRIORITY + 1)
    jets.setShaderInputs(strength=JET_GLOW, housing=JET_DAY)
    pools.setShader(shader, SHADER_PRIORITY + 1)
    pools.setShaderInputs(strength=FOUNTAIN_POOL_GLOW, housing=0.0)
    pools.setAttrib(ColorBlendAttrib.make(ColorBlendAttrib.M_add, ColorBlendAttrib.O_one, ColorBlendAttrib.O_one))
    pools.setDepthWrite(False)
    pools.setBin("transparent", 10)
    return root


def place_furniture(parent: NodePath, streets: Iterable[Street],
                    footprints: Iterable[tuple[tuple[float, float], tuple[float, float], float]],
                    memo: Memo = made_now) -> NodePath:
    """The avenues' bus shelters, benches and bollards (game/city/furniture.py) under a new node ``furniture``;
    the shelters' light boxes glow after dark with the lamp heads' shader. ``memo``: where generated meshes are
    kept between starts (``game.scenes.district_cache.MeshMemo``)."""
    kit = memo("furniture", lambda: furniture.furniture(streets, footprints))
    root = _planted(parent, "furniture", {"fixtures": kit["fixtures"]})
    root.setShaderInput("snow_low", TOPS_HOLD)
    panels = _planted(root, "panels", {"panels": kit["panels"]})
    panels.setShader(load_glsl("streetlight"), SHADER_PRIORITY + 1)
    panels.setShaderInputs(strength=PANEL_GLOW, housing=PANEL_DAY)
    return root


def lay_puddles(parent: NodePath, streets: Iterable[Street], squares: Iterable[tuple[NodePath, dict]],
                memo: Memo = made_now) -> NodePath:
    """The rain puddles under a new node ``puddles`` of ``parent``, hidden until it rains: the streets', and each
    square's on its paving ((square node, its params) each), in the square's frame."""
    root = _planted(parent, "puddles", {"streets": memo("puddles", lambda: puddles.puddles(streets))})
    for node, params in squares:
        size = float(params["width"]), float(params["length"])
        paving = memo(f"puddles-{size[0]}-{size[1]}", lambda size=size: puddles.square_puddles(*size, LAWNS))
        pools = _planted(root, "square", {"paving": paving})
        pools.setTransform(node.getTransform(parent))
    root.setShader(load_glsl("puddle"), SHADER_PRIORITY)
    root.hide()
    return root


def _planted(parent: NodePath, name: str, meshes: dict[str, Mesh]) -> NodePath:
    """``meshes`` under a new node ``name`` of ``parent``, each culled by its box, out of the shadow pass."""
    root = parent.attachNewNode(name)
    for part, mesh in meshes.items():
        if not len(mesh.indices):
            continue
        node = meshes_to_node(f"{name}:{part}", mesh)
        node.setBounds(BoundingBox(*(LPoint3(*corner) for corner in mesh.bounds())))
        node.setFinal(True)
        root.attachNewNode(node)
    root.setShader(load_glsl("snowcap"), SHADER_PRIORITY)
    root.setShaderInputs(snow=0.0, snow_low=TWIGS_HOLD, lamp_fill=LAMP_FILL)
    cast_no_shadow(root)
    return root


def weather_ground(root: NodePath, weather: Weather) -> None:
    """Rain darkens the flat ground (wet asphalt and paving) and fills the puddles; snow covers the ground and the
    roofs' tiles white, drawn with the cheap vertex-colour shader instead of the textured PBR one (an even white
    needs no texture); snow also settles on the trees and the street furniture. Undoes the previous weather's look
    first, so the weather can change while the scene runs."""
    snow = (*(c * weather.snow_cover + (1.0 - weather.snow_cover) * 0.5 for c in SNOW[:3]), 1.0)
    for name in FLAT:
        node = root.find(name)
        if node.isEmpty():
            continue
        _dry(node)
        node.clearMaterial()  # the wet override (the flat node's children carry their own materials)
        if weather.snow_cover:
            node.setShader(load_glsl("backdrop"), SHADER_PRIORITY)
            node.setColor(snow, SHADER_PRIORITY)
        elif weather.wet:
            dark = 1.0 - 0.6 * weather.wet
            node.setColorScale(dark, dark, dark * 1.04, 1.0)
            node.setMaterial(_wet(weather.wet), SHADER_PRIORITY)
    pools = root.find("puddles")
    if not pools.isEmpty():
        if weather.wet >= PUDDLES_FROM:
            pools.show()
        else:
            pools.hide()
    # giwa roofs and the walls' tiled copings, the squares' and courtyards' stone paving and the landmarks' lawns
    for tiles in (found for kind in SNOWED for found in root.findAllMatches(f"**/={MATERIAL_TAG}={kind}")):
        _dry(tiles)
        if weather.snow_cover:
            tiles.setShader(load_glsl("backdrop"), SHADER_PRIORITY)
            tiles.setColor(snow, SHADER_PRIORITY)
    for pattern in SNOWCAPPED:
        for node in root.findAllMatches(pattern):
            node.setShaderInput("snow", weather.snow_cover)


def _wet(wet: float) -> Material:
    """The flat ground's material in the rain: white (the textures keep their colours), glossier the wetter."""
    mat = Material(f"wet-{wet:.2f}")
    mat.setBaseColor((1, 1, 1, 1))
    mat.setMetallic(0.0)
    mat.setRoughness(1.0 + (WET_ROUGHNESS - 1.0) * min(wet, 1.0))
    return mat


def _dry(node: NodePath) -> None:
    """Back to the node's own look: its material under simplepbr's shader, in its own colours."""
    node.clearShader()
    node.clearColor()
    node.clearColorScale()
