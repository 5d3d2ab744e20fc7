"""Landmark builders of the timber kind: arched city/palace gates, Daehanmun's hall gate, Bosingak's loft.

Catalogue ``params`` give the measured sizes; :data:`STYLES` adds the per-building facts of the reference
that the catalogue does not carry (bracket projections, how straight the eaves are, 잡상 counts, the
signboard's shape), each with its tag.
"""

from __future__ import annotations

import numpy as np

from game.architecture import palette
from game.architecture.building import Building, Parts
from game.architecture.mesh import box, rotate_z, translate
from game.architecture.pavilion import Style, gate_tower, loft, pavilion_dims
from game.architecture.sculpture import HEIGHT as HAECHI_HEIGHT
from game.architecture.sculpture import PEDESTAL, haechi
from game.architecture.stone_base import Arch, build_base, parapet, plinth
from game.architecture.timber import Frame, outer_reach, signboard

STYLES: dict[str, Style] = {
    # 외2출목 both storeys (S3); curved eaves (M-m); 잡상 9/7 likely (M-l)
    "gwanghwamun": Style(projections=(2, 2), pitch=0.62, lift=0.8, sweep=0.5, figures=(7, 9), ridge_height=0.9),
    # lower 2 / upper 3 출목 (S8, S9); notably straight early-Joseon eaves (M-h); 잡상 7/9 (S10)
    "sungnyemun": Style(projections=(2, 3), pitch=0.65, lift=0.35, sweep=0.3, figures=(7, 9), ridge_height=0.9),
    # one storey, native late style (S16); 잡상 count unknown, 5 (M-l)
    "donuimun": Style(projections=(2,), pitch=0.62, lift=0.6, sweep=0.4, figures=(5,), ridge_height=0.8),
    # 다포, 우진각, 양성 + 잡상 (S14); count unknown, 5 (M-l)
    "deoksugung": Style(projections=(2,), lift=0.55, sweep=0.4, figures=(5,), ridge_height=0.8),
    # 팔작 (S15): a lower pitch keeps the bell room under the 15 m total
    "bosingak": Style(projections=(2,), pitch=0.55, lift=0.6, sweep=0.45, figures=(5,), ridge_height=0.9),
}

#: Brick parapet heights (front and back, sides): Sungnyemun 1.17–1.2 m and ~1.8 m where the side doors are
#: (S7, S9); Gwanghwamun's is not recorded, taken as Sungnyemun's front; Donuimun had a low wall (S16).
PARAPETS = {"gwanghwamun": (1.2, 1.2), "sungnyemun": (1.2, 1.8), "donuimun": (0.9, 0.9)}

#: Gates whose arch ceilings are painted (S35, S36); Donuimun's are not recorded.
PAINTED_VAULTS = ("gwanghwamun", "sungnyemun")

#: Gwanghwamun's 월대 restored in 2023: 29.7 m (E–W) × 48.7 m (N–S), ~0.7 m high, 7 m royal road, stone
#: balustrade, two 서수상 at the road's front end, the two haechi before it (S5, S34).
FORECOURTS = {"gwanghwamun": {"width": 29.7, "length": 48.7, "height": 0.7, "road": 7.0}}

#: The upper palace wall: small squared granite set in white lime (사고석 담장), pale from a distance [E, photographs].
WALL_UPPER = palette.rgba("#DCD6CA")

#: (width, height, characters) of the 현판; Sungnyemun's hangs upright (S8), Donuimun's is 2.33 × 1.08 m (S16).
SIGNBOARDS = {
    "gwanghwamun": (4.2, 1.7, 3), "sungnyemun": (1.6, 3.4, 3), "donuimun": (2.33, 1.08, 3),
    "deoksugung": (3.0, 1.2, 3), "bosingak": (3.0, 1.2, 3),
}


def arch_layout(arches: list[dict], bays_front: list[float], width: float) -> list[Arch]:
    """Arches under the bay centres when there is one per bay, else centred and evenly spread."""
    n = len(arches)
    if n == len(bays_front):
        edges = np.concatenate([[0.0], np.cumsum(bays_front)]) - sum(bays_front) / 2
        xs = (edges[:-1] + edges[1:]) / 2
    elif n == 1:
        xs = np.zeros(1)
    else:
        xs = np.linspace(-0.3 * width, 0.3 * width, n)
    return [Arch(float(x), float(a["width"]), float(a["height"])) for x, a in zip(xs, arches, strict=True)]


def _measured_plinth(parts: Parts, width: float, depth: float, height: float,
                     rng: np.random.Generator) -> dict[str, float]:
    """Add a stone plinth and return its base_width/depth/height as built."""
    own = Parts()
    plinth(own, width, depth, height, rng)
    lo, hi = own.merged("granite").bounds()
    for material in ("granite", "paving"):
        parts.add(material, own.merged(material))
    return {"base_width": float(hi[0] - lo[0]), "base_depth": float(hi[1] - lo[1]), "base_height": float(hi[2])}


def _hang_signboard(parts: Parts, frame: Frame, lid: str) -> dict[str, float]:
    """Hang the 현판 on the front (-Y) of the top storey; returns where it hangs and its shape."""
    w, h, chars = SIGNBOARDS[lid]
    y = -frame.half_y - outer_reach(frame.projections) - 0.25  # in front of the bracket sets, under the eave
    z_mid = frame.top - 0.35 - h / 2
    lo, hi = signboard(parts, 0.0, y, z_mid, w, h, chars).bounds()
    return {"signboard_y": float((lo[1] + hi[1]) / 2), "signboard_width": float(hi[0] - lo[0]),
            "signboard_height": float(hi[2] - lo[2])}


def build_gate(lid: str, params: dict, rng: np.random.Generator) -> Building:
    """A stone base with N arched passages, a brick parapet and a one- or two-storey hipped pavilion."""
    base, pav = params["base"], params["pavilion"]
    width, depth, height = float(base["width"]), float(base["depth"]), float(base["height"])
    parts = Parts()
    arches = arch_layout(base["arches"], pav["bays_front"], width)
    dims = build_base(parts, width, depth, height, arches, rng, painted=lid in PAINTED_VAULTS)
    parapet(parts, width, depth, height, *PARAPETS[lid])
    style = STYLES[lid]
    frames, roofs = gate_tower(parts, height, pav["bays_front"], pav["bays_side"], int(pav["storeys"]),
                               float(params["total_height"]), style, rng)
    dims.update(_hang_signboard(parts, frames[-1], lid))
    dims.update(pavilion_dims(frames, roofs))
    if lid in FORECOURTS:
        dims.update(_forecourt(parts, depth / 2, FORECOURTS[lid], rng))
    if "palace_wall" not in params:
        return parts.build(dims)
    core = parts.build({}).bounds()
    dims.update(palace_walls(parts, width, params["palace_wall"], rng))
    building = parts.build(dims)
    building.detail_box = (tuple(map(float, core[0])), tuple(map(float, core[1])))
    return building


#: Gyeongbokgung's other gates (the east 건춘문, the west 영추문, the north 신무문): one arch under a one-storey
#: 3×2-bay hipped pavilion, 다포, 잡상 unknown (M-l); drawn at their far level (tile rows and bracket sets as shells)
#: whatever the distance: they stand on the streets round the palace, away from every tour view. Their tile rows
#: are laid coarser still (0.8 m), as they only ever show as shells.
SIDE_GATE_STYLE = Style(projections=(2,), pitch=0.62, lift=0.6, sweep=0.4, figures=(5,), ridge_height=0.8,
                        tile_pitch=0.8)
#: The wall's stone course reaches this far below the street: north of the district's ground it stands on the
#: terrain, which lies a metre lower there.
WALL_FOOTING = 1.2
#: How a side gate (built facing -Y) turns to face out of the palace from each wall, degrees counter-clockwise.
_OUTWARD = {"east": 90.0, "west": -90.0, "north": 180.0}


def palace_walls(parts: Parts, gate_width: float, spec: dict, rng: np.random.Generator) -> dict[str, float]:
    """궁장 from the gate's sides east and west to the palace's corners, north along its sides and across its north
    end: dressed stone below, the upper wall of small squared stones set in lime (read from afar as one pale face),
    a tiled coping with a lime ridge, and the palace's side gates in it (``spec["gates"]``). Each run is a few boxes
    and a collider; returns the walls' measured extents and each side gate's place."""
    h, t = float(spec["height"]), float(spec["thickness"])
    east, west, north = float(spec["east"]), float(spec["west"]), float(spec["north"])
    gates = spec.get("gates", [])
    gate_spec = spec.get("gate", {})
    half = float(gate_spec.get("base", {}).get("width", 0.0)) / 2
    runs = {"south-east": ((gate_width / 2, 0.0), (east, 0.0)), "south-west": ((-west, 0.0), (-gate_width / 2, 0.0)),
            "east": ((east, -t / 2), (east, north + t / 2)), "west": ((-west, -t / 2), (-west, north + t / 2)),
            "north": ((-west, north), (east, north))}
    stone_h = 0.4 * h
    own = Parts()
    for side, ((x0, y0), (x1, y1)) in runs.items():
        along_x = y0 == y1
        cuts = sorted(float(g["at"]) for g in gates if g["side"] == side)
        lo, hi = (x0, x1) if along_x else (y0, y1)
        edges = [lo, *[v for c in cuts for v in (c - half, c + half)], hi]
        for a, b in zip(edges[0::2], edges[1::2], strict=True):
            p0, p1 = ((a, y0), (b, y0)) if along_x else ((x0, a), (x0, b))
            _wall_run(own, parts, p0, p1, along_x, h, t, stone_h, rng)
    walls = own.build({})
    for material, mesh in walls.parts.items():
        parts.add(material, mesh)
    lo, hi = walls.bounds()
    dims = {"palace_wall_east": float(hi[0]), "palace_wall_west": float(-lo[0]),
            "palace_wall_north": float(hi[1] - t / 2), "palace_wall_height": float(hi[2])}
    for g in gates:
        at, side = float(g["at"]), g["side"]
        x, y = {"east": (east, at), "west": (-west, at), "north": (at, north)}[side]
        dims.update(_side_gate(parts, g["id"], gate_spec, x, y, _OUTWARD[side], rng))
    return dims


def _wall_run(own: Parts, parts: Parts, p0: tuple[float, float], p1: tuple[float, float], along_x: bool, h: float,
              t: float, stone_h: float, rng: np.random.Generator) -> None:
    """One straight piece of the wall from ``p0`` to ``p1`` (along x or along y), with its collider."""
    length = abs(p1[0] - p0[0]) + abs(p1[1] - p0[1])
    if length < 0.5:
        return
    cx, cy = (p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2

    def size(along: float, across: float, height: float) -> tuple[float, float, float]:
        return (along, across, height) if along_x else (across, along, height)

    own.add("granite", box(size(length, t, stone_h + WALL_FOOTING), (cx, cy, -WALL_FOOTING),
                           palette.jitter(palette.GRANITE, rng, 0.03)))
    own.add("plaster", box(size(length, t * 0.94, h - stone_h - 0.55), (cx, cy, stone_h), WALL_UPPER))
    own.add("tile", box(size(length + 0.3, t + 0.7, 0.35), (cx, cy, h - 0.55), palette.TILE))
    own.add("lime", box(size(length + 0.3, 0.4, 0.25), (cx, cy, h - 0.25), palette.LIME))
    sx, sy, _ = size(length, t, h)
    parts.collide(cx - sx / 2, cy - sy / 2, 0.0, cx + sx / 2, cy + sy / 2, h)


def _side_gate(parts: Parts, gid: str, spec: dict, x: float, y: float, turn: float,
               rng: np.random.Generator) -> dict[str, float]:
    """A side gate built facing -Y, turned by ``turn`` degrees and set in the wall at (``x``, ``y``), its far
    version standing for both levels; its colliders (the base, the arch left open) turned with it."""
    base, pav = spec["base"], spec["pavilion"]
    width, depth, height = float(base["width"]), float(base["depth"]), float(base["height"])
    own = Parts()
    arch = base["arch"]
    build_base(own, width, depth, height, [Arch(0.0, float(arch["width"]), float(arch["height"]))], rng)
    gate_tower(own, height, pav["bays_front"], pav["bays_side"], 1, float(spec["total_height"]), SIDE_GATE_STYLE,
               rng)
    built = own.build({})
    far = built.far_parts or built.parts
    move = translate(x, y, 0.0) @ rotate_z(turn)
    for material in sorted(far):
        placed = far[material].transformed(move)
        parts.add_detail(material, [placed], [placed])
    for c in built.colliders:
        corners = np.array([[c[i], c[j], 0.0, 1.0] for i in (0, 3) for j in (1, 4)]) @ move.T
        lo, hi = corners.min(axis=0), corners.max(axis=0)
        parts.collide(float(lo[0]), float(lo[1]), c[2], float(hi[0]), float(hi[1]), c[5])
    top = max(float(m.bounds()[1][2]) for m in far.values())
    return {f"{gid}_x": x, f"{gid}_y": y, f"{gid}_height": top}


def _forecourt(parts: Parts, gate_front: float, spec: dict, rng: np.random.Generator) -> dict[str, float]:
    """The 월대 in front (-Y) of the gate: a low ashlar terrace with the raised royal road (어도), a stone
    balustrade along its sides, two guardian beasts at its front and the haechi pair before it."""
    width, length, height, road = spec["width"], spec["length"], spec["height"], spec["road"]
    yc = -gate_front - length / 2
    own = Parts()
    plinth(own, width, length, height, rng, center=(0.0, yc))
    own.add("paving", box((road, length, 0.12), (0.0, yc, height), palette.jitter(palette.GRANITE, rng, 0.05)))
    for sx in (-1, 1):
        own.add("granite", box((0.3, length, 0.14), (sx * road / 2, yc, height), palette.GRANITE))
        for y in np.arange(yc - length / 2 + 0.5, yc + length / 2, 2.2):
            own.add("granite", box((0.26, 0.26, 0.9), (sx * (width / 2 - 0.3), y, height), palette.GRANITE))
        rail = (sx * (width / 2 - 0.3), yc, height + 0.62)
        own.add("granite", box((0.16, length - 1.0, 0.14), rail, palette.GRANITE))
        front = -gate_front - length
        own.add("granite", box((1.1, 1.8, 1.1), (sx * (road / 2 + 0.8), front + 1.5, height), palette.GRANITE),
                box((0.7, 0.8, 0.7), (sx * (road / 2 + 0.8), front + 1.0, height + 1.1), palette.GRANITE))
        hx, hy = sx * 11.0, front - 6.0  # haechi: a seated beast on a pedestal, looking south
        own.add("granite", haechi(hx, hy, rng))
        w, d, _ = PEDESTAL
        parts.collide(hx - w / 2, hy - d / 2, 0.0, hx + w / 2, hy + d / 2, HAECHI_HEIGHT)
    for material in ("granite", "paving"):
        parts.add(material, own.merged(material))
    lo, hi = own.merged("paving").bounds()
    return {"forecourt_width": float(hi[0] - lo[0]), "forecourt_length": float(hi[1] - lo[1]),
            "forecourt_height": float(hi[2]) - 0.12}


def build_hall_gate(lid: str, params: dict, rng: np.random.Generator) -> Building:
    """Daehanmun: a one-storey 3×2-bay hipped gate on a low stone base, flanked by palace walls."""
    base, pav, wall = params["base"], params["pavilion"], params["wall"]
    width, depth, height = float(base["width"]), float(base["depth"]), float(base["height"])
    parts = Parts()
    dims = _measured_plinth(parts, width, depth, height, rng)
    for sy in (-1, 1):  # steps up to the gate front and back
        for k in range(3):
            step_h = height * (k + 1) / 4
            parts.add("granite", box((6.0, 0.4, step_h), (0, sy * (depth / 2 + 1.2 - 0.4 * k), 0),
                                     palette.jitter(palette.GRANITE, rng, 0.04)))
    style = STYLES[lid]
    frames, roofs = gate_tower(parts, height, pav["bays_front"], pav["bays_side"], 1,
                               float(params["total_height"]), style, rng)
    fr = frames[0]
    dims.update(_hang_signboard(parts, fr, lid))
    r = fr.column_radius
    door_h = fr.column_height - fr.lintel_depth
    for i, (a, b) in enumerate(zip(fr.xs[:-1], fr.xs[1:], strict=True)):
        if i == len(fr.xs) // 2 - 1:  # the central bay's leaves stand open
            leaf = (b - a) / 2 - r
            for x in (a + r + 0.08, b - r - 0.08):
                parts.add("wood", box((0.12, leaf, door_h), (x, leaf / 2, height), palette.SEOKGANJU))
        else:
            parts.add("wood", box((b - a - 2 * r, 0.14, door_h), ((a + b) / 2, 0.0, height), palette.SEOKGANJU))
            parts.collide(a, -0.1, height, b, 0.1, height + door_h)
    for x in fr.xs:
        for y in fr.ys:
            parts.collide(x - r, y - r, 0.0, x + r, y + r, fr.column_top)
    walls = _palace_walls(parts, width, float(wall["length"]), float(wall["height"]), rng)
    dims.update(pavilion_dims(frames, roofs))
    dims.update(walls)
    return parts.build(dims)


def _palace_walls(parts: Parts, gate_width: float, length: float, height: float,
                  rng: np.random.Generator) -> dict[str, float]:
    """궁장 either side of the gate: an ashlar lower course, plastered upper wall, tiled coping.

    Returns the walls' measured overall length (gate included) and height."""
    own = Parts()
    seg = (length - gate_width) / 2
    thick = 1.2
    stone_h = 0.45 * height
    for sx in (-1, 1):
        cx = sx * (gate_width / 2 + seg / 2)
        plinth(own, seg, thick, stone_h, rng, center=(cx, 0.0))
        own.add("plaster", box((seg, thick * 0.9, height - stone_h - 0.5), (cx, 0, stone_h), palette.rgba("#D9CBB0")))
        own.add("brick", box((seg, thick * 0.92, 0.2), (cx, 0, height - 0.7), palette.BRICK))
        own.add("tile", box((seg + 0.2, thick + 0.5, 0.3), (cx, 0, height - 0.5), palette.TILE))
        own.add("lime", box((seg + 0.2, 0.3, 0.2), (cx, 0, height - 0.2), palette.LIME))
        parts.collide(cx - seg / 2, -thick / 2, 0.0, cx + seg / 2, thick / 2, height)
    measured = own.build({})
    for material, mesh in measured.parts.items():
        parts.add(material, mesh)
    lo, hi = own.merged("plaster").bounds()
    return {"wall_length": float(hi[0] - lo[0]), "wall_height": float(measured.bounds()[1][2])}


def build_loft(lid: str, params: dict, rng: np.random.Generator) -> Building:
    """Bosingak: a stone terrace with a balustrade carrying a two-storey 팔작 bell loft."""
    terrace, pav = params["terrace"], params["pavilion"]
    width, depth, height = float(terrace["width"]), float(terrace["depth"]), float(terrace["height"])
    parts = Parts()
    dims = _measured_plinth(parts, width, depth, height, rng)
    _balustrade(parts, width, depth, height)
    for k in range(4):  # front steps
        parts.add("granite", box((5.0, 0.35, height * (k + 1) / 4), (0, -depth / 2 - 1.4 + 0.35 * k, 0),
                                 palette.jitter(palette.GRANITE, rng, 0.04)))
    style = STYLES[lid]
    frames, roofs = loft(parts, height, pav["bays_front"], pav["bays_side"], float(params["total_height"]),
                         params["bell"], style, rng)
    dims.update(_hang_signboard(parts, frames[-1], lid))
    parts.collide(-width / 2, -depth / 2, 0.0, width / 2, depth / 2, height)
    dims.update(pavilion_dims(frames, roofs))
    lo, hi = parts.merged("bronze").bounds()
    dims["bell_height"] = float(hi[2] - lo[2])
    dims["bell_diameter"] = float(hi[0] - lo[0])
    dims["bell_bottom"] = float(lo[2])
    dims["upper_floor"] = float(frames[-1].z0)
    return parts.build(dims)


def _balustrade(parts: Parts, width: float, depth: float, z: float) -> None:
    """Stone balustrade (돌난간) round the terrace edge with a gap for the front steps."""
    posts, rails = [], []
    inset = 0.3
    hx, hy = width / 2 - inset, depth / 2 - inset
    for x in np.arange(-hx, hx + 1e-6, 2.0):
        for y in (-hy, hy):
            if y < 0 and abs(x) < 2.6:
                continue
            posts.append(box((0.25, 0.25, 1.0), (x, y, z), palette.GRANITE))
    for y in np.arange(-hy, hy + 1e-6, 2.0):
        for x in (-hx, hx):
            posts.append(box((0.25, 0.25, 1.0), (x, y, z), palette.GRANITE))
    for x0, x1 in ((-hx, -2.6), (2.6, hx)):
        rails.append(box((x1 - x0, 0.16, 0.14), ((x0 + x1) / 2, -hy, z + 0.7), palette.GRANITE))
    rails.append(box((2 * hx, 0.16, 0.14), (0, hy, z + 0.7), palette.GRANITE))
    for x in (-hx, hx):
        rails.append(box((0.16, 2 * hy, 0.14), (x, 0, z + 0.7), palette.GRANITE))
    parts.add("granite", *posts, *rails)
