"""Teleport arc: a ballistic curve from the controller, cut where it first meets the world. Pure.

A parabola (rather than a straight ray) lets the user reach far targets by raising the hand and keeps near
targets precise. Collision is not known here: the caller passes ``query(a, b)``, a segment test against the
world's collision geometry, so the same maths serves the district's collision solids and a unit test's plane.
A landing is valid only on ground flat enough to stand on, which keeps users off walls and roofs' slopes, and
that the query calls walkable (:mod:`game.xr.landing`: not the top of the blocks that keep walkers out of water).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from game.xr.axes import Vec3


@dataclass(frozen=True)
class Hit:
    """Where a segment first meets the world, with the surface normal there (Panda3D axes, unit length), and
    whether one may stand there at all (a flat top is not always ground)."""

    point: Vec3
    normal: Vec3
    walkable: bool = True


SegmentQuery = Callable[[Vec3, Vec3], Hit | None]


@dataclass(frozen=True)
class ArcResult:
    """The arc as drawn (ending at the hit, if any) and whether its end is somewhere one may stand."""

    points: tuple[Vec3, ...]
    hit: Hit | None
    valid: bool


def sample_arc(
    origin: Vec3, direction: Vec3, speed: float = 7.0, gravity: float = 9.81, step_s: float = 0.04, max_s: float = 2.5
) -> list[Vec3]:
    """Points along the projectile path from ``origin`` launched along ``direction`` (Panda3D axes, +Z up)."""
    n = math.sqrt(sum(c * c for c in direction))
    if n == 0:
        raise ValueError("arc direction is zero")
    vx, vy, vz = (c / n * speed for c in direction)
    steps = max(1, int(round(max_s / step_s)))
    out = []
    for i in range(steps + 1):
        t = i * step_s
        out.append((origin[0] + vx * t, origin[1] + vy * t, origin[2] + vz * t - 0.5 * gravity * t * t))
    return out


def cast_arc(points: list[Vec3], query: SegmentQuery, max_slope_deg: float = 30.0) -> ArcResult:
    """Walk the arc segment by segment until ``query`` reports a hit; judge the landing by its slope."""
    for i in range(len(points) - 1):
        hit = query(points[i], points[i + 1])
        if hit is not None:
            valid = hit.walkable and hit.normal[2] >= math.cos(math.radians(max_slope_deg))
            return ArcResult((*points[: i + 1], hit.point), hit, valid)
    return ArcResult(tuple(points), None, False)


def ground_plane(height: float = 0.0) -> SegmentQuery:
    """A segment test against the infinite level plane ``z = height``: the world when no collision is given."""

    def query(a: Vec3, b: Vec3) -> Hit | None:
        if (a[2] - height) * (b[2] - height) > 0 or a[2] == b[2]:
            return None
        t = (a[2] - height) / (a[2] - b[2])
        return Hit((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, height), (0.0, 0.0, 1.0))

    return query
