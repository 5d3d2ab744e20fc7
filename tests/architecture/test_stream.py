"""Cheonggyecheon: at its place and levels, built only inside its channel below the street, and walkable (down
the stairs, along the walkways, over the stepping stones and bridges; kept out of the water and off the edge)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from game import geo
from game.architecture.builders import Building
from game.architecture.stream import DECK, StreamLayout, layout, walk_parts
from game.city import streets
from game.landmarks.catalogue import Landmark
from game.nav.collision import ObstacleIndex
from game.nav.floors import Floors
from game.nav.walker import Intent, Walker


@pytest.fixture(scope="module")
def stream(catalogue: dict[str, Landmark]) -> Landmark:
    return catalogue["cheonggyecheon"]


@pytest.fixture(scope="module")
def lay(stream: Landmark) -> StreamLayout:
    return layout(stream.params, stream.local, stream.footprint)


def test_head_and_bridges_in_order_at_their_places(lay: StreamLayout, stream: Landmark) -> None:
    mojeon, gwangtong = lay.bridge("mojeongyo"), lay.bridge("gwangtonggyo")
    assert lay.head < mojeon.s < gwangtong.s < lay.end
    assert 90 < gwangtong.s - mojeon.s < 130  # Mugyo-ro to the restored Gwangtonggyo
    assert lay.head < lay.stones[0] < mojeon.s < lay.stones[1] < gwangtong.s
    x, y = stream.local
    assert geo.to_wgs84(x + lay.head, y + float(lay.t_at(lay.head)))[1] == pytest.approx(126.97868, abs=1e-5)


def test_the_plaza_meets_sejong_daero(lay: StreamLayout, stream: Landmark) -> None:
    """The plaza's west edge lies within a few metres of Sejong-daero's east pavement."""
    sejong = next(s for s in streets.load()[0] if s.id == "sejong-daero")
    x, y = stream.local
    west = np.array([[x + lay.extent[0], y + float(lay.t_at(lay.head))]])
    gap = streets.distance_to_polyline(sejong.points, west)[0] - sejong.width / 2 - streets.SIDEWALK
    assert 0 <= gap < 15
    sx, sy = lay.spring
    assert lay.extent[0] < sx < lay.head and abs(sy - float(lay.t_at(lay.head))) < lay.plaza_width / 2


def test_levels(buildings: dict[str, Building]) -> None:
    d = buildings["cheonggyecheon"].dims
    assert 4.0 <= d["channel_depth"] <= 5.0
    assert 0.3 <= d["water_depth_below_walkway"] <= 0.5
    assert d["stair_rise"] <= 0.17 and d["stair_rise"] * d["stair_steps"] == pytest.approx(d["channel_depth"])
    assert d["spring_height"] == pytest.approx(20.0)
    assert d["water_width"] < d["channel_width"]


def test_below_the_street_only_inside_the_channel(buildings: dict[str, Building], lay: StreamLayout) -> None:
    """Every vertex below Mojeongyo's slab (which rests on the street either side) lies within the channel's
    walls between the head and the end."""
    for name, mesh in buildings["cheonggyecheon"].parts.items():
        p = mesh.positions.astype(np.float64)
        s, t = p[:, 1], -p[:, 0]  # local (x, y) = (-t, s)
        low = p[:, 2] < -DECK - 0.05
        assert (s[low] >= lay.head - 0.01).all() and (s[low] <= lay.end + 0.01).all(), name
        off = np.abs(t[low] - lay.t_at(s[low]))
        assert (off <= lay.half_channel + 0.6).all(), name


def test_water_lies_at_its_level_between_the_kerbs(buildings: dict[str, Building], lay: StreamLayout) -> None:
    p = buildings["cheonggyecheon"].parts["water"].positions.astype(np.float64)
    sheet = np.isclose(p[:, 2], lay.water_z)
    assert sheet.sum() > 20
    off = np.abs(-p[sheet, 0] - lay.t_at(p[sheet, 1]))
    assert off.max() == pytest.approx(lay.half_water, abs=0.01)


def test_spring_is_red_outside_and_blue_inside(buildings: dict[str, Building]) -> None:
    ribbon = buildings["cheonggyecheon"].parts["plaster"]
    reds = ribbon.colors[:, 0] > ribbon.colors[:, 2]
    assert 0.3 < reds.mean() < 0.7  # the two faces, one each


@pytest.fixture(scope="module")
def walk(stream: Landmark, buildings: dict[str, Building]) -> tuple[ObstacleIndex, Floors]:
    obstacles, floors = walk_parts(stream.params, stream.local, stream.footprint)
    return ObstacleIndex(obstacles), Floors(floors)


def _walk(walk, start: tuple[float, float], heading: float, metres: float, z: float | None = None) -> Walker:
    obstacles, floors = walk
    w = Walker(obstacles=obstacles, floors=floors)
    w.teleport(*start, heading)
    if z is not None:
        w.z = z
    for _ in range(int(metres / (w.speed * 0.05))):
        w.update(0.05, Intent(forward=1.0))
    return w


def _world(stream: Landmark, s: float, t: float) -> tuple[float, float]:
    return stream.local[0] + s, stream.local[1] + t


EAST = -90.0  # Panda3D heading facing +X


def test_down_the_stairs_to_the_walkway(walk, lay: StreamLayout, stream: Landmark) -> None:
    t = float(lay.t_at(lay.head)) + (lay.half_water + lay.half_channel) / 2
    w = _walk(walk, _world(stream, lay.head - 3.0, t), EAST, 20.0)
    assert w.z == pytest.approx(lay.walkway_z)
    assert w.x > stream.local[0] + lay.head + lay.stairs_length  # walked down and on


def test_the_railing_keeps_street_walkers_out(walk, lay: StreamLayout, stream: Landmark) -> None:
    s = (lay.head + lay.bridge("mojeongyo").s) / 2
    north = float(lay.t_at(s)) + lay.half_channel + 3.0
    w = _walk(walk, _world(stream, s, north), 180.0, 10.0)  # walk south, towards the channel
    s_now = w.x - stream.local[0]  # pressed against the slanting rail, it slides a little along it
    assert w.z == 0.0 and w.y > stream.local[1] + float(lay.t_at(s_now)) + lay.half_channel


def test_the_water_stops_walkers_but_the_stones_cross_it(walk, lay: StreamLayout, stream: Landmark) -> None:
    s_dry = lay.stones[0] + 6.0
    bank = float(lay.t_at(s_dry)) + (lay.half_water + lay.half_channel) / 2
    w = _walk(walk, _world(stream, s_dry, bank), 180.0, 12.0, z=lay.walkway_z)
    s_now = w.x - stream.local[0]  # pressing south against the kerb, it slides a little along it
    assert lay.stones[0] < s_now and w.y > stream.local[1] + float(lay.t_at(s_now)) + lay.half_water
    s = lay.stones[0]
    a = math.radians(lay.heading_at(s))
    d = (lay.half_water + lay.half_channel) / 2  # from the north walkway, square to the flow, to the south bank
    w = _walk(walk, _world(stream, s - math.sin(a) * d, float(lay.t_at(s)) + math.cos(a) * d), 180.0 + math.degrees(a),
              12.0, z=lay.walkway_z)
    s_now = w.x - stream.local[0]
    assert w.y < stream.local[1] + float(lay.t_at(s_now)) - lay.half_water  # over the stones to the south bank
    assert w.z == pytest.approx(lay.walkway_z)


def test_under_mojeongyo_on_the_walkway_and_over_it_on_the_street(walk, lay: StreamLayout, stream: Landmark) -> None:
    b = lay.bridge("mojeongyo")
    bank = float(lay.t_at(b.s - 12)) - (lay.half_water + lay.half_channel) / 2
    under = _walk(walk, _world(stream, b.s - 12, bank), EAST, 24.0, z=lay.walkway_z)
    assert under.x > stream.local[0] + b.s + b.width / 2 and under.z == pytest.approx(lay.walkway_z)
    over = _walk(walk, _world(stream, b.s, float(lay.t_at(b.s)) + lay.half_channel + 4.0), 180.0, 30.0)
    assert over.y < stream.local[1] + float(lay.t_at(b.s)) - lay.half_channel and over.z == 0.0


def test_gwangtonggyo_is_a_step_up_from_the_walkway(walk, lay: StreamLayout, stream: Landmark) -> None:
    b = lay.bridge("gwangtonggyo")
    w = _walk(walk, _world(stream, b.s, float(lay.t_at(b.s)) + lay.half_channel - 1.0), 180.0, 4.0,
              z=lay.walkway_z)
    assert w.z == pytest.approx(lay.walkway_z + 0.4)
    assert math.isclose(w.x, stream.local[0] + b.s, abs_tol=0.5)


def test_the_ground_is_open_over_the_stream_only(stream: Landmark) -> None:
    from game.scenes.district import footprint_rect, ground_mesh

    hole = footprint_rect(stream)
    assert hole[1] - hole[0] == pytest.approx(stream.footprint[1])  # faces west: its depth runs east-west
    ground = ground_mesh([hole])
    tops = ground.positions[ground.normals[:, 2] > 0.5].reshape(-1, 4, 3)  # each box's top face
    lo, hi = tops[:, :, :2].min(axis=1), tops[:, :, :2].max(axis=1)
    centre = np.array(stream.local)
    assert not ((lo < centre) & (centre < hi)).all(axis=1).any()
    beside = centre + (0.0, stream.footprint[0])
    assert ((lo < beside) & (beside < hi)).all(axis=1).sum() == 1


def test_the_plaza_is_street_level_up_to_the_head(walk, lay: StreamLayout, stream: Landmark) -> None:
    """No floor of the channel reaches west of the head, so a visitor at the fall's railing stands on the plaza."""
    _, floors = walk
    th = float(lay.t_at(lay.head))
    for s in np.linspace(lay.extent[0], lay.head - 0.02, 25):
        for t in np.linspace(th - lay.plaza_width / 2, th + lay.plaza_width / 2, 15):
            assert floors.height(*_world(stream, s, t), math.inf) == 0.0, (s, t)
