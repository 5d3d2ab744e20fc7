"""Pose and projection conversion between OpenXR and Panda3D axes. Pure: no Panda3D, no pyopenxr.

OpenXR is right-handed with +Y up and -Z forward; Panda3D is right-handed with +Z up and +Y forward. The change
of basis is a proper rotation (x, y, z)_xr -> (x, -z, y)_panda, so positions map componentwise and a rotation
quaternion keeps its scalar part and maps its vector part the same way. Getting this in one tested place keeps
every caller (views, controllers, haptics targets) consistent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Vec3 = tuple[float, float, float]
#: Quaternion in Panda3D's order (w, x, y, z)
Quat = tuple[float, float, float, float]


@dataclass(frozen=True)
class Pose:
    """A rigid pose in Panda3D axes: position in metres and a unit quaternion (w, x, y, z)."""

    position: Vec3 = (0.0, 0.0, 0.0)
    orientation: Quat = (1.0, 0.0, 0.0, 0.0)


def position_from_xr(x: float, y: float, z: float) -> Vec3:
    """OpenXR position (x right, y up, z back) to Panda3D (x right, y forward, z up)."""
    return (x, -z, y)


def position_to_xr(x: float, y: float, z: float) -> Vec3:
    """Inverse of :func:`position_from_xr`."""
    return (x, z, -y)


def quat_from_xr(x: float, y: float, z: float, w: float) -> Quat:
    """OpenXR quaternion (x, y, z, w) to a Panda3D-order quaternion (w, x, y, z) in Panda3D axes."""
    return (w, x, -z, y)


def quat_to_xr(w: float, x: float, y: float, z: float) -> tuple[float, float, float, float]:
    """Inverse of :func:`quat_from_xr`, returning OpenXR's (x, y, z, w) order."""
    return (x, z, -y, w)


def pose_from_xr(position: Vec3, orientation_xyzw: tuple[float, float, float, float]) -> Pose:
    """An OpenXR pose (position, orientation x/y/z/w) as a Panda3D-axes :class:`Pose`."""
    return Pose(position_from_xr(*position), quat_from_xr(*orientation_xyzw))


def rotate(q: Quat, v: Vec3) -> Vec3:
    """Rotate vector ``v`` by unit quaternion ``q`` (w, x, y, z)."""
    w, qx, qy, qz = q
    # t = 2 * cross(q.xyz, v); v' = v + w * t + cross(q.xyz, t)
    tx = 2 * (qy * v[2] - qz * v[1])
    ty = 2 * (qz * v[0] - qx * v[2])
    tz = 2 * (qx * v[1] - qy * v[0])
    return (
        v[0] + w * tx + (qy * tz - qz * ty),
        v[1] + w * ty + (qz * tx - qx * tz),
        v[2] + w * tz + (qx * ty - qy * tx),
    )


def forward(q: Quat) -> Vec3:
    """The Panda3D forward axis (+Y) rotated by ``q``: where a head or controller points."""
    return rotate(q, (0.0, 1.0, 0.0))


def heading_deg(q: Quat) -> float:
    """Yaw of ``q`` about +Z in degrees, counter-clockwise from +Y (Panda3D's H convention)."""
    fx, fy, _ = forward(q)
    return math.degrees(math.atan2(-fx, fy))


def projection_matrix(
    angle_left: float, angle_right: float, angle_up: float, angle_down: float, near: float, far: float
) -> tuple[float, ...]:
    """An asymmetric perspective projection for one eye, in Panda3D's camera axes and row-vector convention.

    OpenXR gives each eye's field of view as four signed angles (left and down are negative). The result maps
    a Panda3D camera-space point (x right, y forward, z up) as ``[x y z 1] * M`` to OpenGL clip space with
    depth in [-1, 1]; it is returned row-major, 16 floats, ready for ``LMatrix4(*m)`` on a ``MatrixLens``.
    """
    if not 0 < near < far:
        raise ValueError("need 0 < near < far")
    tl, tr = math.tan(angle_left), math.tan(angle_right)
    tu, td = math.tan(angle_up), math.tan(angle_down)
    if tr <= tl or tu <= td:
        raise ValueError("field of view is empty")
    w, h = tr - tl, tu - td
    return (
        2 / w, 0.0, 0.0, 0.0,
        -(tr + tl) / w, -(tu + td) / h, (far + near) / (far - near), 1.0,
        0.0, 2 / h, 0.0, 0.0,
        0.0, 0.0, -2 * far * near / (far - near), 0.0,
    )  # fmt: skip


def srgb_to_linear(colour: tuple[float, ...]) -> tuple[float, ...]:
    """An sRGB colour (alpha kept) as the linear value to give Panda3D: the eye buffers encode linear to sRGB
    on write (the swapchain is sRGB), so colours picked on screen must be decoded first to come out as picked."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (*(channel(c) for c in colour[:3]), *colour[3:])
