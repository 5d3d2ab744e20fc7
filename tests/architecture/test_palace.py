"""Gyeongbokgung behind Gwanghwamun: the generated palace matches its catalogue plan, its meshes have no
degenerate triangles, and a visitor walks from Gwanghwamun's central arch through Heungnyemun and Geunjeongmun
to the foot of Geunjeongjeon's terrace while the walls, corridors and terrace stop them."""

from __future__ import annotations

import math

import numpy as np
import pytest

from game import geo
from game.architecture.builders import Building
from game.landmarks.catalogue import Landmark
from game.nav.collision import Obstacle, resolve

TOLERANCE = 0.05


def close(measured: float, expected: float) -> bool:
    return abs(measured - expected) <= TOLERANCE * abs(expected)


def test_palace_dimensions_follow_the_catalogue(buildings: dict[str, Building], catalogue: dict[str, Landmark]):
    p = catalogue["gyeongbokgung"].params
    d = buildings["gyeongbokgung"].dims
    for name in ("heungnyemun", "geunjeongmun"):
        spec = p[name]
        assert close(d[f"{name}_pavilion_width"], sum(spec["bays_front"]))
        assert close(d[f"{name}_pavilion_depth"], sum(spec["bays_side"]))
        assert close(d[f"{name}_total_height"], spec["total_height"])
        assert d[f"{name}_storeys"] == 2 and d[f"{name}_bays_front"] == 3 and d[f"{name}_bays_side"] == 2
    hall = p["hall"]
    assert (d["hall_bays_front"], d["hall_bays_side"], d["hall_storeys"]) == (5, 5, 2)
    assert close(d["hall_pavilion_width"], 30.0) and close(d["hall_pavilion_depth"], 21.0)  # 정면 30 m, 측면 21 m
    assert close(d["hall_total_height"], hall["total_height"])
    tiers = p["terrace"]["tiers"]
    assert close(d["terrace_height"], sum(t["height"] for t in tiers))
    assert d["hall_total_height"] > d["heungnyemun_total_height"], "the throne hall towers over the gates"
    assert d["heungnyemun_y"] < d["geunjeongmun_y"] < d["hall_y"], "gate, gate, hall from south to north"


def test_palace_is_within_its_footprint(buildings: dict[str, Building], catalogue: dict[str, Landmark]):
    lo, hi = buildings["gyeongbokgung"].bounds()
    width, depth = catalogue["gyeongbokgung"].footprint
    assert lo[2] >= -0.01 and hi[2] <= catalogue["gyeongbokgung"].params["hall"]["total_height"] + 0.01
    assert -width / 2 - 10 <= lo[0] and hi[0] <= width / 2 + 10
    assert -depth / 2 - 10 <= lo[1] and hi[1] <= depth / 2 + 10


def test_no_degenerate_triangles(buildings: dict[str, Building]):
    """No slivers: a zero-area triangle is only ever a fan's collapsed corner (the kit's ridge caps and cone tips,
    two vertices on one point), never three distinct points in a line or a folded strip."""
    b = buildings["gyeongbokgung"]
    for version in (b.parts, b.far_parts):
        for name, m in version.items():
            p = m.positions[m.indices].astype(np.float64)
            area = np.linalg.norm(np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0]), axis=1) / 2
            flat = p[area <= 1e-6]
            shortest = np.min([np.linalg.norm(flat[:, i] - flat[:, j], axis=1) for i, j in ((0, 1), (1, 2), (0, 2))],
                              axis=0) if len(flat) else np.zeros(0)
            assert (shortest < 1e-5).all(), f"{name}: {(shortest >= 1e-5).sum()} sliver triangles"


def test_far_version_keeps_the_outline(buildings: dict[str, Building]):
    b = buildings["gyeongbokgung"]
    far = np.concatenate([m.positions for m in b.far_parts.values()])
    lo, hi = b.bounds()
    assert np.allclose(far.min(axis=0), lo, atol=0.5) and np.allclose(far.max(axis=0), hi, atol=0.5)


def test_palace_wall_runs_from_gwanghwamun(buildings: dict[str, Building], catalogue: dict[str, Landmark]):
    spec = catalogue["gwanghwamun"].params["palace_wall"]
    d = buildings["gwanghwamun"].dims
    for key in ("east", "west", "north", "height"):
        assert close(d[f"palace_wall_{key}"], spec[key]), key


def _world_obstacles(buildings: dict[str, Building], catalogue: dict[str, Landmark]) -> list[Obstacle]:
    return [Obstacle(*catalogue[lid].local, geo.heading_to_panda(catalogue[lid].heading),
                     tuple(buildings[lid].colliders)) for lid in ("gwanghwamun", "gyeongbokgung")]


def _walk(obstacles: list[Obstacle], start: tuple[float, float], goal: tuple[float, float],
          step: float = 0.4) -> tuple[float, float]:
    """Walk straight at ``goal`` in small steps, resolving collisions each step as the controller does."""
    x, y = start
    for _ in range(int(math.dist(start, goal) / step) + 20):
        d = math.dist((x, y), goal)
        if d < 0.1:
            break
        k = min(step, d) / d
        x, y = resolve(x + (goal[0] - x) * k, y + (goal[1] - y) * k, 0.35, obstacles)
    return x, y


@pytest.fixture(scope="module")
def axis(catalogue: dict[str, Landmark]) -> tuple[float, float, float]:
    """(x, y of Gwanghwamun, y of the palace's footprint centre) in world metres."""
    gx, gy = catalogue["gwanghwamun"].local
    return gx, gy, catalogue["gyeongbokgung"].local[1]


def test_visitor_walks_from_the_square_to_the_throne_hall_terrace(buildings, catalogue, axis):
    obstacles = _world_obstacles(buildings, catalogue)
    gx, gy, py = axis
    p = catalogue["gyeongbokgung"].params
    tiers = p["terrace"]["tiers"]
    terrace_front = py + p["plan"]["hall_y"] + tiers[-1]["depth"] / 2 - tiers[0]["depth"]
    start, goal = (gx, gy - 40.0), (gx, terrace_front - 4.0)  # the flight's foot is 2.5 m out; stop before it
    end = _walk(obstacles, start, goal)
    assert math.dist(end, goal) < 0.2, f"stopped at {end}, {math.dist(end, goal):.1f} m short of the terrace"
    # and no further: the terrace itself (not walkable) and the hall stop a visitor walking on
    beyond = _walk(obstacles, goal, (gx, py + p["plan"]["hall_y"]))
    assert beyond[1] < terrace_front


@pytest.mark.parametrize("offset", (-60.0, 60.0))
def test_walls_and_corridors_stop_a_visitor(buildings, catalogue, axis, offset):
    """Beside the gate the palace wall stops a walk north; inside, the corridors close Heungnyemun's yard."""
    obstacles = _world_obstacles(buildings, catalogue)
    gx, gy, py = axis
    end = _walk(obstacles, (gx + offset, gy - 20.0), (gx + offset, gy + 20.0))
    assert end[1] < gy, f"walked through the palace wall at x={offset}"
    inside = _walk(obstacles, (gx + offset / 2, py - 80.0), (gx + offset / 2 + 1.0, py - 110.0))
    assert inside[1] > py - 100.0, "walked out through Heungnyemun's south corridor"


def test_gwanghwamuns_detail_is_judged_by_the_gate_not_its_wall(buildings: dict[str, Building]):
    """Standing in the palace 250 m behind the gate, a visitor is beside its wall but far from its detail: the level
    of detail follows the gate's own box, the wall (boxes, nothing to simplify) is left out of it."""
    b = buildings["gwanghwamun"]
    lo, hi = b.detail_bounds()
    whole_lo, whole_hi = b.bounds()
    assert hi[0] - lo[0] < 60.0 and hi[1] < 20.0  # the base, pavilion and forecourt
    assert whole_hi[0] - whole_lo[0] > 400.0 and whole_hi[1] > 400.0  # the wall reaches the palace's corners
    assert buildings["gyeongbokgung"].detail_box is None  # the palace is judged by all of it


def test_yeongjegyo_is_the_way_across_the_stream(buildings, catalogue, axis):
    """The stream's railed banks stop a visitor crossing Heungnyemun's yard off the axis; the bridge carries them."""
    obstacles = _world_obstacles(buildings, catalogue)
    gx, _, py = axis
    y = py + catalogue["gyeongbokgung"].params["plan"]["stream_y"]
    assert _walk(obstacles, (gx + 25.0, y - 10.0), (gx + 25.0, y + 10.0))[1] < y, "crossed the stream off the bridge"
    assert math.dist(_walk(obstacles, (gx, y - 10.0), (gx, y + 10.0)), (gx, y + 10.0)) < 0.2, "the bridge is blocked"
    d = buildings["gyeongbokgung"].dims
    spec = catalogue["gyeongbokgung"].params["stream"]
    assert (d["bridge_width"], d["bridge_length"]) == (spec["bridge_width"], spec["bridge_length"])


def test_the_palace_wall_holds_its_side_gates(buildings: dict[str, Building], catalogue: dict[str, Landmark]):
    """Geonchunmun in the east wall, Yeongchumun in the west, Sinmumun in the north: each where the catalogue puts
    it, a pavilion above the wall, and its arch a way through (no collider in the passage, the wall's on either
    side of it)."""
    spec = catalogue["gwanghwamun"].params["palace_wall"]
    b = buildings["gwanghwamun"]
    d = b.dims
    where = {"east": lambda at: (spec["east"], at), "west": lambda at: (-spec["west"], at),
             "north": lambda at: (at, spec["north"])}
    assert {g["id"] for g in spec["gates"]} == {"geonchunmun", "yeongchumun", "sinmumun"}
    for g in spec["gates"]:
        x, y = where[g["side"]](g["at"])
        assert (d[f"{g['id']}_x"], d[f"{g['id']}_y"]) == (x, y)
        assert d[f"{g['id']}_height"] > d["palace_wall_height"] + 4.0
        across = (1.0, 0.0) if g["side"] in ("east", "west") else (0.0, 1.0)
        passage = [(x + across[0] * s, y + across[1] * s) for s in (-6.0, -3.0, 0.0, 3.0, 6.0)]
        blocked = [c for c in b.colliders for px, py in passage
                   if c[0] <= px <= c[3] and c[1] <= py <= c[4] and c[2] <= 1.0 <= c[5]]
        assert not blocked, (g["id"], blocked)
        along = (0.0, 1.0) if g["side"] in ("east", "west") else (1.0, 0.0)
        for s in (-20.0, 20.0):  # the wall stands on either side
            px, py = x + along[0] * s, y + along[1] * s
            assert any(c[0] <= px <= c[3] and c[1] <= py <= c[4] for c in b.colliders), (g["id"], s)
