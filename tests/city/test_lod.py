"""Level of detail for the district's crowd: far walkers step less often (by the time they are owed) and are drawn
with the coarse body; nobody overlaps anyone or falls behind the clock for it."""

import numpy as np

from game.life import lod
from game.life.walkways import BODY_RADIUS


def test_update_period_grows_with_distance_and_is_one_without_an_eye():
    pos = np.array([[0.0, 0.0], [79.0, 0.0], [0.0, 150.0], [300.0, 0.0], [2000.0, 0.0]])
    assert lod.periods(pos, (0.0, 0.0)).tolist() == [1, 1, 2, 4, 4]
    assert lod.periods(pos, None).tolist() == [1] * 5
    assert lod.near(pos, (0.0, 0.0)).tolist() == [True, False, False, False, False]
    assert lod.near(pos, None).all()


def test_every_walker_gets_its_turn_once_per_period_spread_over_the_frames():
    period = np.array([1, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4])
    turns = np.array([lod.due(period, frame) for frame in range(8)])
    assert (turns.sum(axis=0) == 8 // period).all()
    far = turns[:, period == 4].sum(axis=1)  # eight far walkers: two each frame, not eight every fourth
    assert far.tolist() == [2] * 8


def test_far_walkers_keep_up_with_the_clock_and_nobody_overlaps(make_life):
    life = make_life(vehicle_scale=0.0, crowd_scale=3.0)
    crowd = life.crowd
    eye = (float(crowd.places[0].x), float(crowd.places[0].y))
    life.set_eye(eye)
    start = crowd.pos.copy()
    walked = np.zeros(crowd.capacity)
    for frame in range(600):  # a minute at ten frames a second
        before = crowd.pos.copy()
        life.update(0.1)
        walked += np.linalg.norm(crowd.pos - before, axis=1)
        if frame % 20 == 0:
            p = crowd.pos[crowd.present]
            d = np.linalg.norm(p[:, None] - p[None], axis=2)
            np.fill_diagonal(d, np.inf)
            assert d.min() >= 2 * BODY_RADIUS - 1e-6
    active = crowd.active
    period = lod.periods(start, eye)
    assert (crowd.owed[active] < lod.FAR_PERIOD * 0.1 + 1e-9).all()  # nobody owed more than their period
    # the far ones walk about as far per minute as the near ones (their steps are longer, not fewer seconds)
    moving = active & (walked > 1.0)
    near_m, far_m = walked[moving & (period == 1)], walked[moving & (period == lod.FAR_PERIOD)]
    assert len(near_m) > 30 and len(far_m) > 100
    assert 0.7 < np.median(far_m) / np.median(near_m) < 1.4


def test_the_same_eye_and_seed_give_the_same_city(make_life):
    runs = []
    for _ in range(2):
        life = make_life(vehicle_scale=0.0)
        life.set_eye((0.0, 0.0))
        for _ in range(100):
            life.update(0.1)
        runs.append(life.crowd.pos[life.crowd.active].copy())
    assert np.array_equal(runs[0], runs[1])
