"""Simple 3D Buildings in the OSM import (game/city/osm_roofs.py, game/city/osm_blocks.py): roof shapes that are
the height field they claim over any outline, walls that meet them, raised parts, colours, and outlines replaced by
their parts."""

import math

import numpy as np
import pytest

from game.city import osm_blocks as ob
from game.city import osm_roofs
from game.city.night import STOREY
from game.city.streets import point_in_polygon
from game.nav.collision import Obstacle

RECT = np.array([[0.0, 0.0], [20.0, 0.0], [20.0, 10.0], [0.0, 10.0]])  # 20 m east-west, 10 m north-south
L_SHAPE = np.array([[0.0, 0.0], [30.0, 0.0], [30.0, 10.0], [10.0, 10.0], [10.0, 24.0], [0.0, 24.0]])


def shaped(outer: np.ndarray, tags: dict[str, str], height: float = 12.0, source: str = "height") -> ob.Footprint:
    return ob.shaped(ob.Footprint("w1", outer, height=height, height_from=source), tags)


def roof_triangles(fp: ob.Footprint) -> np.ndarray:
    """The mesh's upward-facing triangles (K, 3, 3): the roof seen from above."""
    mesh = ob.building_mesh(fp)
    tris = mesh.positions[mesh.indices].astype(np.float64)
    n = np.cross(tris[:, 1] - tris[:, 0], tris[:, 2] - tris[:, 0])
    return tris[n[:, 2] > 1e-9]


def surface(tris: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """The roof's height at each point of ``xy``, read off the triangle over it (NaN where none is)."""
    out = np.full(len(xy), np.nan)
    for t in tris:
        a, b, c = t[:, :2]
        m = np.array([b - a, c - a]).T
        if abs(np.linalg.det(m)) < 1e-12:
            continue
        w = np.linalg.solve(m, (xy - a).T).T
        inside = (w[:, 0] >= -1e-9) & (w[:, 1] >= -1e-9) & (w.sum(1) <= 1 + 1e-9)
        out[inside] = t[0, 2] + w[inside, 0] * (t[1, 2] - t[0, 2]) + w[inside, 1] * (t[2, 2] - t[0, 2])
    return out


def samples(outer: np.ndarray, n: int = 400) -> np.ndarray:
    rng = np.random.default_rng(3)
    lo, hi = outer.min(0), outer.max(0)
    xy = lo + rng.random((n * 3, 2)) * (hi - lo)
    return xy[point_in_polygon(outer, xy)][:n]


def projected_area(tris: np.ndarray) -> float:
    d1, d2 = tris[:, 1, :2] - tris[:, 0, :2], tris[:, 2, :2] - tris[:, 0, :2]
    return float(np.abs(d1[:, 0] * d2[:, 1] - d1[:, 1] * d2[:, 0]).sum() / 2)


def wall_top(fp: ob.Footprint, x: float, y: float) -> float:
    """The highest wall corner standing at (x, y)."""
    mesh = ob.building_mesh(fp)
    walls = np.abs(mesh.normals[:, 2]) < 1e-6
    at = walls & (np.hypot(mesh.positions[:, 0] - x, mesh.positions[:, 1] - y) < 1e-4)
    return float(mesh.positions[at, 2].max())


def test_a_gabled_roof_is_two_planes_meeting_on_a_ridge_along_the_longest_wall():
    fp = shaped(RECT, {"roof:shape": "gabled", "roof:height": "4"})
    assert (fp.height, fp.roof_height, fp.eaves) == (12.0, 4.0, 8.0)  # a mapped height is the roof's top
    tris = roof_triangles(fp)
    xy = samples(RECT)
    expected = 8.0 + 4.0 * (1 - np.abs(xy[:, 1] - 5.0) / 5.0)  # the ridge runs east-west at y = 5
    assert np.allclose(surface(tris, xy), expected, atol=1e-6)
    assert projected_area(tris) == pytest.approx(200.0)
    assert wall_top(fp, 0.0, 5.0) == pytest.approx(12.0)  # the gable end climbs to the ridge
    assert wall_top(fp, 0.0, 0.0) == pytest.approx(8.0)


def test_across_turns_the_ridge():
    fp = shaped(RECT, {"roof:shape": "gabled", "roof:height": "4", "roof:orientation": "across"})
    xy = samples(RECT)
    assert np.allclose(surface(roof_triangles(fp), xy), 8.0 + 4.0 * (1 - np.abs(xy[:, 0] - 10.0) / 10.0), atol=1e-6)


def test_a_hipped_roof_over_an_l_shaped_outline_is_exact_and_covers_it():
    fp = shaped(L_SHAPE, {"roof:shape": "hipped", "roof:height": "3"})
    frame = fp.frame
    tris = roof_triangles(fp)
    xy = samples(L_SHAPE)
    uv = np.abs(frame.local(xy))
    f = np.minimum(1 - uv[:, 1] / frame.W, (frame.L - uv[:, 0]) / frame.W)
    assert np.allclose(surface(tris, xy), fp.eaves + 3.0 * np.clip(f, 0, 1), atol=1e-6)
    area = 30 * 10 + 10 * 14
    assert projected_area(tris) == pytest.approx(area)


def test_a_pyramid_peaks_over_the_middle_and_every_roof_facet_faces_up():
    fp = shaped(RECT, {"roof:shape": "pyramidal"}, height=5.0, source="building:levels")
    rise = math.tan(math.radians(osm_roofs.DEFAULT_PITCH)) * 5.0  # the default pitch over the half width
    assert fp.roof_height == pytest.approx(rise) and fp.height == pytest.approx(5.0 + rise)  # storeys: roof on top
    tris = roof_triangles(fp)
    assert surface(tris, np.array([[10.0, 5.0]]))[0] == pytest.approx(fp.height)
    # (0.5, 0.5) lies nearer the west hip than the south eaves: 5 % of the way up
    assert surface(tris, np.array([[0.5, 0.5]]))[0] == pytest.approx(5.0 + rise * 0.05, abs=1e-6)
    mesh = ob.building_mesh(fp)
    assert mesh.normals[:, 2].min() >= -1e-6  # nothing faces down on a building standing on the ground


def test_a_skillion_slopes_down_towards_its_direction():
    fp = shaped(RECT, {"roof:shape": "skillion", "roof:direction": "N", "roof:height": "2"})
    tris = roof_triangles(fp)
    south, north = surface(tris, np.array([[10.0, 0.01], [10.0, 9.99]]))
    assert south == pytest.approx(12.0, abs=0.01) and north == pytest.approx(10.0, abs=0.01)
    assert wall_top(fp, 0.0, 0.0) == pytest.approx(12.0) and wall_top(fp, 0.0, 10.0) == pytest.approx(10.0)
    east = shaped(RECT, {"roof:shape": "skillion", "roof:direction": "90", "roof:height": "2"})
    west_edge, east_edge = surface(roof_triangles(east), np.array([[0.01, 5.0], [19.99, 5.0]]))
    assert west_edge > east_edge


def test_a_dome_on_a_round_outline_is_a_hemisphere():
    circle = np.array([[10 * math.cos(a), 10 * math.sin(a)] for a in np.linspace(0, 2 * math.pi, 48, endpoint=False)])
    fp = shaped(circle, {"roof:shape": "dome"}, height=8.0, source="building:levels")
    assert fp.roof_height == pytest.approx(10.0, abs=0.1)  # as high as its radius
    tris = roof_triangles(fp)
    assert surface(tris, np.array([[0.0, 0.0]]))[0] == pytest.approx(fp.height, abs=0.3)
    r = 7.0
    expected = 8.0 + fp.roof_height * math.sqrt(1 - (r / fp.frame.W) ** 2)
    assert surface(tris, np.array([[r, 0.0]]))[0] == pytest.approx(expected, rel=0.05)
    mesh = ob.building_mesh(fp)  # shaded smooth: each roof corner's normal is the sphere's, pointing out from it
    roof = mesh.normals[:, 2] > 0.05
    p, n = mesh.positions[roof].astype(np.float64), mesh.normals[roof].astype(np.float64)
    radial = np.c_[p[:, :2], (p[:, 2] - 8.0) * fp.frame.W / fp.roof_height]
    radial /= np.linalg.norm(radial, axis=1, keepdims=True)
    inner = np.hypot(p[:, 0], p[:, 1]) < 8.0  # away from the rim, where the slope turns vertical
    assert np.einsum("ij,ij->i", n[inner], radial[inner]).min() > 0.98


@pytest.mark.parametrize("shape", ["gabled", "hipped", "pyramidal", "skillion", "dome", "round"])
def test_every_shape_covers_a_courtyard_outline_and_leaves_the_court_open(shape):
    outer = np.array([[0.0, 0.0], [40.0, 0.0], [40.0, 30.0], [0.0, 30.0]])
    court = np.array([[15.0, 10.0], [15.0, 20.0], [25.0, 20.0], [25.0, 10.0]])  # clockwise
    fp = ob.shaped(ob.Footprint("r1", outer, (court,), height=20.0, height_from="height"), {"roof:shape": shape})
    tris = roof_triangles(fp)
    assert projected_area(tris) == pytest.approx(40 * 30 - 10 * 10, rel=1e-6)
    assert np.isnan(surface(tris, np.array([[20.0, 15.0]])))[0]
    assert fp.roof_shape == shape and 0 < fp.roof_height < 20.0


def test_roof_heights_from_levels_and_angle_and_unknown_shapes():
    assert shaped(RECT, {"roof:shape": "gabled", "roof:levels": "1"}).roof_height == pytest.approx(STOREY)
    angled = shaped(RECT, {"roof:shape": "gabled", "roof:angle": "45"})
    assert angled.roof_height == pytest.approx(5.0)  # 45° over the 5 m half width
    assert shaped(RECT, {"roof:shape": "mansard", "roof:height": "2"}).roof_shape == "hipped"
    assert shaped(RECT, {"roof:shape": "zigzag", "roof:height": "2"}).roof_shape == "flat"
    flat = shaped(RECT, {})
    assert (flat.roof_shape, flat.roof_height, flat.eaves) == ("flat", 0.0, 12.0)
    steep = shaped(RECT, {"roof:shape": "gabled", "roof:height": "50"})
    assert steep.roof_height == 12.0 and steep.eaves == 0.0  # never above the mapped top


def test_a_raised_part_starts_at_its_min_height_is_closed_underneath_and_can_be_walked_under():
    bridge = shaped(RECT, {"building:part": "yes", "min_height": "6", "height": "12"})
    assert bridge.min_height == 6.0
    mesh = ob.building_mesh(bridge)
    assert mesh.positions[:, 2].min() == pytest.approx(6.0)
    assert (mesh.normals[:, 2] < -0.99).any()  # its underside
    obstacle = Obstacle(*ob.colliders(bridge))
    assert all(box[2] == 6.0 for box in obstacle.boxes)
    levels = shaped(RECT, {"building:min_level": "2"}, height=6 * STOREY, source="building:levels")
    assert levels.min_height == pytest.approx(2 * STOREY)
    bad = shaped(RECT, {"min_height": "40"})  # above its own top: a slip, ignored
    assert bad.min_height == 0.0
    windows = ob.window_mesh([bridge])
    assert windows.positions[:, 2].min() == pytest.approx(6.0) if len(windows.positions) else True


@pytest.mark.parametrize(("text", "rgb"), [
    ("#ff8000", (1.0, 128 / 255, 0.0)), ("#F80", (1.0, 136 / 255, 0.0)), ("white", (1.0, 1.0, 1.0)),
    ("Dark Red", (139 / 255, 0.0, 0.0)), ("grey", (128 / 255,) * 3),
    (None, None), ("", None), ("rgb(1,2,3)", None), ("#12345", None), ("mauve-ish", None),
])
def test_colour_tags(text, rgb):
    got = ob.parse_colour(text)
    assert got == pytest.approx(rgb) if rgb is not None else got is None


def test_mapped_colours_paint_walls_and_roof():
    fp = shaped(RECT, {"building:colour": "#ffffff", "roof:colour": "#800000", "roof:shape": "gabled"})
    mesh = ob.building_mesh(fp)
    up = mesh.normals[:, 2] > 0.1
    assert np.allclose(mesh.colors[~up, :3], 1.0)
    assert np.allclose(mesh.colors[up, :3], [0.2158605, 0.0, 0.0], atol=1e-4)  # #800000 in linear light


def test_an_outline_with_parts_inside_is_replaced_by_them_and_counted():
    tally = ob.Tally(imported=4, estimated=2, clipped=1)
    outline = ob.Footprint("w1", L_SHAPE, height=20.0, height_from="height", clipped=True)
    tower = ob.Footprint("w2", np.array([[0.0, 10.0], [10.0, 10.0], [10.0, 24.0], [0.0, 24.0]]), height=40.0,
                         height_from="building:levels", part=True)
    podium = ob.Footprint("w3", np.array([[0.0, 0.0], [30.0, 0.0], [30.0, 10.0], [0.0, 10.0]]), height=8.0,
                          height_from="height", part=True)
    alone = ob.Footprint("w4", RECT + 100.0, height=9.0, height_from="default")
    kept = ob.resolve_parts([outline, tower, podium, alone], tally)
    assert [fp.id for fp in kept] == ["w2", "w3", "w4"]
    assert (tally.imported, tally.estimated, tally.clipped, tally.replaced) == (3, 2, 0, 1)
    assert ob.resolve_parts([alone], tally) == [alone]


def test_the_new_fields_round_trip_and_an_older_import_still_reads():
    fp = shaped(RECT, {"roof:shape": "skillion", "roof:direction": "SW", "min_height": "3", "roof:colour": "red",
                       "roof:orientation": "across", "building:part": "yes"})
    again = ob.Footprint.from_json(fp.to_json())
    assert (again.roof_shape, again.roof_direction, again.min_height, again.roof_colour, again.roof_across) == \
        ("skillion", 225.0, 3.0, (1.0, 0.0, 0.0), True)
    assert again.roof_height == pytest.approx(fp.roof_height, abs=0.01)
    old = {"id": "w9", "outer": RECT.tolist(), "holes": [], "height": 10.0, "height_from": "height",
           "material": "concrete"}
    read = ob.Footprint.from_json(old)
    assert (read.roof_shape, read.min_height, read.eaves, read.part) == ("flat", 0.0, 10.0, False)
