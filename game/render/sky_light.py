"""The sky's light on the city: image-based lighting from the sky model the dome draws. Pure (numpy, no engine).

A flat ambient lights every face alike, so a wall in shade reads as pasted on. Real sky light is directional: bright
overhead and round the sun, dim along the horizon, and from below only what the ground bounces (warm under the
eaves). simplepbr takes the diffuse part as nine spherical-harmonic coefficients and the specular part from a
prefiltered cube map; its shader evaluates both for every fragment whatever they hold, so feeding them the sky
costs nothing per frame (they were fed black before).

The light on an upward face is kept as it was: by day the flat ambient gives up :data:`SKY_SHARE` of itself and the
sky's coefficients are scaled so that an upward face gets exactly that share back. Shadows on the ground keep their
contrast at a low winter sun (an earlier try that added sky light on top washed them out); walls get what they see
of the sky and the ground instead of the same grey on every side. After dark the city's glow is not a sky to speak
of, so the share fades out with the rig's ``night``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

RGB = tuple[float, float, float]

#: How much of the day's ambient comes as directional sky light (the rest stays flat: light the sky model has no
#: word for, such as the city's walls bouncing it to each other)
SKY_SHARE = 0.6
#: Share of the light falling on it that the ground (granite, asphalt, paving) sends back up
GROUND_ALBEDO = 0.2
#: Texels along a cube face of the sharpest level (what glass mirrors), which is also what the coefficients and the
#: blurred levels integrate: 1 536 directions, 5.6° a texel, plenty for a sky without its sun disc and clouds
FACE_SIZE = 16

#: The cube faces in OpenGL's order (+X, −X, +Y, −Y, +Z, −Z), each as (major axis, s axis, t axis): the direction
#: through face coordinates (s, t) in [−1, 1] is major + s·s_axis + t·t_axis (the GL specification's table)
_FACES = (
    ((1, 0, 0), (0, 0, -1), (0, -1, 0)),
    ((-1, 0, 0), (0, 0, 1), (0, -1, 0)),
    ((0, 1, 0), (1, 0, 0), (0, 0, 1)),
    ((0, -1, 0), (1, 0, 0), (0, 0, -1)),
    ((0, 0, 1), (1, 0, 0), (0, -1, 0)),
    ((0, 0, -1), (-1, 0, 0), (0, -1, 0)),
)

#: Lambert's cosine lobe in spherical harmonics, per band: irradiance E = Σ Â_l L_lm Y_lm (Ramamoorthi & Hanrahan)
_COSINE_BANDS = (math.pi, 2.0 * math.pi / 3.0, 2.0 * math.pi / 3.0, 2.0 * math.pi / 3.0,
                 math.pi / 4.0, math.pi / 4.0, math.pi / 4.0, math.pi / 4.0, math.pi / 4.0)


@dataclass(frozen=True)
class SkyLight:
    """What simplepbr needs: ``sh`` (9, 3) irradiance coefficients in its shader's basis and order, and ``levels``,
    the prefiltered cube map's mip levels, each (6, n, n, 3) linear RGB with rows along t and columns along s."""

    sh: np.ndarray
    levels: tuple[np.ndarray, ...]
    flat_ambient: RGB  # what stays in the flat ambient light


def cube_directions(size: int) -> np.ndarray:
    """Unit directions through the centres of a cube map's texels, (6, size, size, 3), world axes (+Z up)."""
    c = (np.arange(size, dtype=np.float64) + 0.5) / size * 2.0 - 1.0
    t, s = np.meshgrid(c, c, indexing="ij")  # rows run along t, columns along s
    out = np.empty((6, size, size, 3))
    for f, axes in enumerate(_FACES):
        major, s_axis, t_axis = (np.asarray(a, float) for a in axes)
        v = major + s[..., None] * s_axis + t[..., None] * t_axis
        out[f] = v / np.linalg.norm(v, axis=-1, keepdims=True)
    return out


def solid_angles(size: int) -> np.ndarray:
    """Solid angle of each texel of a face, (size, size): they sum to 4π over the six faces."""
    edges = np.linspace(-1.0, 1.0, size + 1)

    def corner(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return np.arctan2(x * y, np.sqrt(x * x + y * y + 1.0))

    x0, y0 = np.meshgrid(edges[:-1], edges[:-1], indexing="ij")
    x1, y1 = np.meshgrid(edges[1:], edges[1:], indexing="ij")
    return corner(x0, y0) - corner(x0, y1) - corner(x1, y0) + corner(x1, y1)


def sh_basis(d: np.ndarray) -> np.ndarray:
    """simplepbr's nine basis functions at unit directions ``d`` (..., 3) → (..., 9), in its shader's order."""
    x, y, z = d[..., 0], d[..., 1], d[..., 2]
    return np.stack([
        np.full_like(x, 0.282095), 0.488603 * x, 0.488603 * z, 0.488603 * y,
        1.092548 * x * z, 1.092548 * y * z, 1.092548 * y * x,
        0.946176 * z * z - 0.315392, 0.546274 * (x * x - y * y),
    ], axis=-1)


def irradiance_sh(dirs: np.ndarray, radiance: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Coefficients (9, 3) whose sum with :func:`sh_basis` at a normal n is the irradiance E(n) from ``radiance``
    (N, 3) arriving along ``dirs`` (N, 3), each covering ``weights`` (N,) steradians."""
    projected = sh_basis(dirs).T @ (radiance * weights[:, None])  # L_lm
    return projected * np.asarray(_COSINE_BANDS)[:, None]


def irradiance(sh: np.ndarray, normal: tuple[float, float, float]) -> np.ndarray:
    """E(n) from coefficients (what the shader computes before its max(…, 0))."""
    return sh_basis(np.asarray(normal, float)) @ sh


def _luminance(rgb: np.ndarray) -> np.ndarray:
    return rgb @ np.asarray([0.2126, 0.7152, 0.0722])


def _phong_exponent(roughness: float) -> float:
    """The cosine power whose lobe is as wide as GGX's at this perceptual roughness (α = r², n = 2/α² − 2)."""
    alpha = max(roughness * roughness, 1e-3)
    return max(2.0 / (alpha * alpha) - 2.0, 1.0)


def prefilter(dirs: np.ndarray, radiance: np.ndarray, weights: np.ndarray, size: int, roughness: float) -> np.ndarray:
    """The environment blurred by a specular lobe of ``roughness`` at a cube face size ``size``: (6, size, size, 3).
    A lobe narrower than a texel is widened to one (each texel then averages what it covers)."""
    targets = cube_directions(size).reshape(-1, 3).astype(np.float32)
    texel = math.pi / 2.0 / size  # a texel's width in radians, near enough
    exponent = min(_phong_exponent(roughness), 2.0 * math.log(2.0) / (texel * texel))
    cosine = np.clip(targets @ dirs.T.astype(np.float32), 1e-6, None)
    lobe = np.exp(np.float32(exponent) * np.log(cosine)) * weights[None, :].astype(np.float32)
    out = (lobe @ radiance) / np.maximum(lobe.sum(axis=1, keepdims=True), 1e-12)
    return out.reshape(6, size, size, 3)


def level_count(size: int = FACE_SIZE) -> int:
    """Mip levels of a cube map of face ``size``, down to 1×1."""
    return int(math.log2(size)) + 1


def sky_light(sky: Callable[[tuple[float, float, float]], RGB], ambient: RGB, key: RGB, sun_height: float,
              night: float, cloudiness: float = 0.0) -> SkyLight:
    """The sky's light for the rig's ``ambient`` (flat, linear) and ``key`` (the sun's colour with its strength) at
    ``sun_height`` (sine of the key light's elevation), with ``sky(view)`` the sky model's radiance along a view
    above the horizon in the scene's units, as the dome draws it: reflections show it as it is, while the diffuse
    light keeps only its shape.

    The ground below the horizon is a grey of :data:`GROUND_ALBEDO` lit by the sun and the whole ambient, and the
    sky greys over as the cloud thickens, as the dome's shader draws it.
    """
    day = 1.0 - night
    share = SKY_SHARE * day
    amb = np.asarray(ambient, float)
    dirs = cube_directions(FACE_SIZE).reshape(-1, 3)
    weights = np.tile(solid_angles(FACE_SIZE).reshape(-1), 6)
    up = dirs[:, 2] > 0.0
    sky_rgb = np.zeros_like(dirs)
    sky_rgb[up] = [sky((float(x), float(y), float(z))) for x, y, z in dirs[up]]
    grey = 0.7 * _smoothstep(0.35, 1.0, cloudiness)  # the dome's overcast grey (shaders/sky.frag)
    if grey > 0.0:
        mean = _luminance(sky_rgb[up]).mean() * 0.9
        sky_rgb[up] = sky_rgb[up] * (1.0 - grey) + mean * grey
    # scale each channel so an upward face gets ``share`` of the ambient from the sky: the ambient's colour stays
    # the day's, and what varies with direction is the sky's own brightness and hue round the sun and the horizon
    cosine_up = np.clip(dirs[:, 2], 0.0, None) * weights
    from_sky = (sky_rgb * cosine_up[:, None]).sum(axis=0) / math.pi
    scale = np.where(from_sky > 0, share * amb / np.maximum(from_sky, 1e-12), 0.0)
    radiance = sky_rgb * scale
    # the ground bounces the sun (the ambient's own bounce is in what stays flat); by night the floodlights stand
    # in for many lamps and leave the ground dim on purpose (game/render/lighting.py), so it bounces nothing
    radiance[~up] = GROUND_ALBEDO * np.asarray(key, float) * max(sun_height, 0.0) / math.pi * day
    sh = irradiance_sh(dirs, radiance, weights)
    # Reflections show the sky as bright as the dome draws it (glass mirrors the sky beside it), not the ambient's
    # stylised share of it
    seen = radiance.copy()
    seen[up] = sky_rgb[up] * day
    levels = [seen.reshape(6, FACE_SIZE, FACE_SIZE, 3)]  # the mirror: the sky as it is
    count = level_count()
    for i in range(1, count):
        levels.append(prefilter(dirs, seen, weights, FACE_SIZE >> i, i / count))
    return SkyLight(sh, tuple(levels), tuple(float(c) * (1.0 - share) for c in amb))  # type: ignore[arg-type]


def _smoothstep(edge0: float, edge1: float, x: float) -> float:
    t = min(max((x - edge0) / (edge1 - edge0), 0.0), 1.0)
    return t * t * (3.0 - 2.0 * t)
