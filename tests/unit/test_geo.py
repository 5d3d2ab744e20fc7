"""Geography: local ENU metres against an independent great-circle formula, round trips, landmark places."""

import json
import math
from pathlib import Path

import pytest

from game import geo
from game.landmarks import catalogue

R_MEAN = 6_371_008.8  # IUGG mean Earth radius, for the independent haversine check


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * R_MEAN * math.asin(math.sqrt(a))


def test_gwanghwamun_to_sungnyemun_is_about_1_77_km():
    a = geo.to_local(37.5760, 126.9769)
    b = geo.to_local(37.5601, 126.9753)
    local = math.dist(a, b)
    assert local == pytest.approx(1770, abs=15)
    assert local == pytest.approx(haversine(37.5760, 126.9769, 37.5601, 126.9753), rel=0.005)


@pytest.mark.parametrize("lat,lon", [(37.5700, 126.9832), (37.5683, 126.9681), (37.5590, 126.9775),
                                     (37.5900, 126.9500), (37.5400, 127.0100)])
def test_local_distances_match_great_circle(lat, lon):
    d_local = math.dist((0, 0), geo.to_local(lat, lon))
    assert d_local == pytest.approx(haversine(geo.ORIGIN_LAT, geo.ORIGIN_LON, lat, lon), rel=0.005)


def test_axes_point_east_and_north():
    e, n = geo.to_local(geo.ORIGIN_LAT, geo.ORIGIN_LON + 0.01)
    assert e > 800 and abs(n) < 1
    e, n = geo.to_local(geo.ORIGIN_LAT + 0.01, geo.ORIGIN_LON)
    assert n > 1000 and abs(e) < 1e-6


@pytest.mark.parametrize("east,north", [(0, 0), (1234.5, -876.25), (-900, 400), (15, 2000)])
def test_round_trip_is_millimetre_exact(east, north):
    lat, lon = geo.to_wgs84(east, north)
    e2, n2 = geo.to_local(lat, lon)
    assert math.dist((east, north), (e2, n2)) < 1e-3


def test_heading_convention_matches_panda():
    assert geo.heading_to_panda(180) == 0  # south-facing front: model's -Y front unchanged
    assert geo.heading_to_panda(90) == 90  # east-facing: -Y turned counter-clockwise by 90° points +X
    assert geo.heading_to_panda(270) == 270


SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "seoul-maps" / "seoul_neighborhoods_geo_simple.json"
EXPECTED_DONG = {  # from ../shared/data/seoul-maps/README.md
    "gwanghwamun": "Sejongno",
    "gyeongbokgung": "Sejongno",  # the palace is 세종로 1번지
    "bosingak": "Gwancheol-dong",
    "sungnyemun": "Namdaemunno 4(sa)-ga",
    "deoksugung": "Jeong-dong",
    "city-hall": "Taepyeongno 1(il)-ga",
}


def _in_ring(ring, lon, lat):
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data/seoul-maps is not beside this checkout")
@pytest.mark.parametrize("lid", sorted(EXPECTED_DONG))
def test_landmark_lies_in_its_neighbourhood(lid):
    """An independent check of catalogue positions against official dong boundaries (KOGL data)."""
    lm = catalogue.load()[lid]
    features = json.loads(SHARED.read_text(encoding="utf-8"))["features"]
    hits = []
    for f in features:
        g = f["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        if any(_in_ring([tuple(p) for p in poly[0]], lm.lon, lm.lat) for poly in polys):
            hits.append(f["properties"]["EMD_ENG_NM"])
    assert hits == [EXPECTED_DONG[lid]], f"{lid} falls in {hits}"
