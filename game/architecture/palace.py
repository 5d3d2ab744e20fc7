"""Gyeongbokgung's front part behind Gwanghwamun: Heungnyemun and its yard with the stream (금천) under Yeongjegyo,
Geunjeongmun, and the throne hall
Geunjeongjeon on its two-tier 월대 in a 박석-paved courtyard, each yard closed by roofed corridors (행각).

The catalogue's ``params`` give the plan along the palace's north–south axis, in metres from the footprint centre
(front, -Y, is south), and every size, each with its honesty tag in the catalogue's ``sources``. The halls and gates
are the same timber kit as the city gates (``pavilion.gate_tower``), built in their own frame and moved into place,
so the far versions (tile rows and bracket sets as shells) come along. The palace wall (궁장) that runs from
Gwanghwamun belongs to the gate's own building (``gates.palace_walls``), so it stays near the gate's level of detail.
"""

from __future__ import annotations

import numpy as np

from game.architecture import palette
from game.architecture.building import Building, Parts
from game.architecture.mesh import Mesh, box, translate
from game.architecture.pavilion import Style, gate_tower, pavilion_dims
from game.architecture.primitives import quad
from game.architecture.stone_base import plinth
from game.architecture.timber import board_walls

#: Heungnyemun and Geunjeongmun: 3×2 bays, two storeys, hipped (S: Hankook Ilbo 1997-01-01, 1998-09-24);
#: Geunjeongjeon: two storeys under a 팔작 roof, 다포 (S: encykorea, ko.wikipedia). 잡상 counts unknown (M-l).
#: Three pavilions in one landmark, all near at once inside the palace: their tile rows are laid a little coarser
#: than the city gates' (0.55 m against 0.45 m) to keep the courtyard view's triangles down.
GATE_STYLE = Style(projections=(2, 2), pitch=0.62, lift=0.6, sweep=0.4, figures=(5, 7), ridge_height=0.8,
                   tile_pitch=0.55)
HALL_STYLE = Style(projections=(2, 3), pitch=0.6, lift=0.8, sweep=0.5, figures=(7, 9), ridge_height=1.0,
                   upper_inset=1.5, tile_pitch=0.55)
#: 박석: coarse granite flags (S: ko.wikipedia 경복궁), a shade warmer and rougher than the city's paving
BAKSEOK = palette.rgba("#E8DFD0")
CORRIDOR_WALL = palette.rgba("#E4DCCB")
#: 창호지 behind the doors' lattice, seen from outside through red muntins: a warm off-white [E]
PAPER = palette.rgba("#D8C7A8")
#: an ashlar block's far box: the stones' mean tint darkened by their joints, as ``stone_base`` shades its far faces
FAR_STONE = (0.86, 0.84, 0.81, 1.0)


def _place(parts: Parts, own: Parts, x: float, y: float, z: float = 0.0) -> None:
    """Move everything built in ``own`` (its near and far versions and colliders) by (x, y, z) into ``parts``."""
    built = own.build({})
    move = translate(x, y, z)
    far = built.far_parts or built.parts
    for material in sorted(set(built.parts) | set(far)):
        near = [built.parts[material].transformed(move)] if material in built.parts else []
        shell = [far[material].transformed(move)] if material in far else []
        parts.add_detail(material, near, shell)
    for c in built.colliders:
        parts.collide(c[0] + x, c[1] + y, c[2] + z, c[3] + x, c[4] + y, c[5] + z)


def _stone_block(parts: Parts, width: float, depth: float, height: float, rng: np.random.Generator) -> None:
    """An ashlar block (``stone_base.plinth``) whose far version is one plain box in the stones' mean colour."""
    own = Parts()
    plinth(own, width, depth, height, rng)
    parts.add_detail("granite", [own.merged("granite")], [box((width, depth, height), (0.0, 0.0, 0.0), FAR_STONE)])
    parts.add("paving", own.merged("paving"))


def _gate(parts: Parts, spec: dict, y: float, rng: np.random.Generator) -> dict[str, float]:
    """A two-storey gate on a low stone base at (0, ``y``), its central bay (the king's way) open, the side bays
    open too (visitors use them), with the columns as colliders."""
    own = Parts()
    bays_front, bays_side = spec["bays_front"], spec["bays_side"]
    width, depth, base_h = sum(bays_front) + 2.4, sum(bays_side) + 2.4, float(spec["base_height"])
    _stone_block(own, width, depth, base_h, rng)
    for sy in (-1, 1):  # three flights, front and back, one per bay
        for x in np.cumsum([0.0, *bays_front[:-1]]) + np.asarray(bays_front) / 2 - sum(bays_front) / 2:
            for k in range(3):
                own.add("granite", box((3.0, 0.4, base_h * (k + 1) / 4),
                                       (float(x), sy * (depth / 2 + 1.2 - 0.4 * k), 0.0), palette.GRANITE))
    frames, roofs = gate_tower(own, base_h, bays_front, bays_side, 2, float(spec["total_height"]), GATE_STYLE, rng)
    fr = frames[0]
    r = fr.column_radius
    for cx in fr.xs:
        for cy in fr.ys:
            own.collide(cx - r, cy - r, 0.0, cx + r, cy + r, fr.column_top)
    _place(parts, own, 0.0, y)
    dims = pavilion_dims(frames, roofs)
    dims["total_height"] = float(roofs[-1].top_z)
    return dims


def _corridors(parts: Parts, x0: float, x1: float, y0: float, y1: float, gaps: list[tuple[str, float, float]],
               spec: dict) -> None:
    """Roofed corridors (복랑 행각) round the rectangle x0..x1 × y0..y1: a stone plinth, red columns on both faces,
    a plastered middle wall and a tiled gable roof. ``gaps`` are (side, from, to) openings left for the gates;
    the middle wall is the collider, so the colonnade on either face stays walkable."""
    depth, eave, ridge = float(spec["depth"]), float(spec["eave_height"]), float(spec["ridge_height"])
    runs = {"south": ((x0, y0), (x1, y0)), "north": ((x0, y1), (x1, y1)),
            "west": ((x0, y0), (x0, y1)), "east": ((x1, y0), (x1, y1))}
    for side, ((ax, ay), (bx, by)) in runs.items():
        along_x = side in ("south", "north")
        lo, hi = (ax, bx) if along_x else (ay, by)
        cuts = sorted((a, b) for s, a, b in gaps if s == side)
        pieces, start = [], lo
        for a, b in cuts:
            pieces.append((start, a))
            start = b
        pieces.append((start, hi))
        fixed = ay if along_x else ax
        for a, b in pieces:
            if b - a > 1.0:
                _corridor(parts, along_x, fixed, a, b, depth, eave, ridge)


def _corridor(parts: Parts, along_x: bool, fixed: float, a: float, b: float, depth: float, eave: float,
              ridge: float) -> None:
    length, mid = b - a, (a + b) / 2

    def at(u: float, v: float) -> tuple[float, float]:  # u along the run, v across it
        return (u, fixed + v) if along_x else (fixed + v, u)

    def sized(lu: float, lv: float, h: float) -> tuple[float, float, float]:
        return (lu, lv, h) if along_x else (lv, lu, h)

    parts.add("granite", box(sized(length, depth + 0.8, 0.45), (*at(mid, 0.0), 0.0), palette.GRANITE))
    cols = []
    n = max(1, round(length / 3.3))
    for k in range(n + 1):
        u = a + length * k / n
        for v in (-depth / 2, depth / 2):
            cols.append(box(sized(0.32, 0.32, eave - 0.45), (*at(u, v), 0.45), palette.SEOKGANJU))
    beams = [box(sized(length, 0.3, 0.45), (*at(mid, v), eave - 0.3), palette.NOEROK) for v in (-depth / 2, depth / 2)]
    # from afar the colonnade on each face is one red band under its beam
    bands = [box(sized(length, 0.32, eave - 0.75), (*at(mid, v), 0.45), palette.SEOKGANJU)
             for v in (-depth / 2, depth / 2)]
    parts.add_detail("wood", cols, bands)
    parts.add("wood", *beams)
    parts.add("plaster", box(sized(length, 0.35, eave - 0.45), (*at(mid, 0.0), 0.45), CORRIDOR_WALL))
    parts.add("wood", box(sized(length, 0.4, 0.4), (*at(mid, 0.0), 0.45), palette.SEOKGANJU))
    # the roof: two tiled slopes from the eaves (1 m beyond the columns) to the ridge, gable ends boarded
    over = depth / 2 + 1.0
    for s in (-1, 1):
        e0, e1 = at(a - 0.6, s * over), at(b + 0.6, s * over)
        r0, r1 = at(a - 0.6, 0.0), at(b + 0.6, 0.0)
        corners = [(*e0, eave), (*e1, eave), (*r1, ridge), (*r0, ridge)]
        outward = np.cross(np.subtract(corners[1], corners[0]), np.subtract(corners[3], corners[0]))
        if outward[2] < 0:
            corners = corners[::-1]
        parts.add("tile", quad(corners, palette.TILE))
        parts.add("wood", quad(corners[::-1], palette.NOEROK))  # the soffit, seen from the walk below
    for u, s in ((a - 0.6, -1), (b + 0.6, 1)):
        p0, p1, pr = at(u, -depth / 2), at(u, depth / 2), at(u, 0.0)
        gable = [(*p0, eave), (*p1, eave), (*pr, ridge - 0.05), (*pr, ridge - 0.05)]
        normal = (s, 0.0) if along_x else (0.0, s)
        tri = gable if np.dot(np.cross(np.subtract(gable[1], gable[0]), np.subtract(gable[2], gable[0]))[:2],
                              normal) > 0 else gable[::-1]
        parts.add("wood", quad(tri, palette.SEOKGANJU))
    parts.add("lime", box(sized(length + 1.4, 0.45, 0.35), (*at(mid, 0.0), ridge - 0.1), palette.LIME))
    lo_u, lo_v = at(a, -0.3)
    hi_u, hi_v = at(b, 0.3)
    parts.collide(min(lo_u, hi_u), min(lo_v, hi_v), 0.0, max(lo_u, hi_u), max(lo_v, hi_v), eave)


def _stream(parts: Parts, spec: dict, y: float, half_length: float) -> dict[str, float]:
    """금천 and Yeongjegyo: the palace's stream crossing Heungnyemun's yard, stone-lined and usually dry, its banks
    railed; the bridge on the axis, with a beast (천록) at each corner, is the one way across (the rails collide)."""
    width, bridge_w, bridge_l = float(spec["width"]), float(spec["bridge_width"]), float(spec["bridge_length"])
    bed = palette.rgba("#9C958A")  # the dry bed's darker, weathered stones
    parts.add("paving", box((2 * half_length, width, 0.03), (0.0, y, 0.0), bed))
    posts: list[Mesh] = []
    for s in (-1, 1):
        for x0, x1 in ((-half_length, -bridge_w / 2), (bridge_w / 2, half_length)):
            length, cx = x1 - x0, (x0 + x1) / 2
            edge = y + s * (width / 2 + 0.25)
            parts.add("granite", box((length, 0.5, 0.3), (cx, edge, 0.0), palette.GRANITE))  # the bank's coping
            posts += [box((0.22, 0.22, 0.85), (float(x), edge, 0.3), palette.GRANITE)
                      for x in np.arange(x0 + 0.3, x1, 2.4)]
            posts.append(box((length, 0.16, 0.12), (cx, edge, 0.95), palette.GRANITE))
            parts.collide(x0, edge - 0.25, 0.0, x1, edge + 0.25, 1.07)
    parts.add_detail("granite", posts, [])
    # the bridge: a low humped deck (a step up), parapets along its sides, a beast at each corner
    parts.add("granite", box((bridge_w, bridge_l, 0.3), (0.0, y, 0.0), palette.GRANITE),
              box((bridge_w - 2.0, bridge_l - 3.0, 0.15), (0.0, y, 0.3), palette.GRANITE))
    for sx in (-1, 1):
        parts.add("granite", box((0.3, bridge_l, 0.9), (sx * (bridge_w / 2 - 0.15), y, 0.3), palette.GRANITE))
        for sy in (-1, 1):
            cx, cy = sx * (bridge_w / 2 + 0.6), y + sy * (bridge_l / 2 - 0.6)
            parts.add("granite", box((1.0, 1.2, 0.6), (cx, cy, 0.0), palette.GRANITE),
                      box((0.7, 0.9, 0.6), (cx, cy + 0.1 * sy, 0.6), palette.GRANITE),
                      box((0.45, 0.45, 0.4), (cx, cy - 0.25 * sy, 1.2), palette.GRANITE))
            parts.collide(cx - 0.5, cy - 0.6, 0.0, cx + 0.5, cy + 0.6, 1.6)
        inner, outer = sorted((sx * (bridge_w / 2 - 0.3), sx * bridge_w / 2))
        parts.collide(inner, y - bridge_l / 2, 0.0, outer, y + bridge_l / 2, 1.2)
    return {"stream_y": y, "stream_length": 2 * half_length, "bridge_width": bridge_w, "bridge_length": bridge_l}


def _terraces(parts: Parts, spec: dict, y: float, rng: np.random.Generator) -> tuple[float, dict[str, float]]:
    """The two-tier 월대 with stone balustrades and central flights; returns the upper tier's top and its dims."""
    own = Parts()
    z = 0.0
    tiers = spec["tiers"]
    back = tiers[-1]["depth"] / 2  # the tiers share their back line, so the lower one reaches further south
    for tier in tiers:
        w, d, h = float(tier["width"]), float(tier["depth"]), float(tier["height"])
        cy = back - d / 2
        own_tier = Parts()
        _stone_block(own_tier, w, d, h, rng)
        _rail(own_tier, w, d, h, gap=4.0)
        _place(own, own_tier, 0.0, cy)
        for k in range(5):  # the front flight, its middle the king's 답도
            own.add("granite", box((7.0, 0.5, z + h * (k + 1) / 5), (0.0, cy - d / 2 - 2.5 + 0.5 * k, 0.0),
                                   palette.jitter(palette.GRANITE, rng, 0.04)))
        z += h
        own.collide(-w / 2, cy - d / 2, 0.0, w / 2, cy + d / 2, z)
    _place(parts, own, 0.0, y)
    lower = tiers[0]
    return z, {"terrace_height": z, "terrace_width": float(lower["width"]), "terrace_depth": float(lower["depth"])}


def _rail(parts: Parts, width: float, depth: float, z: float, gap: float) -> None:
    """돌난간: posts and a rail round a tier's top, with an opening at the front for the flight."""
    hx, hy = width / 2 - 0.3, depth / 2 - 0.3
    posts: list[Mesh] = []
    for x in np.arange(-hx, hx + 1e-6, 2.2):
        for yy in (-hy, hy):
            if not (yy < 0 and abs(x) < gap):
                posts.append(box((0.28, 0.28, 1.0), (float(x), yy, z), palette.GRANITE))
    for yy in np.arange(-hy, hy + 1e-6, 2.2):
        posts += [box((0.28, 0.28, 1.0), (xx, float(yy), z), palette.GRANITE) for xx in (-hx, hx)]
    rails = [box((hx - gap, 0.18, 0.16), (s * (gap + hx) / 2, -hy, z + 0.7), palette.GRANITE) for s in (-1, 1)]
    rails += [box((2 * hx, 0.18, 0.16), (0.0, hy, z + 0.7), palette.GRANITE)]
    rails += [box((0.18, 2 * hy, 0.16), (s * hx, 0.0, z + 0.7), palette.GRANITE) for s in (-1, 1)]
    # from afar: the rails as one low screen per side, the posts dropped
    screens = [box((hx - gap, 0.18, 0.86), (s * (gap + hx) / 2, -hy, z), palette.GRANITE) for s in (-1, 1)]
    screens += [box((2 * hx, 0.18, 0.86), (0.0, hy, z), palette.GRANITE)]
    screens += [box((0.18, 2 * hy, 0.86), (s * hx, 0.0, z), palette.GRANITE) for s in (-1, 1)]
    parts.add_detail("granite", posts + rails, screens)


def _hall(parts: Parts, spec: dict, y: float, z0: float, rng: np.random.Generator) -> dict[str, float]:
    """Geunjeongjeon: a 5×5-bay two-storey hall on its own stone base atop the terrace, red doors all round the
    lower storey, hip-and-gable roof above."""
    own = Parts()
    bays_front, bays_side = spec["bays_front"], spec["bays_side"]
    base_h = float(spec["base_height"])
    w, d = sum(bays_front) + 2.0, sum(bays_side) + 2.0
    _stone_block(own, w, d, base_h, rng)
    frames, roofs = gate_tower(own, base_h, bays_front, bays_side, 2, float(spec["total_height"]) - z0, HALL_STYLE,
                               rng, roof_kind="hip-and-gable")
    lower = frames[0]
    board_walls(own, lower, base_h, lower.column_top - lower.lintel_depth)
    _lattice(own, lower, base_h + 0.4, lower.column_top - lower.lintel_depth)
    own.collide(-w / 2, -d / 2, 0.0, w / 2, d / 2, lower.column_top)
    _place(parts, own, 0.0, y, z0)
    dims = pavilion_dims(frames, roofs)
    dims["total_height"] = float(roofs[-1].top_z) + z0
    return dims


def _lattice(parts: Parts, frame, z0: float, z1: float) -> None:
    """The lower storey's 분합문 over its board walls: four leaves a bay, each a papered lattice panel (pale) in a
    red frame, so the storey reads as doors between columns rather than one red wall."""
    r = frame.column_radius
    panels, bars = [], []
    sides = [((a, b), y, True) for y in (-frame.half_y, frame.half_y) for a, b in zip(frame.xs[:-1], frame.xs[1:],
                                                                                         strict=True)]
    sides += [((a, b), x, False) for x in (-frame.half_x, frame.half_x) for a, b in zip(frame.ys[:-1], frame.ys[1:],
                                                                                        strict=True)]
    top = z1 - 0.15
    mid = z0 + 0.3 * (top - z0)  # lattice over the upper two-thirds, a solid panel below
    for (a, b), w, along_x in sides:
        out = 0.09 if w > 0 else -0.09
        leaf = (b - a - 2 * r) / 4
        for k in range(4):
            u = a + r + leaf * (k + 0.5)
            for zc, h in (((mid + top) / 2, top - mid), ((z0 + mid) / 2 - 0.1, mid - z0 - 0.5)):
                size = (leaf - 0.16, 0.03, h) if along_x else (0.03, leaf - 0.16, h)
                centre = (u, w + out, zc - h / 2) if along_x else (w + out, u, zc - h / 2)
                panels.append(box(size, centre, PAPER if h == top - mid else palette.SEOKGANJU))
            for du in (-leaf / 2, leaf / 2):  # the stiles between leaves
                size = (0.1, 0.05, top - z0) if along_x else (0.05, 0.1, top - z0)
                centre = (u + du, w + 1.2 * out, z0) if along_x else (w + 1.2 * out, u + du, z0)
                bars.append(box(size, centre, palette.SEOKGANJU))
        for zc in (z0, mid, top):  # rails across the bay
            size = (b - a - 2 * r, 0.05, 0.1) if along_x else (0.05, b - a - 2 * r, 0.1)
            centre = ((a + b) / 2, w + 1.2 * out, zc - 0.05) if along_x else (w + 1.2 * out, (a + b) / 2, zc - 0.05)
            bars.append(box(size, centre, palette.SEOKGANJU))
    parts.add_detail("wood", panels + bars, [])  # a few pixels from afar: the board walls behind stand in


def build_palace(lid: str, params: dict, rng: np.random.Generator) -> Building:
    """The palace's front part from its catalogue plan (see the module docstring)."""
    plan = params["plan"]
    parts = Parts()
    dims: dict[str, float] = {}
    hy, gy, hall_y = float(plan["heungnyemun_y"]), float(plan["geunjeongmun_y"]), float(plan["hall_y"])
    outer, inner = plan["outer_yard"], plan["inner_yard"]
    for name, spec, y in (("heungnyemun", params["heungnyemun"], hy), ("geunjeongmun", params["geunjeongmun"], gy)):
        dims.update({f"{name}_{k}": v for k, v in _gate(parts, spec, y, rng).items()})
        dims[f"{name}_y"] = y
    ow, iw = float(outer["width"]) / 2, float(inner["width"]) / 2
    half_gate = sum(params["heungnyemun"]["bays_front"]) / 2 + 1.2
    # the outer yard's north side is the inner yard's south corridor where the two meet
    _corridors(parts, -ow, ow, hy, gy, [("south", -half_gate, half_gate), ("north", -iw, iw)], params["corridor"])
    half_gate = sum(params["geunjeongmun"]["bays_front"]) / 2 + 1.2
    north = float(inner["north_y"])
    _corridors(parts, -iw, iw, gy, north, [("south", -half_gate, half_gate)], params["corridor"])
    # the yards: the inner one paved with 박석, the royal road (어도) raised down the middle of both
    road = float(plan["road_width"])
    parts.add("paving", box((2 * iw - 6.5, north - gy - 6.5, 0.08), (0.0, (gy + north) / 2, 0.0), BAKSEOK))
    parts.add("paving", box((road, gy - hy - 10.0, 0.16), (0.0, (hy + gy) / 2, 0.0), palette.GRANITE),
              box((road, hall_y - gy - 8.0, 0.16), (0.0, (gy + hall_y) / 2 - 12.0, 0.0), palette.GRANITE))
    for k in range(12):  # 품계석: the rank stones either side of the road, 정1품 nearest the hall
        yk = hall_y - 32.0 - 4.4 * k
        for s in (-1, 1):
            stone = box((0.45, 0.3, 0.75 - 0.02 * k), (s * (road / 2 + 3.5), yk, 0.08), palette.GRANITE)
            parts.add_detail("granite", [stone], [])
    banks = ow - float(params["corridor"]["depth"]) / 2 - 0.5  # the stream runs from corridor to corridor
    dims.update(_stream(parts, params["stream"], float(plan["stream_y"]), banks))
    top, terrace = _terraces(parts, params["terrace"], hall_y, rng)
    dims.update(terrace)
    dims.update({f"hall_{k}": v for k, v in _hall(parts, params["hall"], hall_y, top, rng).items()})
    dims["hall_y"] = hall_y
    dims["outer_yard_width"], dims["inner_yard_width"] = 2 * ow, 2 * iw
    return parts.build(dims)
