"""The walkway network from the asset cache: the same network as a fresh build, and never a stale one."""

from __future__ import annotations

import dataclasses

import numpy as np

from game.life import network_cache, world
from game.life.world import CityLife, plazas
from game.nav.collision import Obstacle, ObstacleIndex
from tests.city.conftest import NOON


def _same(a, b) -> None:
    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        assert np.array_equal(x, y) if isinstance(x, np.ndarray) else x == y, f.name


def test_a_second_start_reads_the_network_the_first_built(district, tmp_path, monkeypatch) -> None:
    street_list, areas, landmarks, obstacles, _ = district
    open_areas = plazas(areas, landmarks.values())
    built = CityLife(street_list, ObstacleIndex(obstacles), NOON, 7, open_areas, cache_dir=tmp_path)
    assert (tmp_path / network_cache.FILE).exists()

    def no_build(*_args, **_kw):
        raise AssertionError("built again although the cache holds this district's network")

    monkeypatch.setattr(world, "build_walkways", no_build)
    # a new index (a new process), its obstacles listed in another order (as a district read from its own cache)
    read = CityLife(street_list, ObstacleIndex(obstacles[::-1]), NOON, 7, open_areas, cache_dir=tmp_path)
    _same(built.ways, read.ways)


def test_any_change_to_the_inputs_gives_another_digest(district) -> None:
    street_list, areas, landmarks, obstacles, _ = district
    open_areas = plazas(areas, landmarks.values())
    key = network_cache.digest(street_list, obstacles, open_areas)
    assert network_cache.digest(street_list, obstacles[::-1], open_areas) == key
    moved = [Obstacle(obstacles[0].x + 0.01, *dataclasses.astuple(obstacles[0])[1:]), *obstacles[1:]]
    assert network_cache.digest(street_list, moved, open_areas) != key
    assert network_cache.digest(street_list[:-1], obstacles, open_areas) != key
    assert network_cache.digest(street_list, obstacles, open_areas[:-1]) != key


def test_a_cache_for_other_inputs_or_a_broken_file_is_not_read(district, tmp_path) -> None:
    street_list, areas, landmarks, obstacles, _ = district
    ways = CityLife(street_list, ObstacleIndex(obstacles), NOON, 7, plazas(areas, landmarks.values())).ways
    network_cache.write(tmp_path, "a", ways)
    assert network_cache.read(tmp_path, "a") is not None
    assert network_cache.read(tmp_path, "b") is None
    (tmp_path / network_cache.FILE).write_bytes(b"half a fi")
    assert network_cache.read(tmp_path, "a") is None
