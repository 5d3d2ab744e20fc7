"""Geo-targeting against the user's WGS84 location."""

from __future__ import annotations

import pytest

from game.alerts.model import Area, Circle, NamedValue, Polygon
from game.alerts.targeting import GWANGHWAMUN, area_contains, haversine_km, in_circle, in_polygon

SQUARE = Polygon(((37.5, 126.9), (37.5, 127.1), (37.6, 127.1), (37.6, 126.9), (37.5, 126.9)))
CONCAVE = Polygon(((0, 0), (0, 4), (4, 4), (4, 3), (1, 3), (1, 1), (4, 1), (4, 0), (0, 0)))  # a "C"


def test_polygon_inside_and_outside():
    assert in_polygon(GWANGHWAMUN, SQUARE)
    assert not in_polygon((37.45, 127.0), SQUARE)
    assert not in_polygon((35.1, 129.0), SQUARE)


def test_concave_polygon_hole_of_the_c_is_outside():
    assert in_polygon((0.5, 2.0), CONCAVE)
    assert not in_polygon((2.5, 2.0), CONCAVE)
    assert in_polygon((2.5, 0.5), CONCAVE)


def test_haversine_seoul_to_busan():
    assert haversine_km((37.5665, 126.9780), (35.1796, 129.0756)) == pytest.approx(325, abs=5)


def test_circle_radius_is_in_kilometres():
    one_km_north = (GWANGHWAMUN[0] + 1 / 111.2, GWANGHWAMUN[1])
    assert in_circle(one_km_north, Circle(*GWANGHWAMUN, 1.05))
    assert not in_circle(one_km_north, Circle(*GWANGHWAMUN, 0.95))


@pytest.mark.parametrize(("codes", "expected"), [
    ((NamedValue("법정동코드", "1111000000"),), True),  # Jongno-gu, Seoul
    ((NamedValue("행정구역코드", "11"),), True),
    ((NamedValue("법정동코드", "2600000000"),), False),  # Busan
    ((NamedValue("SAME", "006037"),), False),  # Los Angeles County
    ((NamedValue("police-district", "SMPA-JONGNO"),), True),  # unknown scheme: cannot be ruled out
    ((NamedValue("법정동코드", "2600000000"), NamedValue("법정동코드", "1100000000")), True),
])
def test_geocode_only_areas(codes, expected):
    assert area_contains(Area("x", geocodes=codes), GWANGHWAMUN) is expected


def test_geometry_decides_over_geocodes_and_bare_areas_cannot_be_ruled_out():
    busan = Polygon(((35.0, 129.0), (35.0, 129.2), (35.2, 129.2), (35.2, 129.0), (35.0, 129.0)))
    assert not area_contains(Area("x", polygons=(busan,), geocodes=(NamedValue("법정동코드", "11"),)), GWANGHWAMUN)
    assert area_contains(Area("somewhere"), GWANGHWAMUN)
