"""Pedestrians: never through buildings, never inside each other, green man only, density follows the level."""

import datetime as dt

import numpy as np
import pytest

from game.city.streets import distance_to_polyline
from game.life.signals import Light
from game.life.walkways import BODY_RADIUS
from game.nav.collision import resolve
from tests.city.conftest import NOON


def _min_separation(pos: np.ndarray) -> float:
    d = np.linalg.norm(pos[:, None] - pos[None], axis=2)
    np.fill_diagonal(d, np.inf)
    return float(d.min())


@pytest.mark.slow
def test_ten_thousand_seconds_without_walls_or_overlaps(district, make_life):
    street_list, *_, index = district
    life = make_life(crowd_scale=0.35, vehicle_scale=0.0)
    crowd, ways = life.crowd, life.ways
    life.set_visitor((-25.0, 40.0))  # the visitor stands in the square: walkers go round them
    assert crowd.count() > 100
    start = crowd.pos[crowd.present].copy()
    population = crowd.count()
    indoors_seen, came_out = 0, 0
    for step in range(10_000):  # one simulated second per update (split into short steps inside)
        was_inside = crowd.active & (crowd.indoors > 0)
        life.update(1.0)
        act = crowd.present
        indoors_seen = max(indoors_seen, int((crowd.active & ~act).sum()))
        came_out += int((was_inside & act).sum())
        if life.now.hour == 12:  # the typical level holds for the hour; going into a shop is not leaving the city
            assert crowd.count() == population
        pos = crowd.pos[act]
        assert _min_separation(pos) >= 2 * BODY_RADIUS - 1e-9, step
        assert (np.linalg.norm(pos - (-25.0, 40.0), axis=1) >= BODY_RADIUS + 0.35 - 1e-9).all()
        if step % 50 == 0:
            feet = ways.height(crowd.edge[act], crowd.along[act])  # street level, or down on the stream's banks
            clear = [resolve(x, y, BODY_RADIUS, index, feet=z) == (x, y) for (x, y), z in zip(pos, feet, strict=True)]
            assert all(clear), step
            road = np.array([ways.crossed[e] is None for e in crowd.edge[act]])
            for s in street_list:
                assert (distance_to_polyline(s.points, pos[road]) > s.width / 2 - 0.35).all(), (step, s.id)
    assert np.linalg.norm(crowd.pos[crowd.present][: len(start)] - start[: len(crowd.pos[crowd.present])],
                          axis=1).mean() > 20
    assert indoors_seen > 3 and came_out > 20  # people went into shops and came out again


def test_walkers_step_onto_crossings_only_on_the_green_man(make_life):
    life = make_life(vehicle_scale=0.0)
    crowd, ways = life.crowd, life.ways
    entries, waited_at_red = 0, 0
    for _ in range(2400):  # ten minutes in quarter seconds: each update is one step
        clock = life.clock_s
        before = crowd.edge.copy()
        life.update(0.25)
        moved_on = np.nonzero(crowd.present & (crowd.edge != before))[0]
        for i in moved_on:
            e = crowd.edge[i]
            if ways.crossed[e] is None or ways.crossed[before[i]] is not None:
                continue  # on the pavement, or walking on over a crossing already entered
            j = life.junctions[ways.junction[e]]
            # off the kerb only with time enough for the whole crossing, not just its first piece
            assert j.walk_remaining(ways.crossed[e], clock) * crowd.speed_pref[i] >= crowd.span[e] >= ways.length[e]
            assert j.light(ways.crossed[e], clock) is Light.RED
            entries += 1
        nxt = crowd.next_edge
        kerb = crowd.present & (nxt >= 0) & (crowd.speed == 0)
        waited_at_red += sum(1 for i in np.nonzero(kerb)[0] if ways.crossed[nxt[i]] is not None)
    assert entries > 20 and waited_at_red > 100


def test_same_seed_and_clock_give_the_same_city(make_life):
    a, b, c = make_life(seed=5), make_life(seed=5), make_life(seed=6)
    for life in (a, b, c):
        for _ in range(40):
            life.update(0.5)
    assert np.array_equal(a.crowd.pos, b.crowd.pos) and np.array_equal(a.traffic.pos, b.traffic.pos)
    assert not np.array_equal(a.crowd.pos, c.crowd.pos)


def _near(life, place_id: str) -> int:
    place = next(p for p in life.places if p.id == place_id)
    d = np.linalg.norm(life.crowd.pos[life.crowd.present] - (place.x, place.y), axis=1)
    return int((d < place.radius).sum())


def test_density_follows_the_crowd_level(make_life):
    quiet, busy = make_life(), make_life()
    quiet.set_live_level("광화문·덕수궁", "여유")
    busy.set_live_level("광화문·덕수궁", "붐빔")
    for life in (quiet, busy):
        for _ in range(120):
            life.update(1.0)
    assert _near(busy, "gwanghwamun-square") > 3 * _near(quiet, "gwanghwamun-square")
    assert busy.summary()["crowd"]["광화문·덕수궁"] == {"level": "붐빔", "level_en": "busy", "source": "live"}
    view = busy.view_summary((-19.0, 105.0))
    assert view["crowd"] == {"hotspot": "광화문·덕수궁", "level": "붐빔", "level_en": "busy", "source": "live"}
    assert view["pedestrians"] > 3 * quiet.view_summary((-19.0, 105.0))["pedestrians"]
    busy.set_live_level("광화문·덕수궁", None)  # the live source went away: back to the typical profile
    assert busy.summary()["crowd"]["광화문·덕수궁"]["source"] == "typical"
    with pytest.raises(ValueError):
        busy.set_live_level("광화문·덕수궁", "unknown")


def test_the_hour_sets_the_typical_crowd_and_traffic(make_life):
    night = make_life(when=NOON.replace(hour=3))
    noon = make_life()
    assert noon.summary()["pedestrians"] > 3 * night.summary()["pedestrians"] > 0
    assert noon.summary()["vehicles"] > 2 * night.summary()["vehicles"] > 0
    sunday = make_life(when=NOON + dt.timedelta(days=2, hours=3))  # Sunday 15:00: the square is busy
    assert sunday.summary()["crowd"]["광화문·덕수궁"]["level"] == "붐빔"
