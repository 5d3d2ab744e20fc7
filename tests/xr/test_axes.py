"""Pose and projection conversion between OpenXR and Panda3D axes."""

import math

import pytest

from game.xr import axes


def test_positions_map_up_and_forward():
    assert axes.position_from_xr(0, 1, 0) == (0, 0, 1)  # OpenXR up is Panda3D up
    assert axes.position_from_xr(0, 0, -1) == (0, 1, 0)  # OpenXR forward (-Z) is Panda3D forward (+Y)
    assert axes.position_from_xr(1, 0, 0) == (1, 0, 0)
    assert axes.position_to_xr(*axes.position_from_xr(0.3, -1.2, 2.5)) == (0.3, -1.2, 2.5)


def _xr_quat_about_y(deg):
    """OpenXR quaternion (x, y, z, w) for a yaw of ``deg`` about OpenXR's up axis."""
    h = math.radians(deg) / 2
    return (0.0, math.sin(h), 0.0, math.cos(h))


def test_identity_head_looks_forward():
    q = axes.quat_from_xr(0, 0, 0, 1)
    assert axes.forward(q) == pytest.approx((0, 1, 0))


@pytest.mark.parametrize("deg", [-135, -45, 0, 30, 90, 170])
def test_yaw_keeps_its_sense(deg):
    # Turning left (counter-clockwise seen from above) is positive about +Y in OpenXR and +H in Panda3D.
    q = axes.quat_from_xr(*_xr_quat_about_y(deg))
    assert axes.heading_deg(q) == pytest.approx(deg)


def test_rotation_matches_position_mapping():
    # Rotating a vector in OpenXR then converting equals converting then rotating in Panda3D.
    h = math.radians(40) / 2
    qx = (math.sin(h) * 0.6, math.sin(h) * 0.0, math.sin(h) * 0.8, math.cos(h))  # axis (0.6, 0, 0.8)
    v_xr = (0.2, -0.5, 1.0)
    w, x, y, z = qx[3], qx[0], qx[1], qx[2]
    rotated_xr = axes.rotate((w, x, y, z), v_xr)  # rotate() is axis-agnostic maths
    assert axes.rotate(axes.quat_from_xr(*qx), axes.position_from_xr(*v_xr)) == pytest.approx(
        axes.position_from_xr(*rotated_xr)
    )
    assert axes.quat_to_xr(*axes.quat_from_xr(*qx)) == pytest.approx(qx)


def _project(m, p):
    x, y, z = p
    clip = [x * m[0 + c] + y * m[4 + c] + z * m[8 + c] + m[12 + c] for c in range(4)]
    return [c / clip[3] for c in clip[:3]]


def test_projection_maps_frustum_edges_to_ndc():
    left, right, up, down = math.radians(-50), math.radians(40), math.radians(45), math.radians(-55)
    m = axes.projection_matrix(left, right, up, down, 0.1, 100.0)
    d = 7.0  # any depth along Panda3D's +Y
    assert _project(m, (math.tan(right) * d, d, 0))[0] == pytest.approx(1.0)
    assert _project(m, (math.tan(left) * d, d, 0))[0] == pytest.approx(-1.0)
    assert _project(m, (0, d, math.tan(up) * d))[1] == pytest.approx(1.0)
    assert _project(m, (0, d, math.tan(down) * d))[1] == pytest.approx(-1.0)
    assert _project(m, (0, 0.1, 0))[2] == pytest.approx(-1.0)
    assert _project(m, (0, 100.0, 0))[2] == pytest.approx(1.0)


def test_projection_rejects_nonsense():
    with pytest.raises(ValueError):
        axes.projection_matrix(0.5, -0.5, 0.5, -0.5, 0.1, 10)
    with pytest.raises(ValueError):
        axes.projection_matrix(-0.5, 0.5, 0.5, -0.5, 10, 1)


def test_srgb_decoding_keeps_ends_and_alpha():
    assert axes.srgb_to_linear((0.0, 1.0, 0.5, 0.25)) == pytest.approx((0.0, 1.0, 0.2140, 0.25), abs=1e-4)
    assert axes.srgb_to_linear((0.02, 0.02, 0.02)) == pytest.approx((0.02 / 12.92,) * 3)
