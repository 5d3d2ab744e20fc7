"""The outdoor district: ground, streets, open areas, city blocks, the landmarks and the mountains behind.

Owns every node it creates under one root and the collision index; ``release`` removes them all.
A landmark may load an official glTF 2.0 model named in the catalogue (``model``) instead of its procedural
body; the procedural one is the default. A procedural landmark with a far version (``Building.far_parts``: tile
rows and bracket sets as shells) switches between the two by the camera's distance (``game.render.lod``) in a task
the scene owns, and beyond that to a distant version (the far one simplified by vertex clustering); ``full_detail``
keeps every landmark at full detail (the benchmark's reference).
A sunken landmark (Cheonggyecheon) has its footprint cut out of the ground, lays floors the visitor walks down to,
and its water gets its own shader, whose flow the scene's task advances.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from panda3d.core import BoundingBox, Filename, LPoint3, LVecBase4f, NodePath, PTA_LVecBase4f

from game import geo, tasks, terrain
from game.architecture import vertex_ao
from game.architecture.builders import Building, build_landmark
from game.architecture.building import Box
from game.architecture.cluster import DISTANT_CELL, clustered
from game.architecture.mesh import Mesh, box, merge
from game.architecture.square import tree_spots
from game.architecture.stream import walk_parts
from game.city import blocks, streets
from game.config import AppConfig
from game.festivals import lantern
from game.festivals.scene import LanternFestival
from game.landmarks.catalogue import SUNKEN_KINDS, Landmark
from game.landmarks.views import View, view_for
from game.nav.collision import Obstacle, ObstacleIndex
from game.nav.floors import Floors
from game.render import lod
from game.render.geom import meshes_to_node
from game.render.materials import MaterialLibrary
from game.render.pipeline import OPAQUE_GROUND_LAST, OPAQUE_NEAR_FIRST, cast_no_shadow
from game.render.shaders import load_glsl
from game.scenes import district_cache, imported_city, night_lights, streetscape
from game.weather import weather
from net import clock
from ui.fonts import load_font
from ui.map_credit import MapCredit

Progress = Callable[[int, int, str], None]
#: A landmark's versions by distance (the distant one is the far one with its vertices clustered), and where each
#: takes over from the one before.
STAGE_NAMES = ("near", "far", "distant")
LANDMARK_SWITCHES = (lod.FAR, lod.DISTANT)
#: Above simplepbr's shader on the world, below the flat-colour overrides of the tests' mask renders.
BACKDROP_SHADER_PRIORITY = 10
WATER_LIGHTS = 16  # the stream shader's array size


def ground_rect() -> tuple[float, float, float, float]:
    """The district's ground (east min, east max, north min, north max): the blocks' region and 300 m around."""
    e0, e1, n0, n1 = blocks.REGION
    return e0 - 300, e1 + 300, n0 - 300, n1 + 300


def footprint_rect(lm: Landmark) -> tuple[float, float, float, float]:
    """A landmark's footprint in world axes (east min, east max, north min, north max); its heading must be a
    multiple of 90° (the ground is cut in axis-aligned pieces)."""
    if lm.heading % 90.0:
        raise ValueError(f"landmark {lm.id!r}: a sunken footprint must face a compass point, not {lm.heading}°")
    width, depth = lm.footprint
    ex, ny = (width, depth) if lm.heading % 180.0 == 0.0 else (depth, width)
    x, y = lm.local
    return x - ex / 2, x + ex / 2, y - ny / 2, y + ny / 2


def ground_mesh(holes: list[tuple[float, float, float, float]]) -> Mesh:
    """The ground slab with each hole's rectangle left open: the rest cut into boxes along the holes' edges."""
    e0, e1, n0, n1 = ground_rect()
    xs = sorted({e0, e1, *[v for h in holes for v in h[:2]]})
    ys = sorted({n0, n1, *[v for h in holes for v in h[2:]]})
    pieces = []
    for x0, x1 in zip(xs[:-1], xs[1:], strict=True):
        for y0, y1 in zip(ys[:-1], ys[1:], strict=True):
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            if not any(h[0] < cx < h[1] and h[2] < cy < h[3] for h in holes):
                pieces.append(box((x1 - x0, y1 - y0, 0.02), (cx, cy, -0.02)))
    return merge(pieces)


@dataclass
class DetailLevels:
    """A building's versions, full detail first (then far, then for landmarks the distant ones), its box in its own
    frame, the distances from the box at which each next version takes over, and which one shows."""

    node: NodePath
    stages: list[NodePath]
    lo: tuple[float, float, float]
    hi: tuple[float, float, float]
    switches: tuple[float, ...] = (lod.FAR,)
    showing: int = 0

    @property
    def showing_far(self) -> bool:
        return self.showing > 0

    def show(self, stage: int) -> None:
        if stage != self.showing:
            self.stages[self.showing].hide()
            self.stages[stage].show()
            self.showing = stage


def _boxed(name: str, mesh: Mesh):
    """``mesh`` as a node culled by its box (a flat tile's bounding sphere would reach far past it)."""
    node = meshes_to_node(name, mesh)
    node.setBounds(BoundingBox(*(LPoint3(*corner) for corner in mesh.bounds())))
    node.setFinal(True)
    return node


@dataclass
class DistrictScene:
    base: object  # ShowBase, handed in; used for its loader when a glTF model is named
    parent: NodePath
    materials: MaterialLibrary
    landmarks: dict[str, Landmark]
    config: AppConfig
    root: NodePath | None = None
    buildings: dict[str, Building] = field(default_factory=dict)
    landmark_nodes: dict[str, NodePath] = field(default_factory=dict)
    obstacles: ObstacleIndex | None = None
    floors: Floors | None = None
    levels: dict[str, DetailLevels] = field(default_factory=dict)
    full_detail: bool = False
    backdrop: NodePath | None = None
    night_lights: NodePath | None = None  # street lamps and lit windows (assembled at every start)
    imported: imported_city.ImportedCity | None = None  # real buildings from an OSM import, instead of the blocks
    credit: MapCredit | None = None  # the import's ODbL attribution, on screen while its buildings are drawn
    ginkgos: NodePath | None = None  # Sejong-daero's street trees in the season's colour (built at every start)
    square_trees: list[NodePath] = field(default_factory=list)  # the squares' trees, likewise
    cherries: list[NodePath] = field(default_factory=list)  # the cherries along the palace's west wall, likewise
    when: dt.datetime | None = None  # the scene's instant (the pipeline's): which festival, if any, is on
    festival: LanternFestival | None = None
    water: list[NodePath] = field(default_factory=list)
    flow_time: float = 0.0  # seconds of water flow shown (frame times summed: no clock is read)

    def load(self, progress: Progress | None = None) -> None:
        """Read the district from the asset cache when it was made from the same generator and data; otherwise
        build it (and save it for the next start). The district stays hidden until it is complete, so the loading
        screen's progress frames do not draw a half-built world behind the panel."""
        self.root = self.parent.attachNewNode("district")
        self.root.setBin(OPAQUE_NEAR_FIRST, 0)
        self.root.hide()
        steps = len(self.landmarks) + 2
        folder = self.config.cache_dir / "district" if self.config.cache_dir else None
        osm_folder = imported_city.folder(self.config.cache_dir)
        osm = imported_city.read(osm_folder)  # an operator's OSM import replaces the procedural blocks
        key = district_cache.digest(self.landmarks) + ("+osm" if osm else "") if folder else ""
        saved = district_cache.read(folder, key, self.base.loader) if folder else None
        if saved is None:
            city = self._build(steps, progress, procedural_blocks=osm is None)
            if folder:
                generated = [n for n in self.root.getChildren() if not self._from_model(n.getName())]
                bounds = {lid: (level.lo, level.hi) for lid, level in self.levels.items()}
                district_cache.write(folder, key, generated, self.buildings, bounds, city)
        else:
            city = self._restore(saved, steps, progress)
        if osm:
            self.imported = imported_city.attach(self.root, osm_folder, osm, self.base.loader, self.materials)
            self.credit = MapCredit(self.base.a2dBottomLeft, load_font(self.base.loader))
        memo = district_cache.MeshMemo(folder, district_cache.street_digest(key) if folder else "")
        self._add_backdrop()
        for under_all in (self.root.find("ground"), self.backdrop):
            under_all.setBin(OPAQUE_GROUND_LAST, 0)
        self.night_lights = night_lights.attach(self.root, city, streets.load()[0], self.materials, memo)
        footprints = [(lm.local, lm.footprint, lm.heading) for lm in self.landmarks.values()]
        day = (self.when or self.config.when or clock.now_kst()).date()
        self.ginkgos = streetscape.plant_ginkgos(self.root, streets.load()[0], footprints, day)
        self.square_trees = [streetscape.plant_square_trees(self.landmark_nodes[lm.id], tree_spots(lm.params), day)
                             for lm in self.landmarks.values() if lm.kind == "square" and not lm.model]
        self.cherries = [streetscape.plant_cherries(self.root, self.landmark_nodes[lm.id], lm.params["palace_wall"],
                                                    day)
                         for lm in self.landmarks.values() if "palace_wall" in lm.params and not lm.model]
        for lm in self.landmarks.values():
            if lm.kind == "square" and not lm.model and "yi" in lm.params:
                streetscape.run_fountain(self.landmark_nodes[lm.id], lm.params, day)
        streetscape.place_furniture(self.root, streets.load()[0], footprints, memo)
        streetscape.lay_puddles(self.root, streets.load()[0],
                                [(self.landmark_nodes[lm.id], lm.params) for lm in self.landmarks.values()
                                 if lm.kind == "square" and not lm.model], memo)
        memo.save()
        self.set_weather(self.config.weather)
        obstacles = [Obstacle.around(b) for b in city]
        if self.imported:
            obstacles += [Obstacle(*placed) for placed in self.imported.obstacles]
        floors = []
        for lm in self.landmarks.values():
            colliders = tuple(self.buildings[lm.id].colliders)
            if colliders:
                obstacles.append(Obstacle(*lm.local, geo.heading_to_panda(lm.heading), colliders))
            if lm.kind == "stream" and not lm.model:
                walls, decks = walk_parts(lm.params, lm.local, lm.footprint)
                obstacles += walls
                floors += decks
        self._shade_water()
        self._open_festival()
        if self.festival is not None:
            obstacles += self.festival.obstacles
        self.obstacles = ObstacleIndex(obstacles)
        self.floors = Floors(floors)
        if self.levels:
            self.base.taskMgr.add(self._pick_levels, "district-detail", sort=tasks.LEVEL_OF_DETAIL)
        self.root.show()
        if progress:
            progress(steps, steps, "")

    def set_weather(self, name: str) -> None:
        """The ground and the roofs in the look of weather ``name`` (wet in rain, white in snow); the sky, the light
        and the falling rain or snow are the pipeline's (``RenderPipeline.set_weather``)."""
        streetscape.weather_ground(self.root, weather(name))

    def _add_backdrop(self) -> None:
        """The mountains and N Seoul Tower, built at every start (a tenth of a second) outside the cached district,
        so editing them never rebuilds the city. Far away, they need no textures, no PBR and no shadows: their own
        small shader lights them by the same sun and ambient (the PBR shader on them cost a third of a frame on
        llvmpipe), and they stay out of the sun's shadow pass."""
        self.backdrop = self.root.attachNewNode("backdrop")
        for name, (mesh, far_mesh) in terrain.backdrop_parts(hidden=ground_rect()).items():
            if far_mesh is None:
                self.backdrop.attachNewNode(_boxed(f"backdrop:{name}", mesh))
                continue
            holder = self.backdrop.attachNewNode(f"backdrop:{name}")
            near = holder.attachNewNode(_boxed(f"backdrop:{name}:near", mesh))
            far = holder.attachNewNode(_boxed(f"backdrop:{name}:far", far_mesh))
            far.hide()
            lo, hi = (tuple(map(float, c)) for c in mesh.bounds())
            self.levels[f"backdrop:{name}"] = DetailLevels(holder, [near, far], lo, hi, (terrain.TILE_FAR,))
        self.backdrop.setShader(load_glsl("backdrop"), BACKDROP_SHADER_PRIORITY)
        cast_no_shadow(self.backdrop)

    def _open_festival(self) -> None:
        """The lantern festival's sculptures and board when an edition runs on the scene's day."""
        when = self.when or self.config.when or clock.now_kst()
        place = self.landmarks.get(lantern.place())
        edition = lantern.edition_on(when)
        if edition is not None and place is not None and not place.model and self.water:
            self.festival = LanternFestival(self, edition, when, load_font(self.base.loader))

    def _shade_water(self) -> None:
        """The streams' water takes its own shader (ripples moving downstream, the lanterns' light by night)."""
        self.water = [water for lm in self.landmarks.values() if lm.kind == "stream" and not lm.model
                      for water in self.root.find(lm.id).findAllMatches("**/*:water")]
        if not self.water:
            return
        shader = load_glsl("stream")
        for node in self.water:
            node.setShader(shader, BACKDROP_SHADER_PRIORITY)
            node.setShaderInput("flow_time", 0.0)
            cast_no_shadow(node)
        self.light_water([])
        self.base.taskMgr.add(self._flow, "district-water", sort=tasks.WORLD)

    def light_water(self, lights: list[tuple[tuple[float, float, float, float], tuple[float, float, float, float]]]
                    ) -> None:
        """Lights on the water: ((x, y, z, reach), (r, g, b, strength)) each, at most :data:`WATER_LIGHTS`."""
        lights = lights[:WATER_LIGHTS]
        pad = [((0.0, 0.0, 0.0, 1.0), (0.0, 0.0, 0.0, 0.0))] * (WATER_LIGHTS - len(lights))
        for node in self.water:
            node.setShaderInput("glow_count", len(lights))
            node.setShaderInput("glow", PTA_LVecBase4f([LVecBase4f(*p) for p, _ in lights + pad]))
            node.setShaderInput("glow_colour", PTA_LVecBase4f([LVecBase4f(*c) for _, c in lights + pad]))

    def _flow(self, task):
        self.flow_time += min(self.base.clock.getDt(), 0.1)
        for node in self.water:
            node.setShaderInput("flow_time", self.flow_time)
        return task.cont

    def _from_model(self, name: str) -> bool:
        lm = self.landmarks.get(name)
        return lm is not None and lm.model is not None

    def _build(self, steps: int, progress: Progress | None, procedural_blocks: bool = True) -> list[Box]:
        """Generate ground, streets, city blocks (unless an import replaces them) and landmarks; returns the
        blocks' boxes."""
        street_list, areas = streets.load()
        if progress:
            progress(0, steps, "streets")
        ground = ground_mesh([footprint_rect(lm) for lm in self.landmarks.values() if lm.kind in SUNKEN_KINDS])
        flat = [self._attach(self.root, "ground", {"concrete": ground}),
                self._attach(self.root, "streets", streets.street_meshes(street_list)),
                self._attach(self.root, "open-areas", streets.area_meshes(areas))]
        for node in flat:  # flat on the ground: they receive shadows but cast none worth a shadow pass
            cast_no_shadow(node)
        if progress:
            progress(1, steps, "blocks")
        footprints = [(lm.local, lm.footprint, lm.heading) for lm in self.landmarks.values()]
        city = blocks.generate(street_list, areas, footprints) if procedural_blocks else []
        for (i, j, material), mesh in blocks.block_meshes(city).items():
            self._attach(self.root, f"blocks-{i}-{j}", {material: mesh})
        for k, lm in enumerate(self.landmarks.values()):
            if progress:
                progress(2 + k, steps, lm.id)
            node = self._landmark_node(lm)
            self._place(lm, node)
        return [b.aabb for b in city]

    def _restore(self, saved: district_cache.SavedDistrict, steps: int, progress: Progress | None) -> list[Box]:
        """Attach the saved nodes, give them their materials, and take the measurements from the manifest."""
        if progress:
            progress(1, steps, "cache")
        for child in saved.nodes.getChildren():
            child.reparentTo(self.root)
        for tagged in self.root.findAllMatches(f"**/={district_cache.MATERIAL_TAG}"):
            self.materials.apply(tagged, tagged.getTag(district_cache.MATERIAL_TAG))
        self.buildings.update(saved.buildings)
        for lid, (lo, hi) in saved.bounds.items():
            node = self.root.find(lid)
            self.levels[lid] = DetailLevels(node, [node.find(name) for name in STAGE_NAMES], lo, hi, LANDMARK_SWITCHES)
        for lm in self.landmarks.values():
            node = self.root.find(lm.id) if not lm.model else self._model_node(lm)
            if lm.model:
                self._place(lm, node)
            self.landmark_nodes[lm.id] = node
        return saved.blocks

    def _place(self, lm: Landmark, node: NodePath) -> None:
        x, y = lm.local
        node.setPos(x, y, 0)
        node.setH(geo.heading_to_panda(lm.heading))
        self.landmark_nodes[lm.id] = node

    def _model_node(self, lm: Landmark) -> NodePath:
        """An official glTF model named in the catalogue, instead of the procedural body."""
        node = self.base.loader.loadModel(Filename.fromOsSpecific(str(self.config.assets_dir / lm.model)))
        node.reparentTo(self.root)
        node.setName(lm.id)
        return node

    def _landmark_node(self, lm: Landmark) -> NodePath:
        building = build_landmark(lm)
        if lm.kind in vertex_ao.KINDS and not lm.model:
            building = vertex_ao.with_occlusion(building)
        self.buildings[lm.id] = building
        if lm.model:
            return self._model_node(lm)
        if not building.far_parts:
            return self._attach(self.root, lm.id, building.parts)
        node = self.root.attachNewNode(lm.id)
        stages = [self._attach(node, name, parts) for name, parts in zip(STAGE_NAMES, (
            building.parts, building.far_parts,
            {material: clustered(mesh, DISTANT_CELL) for material, mesh in building.far_parts.items()}), strict=True)]
        for stage in stages[1:]:
            stage.hide()
        lo, hi = building.detail_bounds()
        self.levels[lm.id] = DetailLevels(node, stages, tuple(map(float, lo)), tuple(map(float, hi)),
                                          LANDMARK_SWITCHES)
        return node

    def _pick_levels(self, task):
        """Each landmark at the level its distance from the camera calls for."""
        for level in self.levels.values():
            p = self.base.cam.getPos(level.node)
            distance = lod.box_distance((p.x, p.y, p.z), level.lo, level.hi)
            level.show(0 if self.full_detail else lod.stage(level.showing, distance, level.switches))
        return task.cont

    def _attach(self, parent: NodePath, name: str, parts: dict[str, Mesh]) -> NodePath:
        node = parent.attachNewNode(name)
        for material, mesh in parts.items():
            if not len(mesh.indices):
                continue
            child = node.attachNewNode(meshes_to_node(f"{name}:{material}", mesh))
            child.setTag(district_cache.MATERIAL_TAG, material)
            self.materials.apply(child, material)
        return node

    def static_parts(self) -> list[NodePath]:
        """What never changes by itself, for the still world (``game/render/still_world.py``): the district's
        parts as loaded, with each level-of-detail holder opened up so a switch of level shows as a change of what
        is held. The festival's lanterns stay out (they are lit and dimmed by the hour); the water is live within."""
        holders = {level.node for level in self.levels.values()}
        above = {parent for node in holders for parent in node.getAncestors()}
        live = {self.festival.root, self.festival.washes} if self.festival is not None else set()
        parts: list[NodePath] = []

        def gather(node: NodePath) -> None:
            for child in node.getChildren():
                if child in live:
                    continue
                if child in holders:
                    parts.extend(child.getChildren())
                elif child in above:
                    gather(child)
                else:
                    parts.append(child)

        gather(self.root)
        return parts

    def view(self, landmark_id: str) -> View:
        lm = self.landmarks[landmark_id]
        return view_for(lm, self.buildings[landmark_id].dims.get("total_height", 10.0))

    def follow_night(self, night: float) -> None:
        """What shows only after dusk follows the pipeline's clock (handed to ``RenderPipeline.watch_night``)."""
        if self.night_lights is not None:
            night_lights.follow_night(self.night_lights, night)

    def release(self) -> None:
        if self.festival is not None:
            self.festival.release()
            self.festival = None
        self.base.taskMgr.remove("district-detail")
        self.base.taskMgr.remove("district-water")
        if self.root is not None:
            self.root.removeNode()
        self.root = None
        self.buildings.clear()
        self.landmark_nodes.clear()
        self.levels.clear()
        self.obstacles = None
        self.floors = None
        self.water = []
        self.backdrop = None
        self.night_lights = None
        self.imported = None
        if self.credit is not None:
            self.credit.destroy()
            self.credit = None
        self.ginkgos = None
        self.square_trees = []
        self.cherries = []
