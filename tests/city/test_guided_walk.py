"""Easy mode's guided walk over the pavements: a way from the start to every landmark, clear of every collider,
and a walker stepped along it (with its own collision, in long frames) arrives."""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.architecture.builders import build_landmark
from game.guided_walk import GuidedWalk, route, segment_clear
from game.landmarks.views import view_for
from game.life.clearance import Clearance
from game.life.world import CityLife, alleys, plazas
from game.nav.walker import RADIUS, Walker
from tests.city.conftest import NOON

START = "gwanghwamun-square"


@pytest.fixture(scope="module")
def walk_world(district):
    street_list, areas, landmarks, _obstacles, index = district
    ways = CityLife(street_list, index, NOON, 7, plazas(areas, landmarks.values()),
                    market_alleys=alleys(landmarks.values())).ways
    views = {lid: view_for(lm, build_landmark(lm).dims.get("total_height", 10.0)) for lid, lm in landmarks.items()}
    return ways, Clearance(index), views, index


def test_every_landmark_has_a_way_from_the_start_clear_of_every_collider(walk_world) -> None:
    ways, clearance, views, _ = walk_world
    start = views[START].camera[:2]
    for lid, view in views.items():
        path = route(ways, clearance.clear, start, view.camera[:2])
        assert path is not None, lid
        assert path[-1] == view.camera[:2]
        legs = list(zip([start, *path[:-1]], path, strict=True))
        for a, b in legs:
            assert segment_clear(clearance.clear, a, b, RADIUS * 0.9), (lid, a, b)
        # along the pavements, not round the district: measured 1.01–1.25 times the straight line (crossings at
        # junctions, round blocks; 1.01 to Gyeongbokgung, over Yulgok-ro by the crosswalk in front of the gate)
        ratio = 1.05 if lid in ("gwanghwamun", "gyeongbokgung") else 1.25
        assert sum(math.dist(a, b) for a, b in legs) <= ratio * math.dist(start, path[-1]) + 30.0, lid


def test_a_wall_in_the_way_is_walked_round():
    from game.life.walkways import Walkways

    # a square ring of four nodes round a wall: the straight line from west to east is blocked
    nodes = np.array([[-10.0, 0.0], [0.0, 10.0], [10.0, 0.0], [0.0, -10.0]])
    a, b = np.array([0, 1, 2, 3]), np.array([1, 2, 3, 0])
    d = nodes[b] - nodes[a]
    ln = np.linalg.norm(d, axis=1)
    adjacency = [[0, 3], [0, 1], [1, 2], [2, 3]]
    ways = Walkways(nodes, a, b, ln, d / ln[:, None], d, -np.ones(4), np.ones(4), [None] * 4, -np.ones(4, int),
                    adjacency, np.zeros(4, bool))

    def clear(pts, radius):
        return ~((np.abs(pts[:, 0]) < 3 + radius) & (np.abs(pts[:, 1]) < 3 + radius))

    path = route(ways, clear, (-12.0, 0.0), (12.0, 0.0))
    assert path is not None and path[-1] == (12.0, 0.0)
    assert any(abs(y) == 10.0 for _, y in path)  # by the ring's north or south node
    assert not segment_clear(clear, (-12.0, 0.0), (12.0, 0.0))
    assert all(segment_clear(clear, p, q) for p, q in zip([(-12.0, 0.0), *path[:-1]], path, strict=True))


@pytest.mark.parametrize("lid", ["bosingak", "sungnyemun", "gwanghwamun"])
def test_the_walker_arrives_in_long_frames(walk_world, lid) -> None:
    ways, clearance, views, index = walk_world
    start = views[START].camera[:2]
    walker = Walker(obstacles=index)
    walker.teleport(*start, 0.0)
    walk = GuidedWalk(walker, route(ways, clearance.clear, (walker.x, walker.y), views[lid].camera[:2]))
    for _ in range(400):
        walk.update(5.0)  # 28 m per frame at four times walking speed
        if walk.done:
            break
    assert walk.arrived and not walk.stuck
    assert math.dist((walker.x, walker.y), views[lid].camera[:2]) < 1.0
