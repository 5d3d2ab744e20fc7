"""The cherries along Gyeongbokgung's west wall: where they stand and when they bloom (pure, no rendering)."""

import datetime as dt

import numpy as np

from game.city import cherries
from game.landmarks.catalogue import load as load_catalogue


def test_pink_from_the_first_to_the_fifteenth_of_april_only():
    assert cherries.crown(dt.date(2026, 4, 1)) == cherries.crown(dt.date(2026, 4, 15)) == cherries.BLOSSOM
    assert cherries.crown(dt.date(2026, 4, 8)) == cherries.BLOSSOM  # the KMA's normal flowering date for Seoul
    for day in (dt.date(2026, 4, 16), dt.date(2026, 5, 10), dt.date(2026, 7, 1), dt.date(2026, 10, 10)):
        assert cherries.crown(day) not in (None, cherries.BLOSSOM), day  # in leaf after the blossom
    for day in (dt.date(2026, 1, 10), dt.date(2026, 3, 31), dt.date(2026, 11, 20)):
        assert cherries.crown(day) is None, day  # bare before it and from November
    r, g, b = cherries.BLOSSOM
    assert r > b > g  # pink: red first, blue over green


def test_one_row_outside_the_west_wall_clear_of_its_gate():
    wall = load_catalogue()["gwanghwamun"].params["palace_wall"]
    spots = cherries.spots(wall)
    outer_face = -wall["west"] - wall["thickness"] / 2
    assert len(spots) > 40
    assert (spots[:, 0] < outer_face - 3.0).all() and (spots[:, 0] > outer_face - 6.0).all()  # on the pavement
    gate = next(g["at"] for g in wall["gates"] if g["side"] == "west")
    assert np.abs(spots[:, 1] - gate).min() > 10.0  # none in front of Yeongchumun
    assert (spots[:, 2] >= 6.0).all() and (spots[:, 2] <= 8.0).all()
    assert cherries.POSITION_TAG == "estimated"
