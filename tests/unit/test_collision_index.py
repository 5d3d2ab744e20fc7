"""The collision grid stays proportional to the obstacles it holds, so a walker's query costs microseconds.

Asserted on sizes and counts (entries in the grid, obstacles a query looks at), never on timings: the timings
are in ``python -m game.bench`` (``walker_query_us``).
"""

import pytest

from game.nav.collision import Obstacle, ObstacleIndex, resolve


def _city(n_side: int, origin_frame: bool = False) -> list[Obstacle]:
    """``n_side``² blocks of 20 × 16 m on a 34 m grid, like the generated city."""
    obstacles = []
    for i in range(n_side):
        for j in range(n_side):
            x, y = i * 34.0 + 3.0, j * 34.0 - 5.0
            box = (x - 10.0, y - 8.0, 0.0, x + 10.0, y + 8.0, 25.0)
            obstacles.append(Obstacle(0.0, 0.0, 0.0, (box,)) if origin_frame else Obstacle.around(box))
    return obstacles


def test_index_size_grows_linearly_with_the_number_of_obstacles():
    per_obstacle = []
    for n_side in (10, 20, 40):
        obstacles = _city(n_side)
        per_obstacle.append(ObstacleIndex(obstacles).entries / len(obstacles))
    # each block fills the same few cells whatever the size of the city
    assert max(per_obstacle) <= 4.0
    assert max(per_obstacle) / min(per_obstacle) < 1.1


def test_a_query_looks_at_a_handful_of_obstacles_anywhere_in_the_city():
    index = ObstacleIndex(_city(40))
    looked_at = [len(index.near(x * 7.3, y * 7.3)) for x in range(-5, 190) for y in range(-5, 190)]
    assert max(looked_at) <= 9  # a 64 m cell spans at most 3 × 3 blocks of a 34 m grid
    assert all(ob.reach < 14 for ob in index.near(500.0, 500.0))


def test_blocks_at_their_own_centres_collide_exactly_like_boxes_given_in_world_axes():
    near_frame, far_frame = _city(6), _city(6, origin_frame=True)
    assert far_frame[-1].reach > 200  # a box given far from its frame's origin reaches across the whole city
    fast, slow = ObstacleIndex(near_frame), ObstacleIndex(far_frame)
    assert fast.entries == slow.entries  # the index places each box at its own centre whatever its frame
    for k in range(400):
        p = (k % 20) * 10.3 - 4.0, (k // 20) * 10.7 - 9.0
        assert resolve(*p, 0.3, fast) == pytest.approx(resolve(*p, 0.3, slow), abs=1e-9)


def test_the_generated_district_index_stays_small():
    from game.city import blocks, streets
    from game.landmarks import catalogue

    street_list, areas = streets.load()
    footprints = [(lm.local, lm.footprint, lm.heading) for lm in catalogue.load().values()]
    city = blocks.generate(street_list, areas, footprints)
    index = ObstacleIndex([Obstacle.around(b.aabb) for b in city])
    assert index.entries < 4 * len(city)
    assert max(len(obs) for obs in index.grid.values()) <= 16


def test_a_long_enclosure_is_indexed_box_by_box():
    """A palace's walls in one turned frame (boxes up to 860 m from its origin): a query beside one wall looks at
    that wall only, and collides exactly as the whole building would."""
    walls = ((-250.0, -1.0, 0.0, 250.0, 1.0, 5.5), (248.0, -1.0, 0.0, 250.0, 860.0, 5.5),
             (-250.0, -1.0, 0.0, -248.0, 860.0, 5.5), (-250.0, 858.0, 0.0, 250.0, 860.0, 5.5),
             (-5.0, -40.0, 0.0, 5.0, -30.0, 7.0))
    palace = Obstacle(10.0, 400.0, 180.0, walls)
    assert palace.reach > 800
    index = ObstacleIndex([palace])
    assert len(index.near(-238.0, 0.0)) == 1  # the west wall's cell (turned 180°: the frame's east wall)
    assert all(ob.reach < 440 for cell in index.grid.values() for ob in cell)
    assert index.entries < 60
    touching = [(-238.9, 0.0), (259.2, -100.0), (0.0, 400.3), (9.0, 436.0), (-239.5, 399.5)]
    grid = [(-260.0 + (k % 30) * 18.1, -480.0 + (k // 30) * 95.3) for k in range(300)]
    for p in touching + grid:
        assert resolve(*p, 0.35, index) == pytest.approx(resolve(*p, 0.35, [palace]), abs=1e-9)
    assert all(resolve(*p, 0.35, index) != p for p in touching)
