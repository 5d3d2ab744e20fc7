"""The district's streets and colliders built without the engine, as ``DistrictScene.load`` builds them."""

from __future__ import annotations

import datetime as dt

import pytest

from game import geo
from game.architecture.builders import build_landmark
from game.architecture.stream import walk_parts
from game.city import blocks, streets
from game.landmarks import catalogue
from game.life import benches
from game.life.world import CityLife, alleys, plazas, stream_walks
from game.nav.collision import Obstacle, ObstacleIndex

KST = dt.timezone(dt.timedelta(hours=9))
NOON = dt.datetime(2026, 5, 15, 12, 0, tzinfo=KST)  # a Friday, lunchtime


@pytest.fixture(scope="session")
def district():
    """(streets, open areas, landmarks, obstacle list, obstacle index) of the real district."""
    street_list, areas = streets.load()
    landmarks = catalogue.load()
    footprints = [(lm.local, lm.footprint, lm.heading) for lm in landmarks.values()]
    # each block in a frame at its own centre: the same boxes as the scene's, but the grid index then lists a
    # block only in the cells it touches, so the collision checks below stay fast
    obstacles = [Obstacle(b.x, b.y, 0.0, ((-b.width / 2, -b.depth / 2, 0.0, b.width / 2, b.depth / 2, b.height),))
                 for b in blocks.generate(street_list, areas, footprints)]
    for lm in landmarks.values():
        colliders = tuple(build_landmark(lm).colliders)
        if colliders:
            obstacles.append(Obstacle(*lm.local, geo.heading_to_panda(lm.heading), colliders))
        if lm.kind == "stream":
            obstacles += walk_parts(lm.params, lm.local, lm.footprint)[0]
    return street_list, areas, landmarks, obstacles, ObstacleIndex(obstacles)


@pytest.fixture
def make_life(district):
    street_list, areas, landmarks, obstacles, index = district

    def make(when: dt.datetime = NOON, seed: int = 7, **kw) -> CityLife:
        return CityLife(street_list, index, when, seed, plazas(areas, landmarks.values()),
                        market_alleys=alleys(landmarks.values()),
                        seating=benches.along_squares(landmarks.values(), street_list),
                        sunken=stream_walks(landmarks.values()), **kw)

    return make
