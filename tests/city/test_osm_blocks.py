"""The OSM import's pure logic (game/city/osm_blocks.py): heights from tags, projection, clipping to the district,
the landmarks' ground left alone, roofs, walls, windows and collision boxes."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import geo
from game.city import osm_blocks as ob
from game.city.blocks import REGION, TILE
from game.city.night import BAY, WINDOW_OFFSET
from game.city.streets import point_in_polygon
from game.landmarks.catalogue import load as load_catalogue
from game.nav.collision import Obstacle


@pytest.mark.parametrize(("text", "metres"), [
    ("12", 12.0), ("12.5", 12.5), ("12,5", 12.5), ("12 m", 12.0), ("12m", 12.0), (" 30 metres ", 30.0),
    ("40 ft", 12.192), ("40'", 12.192), ("40'6\"", 12.3444), ("100 feet", 30.48),
    (None, None), ("", None), ("tall", None), ("-3", None), ("0", None), ("12 storeys", None), ("601", None),
])
def test_height_tag_in_metres_with_its_units(text, metres):
    got = ob.parse_height(text)
    assert got == pytest.approx(metres) if metres is not None else got is None


@pytest.mark.parametrize(("text", "levels"), [
    ("5", 5.0), ("5.5", 5.5), ("3;4", 3.0), ("0", None), ("-2", None), ("many", None), (None, None), ("999", None),
])
def test_levels_tag(text, levels):
    assert ob.parse_levels(text) == levels


def test_height_comes_from_height_then_levels_then_the_default_each_with_its_honesty():
    assert ob.building_height({"height": "52 m", "building:levels": "20"}) == (52.0, "height")
    assert ob.building_height({"height": "n/a", "building:levels": "10"}) == (10 * ob.LEVEL_HEIGHT, "building:levels")
    assert ob.building_height({"building": "yes"}) == (ob.DEFAULT_HEIGHT, "default")
    square = np.array([(0, 0), (10, 0), (10, 10), (0, 10)], float)
    assert ob.Footprint("w1", square, height=52.0, height_from="height").honesty == "sourced"
    for source in ("building:levels", "default"):
        assert ob.Footprint("w1", square, height_from=source).honesty == "estimated"


def test_material_follows_the_facade_tag_else_towers_alternate_by_id():
    assert ob.material_of("w1", {"building:material": "glass"}, 9.0) == "glass"
    assert ob.material_of("w1", {"building:facade:material": "brick"}, 90.0) == "concrete"
    assert all(ob.material_of(f"w{i}", {}, 20.0) == "concrete" for i in range(20))
    towers = {ob.material_of(f"w{i}", {}, 80.0) for i in range(20)}
    assert towers == {"glass", "concrete"}
    assert ob.material_of("w7", {}, 80.0) == ob.material_of("w7", {}, 80.0)  # repeatable


def test_projection_is_the_worlds_geo_frame_and_drops_the_closing_point():
    lat, lon = geo.to_wgs84(250.0, -400.0)
    ring = ob.project([(geo.ORIGIN_LAT, geo.ORIGIN_LON), (lat, lon), (geo.ORIGIN_LAT + 0.001, geo.ORIGIN_LON),
                       (geo.ORIGIN_LAT, geo.ORIGIN_LON)])
    assert ring.shape == (3, 2)
    assert ring[0] == pytest.approx((0.0, 0.0), abs=1e-6)
    assert ring[1] == pytest.approx((250.0, -400.0), abs=1e-3)
    assert ring[2][1] == pytest.approx(110.95, abs=0.1)  # a thousandth of a degree of latitude at 37.57° N


def test_clean_winds_outer_rings_counter_clockwise_holes_clockwise_and_drops_slivers():
    cw = np.array([(0, 0), (0, 10), (10, 10), (10, 0), (10, 0)], float)
    outer = ob.clean(cw, ccw=True)
    assert len(outer) == 4 and ob.signed_area(outer) == pytest.approx(100.0)
    assert ob.signed_area(ob.clean(cw, ccw=False)) == pytest.approx(-100.0)
    assert ob.clean(np.array([(0, 0), (1, 0), (1, 1)], float), ccw=True) is None  # half a square metre
    assert ob.clean(np.array([(0, 0), (50, 0), (100, 0)], float), ccw=True) is None  # no area


def test_clipping_to_the_district_cuts_at_its_edge():
    e0, e1, n0, n1 = REGION
    inside = np.array([(0, 0), (30, 0), (30, 20), (0, 20)], float)
    assert np.array_equal(ob.clip(inside), inside)
    across = ob.clip(np.array([(e1 - 10, 0), (e1 + 30, 0), (e1 + 30, 20), (e1 - 10, 20)], float))
    assert ob.signed_area(across) == pytest.approx(200.0) and across[:, 0].max() == pytest.approx(e1)
    corner = ob.clip(np.array([(e0 - 5, n0 - 5), (e0 + 5, n0 - 5), (e0 + 5, n0 + 5), (e0 - 5, n0 + 5)], float))
    assert ob.signed_area(corner) == pytest.approx(25.0)
    assert len(ob.clip(np.array([(e1 + 1, 0), (e1 + 9, 0), (e1 + 9, 9)], float))) == 0


@settings(max_examples=60, deadline=None)
@given(st.floats(-1200, 1000), st.floats(-1900, 800), st.floats(5, 300), st.floats(5, 300))
def test_a_clipped_rectangle_is_its_overlap_with_the_district(x, y, w, d):
    e0, e1, n0, n1 = REGION
    ring = np.array([(x, y), (x + w, y), (x + w, y + d), (x, y + d)], float)
    expected = max(0.0, min(x + w, e1) - max(x, e0)) * max(0.0, min(y + d, n1) - max(y, n0))
    assert ob.signed_area(ob.clip(ring)) == pytest.approx(expected, rel=1e-9, abs=1e-6)


def test_overlap_by_crossing_edges_and_by_containment():
    a = np.array([(0, 0), (10, 0), (10, 10), (0, 10)], float)
    assert ob.overlaps(a, a + 5)
    assert ob.overlaps(a, np.array([(2, 2), (4, 2), (4, 4), (2, 4)], float))  # b inside a
    assert ob.overlaps(np.array([(2, 2), (4, 2), (4, 4), (2, 4)], float), a)  # a inside b
    assert ob.overlaps(a, np.array([(-5, 4), (15, 4), (15, 6), (-5, 6)], float))  # a bar across, no corner inside
    assert not ob.overlaps(a, a + 10.5)
    l_shape = np.array([(0, 0), (10, 0), (10, 2), (2, 2), (2, 10), (0, 10)], float)
    assert not ob.overlaps(l_shape, np.array([(4, 4), (8, 4), (8, 8), (4, 8)], float))  # in the L's notch


def _reserved():
    landmarks = [(lm.local, lm.footprint, lm.heading) for lm in load_catalogue().values()]
    return ob.reserved_ground(landmarks, [])


def _latlon(points):
    return [geo.to_wgs84(e, n) for e, n in points]


def test_footprints_leave_out_landmarks_and_the_world_beyond_the_district_and_count_why():
    tally = ob.Tally()
    reserved = _reserved()
    gate = load_catalogue()["gwanghwamun"].local
    square = [(120, 100), (136, 100), (136, 124), (120, 124)]
    kept = ob.footprints("w1", {"building": "yes", "height": "60"}, [_latlon(square)], [[]], reserved, tally)
    on_gate = [(gate[0] - 5, gate[1] - 5), (gate[0] + 5, gate[1] - 5), (gate[0] + 5, gate[1] + 5),
               (gate[0] - 5, gate[1] + 5)]
    assert ob.footprints("w2", {"building": "yes"}, [_latlon(on_gate)], [[]], reserved, tally) == []
    far = [(5000, 5000), (5020, 5000), (5020, 5020), (5000, 5020)]
    assert ob.footprints("w3", {"building": "yes"}, [_latlon(far)], [[]], reserved, tally) == []
    edge = REGION[1]
    half = [(edge - 10, 0), (edge + 10, 0), (edge + 10, 20), (edge - 10, 20)]
    cut = ob.footprints("w4", {"building": "yes", "building:levels": "3"}, [_latlon(half)], [[]], reserved, tally)
    beyond = [(edge + 4, 0), (edge + 14, 0), (edge + 14, 10), (edge + 4, 10)]  # within the quick test's pad
    assert ob.footprints("w9", {"building": "yes"}, [_latlon(beyond)], [[]], reserved, tally) == []
    assert [fp.id for fp in kept] == ["w1"] and kept[0].height == 60.0 and kept[0].honesty == "sourced"
    assert ob.signed_area(kept[0].outer) == pytest.approx(16 * 24, rel=1e-4)
    assert ob.signed_area(cut[0].outer) == pytest.approx(200.0, rel=1e-3) and cut[0].height_from == "building:levels"
    assert (tally.imported, tally.landmark, tally.outside, tally.clipped, tally.estimated) == (2, 1, 2, 1, 1)
    assert tally.skipped == 3


def test_a_multipolygon_keeps_each_outer_ring_and_its_courtyard():
    tally = ob.Tally()
    outer_a = [(300, -140), (340, -140), (340, -100), (300, -100)]
    court = [(315, -125), (315, -115), (325, -115), (325, -125)]
    outer_b = [(400, -140), (420, -140), (420, -120), (400, -120)]
    fps = ob.footprints("r9", {"building": "office"}, [_latlon(outer_a), _latlon(outer_b)],
                        [[_latlon(court)], []], _reserved(), tally)
    assert [fp.id for fp in fps] == ["r9.1", "r9.2"]
    assert len(fps[0].holes) == 1 and ob.signed_area(fps[0].holes[0]) == pytest.approx(-100.0, rel=1e-3)
    roof = ob.triangulate(fps[0].outer, fps[0].holes)
    pts = np.concatenate([fps[0].outer, *fps[0].holes])
    assert _area(pts, roof) == pytest.approx(1600 - 100, rel=1e-3)


def _area(points: np.ndarray, tris: np.ndarray) -> float:
    a, b, c = points[tris[:, 0]], points[tris[:, 1]], points[tris[:, 2]]
    cross = (b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1]) - (b[:, 1] - a[:, 1]) * (c[:, 0] - a[:, 0])
    assert (cross > 0).all()  # every roof triangle faces up
    return float(cross.sum() / 2)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(3.0, 30.0), min_size=3, max_size=24))
def test_roofs_cover_any_star_shaped_outline_exactly(radii):
    angles = np.linspace(0, 2 * math.pi, len(radii), endpoint=False)
    ring = np.c_[np.cos(angles) * radii, np.sin(angles) * radii]
    ring = ob.clean(ring, ccw=True)
    tris = ob.triangulate(ring)
    assert len(tris) == len(ring) - 2
    assert _area(ring, tris) == pytest.approx(ob.signed_area(ring), rel=1e-9)


def test_two_courtyards_are_both_left_open():
    outer = np.array([(0, 0), (60, 0), (60, 30), (0, 30)], float)
    holes = (np.array([(10, 10), (10, 20), (20, 20), (20, 10)], float),
             np.array([(40, 10), (40, 20), (50, 20), (50, 10)], float))
    tris = ob.triangulate(outer, holes)
    assert _area(np.concatenate([outer, *holes]), tris) == pytest.approx(1800 - 200)


def test_building_mesh_walls_face_out_and_the_roof_lies_at_its_height():
    l_shape = ob.clean(np.array([(0, 0), (20, 0), (20, 8), (8, 8), (8, 20), (0, 20)], float), ccw=True)
    fp = ob.Footprint("w5", l_shape, height=17.0, height_from="height")
    mesh = ob.building_mesh(fp)
    walls = mesh.normals[:, 2] == 0
    assert walls.sum() == 6 * 4 and mesh.positions[~walls, 2].tolist() == [17.0] * 6
    # each wall's normal points away from the building: a step along it leaves the footprint
    quad_mid = mesh.positions[walls].reshape(-1, 4, 3).mean(1)[:, :2]
    normal = mesh.normals[walls].reshape(-1, 4, 3)[:, 0, :2]
    assert not point_in_polygon(l_shape, quad_mid + 0.5 * normal).any()
    assert point_in_polygon(l_shape, quad_mid - 0.5 * normal).all()
    assert mesh.triangle_count == 6 * 2 + 4


def test_windows_only_on_walls_a_bay_long_a_hair_outside():
    ring = ob.clean(np.array([(0, 0), (20, 0), (20, BAY * 0.8), (0, BAY * 0.8)], float), ccw=True)
    mesh = ob.window_mesh([ob.Footprint("w6", ring, height=30.0, height_from="height")])
    assert len(mesh.positions) == 2 * 4  # the two long walls; the short ends have no whole bay
    assert mesh.positions[:, 1].min() == pytest.approx(-WINDOW_OFFSET)
    assert mesh.positions[:, 1].max() == pytest.approx(BAY * 0.8 + WINDOW_OFFSET)
    low = ob.Footprint("w7", ring, height=1.5, height_from="default")
    assert len(ob.window_mesh([low]).positions) == 0  # not a storey tall


def test_collision_boxes_block_an_l_shaped_building_but_not_its_notch():
    ring = ob.clean(np.array([(100, 100), (140, 100), (140, 110), (110, 110), (110, 140), (100, 140)], float),
                    ccw=True)
    ob_ = Obstacle(*ob.colliders(ob.Footprint("w8", ring, height=20.0)))

    def blocked(x, y):
        lx, ly = ob_.to_local(x, y)
        return any(b[0] <= lx <= b[3] and b[1] <= ly <= b[4] for b in ob_.boxes)

    assert blocked(105, 135) and blocked(135, 105) and blocked(105, 105)
    assert not blocked(125, 125) and not blocked(139, 139)  # the notch stays walkable
    assert not blocked(95, 120) and not blocked(120, 95)


def test_meshes_merge_per_tile_and_material_and_round_trip_through_json():
    def square(x, y, height, fid):
        ring = ob.clean(np.array([(x, y), (x + 20, y), (x + 20, y + 20), (x, y + 20)], float), ccw=True)
        return ob.Footprint(fid, ring, height=height, height_from="height", material=ob.material_of(fid, {}, height))

    fps = [square(10, 10, 12, "w1"), square(50, 10, 15, "w2"), square(TILE + 10, 10, 12, "w3")]
    groups = ob.tile_meshes(fps)
    assert sorted(groups) == [(0, 0, "concrete"), (1, 0, "concrete")]
    assert groups[(0, 0, "concrete")].triangle_count == 2 * (4 * 2 + 2)
    back = [ob.Footprint.from_json(fp.to_json()) for fp in fps]
    assert [(b.id, b.height, b.height_from, b.material) for b in back] == \
        [(f.id, f.height, f.height_from, f.material) for f in fps]
    assert np.allclose(back[0].outer, fps[0].outer, atol=1e-3)
    assert ob.region_bounds(fps) == pytest.approx((10.0, TILE + 30.0, 10.0, 30.0))


def test_shop_fronts_line_the_buildings_by_the_avenues_only():
    from game.city import streets
    from game.city.facades import SHOP_HEIGHT

    sejong = next(s for s in streets.load()[0] if s.id == "sejong-daero")
    x, y = sejong.points[len(sejong.points) // 2]
    by_avenue = ob.clean(np.array([(x + 40, y), (x + 60, y), (x + 60, y + 20), (x + 40, y + 20)], float), ccw=True)
    far = by_avenue + (REGION[0] + 10 - x, 0.0)  # the district's west edge, far from any avenue
    fps = [ob.Footprint("w1", by_avenue, height=30.0, height_from="height"),
           ob.Footprint("w2", far, height=30.0, height_from="height")]
    mesh = ob.shop_mesh(fps, streets.load()[0])
    assert len(mesh.positions) == 4 * 4  # the four walls of the building by Sejong-daero
    assert mesh.positions[:, 2].max() == pytest.approx(SHOP_HEIGHT)
    assert mesh.positions[:, 0].min() > x + 39
    low = [ob.Footprint("w3", by_avenue, height=SHOP_HEIGHT, height_from="default")]
    assert len(ob.shop_mesh(low, streets.load()[0]).positions) == 0  # no room for a shop under its roof


def test_a_courtyards_seam_never_crosses_another_courtyard():
    """The first hole's nearest outer corner lies beyond the second hole: its seam must go round, not through."""
    outer = np.array([(0, 0), (200, 0), (200, 100), (0, 100)], float)
    holes = (ob.clean(np.array([(10, 40), (20, 40), (20, 60), (10, 60)], float), ccw=False),
             ob.clean(np.array([(2, 5), (8, 5), (8, 95), (2, 95)], float), ccw=False))  # a bar by the west wall
    tris = ob.triangulate(outer, holes)
    assert _area(np.concatenate([outer, *holes]), tris) == pytest.approx(20000 - 200 - 540)
