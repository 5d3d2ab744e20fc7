"""Benches along Gwanghwamun Square: placed off the roads, colliders the walkways avoid, and walkers who sit on them
for a while, facing out, then get up onto the way again — never on top of anyone."""

import math

import numpy as np

from game.city.streets import SIDEWALK, distance_to_polyline
from game.life import benches
from game.life.walkways import BODY_RADIUS


def test_benches_line_the_square_off_the_roads_facing_in(district):
    street_list, landmarks = district[0], district[2]
    square = landmarks["gwanghwamun-square"]
    placed = benches.along_squares(landmarks.values(), street_list)
    assert len(placed) >= 15
    pts = np.array([(b.x, b.y) for b in placed])
    for s in street_list:
        assert (distance_to_polyline(s.points, pts) > s.width / 2 + SIDEWALK).all(), s.id
    for b in placed:  # each faces the square's middle line
        to_mid = square.local[0] - b.x
        assert math.cos(b.facing) * to_mid > 0
    for ob, b in zip(benches.colliders(placed), placed, strict=True):  # the box's front (+Y) is the facing
        front = ob.to_world_vec(0.0, 1.0)
        assert math.isclose(front[0], math.cos(b.facing), abs_tol=1e-9)
        assert math.isclose(front[1], math.sin(b.facing), abs_tol=1e-9)
    seats = benches.seats(placed[:1])
    assert len(seats) == benches.SEATS
    assert np.linalg.norm(np.diff(seats[:, :2], axis=0), axis=1).min() >= 2 * BODY_RADIUS


def test_walkers_sit_a_while_and_get_up_without_touching_anyone(make_life):
    life = make_life(vehicle_scale=0.0)
    crowd = life.crowd
    assert len(crowd.seats) >= 45
    sat, got_up = set(), set()
    for step in range(720):  # six minutes
        before = crowd.seat.copy()
        life.update(0.5)
        sitting = np.nonzero(crowd.seat >= 0)[0]
        sat |= set(sitting.tolist())
        got_up |= {int(i) for i in np.nonzero((before >= 0) & (crowd.seat < 0) & crowd.active)[0]}
        for i in sitting:
            assert np.allclose(crowd.pos[i], crowd.seats[crowd.seat[i], :2])
            assert math.isclose(crowd.heading[i], crowd.seats[crowd.seat[i], 2])
        assert len(set(crowd.seat[sitting].tolist())) == len(sitting)  # one to a seat
        assert crowd.seat_taken.sum() == len(sitting)
        if step % 30 == 0:
            p = crowd.pos[crowd.present]
            d = np.linalg.norm(p[:, None] - p[None], axis=2)
            np.fill_diagonal(d, np.inf)
            assert d.min() >= 2 * BODY_RADIUS - 1e-6
    assert len(sat) >= 20 and len(got_up) >= 5
