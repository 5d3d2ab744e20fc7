"""The walkway graph: derived from the streets and colliders, clear of every building, crossings at junctions."""

import numpy as np

from game.city.streets import distance_to_polyline
from game.life.clearance import Clearance
from game.life.signals import find_junctions
from game.life.walkways import BODY_RADIUS, build
from game.nav.collision import Obstacle, resolve


def test_clearance_agrees_with_the_visitors_collision(district):
    *_, obstacles, index = district
    rng = np.random.default_rng(3)
    pts = rng.uniform((-300, -900), (300, 300), (4000, 2))
    ok = Clearance(index).clear(pts, BODY_RADIUS)
    pushed = np.array([resolve(x, y, BODY_RADIUS, index) != (x, y) for x, y in pts])
    assert (ok == ~pushed).mean() > 0.999  # equal but for points exactly on a circle's edge
    assert ok.sum() > 1000 and (~ok).sum() > 200  # both kinds were sampled


def test_a_rotated_obstacle_is_judged_in_its_own_frame():
    wall = Obstacle(10.0, 0.0, 45.0, ((-5, -0.5, 0, 5, 0.5, 3),))
    c = Clearance([wall])
    along_wall = np.array([[10 + 3 * np.cos(np.pi / 4), 3 * np.sin(np.pi / 4)]])
    assert not c.clear(along_wall, 0.3)[0]
    assert c.clear(np.array([[10 + 3, 0.0]]), 0.3)[0]
    low = Obstacle(0.0, 0.0, 0.0, ((-1, -1, 0, 1, 1, 0.3),))  # a kerb: stepped over
    assert Clearance([low]).clear(np.zeros((1, 2)), 0.3)[0]


def test_every_band_is_clear_of_buildings_and_pavements_stay_off_the_road(district, make_life):
    street_list, *_, index = district
    ways = make_life().ways
    rng = np.random.default_rng(1)
    e = np.arange(len(ways.a))
    for _ in range(4):
        along = rng.uniform(0, 1, len(e)) * ways.length
        lateral = ways.lo + rng.uniform(0, 1, len(e)) * (ways.hi - ways.lo)
        pts = ways.position(e, along, lateral)
        feet = ways.height(e, along)  # each at its own level: the stream's banks are below the street's rails
        assert all(resolve(x, y, BODY_RADIUS, index, feet=z) == (x, y) for (x, y), z in zip(pts, feet, strict=True))
        pavement = np.array([c is None for c in ways.crossed])
        for s in street_list:
            assert (distance_to_polyline(s.points, pts[pavement]) > s.width / 2 - 0.35).all(), s.id


def test_crossings_join_kerbs_at_signalled_junctions(district, make_life):
    street_list = district[0]
    life = make_life()
    ways = life.ways
    crossing = np.nonzero([c is not None for c in ways.crossed])[0]
    assert len(crossing) > 40
    assert (ways.junction[crossing] >= 0).all()
    degree = np.array([len(a) for a in ways.adjacency])
    assert (degree[ways.a[crossing]] >= 2).all() and (degree[ways.b[crossing]] >= 2).all()
    crossed = {ways.crossed[k] for k in crossing}
    assert {"sejong-daero", "jongno", "sinmun-ro", "taepyeong-ro", "namdaemun-ro"} <= crossed
    # every street has pavement on both sides for most of its length
    assert len(ways.a) > 1500
    assert len(find_junctions(street_list)) >= 6


def test_the_square_is_walkable(make_life):
    ways = make_life().ways
    square = (ways.nodes[:, 0] < -10) & (ways.nodes[:, 0] > -48) & (np.abs(ways.nodes[:, 1]) < 250)
    assert square.sum() > 150


def test_cheonggye_plaza_joins_the_streets_and_its_stairs_lead_down_to_both_banks(district, make_life):
    from collections import deque

    from game.architecture.stream import layout, plaza_polygon
    from game.city.streets import point_in_polygon

    lm = district[2]["cheonggyecheon"]
    lay = layout(lm.params, lm.local, lm.footprint)
    ways = make_life().ways
    plaza = np.nonzero(point_in_polygon(plaza_polygon(lay, lm.local), ways.nodes))[0]
    assert len(plaza) > 30
    s, t = ways.nodes[:, 0] - lm.local[0], ways.nodes[:, 1] - lm.local[1]
    off = t - lay.t_at(s)
    low = (s > lay.head + lay.stairs_length) & (ways.z < -0.05)
    assert low.sum() > 100 and np.allclose(ways.z[low & (np.abs(ways.z - lay.walkway_z) > 0.01)],
                                           lay.walkway_z + 0.4)  # the walkways, a step up on Gwangtonggyo
    assert ((np.abs(off[low]) > lay.half_water) & (np.abs(off[low]) < lay.half_channel)).all()  # on the banks
    assert (off[low] > 0).any() and (off[low] < 0).any()
    seen, todo = {int(plaza[0])}, deque([int(plaza[0])])
    while todo:  # from the plaza: the streets and both banks below
        n = todo.popleft()
        for e in ways.adjacency[n]:
            m = int(ways.b[e] if ways.a[e] == n else ways.a[e])
            if m not in seen:
                seen.add(m)
                todo.append(m)
    assert set(np.nonzero(low)[0].tolist()) <= seen
    assert len(seen) > 3000  # the plaza is not an island
    # walked along, a bank's height falls over the stairs and never rises before the bridge
    stairs = (s > lay.head - 0.1) & (s < lay.head + lay.stairs_length + 0.1) & (np.abs(off) < lay.half_channel)
    for side in (1, -1):
        pick = np.nonzero(stairs & (np.sign(off) == side))[0]
        order = pick[np.argsort(s[pick])]
        assert ways.z[order[0]] == 0.0 and ways.z[order[-1]] == lay.walkway_z
        assert (np.diff(ways.z[order]) <= 1e-9).all()


def test_an_alley_blocked_by_a_building_loses_its_edges(district):
    street_list = district[0]
    jongno = [s for s in street_list if s.id == "jongno"]
    wall = Obstacle(300.0, -280.0, 0.0, ((-30, -40, 0, 30, 40, 10),))  # straddles both pavements and the road
    ways = build(jongno, Clearance([wall]), [])
    mids = (ways.nodes[ways.a] + ways.nodes[ways.b]) / 2
    assert not ((np.abs(mids[:, 0] - 300) < 29) & (np.abs(mids[:, 1] + 280) < 39)).any()
    assert len(build(jongno, Clearance([]), []).a) > len(ways.a)


def test_a_signalled_crossing_leads_from_the_square_over_yulgok_ro_to_the_gate(district, make_life):
    """Gwanghwamun's crosswalk: on the gate's axis (within its middle arch's reach), kerb to kerb over Yulgok-ro,
    under the Sejong-daero junction's signals, and joined to the square's pavement and the forecourt."""
    from game.guided_walk import route
    from game.life.clearance import Clearance
    from game.life.crosswalks import spans as crossing_spans

    life = make_life()
    ways = life.ways
    gate = np.asarray(district[2]["gwanghwamun"].local)
    yulgok = next(s for s in district[0] if s.id == "yulgok-ro")
    mids = (ways.nodes[ways.a] + ways.nodes[ways.b]) / 2
    here = np.array([c == "yulgok-ro" for c in ways.crossed]) & (np.abs(mids[:, 0] - gate[0]) < 5.0)
    assert here.any()
    spans = crossing_spans(ways)[here]
    assert np.allclose(spans, spans[0]) and yulgok.width <= spans[0] < yulgok.width + 2.0  # kerb to kerb
    junction = life.junctions[int(ways.junction[here][0])]
    assert set(junction.groups) == {"sejong-daero", "yulgok-ro"}
    # from the square's north end to the forecourt in front of the gate: over it (measured 1.11 times the straight
    # line; before the forecourt was joined to it, the way ran 180 m east along Yulgok-ro first)
    start, goal = (gate[0] - 15.0, gate[1] - 140.0), (gate[0], gate[1] - 30.0)
    path = route(ways, Clearance(district[4]).clear, start, goal)
    legs = list(zip([start, *path[:-1]], path, strict=True))
    assert sum(np.hypot(*np.subtract(b, a)) for a, b in legs) < 1.15 * np.hypot(*np.subtract(goal, start))
