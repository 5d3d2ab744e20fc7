"""When the sun's shadow map must be drawn again, what it covers and where its camera goes. Pure.

The shadow pass was a third of the frame though the sun barely moves. The map is fitted to what the view shows:
the view frustum cut at a shadow distance, at the ground and at a ceiling (:data:`CEILING`), seen along the light
(:func:`view_points`, :func:`fit_view`), so the same 1024 texels are a few centimetres each when the visitor
looks down at their feet and stretch to cover an avenue when they look along it. The map's width is one of a
ladder of sizes (:data:`STEP` apart) and its camera is placed on its texel grid, so two renders of the same scene
from neighbouring views give the same texels (no shimmering edges at each re-render).

The map is kept (:func:`needs_render`) until the sun has turned by more than a small angle, the view has left
what the map covers (it is drawn :data:`FOCUS_FRACTION` wider on each side, so a short walk or turn stays inside)
or the view needs a map more than one size sharper.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Vec3 = tuple[float, float, float]
Rect = tuple[float, float, float, float]  # (left, bottom, right, top) across the light's view

#: Re-render once the sun has turned by more than this (it moves ~0.25° a minute).
SUN_DEGREES = 0.5
#: The map is drawn this share of the view's width wider on each side, so the view may move that far unredrawn.
FOCUS_FRACTION = 0.1
#: Map widths go up in steps of this factor (four to a doubling): the texel size takes few values, and a view
#: needing a map one step sharper keeps the drawn one (the hysteresis of the size).
STEP = 2.0 ** 0.25
#: Metres above the ground beyond which nothing the visitor sees needs shadows (the tallest street fronts).
CEILING = 60.0
#: The depth bias, in texels of slope: a texel of the map spans ``texel · cot(elevation)`` metres of light depth
#: on flat ground, so a smaller bias stripes the lit ground with its own shadow (acne) under a low sun.
BIAS_TEXELS = 1.5
#: The slope is taken at no lower a sun than this: lower, the bias would detach shadows from their casters.
BIAS_MAX_SLOPE = 3.0  # cot(18.4°)
#: The least bias, in metres, for a map of centimetre texels (a visitor looking down).
BIAS_FLOOR = 0.1
#: The soft edge: the shadow filter's disc is this many metres in radius (a hand's breadth, about the penumbra the
#: Sun's half-degree disc gives behind a caster ten metres away), held between these many texels of the map: under
#: one, the hardware's own 2×2 comparison already covers it; over three, the taps lie too far apart and print.
FILTER_METRES = 0.08
FILTER_TEXELS = (1.0, 3.0)
#: How far the shadow lookup of a face edge-on to the sun moves out along its normal, in texels beyond the filter's
#: reach: each texel holds one depth for its whole width, so a face steep to the light needs the margin.
NORMAL_OFFSET_TEXELS = 1.0
#: The lowest sun the light is placed at: a sun on the horizon would cast shadows to infinity.
MIN_LIGHT_Z = 0.08


def light_direction(sun_dir: Vec3) -> Vec3:
    """Unit vector towards the light: the sun's direction, raised to a usable angle near the horizon."""
    x, y, z = sun_dir[0], sun_dir[1], max(sun_dir[2], MIN_LIGHT_Z)
    n = math.sqrt(x * x + y * y + z * z)
    return x / n, y / n, z / n


def needs_render(drawn_dir: Vec3 | None, drawn: Fit | None, light_dir: Vec3, wanted: Fit) -> bool:
    """True when a map drawn as ``drawn`` along ``drawn_dir`` no longer serves a view that wants ``wanted`` along
    ``light_dir``: the sun turned, the view left the map, or the map is more than one :data:`STEP` too coarse."""
    if drawn_dir is None or drawn is None:
        return True
    cos = sum(a * b for a, b in zip(drawn_dir, light_dir, strict=True))
    if math.degrees(math.acos(min(max(cos, -1.0), 1.0))) > SUN_DEGREES:
        return True
    if drawn.extent > wanted.extent * STEP * (1 + 1e-9):
        return True
    return not covers(drawn, light_dir, wanted.needed)


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


@dataclass(frozen=True)
class Fit:
    """A shadow map's square across the light: its snapped centre, its width and the part of it the view needs."""

    centre: Vec3
    extent: float
    needed: Rect


def view_points(eye: Vec3, rays: Iterable[Vec3], distance: float, ground: float,
                ceiling: float = CEILING) -> list[Vec3]:
    """Where each of the view's ``rays`` (unit vectors from ``eye``) enters and leaves the part of the world that
    shows shadows: between the ground and ``ceiling`` metres above it, within ``distance`` of the eye. Their hull
    is the part of the view frustum the map must cover (an eye high above the ceiling adds nothing)."""
    points = []
    top = ground + ceiling
    for ray in rays:
        dz = ray[2]
        if abs(dz) < 1e-9:
            start, end = (0.0, distance) if ground <= eye[2] <= top else (1.0, 0.0)
        else:
            into, out = ((top - eye[2]) / dz, (ground - eye[2]) / dz) if dz < 0 else \
                ((ground - eye[2]) / dz, (top - eye[2]) / dz)
            start, end = max(into, 0.0), min(out, distance)
        if start <= end:
            points += [tuple(e + r * t for e, r in zip(eye, ray, strict=True)) for t in (start, end)]
    return points  # type: ignore[return-value]


def _across(points: Iterable[Vec3], axes: tuple[Vec3, Vec3, Vec3]) -> list[tuple[float, float, float]]:
    return [tuple(sum(p * a for p, a in zip(point, axis, strict=True)) for axis in axes) for point in points]


def map_extent(span: float, smallest: float, largest: float) -> float:
    """The map width for a view ``span`` metres across the light: with :data:`FOCUS_FRACTION` either side, up to
    the next size of the ladder ``smallest · STEP^k``, at most ``largest``."""
    want = max(span * (1 + 2 * FOCUS_FRACTION), smallest)
    k = math.ceil(math.log(want / smallest) / math.log(STEP) - 1e-9)
    return min(smallest * STEP ** k, largest)


def fit_view(points: Sequence[Vec3], light_dir: Vec3, size: int, smallest: float, largest: float) -> Fit:
    """The map that covers ``points`` (``view_points`` and the focus) seen along ``light_dir``, ``size`` texels
    wide, its centre on the texel grid. A view wider than ``largest`` gets the middle of it."""
    axes = _light_axes(light_dir)
    coords = _across(points, axes)
    left, right = min(c[0] for c in coords), max(c[0] for c in coords)
    bottom, top = min(c[1] for c in coords), max(c[1] for c in coords)
    extent = map_extent(max(right - left, top - bottom), smallest, largest)
    cx, cy = (left + right) / 2, (bottom + top) / 2
    reach = extent / (2 * (1 + 2 * FOCUS_FRACTION))  # the most of the view the map can hold with its margin
    needed = (max(left, cx - reach), max(bottom, cy - reach), min(right, cx + reach), min(top, cy + reach))
    depth = sum(c[2] for c in coords) / len(coords)
    centre = tuple(cx * axes[0][i] + cy * axes[1][i] + depth * axes[2][i] for i in range(3))
    return Fit(snap(centre, light_dir, extent / size), extent, needed)  # type: ignore[arg-type]


def depth_bias(extent: float, size: int, light_dir: Vec3) -> float:
    """Metres of light depth a receiver must lie behind the map's depth to be shadowed, for a map ``extent``
    metres wide of ``size`` texels along ``light_dir``: grows with the texel and as the sun sinks."""
    horizontal = math.hypot(light_dir[0], light_dir[1])
    slope = min(horizontal / max(light_dir[2], 1e-6), BIAS_MAX_SLOPE)
    return max(BIAS_TEXELS * extent / size * slope, BIAS_FLOOR)


def filter_texels(extent: float, size: int) -> float:
    """The shadow filter's radius in texels, for a map ``extent`` metres wide of ``size`` texels."""
    lo, hi = FILTER_TEXELS
    return min(max(FILTER_METRES * size / extent, lo), hi)


def normal_offset(extent: float, size: int) -> float:
    """Metres the lookup of a face edge-on to the sun moves out along its normal: past the filter's reach."""
    return (NORMAL_OFFSET_TEXELS + filter_texels(extent, size)) * extent / size


def filter_disc(taps: int) -> list[tuple[float, float]]:
    """``taps`` points spread evenly over the unit disc (a Vogel spiral): equal area each, no clumps, and no rings
    that would print as contour lines across a soft edge. Centred on the middle, so an edge does not lean to one
    side (a spiral of few taps does), and kept within the disc."""
    golden = math.pi * (3.0 - math.sqrt(5.0))
    spiral = [(math.sqrt((i + 0.5) / taps) * math.cos(i * golden), math.sqrt((i + 0.5) / taps) * math.sin(i * golden))
              for i in range(taps)]
    mx, my = sum(x for x, _ in spiral) / taps, sum(y for _, y in spiral) / taps
    centred = [(x - mx, y - my) for x, y in spiral]
    scale = max(math.hypot(x, y) for x, y in spiral) / max(math.hypot(x, y) for x, y in centred)
    return [(x * scale, y * scale) for x, y in centred]


def covers(drawn: Fit, light_dir: Vec3, rect: Rect) -> bool:
    """Whether the map ``drawn`` holds all of ``rect`` (across ``light_dir``'s view)."""
    cx, cy, _ = _across([drawn.centre], _light_axes(light_dir))[0]
    half = drawn.extent / 2
    return cx - half <= rect[0] and rect[2] <= cx + half and cy - half <= rect[1] and rect[3] <= cy + half
