"""Baked ambient occlusion (game.architecture.ao): open surfaces stay as they were, sheltered ones darken, and the
same geometry always bakes to the same colours."""

import numpy as np
import pytest

from game.architecture import ao
from game.architecture.builders import build_landmark
from game.architecture.mesh import box, merge
from game.city import blocks
from game.landmarks import catalogue


def _factor(before, after):
    return after.colors[:, 0] / before.colors[:, 0]


def test_hemisphere_is_unit_and_above_the_surface():
    dirs = ao.hemisphere()
    assert dirs.shape == (ao.RAYS, 3)
    assert np.allclose(np.linalg.norm(dirs, axis=1), 1.0)
    assert (dirs[:, 2] >= np.sin(np.radians(15)) - 1e-9).all()


def test_a_box_on_the_ground_is_darker_at_its_foot_than_at_its_top():
    tower = box((4, 4, 12), color=(0.8, 0.8, 0.8, 1))
    shaded = ao.bake({"granite": tower})["granite"]
    f = _factor(tower, shaded)
    side = np.abs(tower.normals[:, 2]) < 0.5
    foot = side & (tower.positions[:, 2] < 0.01)
    top = side & (tower.positions[:, 2] > 11.99)
    assert f[foot].max() < 0.9
    assert f[top].min() > 0.99
    assert f[foot].max() < f[top].min()
    assert np.allclose(shaded.colors[:, 3], tower.colors[:, 3])  # alpha untouched


def test_a_floor_under_an_overhang_is_darker_than_in_the_open():
    floor = box((20, 6, 0.2), center=(0, 0, 0))
    roof = box((8, 6, 0.3), center=(-6, 0, 2.5))  # a canopy 2.5 m over the floor's west end
    posts = merge([box((0.3, 0.3, 2.5), center=(x, y, 0)) for x in (-9.5, -2.5) for y in (-2.5, 2.5)])
    shaded = ao.bake({"granite": floor, "tile": roof, "wood": posts})["granite"]
    f = _factor(floor, shaded)
    up = floor.normals[:, 2] > 0.5
    under = up & (floor.positions[:, 0] < 0)
    open_ = up & (floor.positions[:, 0] > 0)
    assert f[under].max() < f[open_].min() - 0.1


def test_the_eaves_underside_is_darker_than_the_roof_of_a_gate():
    lm = catalogue.load()["donuimun"]
    plain, shaded = build_landmark(lm, occlusion=False), build_landmark(lm)
    f = _factor(plain.parts["tile"], shaded.parts["tile"])
    nz = plain.parts["tile"].normals[:, 2]
    assert f[nz < -0.5].mean() < f[nz > 0.5].mean() - 0.1


def test_baking_is_deterministic_and_keeps_the_geometry():
    lm = catalogue.load()["donuimun"]
    a, b, plain = build_landmark(lm), build_landmark(lm), build_landmark(lm, occlusion=False)
    for name, mesh in a.parts.items():
        assert np.array_equal(mesh.colors, b.parts[name].colors)
        assert np.array_equal(mesh.positions, plain.parts[name].positions)
        assert np.array_equal(mesh.indices, plain.parts[name].indices)
        assert (mesh.colors[:, :3] <= plain.parts[name].colors[:, :3] + 1e-6).all()
    assert a.dims == plain.dims and a.colliders == plain.colliders


def test_far_parts_take_the_near_values_where_they_share_vertices():
    lm = catalogue.load()["donuimun"]
    plain, shaded = build_landmark(lm, occlusion=False), build_landmark(lm)
    shared = 0
    for name, far in shaded.far_parts.items():
        near = {(tuple(np.round(p, 3)), tuple(np.round(n, 3))): c
                for p, n, c in zip(shaded.parts[name].positions, shaded.parts[name].normals,
                                   _factor(plain.parts[name], shaded.parts[name]), strict=True)}
        for p, n, c in zip(far.positions, far.normals, _factor(plain.far_parts[name], far), strict=True):
            key = (tuple(np.round(p, 3)), tuple(np.round(n, 3)))
            if key in near:
                assert c == pytest.approx(near[key], abs=1e-5)
                shared += 1
    assert shared > 1000


def test_a_city_block_darkens_at_its_foot_and_between_close_neighbours():
    lone = blocks.Block(0.0, 0.0, 20.0, 20.0, 30.0, "concrete", (0.5, 0.5, 0.5, 1.0))
    (mesh,) = blocks.block_meshes([lone]).values()
    plain = box((20, 20, 30), color=(0.5, 0.5, 0.5, 1))
    f = mesh.colors[:, 0] / plain.colors[:, 0]
    side = np.abs(plain.normals[:, 2]) < 0.5
    low, high = plain.positions[:, 2] < 0.01, plain.positions[:, 2] > 29.99
    assert f[side & low].max() < 0.9 and f[side & high].min() > 0.99
    near = blocks.Block(26.0, 0.0, 20.0, 20.0, 40.0, "concrete", (0.5, 0.5, 0.5, 1.0))
    (pair,) = blocks.block_meshes([lone, near]).values()
    g = pair.colors[:24, 0] / plain.colors[:, 0]
    east = plain.normals[:, 0] > 0.5
    assert g[east & high].max() < f[east & high].min()  # the lane between them is in shade


@pytest.mark.parametrize("bad", [[]])
def test_voxelizing_nothing_is_an_error(bad):
    with pytest.raises(ValueError):
        ao.voxelize(bad)
