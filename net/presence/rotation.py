"""Rotations for VR poses, in Panda3D's conventions: quaternions (w, x, y, z) and heading/pitch/roll in degrees
(rotation = heading about +Z · pitch about +X · roll about +Y, roll applied first). Pure.

The wire carries head and hand orientations as heading/pitch/roll; turning them into quaternions lets a receiver
blend two samples along the shortest rotation (component-wise angle blending tumbles a hand that points nearly
straight down, where heading and roll trade places), and lets a sender read them off a tracked quaternion.
"""

from __future__ import annotations

import math

Quat = tuple[float, float, float, float]

#: Below this horizontal length of the forward axis, heading and roll are no longer separable.
GIMBAL = 1e-6


def quat_mul(a: Quat, b: Quat) -> Quat:
    """Hamilton product ``a ⊗ b``: rotate by ``b`` first, then by ``a``."""
    aw, ax, ay, az = a
    bw, bx, by, bz = b
    return (aw * bw - ax * bx - ay * by - az * bz,
            aw * bx + ax * bw + ay * bz - az * by,
            aw * by - ax * bz + ay * bw + az * bx,
            aw * bz + ax * by - ay * bx + az * bw)  # fmt: skip


def _about(axis: int, degrees: float) -> Quat:
    half = math.radians(degrees) / 2
    q = [math.cos(half), 0.0, 0.0, 0.0]
    q[1 + axis] = math.sin(half)
    return (q[0], q[1], q[2], q[3])


def hpr_quat(heading: float, pitch: float, roll: float) -> Quat:
    """The quaternion Panda3D's ``setHpr(heading, pitch, roll)`` gives."""
    return quat_mul(quat_mul(_about(2, heading), _about(0, pitch)), _about(1, roll))


def quat_hpr(q: Quat) -> tuple[float, float, float]:
    """Heading, pitch and roll of unit quaternion ``q``: the inverse of :func:`hpr_quat`.

    Read off the rotated axes: heading and pitch from where +Y points, roll from how far +X and +Z tilt out of the
    horizontal. Pointing straight up or down leaves heading and roll as one degree of freedom: roll is taken as
    0 and the heading read from +X, so the rotation still comes out whole.
    """
    w, x, y, z = q
    fx, fy, fz = 2 * (x * y - w * z), 1 - 2 * (x * x + z * z), 2 * (y * z + w * x)  # +Y rotated
    rx, ry, rz = 1 - 2 * (y * y + z * z), 2 * (x * y + w * z), 2 * (x * z - w * y)  # +X rotated
    up_z = 1 - 2 * (x * x + y * y)  # z of +Z rotated
    flat = math.hypot(fx, fy)
    pitch = math.degrees(math.atan2(fz, flat))
    if flat < GIMBAL:
        return math.degrees(math.atan2(ry, rx)), pitch, 0.0
    return math.degrees(math.atan2(-fx, fy)), pitch, math.degrees(math.atan2(-rz, up_z))


def slerp(a: Quat, b: Quat, f: float) -> Quat:
    """The rotation a fraction ``f`` of the way from ``a`` to ``b``, along the shorter arc."""
    dot = sum(p * q for p, q in zip(a, b, strict=True))
    if dot < 0:
        b, dot = (-b[0], -b[1], -b[2], -b[3]), -dot
    if dot > 0.9995:  # nearly the same rotation: a normalised lerp is exact enough and never divides by ~0
        out = [p + (q - p) * f for p, q in zip(a, b, strict=True)]
    else:
        theta = math.acos(dot)
        sa, sb = math.sin((1 - f) * theta), math.sin(f * theta)
        out = [p * sa + q * sb for p, q in zip(a, b, strict=True)]
    n = math.sqrt(sum(c * c for c in out))
    return (out[0] / n, out[1] / n, out[2] / n, out[3] / n)
