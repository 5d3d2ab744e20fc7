"""The pure side of the city's night lights: lamp posts along the avenues, window grids, lit shares by hour."""

import numpy as np

from game.city import night
from game.city.streets import distance_to_polyline, load


def test_lit_share_follows_the_working_day():
    shares = {h: night.lit_share(h) for h in range(25)}
    assert all(0.0 < s <= 1.0 for s in shares.values())
    assert shares[12] > shares[20] > shares[22] > shares[3]
    assert shares[0] == shares[24]


def test_each_hour_has_its_own_pattern():
    assert len({night.hour_seed(336, h) for h in range(24)} | {night.hour_seed(337, 0)}) == 25


def test_lamps_stand_on_both_kerbs_of_each_avenue():
    streets, _ = load()
    posts = night.lamp_posts(streets)
    assert len(posts) > 100
    by_id = {s.id: s for s in streets}
    for sid in night.LIT_AVENUES:
        s = by_id[sid]
        d = distance_to_polyline(s.points, posts[:, :2])
        mine = posts[np.abs(d - (s.width / 2 + 0.8)) < 0.05]
        assert len(mine) >= 2 * int(np.linalg.norm(np.diff(s.points, axis=0), axis=1).sum() // night.LAMP_SPACING) - 2
        # each arm reaches over the road: a step along it comes nearer to the centre line
        reach = mine[:, :2] + mine[:, 2:] * 1.0
        assert (distance_to_polyline(s.points, reach) < s.width / 2 + 0.8).mean() > 0.95
    meshes = night.lamp_meshes(posts)
    assert meshes["pools"].triangle_count == 2 * len(posts)
    assert np.allclose(meshes["heads"].uvs, 0.5)


def test_window_quads_cover_whole_bays_and_storeys():
    blocks = [(0.0, 0.0, 0.0, 20.0, 13.0, 40.0), (50.0, 0.0, 0.0, 70.0, 20.0, 3.0)]
    mesh = night.window_mesh(blocks)
    assert mesh.triangle_count == 8  # four façades of the first block; the second is lower than one storey
    across, up = mesh.uvs[:, 0], mesh.uvs[:, 1]
    assert np.allclose(np.round(across / night.BAY), across / night.BAY)
    assert up.max() == 10 * night.STOREY
    centre = mesh.positions[:, :2].mean(axis=0)
    assert (np.einsum("ij,ij->i", mesh.normals[:, :2], mesh.positions[:, :2] - centre) > 0).all()  # facing out
