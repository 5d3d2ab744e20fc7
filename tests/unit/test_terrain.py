"""The mountains: flat where the district is, each summit at its height and position, the tower on Namsan."""

import json

import numpy as np
import pytest

from game import geo, terrain
from game.city import blocks

BACKDROP = terrain.load()
DOC = json.loads(terrain.DATA.read_text(encoding="utf-8"))


def test_every_peak_carries_an_honesty_tag_and_the_named_mountains_are_there():
    assert all(p["tag"] in ("sourced", "remembered", "estimated") for p in DOC["peaks"])
    assert {"bugaksan", "inwangsan", "namsan", "bukhansan"} <= {p.id for p in BACKDROP.peaks}
    assert DOC["tower"]["tag"] in ("sourced", "remembered", "estimated")


@pytest.mark.parametrize("peak", BACKDROP.peaks, ids=lambda p: p.id)
def test_each_summit_stands_at_its_height_within_five_percent(peak):
    z = terrain.heights(BACKDROP, np.asarray([peak.east]), np.asarray([peak.north]))[0]
    assert abs(z - peak.height) <= 0.05 * peak.height


def test_summits_are_where_the_data_puts_them():
    bugaksan = next(p for p in BACKDROP.peaks if p.id == "bugaksan")
    ring = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    around = terrain.heights(BACKDROP, bugaksan.east + 150 * np.cos(ring), bugaksan.north + 150 * np.sin(ring))
    assert (around < bugaksan.height).all()  # a summit, not a slope
    assert 1_900 < bugaksan.north < 2_500 and abs(bugaksan.east) < 800  # behind Gyeongbokgung, ~2 km north


def test_the_district_stays_flat_under_its_ground():
    e0, e1, n0, n1 = blocks.REGION
    east, north = np.meshgrid(np.linspace(e0, e1, 60), np.linspace(n0, n1, 80))
    z = terrain.heights(BACKDROP, east, north)
    assert np.all(z == terrain.FLAT_Z)  # under the ground box (z = 0): streets and blocks keep their level


def test_the_mesh_is_one_closed_sheet_with_upward_faces():
    mesh = terrain.terrain_mesh(BACKDROP)
    p = mesh.positions[mesh.indices]
    normals = np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0])
    assert (normals[:, 2] > 0).all()  # counter-clockwise seen from above
    assert mesh.triangle_count < 120_000
    lo, hi = mesh.bounds()
    assert lo[0] <= -terrain.REACH and hi[1] >= terrain.REACH  # reaches the horizon in every direction


def test_n_seoul_tower_stands_on_namsan_at_its_height():
    tower = terrain.tower_mesh(BACKDROP)
    lo, hi = tower.bounds()
    namsan = next(p for p in BACKDROP.peaks if p.id == "namsan")
    assert abs((lo[0] + hi[0]) / 2 - namsan.east) < 1 and abs((lo[1] + hi[1]) / 2 - namsan.north) < 1
    assert abs(hi[2] - (namsan.height + DOC["tower"]["height_m"])) < 1.0
    lat, lon = geo.to_wgs84(namsan.east, namsan.north)
    assert abs(lat - 37.5512) < 0.002 and abs(lon - 126.9882) < 0.002


def test_far_tiles_keep_a_quarter_or_so_of_the_triangles_on_the_same_edges_and_hang_skirts():
    levels = terrain.terrain_tile_levels(BACKDROP, skirts=False)
    near = sum(n.triangle_count for n, _ in levels)
    far = sum(f.triangle_count for _, f in levels)
    assert near == sum(t.triangle_count for t in terrain.terrain_tiles(BACKDROP))
    assert 0.2 < far / near < 0.35
    for fine, coarse in levels:  # same footprint: a far tile covers exactly what its full one does
        np.testing.assert_allclose(fine.bounds()[0][:2], coarse.bounds()[0][:2])
        np.testing.assert_allclose(fine.bounds()[1][:2], coarse.bounds()[1][:2])
    skirted = terrain.terrain_tile_levels(BACKDROP)
    for (plain, _), (with_skirt, _) in zip(levels, skirted, strict=True):
        tops = {(round(float(x), 2), round(float(y), 2)): float(z) for x, y, z in plain.positions}
        extra = with_skirt.positions[len(plain.positions):]
        drops = np.asarray([tops[(round(float(x), 2), round(float(y), 2))] - z for x, y, z in extra])
        assert set(np.round(drops, 3)) == {0.0, terrain.SKIRT}  # a curtain from each edge vertex straight down
        p = with_skirt.positions[with_skirt.indices[plain.triangle_count:]]
        normal = np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0])
        centre = (plain.bounds()[0][:2] + plain.bounds()[1][:2]) / 2
        outward = (p.mean(axis=1)[:, :2] - centre)
        assert (np.sum(normal[:, :2] * outward, axis=1) > 0).all()  # every skirt faces out of its tile
