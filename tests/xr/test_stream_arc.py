"""The teleport arc over Cheonggyecheon (the catalogue's real stream): it comes down on the walkways, stairs and
bridges — never in the water, nor in mid-air at street level over the sunken channel. Pure."""

from __future__ import annotations

import numpy as np
import pytest

from game.architecture.stream import STONE, layout, walk_parts
from game.landmarks import catalogue
from game.nav.collision import ObstacleIndex
from game.nav.floors import Floors
from game.xr.arc import cast_arc, sample_arc
from game.xr.landing import FloorGround, district_query

HAND = 1.2


@pytest.fixture(scope="module")
def stream():
    lm = catalogue.load()["cheonggyecheon"]
    lay = layout(lm.params, lm.local, lm.footprint)
    obstacles, floors = walk_parts(lm.params, lm.local, lm.footprint)
    return lm, lay, district_query(ObstacleIndex(obstacles), Floors(floors)), Floors(floors)


def frame(lay, lm, s: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The stream's centre at ``s`` (world), the unit vector along the flow and the one across (to +t)."""
    centre = np.array([lm.local[0] + s, lm.local[1] + float(lay.t_at(s))])
    along = np.array([1.0, float(lay.t_at(s + 0.5) - lay.t_at(s - 0.5))])
    along /= np.linalg.norm(along)
    return centre, along, np.array([-along[1], along[0]])


def where(lay, lm, point) -> tuple[float, float]:
    """(s, |t| from the centreline: the stream's widths are measured so) of a world point."""
    s = point[0] - lm.local[0]
    return s, abs(point[1] - lm.local[1] - float(lay.t_at(s)))


def wet_gap(lay, s: float) -> bool:
    """Across the stream on foot: a row of stepping stones or a stone bridge."""
    return (any(abs(s - st) <= STONE[0] / 2 + 0.3 for st in lay.stones)
            or any(b.deck == "stone" and abs(s - b.s) <= b.width / 2 for b in lay.bridges))


def dry_stations(lay, count: int) -> list[float]:
    out = [s for s in np.linspace(lay.head + lay.stairs_length + 5, lay.end - 5, 60)
           if not wet_gap(lay, s) and all(abs(s - b.s) > b.width / 2 + 3 for b in lay.bridges)]
    return out[:: max(1, len(out) // count)]


def test_an_arc_from_the_street_comes_down_on_the_walkway_below_not_at_street_level(stream) -> None:
    lm, lay, query, _ = stream
    s = dry_stations(lay, 3)[1]
    centre, _, across = frame(lay, lm, s)
    bank = centre + across * (lay.half_channel + 0.8)  # on the street beside the rail
    res = cast_arc(sample_arc((*bank, HAND), (*(-across * 0.55), 0.35), speed=5.0), query)
    assert res.valid, res.hit
    _, off = where(lay, lm, res.hit.point)
    assert res.hit.point[2] == pytest.approx(lay.walkway_z, abs=0.01)
    assert lay.half_water <= off <= lay.half_channel


def test_an_arc_into_the_water_is_refused(stream) -> None:
    lm, lay, query, _ = stream
    s = dry_stations(lay, 3)[1]
    centre, _, across = frame(lay, lm, s)
    walkway = centre + across * (lay.half_water + 1.0)
    res = cast_arc(sample_arc((*walkway, lay.walkway_z + HAND), (*(-across), 0.0), speed=3.0), query)
    assert res.hit is not None and not res.valid
    assert where(lay, lm, res.hit.point)[1] < lay.half_water + 0.1  # it met the water, and may not land there


def test_from_both_banks_and_the_walkways_no_arc_lands_in_the_water(stream) -> None:
    lm, lay, query, floors = stream
    ground = FloorGround(floors)
    landed_below = refused_wet = 0
    for s in dry_stations(lay, 6):
        centre, along, across = frame(lay, lm, s)
        for side in (1.0, -1.0):
            for start, z0 in ((centre + side * across * (lay.half_channel + 1.0), HAND),
                              (centre + side * across * (lay.half_water + 1.2), lay.walkway_z + HAND)):
                for yaw in (-0.6, -0.2, 0.0, 0.3):
                    for pitch in (-0.5, -0.2, 0.1, 0.4):
                        d = -side * across + yaw * along
                        res = cast_arc(sample_arc((*start, z0), (*d, pitch), speed=6.0), query)
                        if res.hit is None:
                            continue
                        hs, off = where(lay, lm, res.hit.point)
                        in_channel = lay.head <= hs <= lay.end and off < lay.half_channel - 0.1
                        if res.valid and in_channel:
                            assert off >= lay.half_water - 0.05 or wet_gap(lay, hs), (s, res.hit)
                            z = res.hit.point[2]
                            assert any(abs(z - h) < 0.09 for h in ground.heights(*res.hit.point[:2])), res.hit
                            landed_below += 1
                        refused_wet += (not res.valid) and in_channel and off < lay.half_water
    assert landed_below > 10 and refused_wet > 10, (landed_below, refused_wet)


def test_the_ground_is_the_floors_in_the_channel_and_the_street_elsewhere(stream) -> None:
    lm, lay, _, floors = stream
    ground = FloorGround(floors)
    s = dry_stations(lay, 3)[1]
    centre, _, across = frame(lay, lm, s)
    assert ground.height(*(centre + across * (lay.half_water + 1.0))) == pytest.approx(lay.walkway_z)
    assert ground.height(*(centre + across * (lay.half_channel + 2.0))) == 0.0
    assert ground.heights(lm.local[0] + 5000.0, lm.local[1]) == []
