"""Draws the city life: one instanced draw call per body kind (walkers, cars and taxis, buses, scooters, signals,
pedestrian signals) and one for the crosswalks' zebra bars.

Per-instance data (place, heading, walk phase, colours) is written each frame into a buffer texture that the
vertex shader reads by ``gl_InstanceID``; the walk cycle is vertex animation in the shader. Colours are linear
(the district's PBR pipeline tone-maps the frame). Nothing here decides anything: it shows ``CityLife``.
"""

from __future__ import annotations

import math

import numpy as np
from panda3d.core import GeomEnums, NodePath, OmniBoundingVolume, PTA_LVecBase3f, Shader, Texture

from game.architecture.mesh import Mesh, srgb_to_linear
from game.life import bodies, crosswalks, lod
from game.life.signals import Light
from game.life.traffic import KINDS
from game.life.world import CityLife
from game.render.geom import meshes_to_node
from game.render.shaders import load_glsl

TEXELS = 4  # per instance
MASK_PRIORITY = 2000  # above the tour's flat-colour masks (1000), so instances keep their places there

# Seoul street clothing by season (estimated from street photographs: dark coats in winter, light in summer)
SEASON_TOPS = {
    "winter": ["#1f1f24", "#2b2d33", "#4a3f36", "#6b6e73", "#26324a", "#7d2e2e", "#c9c3b8", "#3b4a3b"],
    "spring": ["#e8e4da", "#9bb0c9", "#c98f8f", "#2f3440", "#d9c6a0", "#5b6b5a", "#f0f0ee", "#8a8f99"],
    "summer": ["#f4f4f2", "#a9c7e0", "#e6d9b8", "#2a2a2e", "#e39b8a", "#8fb59a", "#f2e27a", "#5c7fa8"],
    "autumn": ["#6b4e3a", "#2f3440", "#8a7a5c", "#c9c3b8", "#3b4a3b", "#7a3030", "#1f1f24", "#a38f6e"],
}
BOTTOMS = ["#1c1d22", "#2a3550", "#3d4048", "#6e6a62", "#c8c2b4", "#4a3a2e", "#24262b", "#5a6a84"]
SLOTS = {bodies.SKIN: "#c89a7a", bodies.SHOES: "#1b1b1d", bodies.GLASS: "#1a2129", bodies.TYRE: "#151515",
         bodies.ACCENT: "#eeeeea", bodies.HEADLIGHT: "#fff6dc", bodies.TAILLIGHT: "#d01818", bodies.SIGN: "#f3d24a"}
LIGHT_RGB = {Light.GREEN: (0.05, 1.0, 0.35), Light.YELLOW: (1.0, 0.7, 0.0), Light.RED: (1.0, 0.05, 0.02)}
BENCH_WOOD = "#8a5a36"
DELIVERY_BOXES = ["#c8202a", "#2a5fc8", "#f0f0ee", "#1aa05a"]


def _lin(hex_srgb: str) -> tuple[float, float, float]:
    return srgb_to_linear(hex_srgb)


def season_of(month: int) -> str:
    return {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring", 6: "summer",
            7: "summer", 8: "summer"}.get(month, "autumn")


class InstanceLayer:
    """One mesh drawn ``count`` times; instance data in a float buffer texture."""

    def __init__(self, parent: NodePath, name: str, mesh: Mesh, capacity: int, shader: Shader):
        self.capacity = capacity
        self.node = parent.attachNewNode(meshes_to_node(name, mesh))
        self.tex = Texture(f"{name}-instances")
        self.tex.setupBufferTexture(capacity * TEXELS, Texture.T_float, Texture.F_rgba32, GeomEnums.UH_dynamic)
        self.node.setShader(shader, MASK_PRIORITY)
        self.node.setShaderInput("instances", self.tex)
        colours = PTA_LVecBase3f.emptyArray(12)
        for slot, hex_srgb in SLOTS.items():
            colours[slot] = _lin(hex_srgb)
        self.node.setShaderInput("slot_colour", colours)
        self.node.setShaderInput("night", 0.0)
        self.node.setShaderInput("flat_colour", (0.0, 0.0, 0.0, 0.0))
        self.node.node().setBounds(OmniBoundingVolume())
        self.node.node().setFinal(True)
        self.count = 0

    def write(self, data: np.ndarray) -> None:
        """``data``: (n, TEXELS, 4) float32 for the n instances to draw this frame."""
        n = min(len(data), self.capacity)
        self.count = n
        if n:
            buf = np.zeros((self.capacity, TEXELS, 4), np.float32)
            buf[:n] = data[:n]
            memoryview(self.tex.modifyRamImage()).cast("B")[:] = buf.tobytes()
        self.node.setInstanceCount(max(n, 1))
        if n:
            self.node.show()
        else:
            self.node.hide()


class LifeRenderer:
    def __init__(self, parent: NodePath, life: CityLife, walkers: int = 2000, vehicles: int = 400):
        self.life = life
        self.root = parent.attachNewNode("city-life")
        shader = load_glsl("life")
        self.layers = {
            "walkers": InstanceLayer(self.root, "walkers", bodies.walker(), walkers, shader),
            "walkers-far": InstanceLayer(self.root, "walkers-far", bodies.walker_far(), walkers, shader),
            "cars": InstanceLayer(self.root, "cars", bodies.car(), vehicles, shader),
            "buses": InstanceLayer(self.root, "buses", bodies.bus(), vehicles // 4, shader),
            "scooters": InstanceLayer(self.root, "scooters", bodies.scooter(), vehicles // 4, shader),
        }
        self._signals = self._signal_posts()
        self.layers["signals"] = InstanceLayer(self.root, "signals", bodies.signal_head(), max(len(self._signals), 1),
                                        shader)
        walks = crosswalks.crosswalks(life.ways)
        self._walk_signals = crosswalks.signal_posts(walks)
        self.layers["walk-signals"] = InstanceLayer(self.root, "walk-signals", bodies.walk_signal(),
                                                    max(len(self._walk_signals), 1), shader)
        self.layers["crosswalks"] = InstanceLayer(self.root, "crosswalks",
                                                  crosswalks.zebra(walks, (bodies.ACCENT, bodies.RIGID)), 1, shader)
        self.layers["benches"] = InstanceLayer(self.root, "benches", bodies.bench(), max(len(life.benches), 1), shader)
        seats = np.zeros((len(life.benches), TEXELS, 4), np.float32)
        for k, b in enumerate(life.benches):
            seats[k, 0] = (b.x, b.y, 0.0, b.facing)
            seats[k, 1, 2] = 1.0
            seats[k, 2, 0:3] = _lin(BENCH_WOOD)
        self.layers["benches"].write(seats)
        paint = np.zeros((1, TEXELS, 4), np.float32)
        paint[0, 0, 3] = math.pi / 2  # the bars are in world metres already: no turn, no offset
        paint[0, 1, 2] = 1.0
        self.layers["crosswalks"].write(paint)
        td = life.traffic_data
        self._bus_rgb = np.array([_lin(b["colour"]) for b in td["bus_liveries"]], np.float32)
        self._car_rgb = np.array([_lin(c["colour"]) for c in td["car_colours"]], np.float32)
        self._taxi_rgb = np.array(_lin(td["taxi_colour"]), np.float32)
        self._box_rgb = np.array([_lin(c) for c in DELIVERY_BOXES], np.float32)
        self._bottoms = np.array([_lin(c) for c in BOTTOMS], np.float32)
        self._season = None
        self._tops = np.zeros((1, 3), np.float32)

    def _signal_posts(self) -> list[tuple[float, float, float, int, str]]:
        """(x, y, heading, junction, street) for a signal on the kerb side of each outer lane's stop lines."""
        posts = []
        outer: dict[str, int] = {}
        for ln in self.life.lanes:
            outer[ln.route] = max(outer.get(ln.route, 0), ln.index)
        from game.life.geometry import point_at

        for ln in self.life.lanes:
            if ln.index != outer[ln.route]:
                continue
            for stop, jid, street in ln.stops:
                p, d = point_at(ln.points, ln.lengths, stop)
                right = np.array([d[1], -d[0]])
                x, y = p + right * 3.2
                posts.append((float(x), float(y), math.atan2(-d[1], -d[0]), jid, street))
        return posts

    def set_flat_colour(self, rgba: tuple[float, float, float, float] | None) -> None:
        """Draw everything in one flat colour (mask renders), or None for the normal look."""
        self.root.setShaderInput("flat_colour", rgba or (0.0, 0.0, 0.0, 0.0), priority=MASK_PRIORITY)

    def sync(self, night: float) -> None:
        life = self.life
        season = season_of(life.now.month)
        if season != self._season:
            self._season = season
            self._tops = np.array([_lin(c) for c in SEASON_TOPS[season]], np.float32)
        for layer in self.layers.values():
            layer.node.setShaderInput("night", night)
        data, near = self._walkers()
        self.layers["walkers"].write(data[near])
        far = data[~near]
        far[:, 1, 1] = 0.0  # no stride: the far body is one rigid piece
        far[:, 1, 3] = 0.0  # nor poses
        self.layers["walkers-far"].write(far)
        tr = life.traffic
        idx = np.nonzero(tr.active)[0]
        for name, kinds in (("cars", ("car", "taxi")), ("buses", ("bus",)), ("scooters", ("scooter",))):
            sel = idx[np.isin(tr.kind[idx], [KINDS.index(k) for k in kinds])]
            self.layers[name].write(self._vehicles(sel, name))
        self.layers["signals"].write(self._signal_data())
        self.layers["walk-signals"].write(self._walk_signal_data())

    def _walkers(self) -> tuple[np.ndarray, np.ndarray]:
        """Every walker out on the street, and which of them are near enough for the full body."""
        c = self.life.crowd
        idx = np.nonzero(c.present)[0]
        look = c.look[idx]
        out = np.zeros((len(idx), TEXELS, 4), np.float32)
        out[:, 0, 0:2] = c.pos[idx]
        out[:, 0, 2] = 0.1 + c.ways.height(c.edge[idx], c.along[idx])  # down on the stream's walkways
        out[:, 0, 3] = c.heading[idx]
        out[:, 1, 0] = c.phase[idx]
        out[:, 1, 1] = np.clip(c.speed[idx] / 1.3, 0.0, 1.2) * 0.45
        out[:, 1, 2] = c.height[idx]
        # 2: sitting on a bench; 1: a third of those who stop take a photo
        out[:, 1, 3] = np.where(c.seat[idx] >= 0, 2.0, (c.pause[idx] > 0) & (look % 3 == 0))
        out[:, 2, 0:3] = self._tops[look % len(self._tops)]
        out[:, 2, 3] = ((look >> 6) & 15) / 15.0
        out[:, 3, 0:3] = self._bottoms[(look >> 3) % len(self._bottoms)]
        out[:, 3, 3] = ((look >> 10) & 15) / 15.0 * 0.6
        return out, lod.near(c.pos[idx], c.eye)

    def _vehicles(self, idx: np.ndarray, layer: str) -> np.ndarray:
        tr = self.life.traffic
        out = np.zeros((len(idx), TEXELS, 4), np.float32)
        out[:, 0, 0:2] = tr.pos[idx]
        out[:, 0, 2] = 0.03
        out[:, 0, 3] = tr.heading[idx]
        out[:, 1, 2] = tr.scale[idx]
        livery = tr.livery[idx]
        if layer == "buses":
            out[:, 2, 0:3] = self._bus_rgb[livery % len(self._bus_rgb)]
        elif layer == "cars":
            taxi = tr.kind[idx] == KINDS.index("taxi")
            out[:, 2, 0:3] = np.where(taxi[:, None], self._taxi_rgb, self._car_rgb[livery % len(self._car_rgb)])
            out[:, 1, 3] = taxi
        else:  # scooters: body in a car colour, the delivery box in a courier's colour
            out[:, 2, 0:3] = self._car_rgb[livery % len(self._car_rgb)]
            out[:, 3, 0:3] = self._box_rgb[livery % len(self._box_rgb)]
        return out

    def _signal_data(self) -> np.ndarray:
        clock = self.life.clock_s
        out = np.zeros((len(self._signals), TEXELS, 4), np.float32)
        for k, (x, y, h, jid, street) in enumerate(self._signals):
            out[k, 0] = (x, y, 0.0, h)
            out[k, 1, 2] = 1.0
            out[k, 3, 0:3] = LIGHT_RGB[self.life.junctions[jid].light(street, clock)]
        return out

    def _walk_signal_data(self) -> np.ndarray:
        """The green man while the crossing may be walked (:meth:`Junction.walk_remaining`), else the red man."""
        clock = self.life.clock_s
        out = np.zeros((len(self._walk_signals), TEXELS, 4), np.float32)
        for k, (x, y, h, jid, street) in enumerate(self._walk_signals):
            out[k, 0] = (x, y, 0.0, h)
            out[k, 1, 2] = 1.0
            walk = self.life.junctions[jid].walk_remaining(street, clock) > 0
            out[k, 3, 0:3] = LIGHT_RGB[Light.GREEN if walk else Light.RED]
        return out

    @property
    def draw_calls(self) -> int:
        return sum(1 for layer in self.layers.values() if layer.count)

    def release(self) -> None:
        self.root.removeNode()
