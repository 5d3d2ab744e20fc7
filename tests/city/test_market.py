"""Namdaemun Market's stall alleys in the pedestrian network: walked end to end, joined to the streets, and shoppers
stop at the stalls, facing the goods."""

import math
from collections import deque

import numpy as np

from game.life.world import alleys


def _inside(lm, xy: np.ndarray) -> np.ndarray:
    return (np.abs(xy - np.asarray(lm.local)) <= np.asarray(lm.footprint) / 2 + 0.5).all(axis=1)


def test_the_alleys_are_walkways_joined_to_the_streets(district, make_life):
    lm = district[2]["namdaemun-market"]
    assert len(alleys([lm])) == lm.params["alleys_ns"] + lm.params["alleys_ew"]
    ways = make_life().ways
    browse = np.nonzero(ways.browse)[0]
    assert len(browse) > 150 and _inside(lm, ways.nodes[browse]).all()
    seen, todo = {int(browse[0])}, deque([int(browse[0])])
    while todo:  # everything reachable from one stall alley
        n = todo.popleft()
        for e in ways.adjacency[n]:
            m = int(ways.b[e] if ways.a[e] == n else ways.a[e])
            if m not in seen:
                seen.add(m)
                todo.append(m)
    assert set(browse.tolist()) <= seen and not _inside(lm, ways.nodes[sorted(seen)]).all()  # and the streets


def test_shoppers_stop_at_the_stalls_facing_them(district, make_life):
    lm = district[2]["namdaemun-market"]
    life = make_life(vehicle_scale=0.0)
    crowd, ways = life.crowd, life.ways
    browsing = []
    for _ in range(240):  # two minutes at half-second steps
        life.update(0.5)
        here = crowd.present & _inside(lm, crowd.pos)
        stopped = here & (crowd.pause > 0)
        browsing.append((stopped.sum(), here.sum()))
        for i in np.nonzero(stopped)[0]:
            # facing across the alley (towards a stall), not along it
            along = ways.direction[crowd.edge[i]]
            assert abs(math.cos(crowd.heading[i]) * along[0] + math.sin(crowd.heading[i]) * along[1]) < 0.2
    stopped, present = np.sum(browsing, axis=0)
    assert present / len(browsing) > 20  # the market is busy at noon
    assert 0.15 < stopped / present < 0.8  # a good share stand at a stall at any moment; the rest walk on
