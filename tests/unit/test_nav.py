"""Walking and collision, pure: no rendering."""

import math

import pytest

from game.nav.collision import Obstacle, ObstacleIndex, resolve
from game.nav.walker import RADIUS, Intent, Walker


def test_walk_forward_follows_heading():
    w = Walker(heading=90.0)  # Panda heading 90: facing -X (west)
    w.update(1.0, Intent(forward=1.0))
    assert w.x == pytest.approx(-1.4) and w.y == pytest.approx(0.0, abs=1e-9)
    w.update(1.0, Intent(strafe=1.0, run=True))  # right of west is north
    assert w.y == pytest.approx(2.8)


def test_diagonal_is_not_faster():
    w = Walker()
    w.update(1.0, Intent(forward=1.0, strafe=1.0))
    assert math.hypot(w.x, w.y) == pytest.approx(1.4)


def test_wall_stops_the_visitor():
    wall = Obstacle(0.0, 0.0, 0.0, ((-10, 5, 0, 10, 6, 8),))
    w = Walker(obstacles=ObstacleIndex([wall]))
    for _ in range(100):
        w.update(0.1, Intent(forward=1.0))
    assert w.y == pytest.approx(5 - RADIUS, abs=1e-6)


def test_low_boxes_are_stepped_over_and_rotated_obstacles_block_in_their_frame():
    kerb = Obstacle(0, 0, 0, ((-10, 1, 0, 10, 2, 0.15),))
    assert resolve(0, 1.5, RADIUS, [kerb]) == (0, 1.5)
    # a 2 × 20 m wall turned 90°: in the world it runs along X
    wall = Obstacle(0, 0, 90.0, ((-1, -10, 0, 1, 10, 5),))
    x, y = resolve(5.0, 0.9, RADIUS, [wall])
    assert y == pytest.approx(1 + RADIUS) and x == pytest.approx(5.0)


def test_arch_passage_stays_open():
    piers = Obstacle(0, 0, 0, ((-20, -5, 0, -2.5, 5, 7), (2.5, -5, 0, 20, 5, 7), (-20, -5, 5.4, 20, 5, 7)))
    w = Walker(x=0.0, y=-10.0, obstacles=ObstacleIndex([piers]))
    for _ in range(200):
        w.update(0.1, Intent(forward=1.0))
    assert w.y > 10  # walked through: piers block the sides, the crown box starts above head height


def test_segment_hits_roof_wall_or_ground():
    from game.nav.collision import segment_hit

    house = Obstacle(10.0, 0.0, 90.0, ((-2, -3, 0, 2, 3, 5),))  # turned 90°: 6 m along X, 4 m along Y
    index = ObstacleIndex([house])
    point, normal = segment_hit(index, (10.0, 0.0, 9.0), (10.0, 0.0, -1.0))
    assert point == pytest.approx((10.0, 0.0, 5.0)) and normal == pytest.approx((0, 0, 1))  # roof
    point, normal = segment_hit(index, (0.0, 0.0, 1.0), (12.0, 0.0, 1.0))
    assert point[0] == pytest.approx(7.0) and normal == pytest.approx((-1, 0, 0))  # west wall
    point, normal = segment_hit(index, (0.0, -20.0, 2.0), (0.0, -22.0, -2.0))
    assert point == pytest.approx((0.0, -21.0, 0.0)) and normal == (0.0, 0.0, 1.0)  # open ground
    assert segment_hit(index, (0.0, -20.0, 2.0), (0.0, -22.0, 1.0)) is None


def test_floors_keep_the_visitor_on_the_surface_they_can_reach():
    from game.nav.floors import Floor, Floors

    walkway = Floor(0.0, 0.0, 0.0, (-10.0, -5.0, 10.0, 5.0), -4.4, -4.4)
    bridge = Floor(0.0, 0.0, 0.0, (-2.0, -6.0, 2.0, 6.0), 0.0, 0.0)
    stair = Floor(20.0, 0.0, 90.0, (0.0, -1.0, 9.0, 1.0), 0.0, -4.4)  # turned: runs north from (20, 0)
    floors = Floors([walkway, bridge, stair])
    assert floors.height(0.0, 0.0, -4.4) == -4.4  # under the bridge
    assert floors.height(0.0, 0.0, 0.0) == 0.0  # on it
    assert floors.height(0.0, 0.0, math.inf) == 0.0  # a teleport lands on top
    assert floors.height(20.0, 4.5, 0.0) == pytest.approx(-2.2)  # halfway down the turned stair
    assert floors.height(50.0, 50.0, -4.4) == 0.0  # off every floor: the street


def test_boxes_are_stepped_over_and_walked_under_from_where_the_feet_are():
    wall = Obstacle(0.0, 0.0, 0.0, ((-0.5, -5.0, -5.0, 0.5, 5.0, 0.0),))  # a stream's wall, top at street level
    rail = Obstacle(0.0, 0.0, 0.0, ((-0.5, -5.0, 0.0, 0.5, 5.0, 1.1),))
    assert resolve(0.6, 0.0, RADIUS, [wall]) == (0.6, 0.0)  # on the street the wall is under foot
    assert resolve(0.6, 0.0, RADIUS, [wall], feet=-4.4)[0] == pytest.approx(0.5 + RADIUS)  # below it blocks
    assert resolve(0.6, 0.0, RADIUS, [rail], feet=-4.4) == (0.6, 0.0)  # the rail above is walked under
