"""Cheonggyecheon's head: Cheonggye Plaza with "Spring", the sunken stream, its walkways, stairs, stepping stones
and first bridges (Mojeongyo, Gwangtonggyo). Pure.

Everything is laid out in stream coordinates: ``s`` east and ``t`` north, metres from the landmark's centre (the
world's axes, moved). The landmark faces west (heading 270, towards Sejong-daero), so its building-local frame is
the stream frame turned a quarter: local x = -t, local y = s. The centreline is a polyline given in the catalogue;
every cross-section is taken across ``t`` at a station ``s`` (the stream runs within 15° of east here, so the
walls lie within 4 % of where true normals would put them). The centreline leaves the head due east, so the
head's wall, its stairs and the walking frames of the first stretch all meet the plaza square.

Cross-section: street level (0) → a vertical granite wall down to the walkways (``walkway_level``) on both banks
→ a kerb down to the water (``water_level``), which fills the middle ``water_width``. Stairs run down both banks
from the plaza's east edge, beside the fall. The district cuts the landmark's footprint out of its ground; this
builder paves the street-level rest of it (plaza, pavements, Cheonggyecheon-ro). Walking comes as world-frame
obstacles and floors (:func:`walk_parts`): the channel's segments are turned, so they are not building colliders.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game import geo
from game.architecture import palette
from game.architecture.building import Building, Parts
from game.architecture.mesh import Mesh, box, rotate_z
from game.architecture.primitives import disc, grid, lathe, quad, sweep
from game.nav.collision import Obstacle
from game.nav.floors import Floor

STATION = 6.0  # metres between cross-sections along the stream
RISE = 0.16  # a stair's step height
RAIL = 1.1  # railing height above the surface it guards
POST_SPACING = 2.5
STONE = (0.8, 0.9)  # a stepping stone's size along s and t
STONE_PITCH = 1.15  # centre to centre across the water
DECK = 1.2  # Mojeongyo's slab thickness
STONE_DECK_RISE = 0.4  # Gwangtonggyo's deck above the walkways: one step
SPRING_RED = palette.rgba("#B8262E")
SPRING_BLUE = palette.rgba("#2C4A8C")
ASPHALT = (0.9, 0.9, 0.9, 1.0)
PAVING = (0.96, 0.95, 0.93, 1.0)
WALL = (0.86, 0.85, 0.82, 1.0)
RAIL_COLOUR = palette.rgba("#5A5E63")


@dataclass(frozen=True)
class Bridge:
    id: str
    s: float  # centre along the stream
    width: float  # along the stream
    length: float  # across it
    deck: str  # "street" (a road bridge at street level) or "stone" (Gwangtonggyo, low over the water)


@dataclass(frozen=True)
class StreamLayout:
    """The stream in stream coordinates (see the module doc)."""

    stations: np.ndarray  # (N, 2) centreline (s, t) from the head downstream
    extent: tuple[float, float, float, float]  # the footprint: s0, s1, t0, t1
    half_channel: float
    half_water: float
    walkway_z: float
    water_z: float
    sidewalk: float
    plaza_width: float
    stairs_length: float
    spring: tuple[float, float]
    spring_height: float
    spring_radius: float
    spring_turns: float
    bridges: tuple[Bridge, ...]
    stones: tuple[float, ...]  # s of each stepping-stone row

    @property
    def head(self) -> float:
        return float(self.stations[0, 0])

    @property
    def end(self) -> float:
        return float(self.stations[-1, 0])

    def t_at(self, s: np.ndarray | float) -> np.ndarray:
        return np.interp(s, self.stations[:, 0], self.stations[:, 1])

    def heading_at(self, s: float) -> float:
        """The centreline's direction at ``s``, degrees counter-clockwise from east."""
        k = int(np.clip(np.searchsorted(self.stations[:, 0], s) - 1, 0, len(self.stations) - 2))
        (s0, t0), (s1, t1) = self.stations[k], self.stations[k + 1]
        return math.degrees(math.atan2(t1 - t0, s1 - s0))

    def samples(self, s0: float | None = None, s1: float | None = None) -> np.ndarray:
        """Stations every :data:`STATION` metres from ``s0`` to ``s1`` (head to end), with the centreline's corners
        and the edges of the bridges and stepping stones, so a cross-section's pieces start and stop there."""
        s0 = self.head if s0 is None else s0
        s1 = self.end if s1 is None else s1
        n = max(2, math.ceil((s1 - s0) / STATION) + 1)
        marks = np.array([*self.stations[:, 0], *[b.s + k * b.width / 2 for b in self.bridges for k in (-1, 1)],
                          *[s + k * (STONE[0] / 2 + 0.3) for s in self.stones for k in (-1, 1)]])
        return np.unique(np.concatenate([np.linspace(s0, s1, n), marks[(marks > s0) & (marks < s1)]]))

    def bridge(self, bridge_id: str) -> Bridge:
        return next(b for b in self.bridges if b.id == bridge_id)


def layout(params: dict, centre: tuple[float, float], footprint: tuple[float, float]) -> StreamLayout:
    """The catalogue's WGS84 parameters as stream coordinates around ``centre`` (the landmark's world position)."""
    cx, cy = centre

    def st(lat: float, lon: float) -> tuple[float, float]:
        x, y = geo.to_local(lat, lon)
        return x - cx, y - cy

    stations = np.array([st(*p) for p in params["centreline"]])
    if np.any(np.diff(stations[:, 0]) <= 0):
        raise ValueError("the centreline must run eastwards (downstream)")
    width, depth = footprint  # the front faces west: its width runs north-south
    sp = params["spring"]
    return StreamLayout(
        stations=stations, extent=(-depth / 2, depth / 2, -width / 2, width / 2),
        half_channel=params["channel_width"] / 2, half_water=params["water_width"] / 2,
        walkway_z=float(params["walkway_level"]), water_z=float(params["water_level"]),
        sidewalk=float(params["sidewalk"]), plaza_width=float(params["plaza_width"]),
        stairs_length=float(params["stairs_length"]),
        spring=st(sp["lat"], sp["lon"]), spring_height=float(sp["height"]), spring_radius=float(sp["radius"]),
        spring_turns=float(sp["turns"]),
        bridges=tuple(Bridge(b["id"], st(b["lat"], b["lon"])[0], float(b["width"]),
                             float(b.get("length", params["channel_width"] + 2.0)), b["deck"])
                      for b in params["bridges"]),
        stones=tuple(st(*p)[0] for p in params["stepping_stones"]),
    )


def plaza_polygon(lay: StreamLayout, centre: tuple[float, float]) -> np.ndarray:
    """Cheonggye Plaza's paved rectangle in world metres (counter-clockwise): open ground people cross freely."""
    s0, _, t0, t1 = lay.extent
    th = float(lay.t_at(lay.head))
    p0, p1 = max(t0, th - lay.plaza_width / 2), min(t1, th + lay.plaza_width / 2)
    return np.array([(s0, p0), (lay.head, p0), (lay.head, p1), (s0, p1)]) + np.asarray(centre)


def _band(ss: np.ndarray, t0: np.ndarray, t1: np.ndarray, z0: float | np.ndarray, z1: float | np.ndarray,
          colour, outward) -> Mesh:
    """A strip between two curves over the stations ``ss``: (s, t0, z0) to (s, t1, z1)."""
    ss = np.asarray(ss, np.float64)
    a = np.stack([ss, np.broadcast_to(t0, ss.shape), np.broadcast_to(z0, ss.shape)], 1)
    b = np.stack([ss, np.broadcast_to(t1, ss.shape), np.broadcast_to(z1, ss.shape)], 1)
    return grid(np.stack([a, b], 0), colour, outward=outward)


def _street_level(lay: StreamLayout, parts: Parts) -> None:
    """The plaza west of the head, then pavements and Cheonggyecheon-ro along both banks to the footprint's edge."""
    s0, s1, t0, t1 = lay.extent
    z = 0.02
    th = float(lay.t_at(lay.head))
    p0, p1 = max(t0, th - lay.plaza_width / 2), min(t1, th + lay.plaza_width / 2)
    parts.add("paving", quad([(s0, p0, z), (lay.head, p0, z), (lay.head, p1, z), (s0, p1, z)], PAVING))
    if p0 > t0:
        parts.add("asphalt", quad([(s0, t0, z), (lay.head, t0, z), (lay.head, p0, z), (s0, p0, z)], ASPHALT))
    if p1 < t1:
        parts.add("asphalt", quad([(s0, p1, z), (lay.head, p1, z), (lay.head, t1, z), (s0, t1, z)], ASPHALT))
    ss = lay.samples(lay.head, s1)
    tc = lay.t_at(ss)
    up = (0.0, 0.0, 1.0)
    for sign, edge in ((1.0, t1), (-1.0, t0)):
        wall = tc + sign * lay.half_channel
        kerb = wall + sign * lay.sidewalk
        parts.add("paving", _band(ss, wall, kerb, z, z, PAVING, up))
        parts.add("asphalt", _band(ss, kerb, np.full_like(ss, edge), z, z, ASPHALT, up))


def _channel(lay: StreamLayout, parts: Parts) -> None:
    """Walls, walkways, kerbs, the water and the fall at the head."""
    ss = lay.samples()
    tc = lay.t_at(ss)
    hc, hw, wz, qz = lay.half_channel, lay.half_water, lay.walkway_z, lay.water_z
    for sign in (1.0, -1.0):
        inward = (0.0, -sign, 0.0)
        parts.add("granite", _band(ss, tc + sign * hc, tc + sign * hc, wz, 0.0, WALL, inward))
        parts.add("paving", _band(ss, tc + sign * hw, tc + sign * hc, wz, wz, PAVING, (0.0, 0.0, 1.0)))
        parts.add("granite", _band(ss, tc + sign * hw, tc + sign * hw, qz - 0.1, wz, WALL, inward))
    parts.add("water", _band(ss, tc - hw, tc + hw, qz, qz, (1, 1, 1, 1), (0.0, 0.0, 1.0)))
    th = float(tc[0])
    # the head: a wall from the water up to the plaza, the fall's sheet just in front of it
    parts.add("granite", quad([(lay.head, th - hw, qz), (lay.head, th + hw, qz), (lay.head, th + hw, 0.0),
                               (lay.head, th - hw, 0.0)], WALL))  # corners counter-clockwise seen from downstream
    parts.add("water", quad([(lay.head + 0.3, th - hw + 0.5, qz), (lay.head + 0.3, th + hw - 0.5, qz),
                             (lay.head + 0.3, th + hw - 0.5, -0.35), (lay.head + 0.3, th - hw + 0.5, -0.35)],
                            (1, 1, 1, 1)))
    te = float(tc[-1])  # the end of the district's stretch: a wall facing upstream
    parts.add("granite", quad([(lay.end, te + hc, qz - 0.1), (lay.end, te - hc, qz - 0.1), (lay.end, te - hc, 0.0),
                               (lay.end, te + hc, 0.0)], WALL))


def _stairs(lay: StreamLayout, parts: Parts) -> int:
    """Two flights from the plaza down to the walkways, one on each bank; returns the number of steps."""
    steps = math.ceil(-lay.walkway_z / RISE - 1e-9)
    run = lay.stairs_length / steps
    rise = -lay.walkway_z / steps
    width = lay.half_channel - lay.half_water
    for sign in (1.0, -1.0):
        blocks = []
        for k in range(steps):
            s = lay.head + (k + 0.5) * run
            top = -(k + 1) * rise
            if top - lay.walkway_z < 1e-6:
                continue
            t = float(lay.t_at(s)) + sign * (lay.half_water + width / 2)
            blocks.append(box((run, width, top - lay.walkway_z), (s, t, lay.walkway_z), WALL))
        parts.add("granite", *blocks)
        ss = np.linspace(lay.head, lay.head + lay.stairs_length, 8)
        t_rail = lay.t_at(ss) + sign * (lay.half_water + 0.1)
        z_rail = np.interp(ss, [lay.head, lay.head + lay.stairs_length], [0.0, lay.walkway_z]) + RAIL
        parts.add("metal", sweep(np.stack([ss, t_rail, z_rail], 1), _RAIL_PROFILE, RAIL_COLOUR, caps=True))
    return steps


_RAIL_PROFILE = [(-0.04, -0.06), (0.04, -0.06), (0.04, 0.0), (-0.04, 0.0)]


def _railings(lay: StreamLayout, parts: Parts) -> None:
    """Rails along both top edges (open where Mojeongyo carries the street across) and across the fall."""
    gaps = [(b.s - b.width / 2, b.s + b.width / 2) for b in lay.bridges if b.deck == "street"]
    cuts = [lay.head, *[v for g in gaps for v in g], lay.end]
    runs = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=True) if b - a > 1.0]
    posts = []
    for a, b in runs:
        ss = lay.samples(a, b)
        for sign in (1.0, -1.0):
            t = lay.t_at(ss) + sign * (lay.half_channel + 0.1)
            parts.add("metal", sweep(np.stack([ss, t, np.full_like(ss, RAIL)], 1), _RAIL_PROFILE, RAIL_COLOUR,
                                     caps=True))
            for s in np.arange(a + 0.5, b, POST_SPACING):
                posts.append(box((0.06, 0.06, RAIL), (s, float(lay.t_at(s)) + sign * (lay.half_channel + 0.1), 0.0),
                                 RAIL_COLOUR))
    th = float(lay.t_at(lay.head))
    ts = np.linspace(th - lay.half_water, th + lay.half_water, 5)
    parts.add("metal", sweep(np.stack([np.full_like(ts, lay.head - 0.15), ts, np.full_like(ts, RAIL)], 1),
                             _RAIL_PROFILE, RAIL_COLOUR, caps=True))
    posts += [box((0.06, 0.06, RAIL), (lay.head - 0.15, t, 0.0), RAIL_COLOUR) for t in ts]
    parts.add("metal", *posts)


def stone_centres(lay: StreamLayout, s: float) -> list[tuple[float, float]]:
    """The (s, t) centres of one row of stepping stones straight across the water (square to the flow) at ``s``."""
    tc = float(lay.t_at(s))
    a = math.radians(lay.heading_at(s))
    across = (-math.sin(a), math.cos(a))
    n = math.floor(2 * lay.half_water * math.cos(a) / STONE_PITCH)
    return [(s + across[0] * d, tc + across[1] * d) for d in (np.arange(n) - (n - 1) / 2) * STONE_PITCH]


def _stepping_stones(lay: StreamLayout, parts: Parts, rng: np.random.Generator) -> None:
    top = lay.walkway_z - 0.05
    parts.add("granite", *[box((*STONE, top - lay.water_z + 0.3), (s, t, lay.water_z - 0.3),
                                palette.jitter(WALL, rng, 0.06))
                           for row in lay.stones for s, t in stone_centres(lay, row)])


def _bridges(lay: StreamLayout, parts: Parts, rng: np.random.Generator) -> None:
    hc, hw = lay.half_channel, lay.half_water
    for b in lay.bridges:
        tc = float(lay.t_at(b.s))
        if b.deck == "street":  # a road bridge: a slab at street level on the walls, parapets on both sides
            parts.add("concrete", box((b.width, 2 * hc + 1.0, DECK), (b.s, tc, -DECK), (0.82, 0.82, 0.8, 1.0)))
            for side in (-1.0, 1.0):
                parts.add("granite", box((0.4, 2 * hc + 1.0, RAIL), (b.s + side * (b.width / 2 - 0.2), tc, 0.0),
                                         WALL))
        else:  # Gwangtonggyo: granite slabs on rows of stone piers, one step above the walkways
            deck = lay.walkway_z + STONE_DECK_RISE
            parts.add("granite", box((b.width, b.length, 0.45), (b.s, tc, deck - 0.45), WALL))
            for k in range(-2, 3):
                for j in (-1.0, 0.0, 1.0):
                    parts.add("granite", box((0.7, 1.0, deck - 0.45 - lay.water_z + 0.2),
                                             (b.s + k * b.width / 5, tc + j * hw * 0.55, lay.water_z - 0.2),
                                             palette.jitter(WALL, rng, 0.05)))
            for side in (-1.0, 1.0):
                parts.add("granite", box((0.35, 2 * hw, 0.6), (b.s + side * (b.width / 2 - 0.18), tc, deck), WALL))


def spring_ribbon(lay: StreamLayout, segments: int = 160) -> tuple[Mesh, Mesh]:
    """(outer, inner) faces of "Spring": a band wound upwards in a narrowing helix, red outside, blue inside."""
    x, y = lay.spring
    h, r0, turns = lay.spring_height, lay.spring_radius, lay.spring_turns
    band = 0.14 * h
    f = np.linspace(0.0, 1.0, segments)
    theta = 2 * np.pi * turns * f
    z = 0.9 + (h - band - 0.9) * f
    r = r0 * (1.0 - 0.72 * f)
    ring = np.stack([x + r * np.cos(theta), y + r * np.sin(theta)], 1)
    rows = [np.column_stack([ring, z + band * k]) for k in (0.0, 1.0)]
    outer = grid(np.stack(rows, 1), SPRING_RED)  # du × dv: along the helix × up = radially outwards
    inner_rows = [np.column_stack([x + (r - 0.06) * np.cos(theta), y + (r - 0.06) * np.sin(theta), row[:, 2]])
                  for row in rows[::-1]]
    inner = grid(np.stack(inner_rows, 1), SPRING_BLUE)  # rows reversed: faces the axis
    return outer, inner


def build_stream(params: dict, rng: np.random.Generator, centre: tuple[float, float],
                 footprint: tuple[float, float]) -> Building:
    """The plaza, "Spring", the channel and its bridges, in building-local metres (see the module doc)."""
    lay = layout(params, centre, footprint)
    parts = Parts()
    _street_level(lay, parts)
    _channel(lay, parts)
    steps = _stairs(lay, parts)
    _railings(lay, parts)
    _stepping_stones(lay, parts, rng)
    _bridges(lay, parts, rng)
    outer, inner = spring_ribbon(lay)
    x, y = lay.spring
    parts.add("plaster", outer, inner)
    parts.add("granite", lathe([lay.spring_radius + 0.6, lay.spring_radius + 0.6], [0.0, 0.9], (x, y, 0.0), WALL, 24),
              disc(lay.spring_radius + 0.6, (x, y, 0.9), WALL, 24))
    parts.collide(x - lay.spring_radius - 0.6, y - lay.spring_radius - 0.6, 0.0,
                  x + lay.spring_radius + 0.6, y + lay.spring_radius + 0.6, lay.spring_height)
    turn = rotate_z(90.0)  # stream (s, t) → local (x, y) = (-t, s)
    building = parts.build({})
    building.parts = {name: mesh.transformed(turn) for name, mesh in building.parts.items()}
    building.colliders = [(-c[4], c[0], c[2], -c[1], c[3], c[5]) for c in building.colliders]
    building.dims = {
        "total_height": lay.spring_height, "channel_depth": -lay.walkway_z, "water_depth_below_walkway":
        lay.walkway_z - lay.water_z, "channel_width": 2 * lay.half_channel, "water_width": 2 * lay.half_water,
        "length": lay.end - lay.head, "plaza_length": lay.head - lay.extent[0], "stair_steps": float(steps),
        "stair_rise": -lay.walkway_z / steps, "spring_height": lay.spring_height,
        **{f"{b.id}_s": b.s for b in lay.bridges},
    }
    return building


def walk_parts(params: dict, centre: tuple[float, float], footprint: tuple[float, float]
               ) -> tuple[list[Obstacle], list[Floor]]:
    """World-frame obstacles and floors: rails keep street walkers out of the channel and walls keep walkway
    walkers in it; the water stops walkers except on the stepping stones and Gwangtonggyo; floors carry the
    walkways, the stairs and the bridges."""
    lay = layout(params, centre, footprint)
    cx, cy = centre
    hc, hw, wz = lay.half_channel, lay.half_water, lay.walkway_z
    obstacles: list[Obstacle] = []
    floors: list[Floor] = []
    street_gaps = [(b.s - b.width / 2, b.s + b.width / 2) for b in lay.bridges if b.deck == "street"]
    wet_gaps = [(s - STONE[0] / 2 - 0.3, s + STONE[0] / 2 + 0.3) for s in lay.stones]
    wet_gaps += [(b.s - b.width / 2, b.s + b.width / 2) for b in lay.bridges if b.deck == "stone"]
    ss = lay.samples()
    turns = [math.atan2(float(lay.t_at(b) - lay.t_at(a)), b - a) for a, b in zip(ss[:-1], ss[1:], strict=True)]
    bends = [0.0, *(abs(y - x) / 2 for x, y in zip(turns[:-1], turns[1:], strict=True)), 0.0]
    for k, (a, b) in enumerate(zip(ss[:-1], ss[1:], strict=True)):
        ta, tb = float(lay.t_at(a)), float(lay.t_at(b))
        h = math.degrees(math.atan2(tb - ta, b - a))
        length = math.hypot(b - a, tb - ta)
        mid = (cx + (a + b) / 2, cy + (ta + tb) / 2)
        c = math.cos(math.radians(h))
        half, wall = length / 2, hc * c  # widths across the segment, not along t
        boxes = [(-half, -wall - 0.5, wz - 1.0, half, -wall + 0.05, 0.0),  # walls (the walkway side of each)
                 (-half, wall - 0.05, wz - 1.0, half, wall + 0.5, 0.0)]
        if not any(lo < (a + b) / 2 < hi for lo, hi in street_gaps):
            boxes += [(-half, -wall - 0.3, 0.0, half, -wall, RAIL), (-half, wall, 0.0, half, wall + 0.3, RAIL)]
        obstacles.append(Obstacle(*mid, h, tuple(boxes)))
        overlap = (0.0 if a == ss[0] else 1.0, 0.0 if b == ss[-1] else 1.0)  # no gaps at the bends
        # the water: blocks walkers on the walkways (its top a step up); at a bend it reaches on just far enough
        # to close the wedge on the outside of the turn without poking into the walkway on the inside
        reach = [hw * math.tan(bends[k]) * c, hw * math.tan(bends[k + 1]) * c]
        for lo, hi in _dry_runs(a - reach[0], b + reach[1], wet_gaps):
            local = ((lo - (a + b) / 2) / c, (hi - (a + b) / 2) / c)
            obstacles.append(Obstacle(*mid, h, ((local[0], -hw * c, lay.water_z - 1.0, local[1], hw * c,
                                                 wz + 0.6),)))
        floors.append(Floor(*mid, h, (-half - overlap[0], -wall, half + overlap[1], wall), wz, wz))
    th = float(lay.t_at(lay.head))
    stairs_h = math.degrees(math.atan2(float(lay.t_at(lay.head + lay.stairs_length)) - th, lay.stairs_length))
    run = lay.stairs_length / math.cos(math.radians(stairs_h))
    for sign in (1.0, -1.0):
        ox, oy = lay.head, th + sign * (hw + (hc - hw) / 2)
        floors.append(Floor(cx + ox, cy + oy, stairs_h, (0.0, -(hc - hw) / 2, run, (hc - hw) / 2), 0.0, wz))
    for b in lay.bridges:
        tc = float(lay.t_at(b.s))
        if b.deck == "street":
            floors.append(Floor(cx + b.s, cy + tc, 0.0, (-b.width / 2, -hc - 1.0, b.width / 2, hc + 1.0), 0.0, 0.0))
            obstacles.append(Obstacle(cx + b.s, cy + tc, 0.0, tuple(
                (side * b.width / 2 - 0.2, -hc, 0.0, side * b.width / 2 + 0.2, hc, RAIL) for side in (-1.0, 1.0))))
        else:
            deck = wz + STONE_DECK_RISE
            floors.append(Floor(cx + b.s, cy + tc, 0.0, (-b.width / 2, -b.length / 2, b.width / 2, b.length / 2),
                                deck, deck))
            obstacles.append(Obstacle(cx + b.s, cy + tc, 0.0, tuple(
                (side * b.width / 2 - 0.35, -hw, deck, side * b.width / 2, hw, deck + 0.6) for side in (-1.0, 1.0))))
    obstacles.append(Obstacle(cx + lay.head - 0.15, cy + th, 0.0, ((-0.15, -hw, 0.0, 0.15, hw, RAIL),)))
    te = float(lay.t_at(lay.end))  # the end wall, railed at street level
    obstacles.append(Obstacle(cx + lay.end, cy + te, 0.0, ((0.0, -hc - 0.5, wz - 1.0, 0.5, hc + 0.5, RAIL),)))
    for sign in (1.0, -1.0):  # the stairs' rails on the water side
        t = th + sign * hw
        obstacles.append(Obstacle(cx + lay.head, cy + t, stairs_h, ((0.0, -0.1, wz, run, 0.1, RAIL),)))
    return obstacles, floors


def _dry_runs(a: float, b: float, gaps: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The parts of [a, b] outside every gap."""
    runs = [(a, b)]
    for lo, hi in gaps:
        runs = [piece for x0, x1 in runs for piece in ((x0, min(x1, lo)), (max(x0, hi), x1))
                if piece[1] - piece[0] > 1e-6]
    return runs


