"""Normal maps and ambient occlusion from height fields (texgen.normal_map, texgen.occlusion) and vertex tangents
(geom.tangents): pure numpy."""

import numpy as np

from game.architecture.mesh import box
from game.render import texgen
from game.render.geom import tangents


def decode(img: np.ndarray) -> np.ndarray:
    return img[..., :3].astype(np.float64) / 255 * 2 - 1


def test_a_flat_height_field_gives_the_unperturbed_normal():
    img = texgen.normal_map(np.full((32, 32), 0.4), depth=8.0)
    assert np.all(np.abs(img[..., :3].astype(int) - (128, 128, 255)) <= 1)


def test_a_ramp_tilts_normals_away_from_the_rise():
    x = np.tile(np.sin(np.linspace(0, 2 * np.pi, 64, endpoint=False)), (64, 1))  # rises along +u near u = 0
    n = decode(texgen.normal_map(0.5 + 0.5 * x, depth=16.0))
    assert n[10, 2, 0] < -0.1 and abs(n[10, 2, 1]) < 0.02  # rising towards +u: the normal leans to −u
    assert n[10, 32, 0] > 0.1  # falling: leans to +u
    up = decode(texgen.normal_map(0.5 + 0.5 * x.T[::-1], depth=16.0))  # row 0 is the top (v = 1): rises along +v
    assert up[-3, 10, 1] < -0.1 and abs(up[-3, 10, 0]) < 0.02
    assert np.allclose(np.linalg.norm(n, axis=-1), 1, atol=0.02)


def test_relief_maps_tile_seamlessly():
    for name in ("granite", "tile", "wood"):
        spec = texgen.SPECS[name]
        height = spec.generator(spec.size, np.random.default_rng(7))[2]
        for axis in (0, 1):  # the height field wraps: no jump across the edge bigger than one inside it
            inside = np.abs(np.diff(height, axis=axis)).max()
            across = np.abs(np.take(height, 0, axis) - np.take(height, -1, axis)).max()
            assert across <= inside + 1e-9, (name, axis, across, inside)
        normal = texgen.normal_map(height, spec.relief)  # and its slopes are taken across the wrap too
        shifted = texgen.normal_map(np.roll(height, (17, 29), (0, 1)), spec.relief)
        assert np.array_equal(np.roll(normal, (17, 29), (0, 1)), shifted)
        n = decode(texgen.generate(name)[2])
        assert n[..., 2].min() > 0.2 and np.abs(n[..., :2]).max() > 0.3  # real relief, never inside out
    assert texgen.generate("plaster")[2] is None  # plain materials have none


def test_tangents_run_along_u_with_v_handedness():
    mesh = box((2, 2, 2), (0, 0, 0), (1, 1, 1, 1))
    t = tangents(mesh.positions, mesh.normals, mesh.uvs, mesh.indices)
    assert np.allclose(np.linalg.norm(t[:, :3], axis=1), 1, atol=1e-5)
    assert np.allclose(np.sum(t[:, :3] * mesh.normals, axis=1), 0, atol=1e-5)
    tri = mesh.indices.reshape(-1, 3)
    for a, b, c in tri:  # along each triangle, moving by +u / +v in texture moves along tangent / bitangent
        p, uv = mesh.positions[[a, b, c]].astype(float), mesh.uvs[[a, b, c]].astype(float)
        m = np.linalg.lstsq(np.c_[uv - uv[0]], p - p[0], rcond=None)[0]  # rows: dP/du, dP/dv
        bitangent = np.cross(mesh.normals[a], t[a, :3]) * t[a, 3]
        assert m[0] @ t[a, :3] > 0 and m[1] @ bitangent > 0


def test_vertices_without_texture_gradient_still_get_a_unit_tangent():
    pos = np.array([[0, 0, 0], [1, 0, 0], [0, 1, 0]], np.float32)
    nor = np.tile([0, 0, 1], (3, 1)).astype(np.float32)
    t = tangents(pos, nor, np.zeros((3, 2), np.float32), np.array([0, 1, 2], np.uint32))
    assert np.allclose(np.linalg.norm(t[:, :3], axis=1), 1) and np.allclose(t[:, 2], 0)


def test_occlusion_is_one_on_a_flat_field_and_dark_only_down_in_a_groove():
    flat = np.full((32, 32), 0.7)
    assert np.allclose(texgen.occlusion(flat, 4.0), 1.0)
    grooved = flat.copy()
    grooved[:, 14:18] = 0.0  # a joint four texels wide across the field
    ao = texgen.occlusion(grooved, 4.0)
    assert ao[:, 15].max() < 0.8  # down in the joint the sky is cut off on both sides
    assert np.allclose(ao[:, 0:8], 1.0)  # far from it the face sees the whole sky
    assert ao[:, 15].max() < ao[:, 13].min() <= 1.0  # the face's edge beside the joint is no darker than its bottom
    assert np.allclose(ao, np.roll(ao, 9, axis=0))  # the texture still tiles


def test_relief_materials_carry_their_occlusion_in_red_and_flat_ones_none():
    for name in ("granite", "tile"):
        _, mr, _ = texgen.generate(name)
        assert mr[..., 0].min() < 0.85 * 255 and np.median(mr[..., 0]) == 255, name
    _, mr, _ = texgen.generate("concrete")
    assert (mr[..., 0] == 255).all()


def test_granite_is_weathered_by_rain_under_its_joints_and_by_lichen():
    rgb = texgen.granite(256, np.random.default_rng(7))[0][..., :3].astype(np.float64)
    luma = rgb @ [0.2126, 0.7152, 0.0722]
    below = (np.arange(256) / 256 * 4) % 1  # 0 at a course's top joint (row 0 is the top), 1 at its foot
    under_joint = luma[(below > 0.06) & (below < 0.3)].mean()
    near_foot = luma[(below > 0.7) & (below < 0.94)].mean()
    assert under_joint < near_foot * 0.98, (under_joint, near_foot)  # the runoff darkens the top of each course
    upper = luma[(below > 0.06) & (below < 0.3)].mean(axis=0)
    assert upper.std() > 1.25 * luma[(below > 0.7) & (below < 0.94)].mean(axis=0).std()  # streaks across the face
    green = rgb[..., 1] > rgb[..., 0]  # pink granite is redder than green, except under lichen
    assert 0.02 < green.mean() < 0.5
