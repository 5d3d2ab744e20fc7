"""Ambient occlusion between a building's parts, baked into vertex colours (game/architecture/vertex_ao.py):
checked against what a sky hemisphere and a ground plane must give on simple shapes."""

import numpy as np
import pytest

from game.architecture import vertex_ao
from game.architecture.building import Building
from game.architecture.mesh import box, merge


def test_the_directions_are_a_cosine_weighted_hemisphere():
    d = vertex_ao.hemisphere(400)
    assert np.allclose(np.linalg.norm(d, axis=1), 1.0)
    assert (d[:, 2] > 0).all()
    assert d[:, 2].mean() == pytest.approx(2 / 3, abs=0.01)  # E[cos θ] under a cosine-weighted lobe
    assert np.abs(d[:, :2].mean(axis=0)).max() < 0.02  # no side favoured


def test_a_plate_high_above_the_ground_sees_the_whole_sky_from_its_top():
    plate = box((6, 6, 0.2), (0, 0, 20))
    seen = vertex_ao.visibility(vertex_ao.Grid.of([plate]), plate)
    top = plate.normals[:, 2] > 0.5
    assert np.allclose(seen[top], 1.0)


def test_a_box_on_the_ground_is_dark_at_its_foot_and_open_on_top():
    block = box((4, 4, 4), (0, 0, 0))
    seen = vertex_ao.visibility(vertex_ao.Grid.of([block]), block)
    n, z = block.normals, block.positions[:, 2]
    assert np.allclose(seen[n[:, 2] > 0.5], 1.0)  # the roof
    side = np.abs(n[:, 2]) < 0.5
    assert np.allclose(seen[side & (z > 3.9)], 1.0)  # the top of a wall: nothing within reach
    foot = seen[side & (z < 0.1)]
    assert (foot > 0.3).all() and (foot < 0.7).all()  # the foot of a wall: the ground takes half its sky
    assert np.allclose(seen[n[:, 2] < -0.5], 0.0)  # the underside, on the ground


def test_an_overhang_darkens_the_wall_under_it():
    wall = box((8, 0.4, 3), (0, 0, 0))
    eave = box((8, 2.5, 0.2), (0, -1.2, 3.1))
    front = (wall.normals[:, 1] < -0.5) & (wall.positions[:, 2] > 2.9)  # the wall's front, just under the eave
    open_wall = vertex_ao.visibility(vertex_ao.Grid.of([wall]), wall)[front]
    covered = vertex_ao.visibility(vertex_ao.Grid.of([wall, eave]), wall)[front]
    assert (covered < open_wall - 0.25).all(), (covered, open_wall)  # its corners see past the ends


def test_shading_only_darkens_keeps_alpha_and_is_deterministic():
    parts = {"wood": merge([box((8, 0.4, 3), (0, 0, 0)), box((8, 2.5, 0.2), (0, -1.2, 3.1))]),
             "stone": box((10, 4, 0.5), (0, 0, -0.5), (0.6, 0.6, 0.6, 0.5))}
    far = {"wood": box((8, 3, 3.3), (0, -0.5, 0)), "stone": parts["stone"]}
    done, far_done = vertex_ao.shaded(parts, far)
    again, _ = vertex_ao.shaded(parts, far)
    for name, mesh in parts.items():
        assert (done[name].colors[:, :3] <= mesh.colors[:, :3] + 1e-6).all()
        assert np.array_equal(done[name].colors[:, 3], mesh.colors[:, 3])
        assert np.array_equal(done[name].colors, again[name].colors)
        assert (done[name].colors[:, :3] >= mesh.colors[:, :3] * (1 - vertex_ao.STRENGTH) - 1e-6).all()
    assert far_done["stone"] is done["stone"]  # a far part equal to the full one is shaded once
    assert (far_done["wood"].colors[:, :3] < 1.0).any()
    assert done["wood"].colors[:, :3].min() < 0.8  # something really is in shadow


def test_a_building_keeps_its_shape_and_colliders():
    parts = {"wood": box((4, 4, 4))}
    building = Building(parts=parts, dims={"total_height": 4.0}, colliders=[(-2, -2, 0, 2, 2, 4)])
    shaded = vertex_ao.with_occlusion(building)
    assert shaded.dims == building.dims and shaded.colliders == building.colliders
    assert np.array_equal(shaded.parts["wood"].positions, parts["wood"].positions)
    assert (shaded.parts["wood"].colors[:, :3] < 1.0).any()


def test_a_city_blocks_walls_are_darker_at_their_foot_and_its_roof_keeps_its_tone():
    from game.city.blocks import Block, block_meshes

    (mesh,) = block_meshes([Block(10.0, 10.0, 20.0, 16.0, 30.0, "concrete", (0.5, 0.5, 0.5, 1.0))]).values()
    wall = np.abs(mesh.normals[:, 2]) < 0.5
    z, red = mesh.positions[:, 2], mesh.colors[:, 0]
    assert np.allclose(red[wall & (z > 29)], 0.5)  # a street's walls see the sky at the top
    foot = red[wall & (z < 1)]
    assert (foot < 0.5 * (1 - 0.3 * vertex_ao.STRENGTH)).all() and (foot > 0.5 * (1 - vertex_ao.STRENGTH)).all()
    assert np.allclose(red[mesh.normals[:, 2] > 0.5], 0.35)  # the roof: its own darker tone, nothing more
