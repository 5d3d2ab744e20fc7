"""When the sun's shadow map must be drawn again, and where its camera goes. Pure.

The shadow pass was a third of the frame though the sun barely moves. The map is kept until the sun has turned by
more than a small angle or the focus has left the middle of the map by more than a fraction of its width; its
camera is then placed on the shadow-texel grid, so two renders of the same scene from neighbouring focus points
give the same texels (no shimmering edges at each re-render).
"""

from __future__ import annotations

import math

Vec3 = tuple[float, float, float]

#: Re-render once the sun has turned by more than this (it moves ~0.25° a minute).
SUN_DEGREES = 0.5
#: Re-render once the focus has moved by more than this share of the map's width.
FOCUS_FRACTION = 0.1
#: The lowest sun the light is placed at: a sun on the horizon would cast shadows to infinity.
MIN_LIGHT_Z = 0.08


def light_direction(sun_dir: Vec3) -> Vec3:
    """Unit vector towards the light: the sun's direction, raised to a usable angle near the horizon."""
    x, y, z = sun_dir[0], sun_dir[1], max(sun_dir[2], MIN_LIGHT_Z)
    n = math.sqrt(x * x + y * y + z * z)
    return x / n, y / n, z / n


def needs_render(drawn_dir: Vec3 | None, drawn_focus: Vec3 | None, light_dir: Vec3, focus: Vec3,
                 extent: float) -> bool:
    """True when a map drawn for (``drawn_dir``, ``drawn_focus``) no longer serves ``light_dir`` and ``focus``."""
    if drawn_dir is None or drawn_focus is None:
        return True
    cos = sum(a * b for a, b in zip(drawn_dir, light_dir, strict=True))
    if math.degrees(math.acos(min(max(cos, -1.0), 1.0))) > SUN_DEGREES:
        return True
    return math.dist(drawn_focus, focus) > FOCUS_FRACTION * extent


def _light_axes(light_dir: Vec3) -> tuple[Vec3, Vec3, Vec3]:
    """Right, up and forward of a camera looking along ``-light_dir`` with world +Z up (as ``lookAt`` sets it)."""
    fx, fy, fz = -light_dir[0], -light_dir[1], -light_dir[2]
    rx, ry = fy, -fx  # forward × Z
    rn = math.hypot(rx, ry) or 1.0
    rx, ry = rx / rn, ry / rn
    ux, uy, uz = ry * fz, -rx * fz, rx * fy - ry * fx  # right × forward
    return (rx, ry, 0.0), (ux, uy, uz), (fx, fy, fz)


def snap(focus: Vec3, light_dir: Vec3, texel: float) -> Vec3:
    """``focus`` moved (by under a texel) so it falls on the map's texel grid across the light's view."""
    axes = _light_axes(light_dir)
    coords = [sum(f * a for f, a in zip(focus, axis, strict=True)) for axis in axes]
    coords[0] = round(coords[0] / texel) * texel
    coords[1] = round(coords[1] / texel) * texel
    x, y, z = (sum(c * axis[i] for c, axis in zip(coords, axes, strict=True)) for i in range(3))
    return x, y, z
