"""Procedural material textures in numpy. Pure and deterministic (seeded per material).

Each generator returns a base-colour image (sRGB, RGBA uint8) and a metal-roughness image in the glTF layout
(R = ambient occlusion, G = roughness, B = metallic) that simplepbr reads. Surfaces are tinted further by vertex
colours (dancheong), so wood and plaster are light and neutral here. Materials with relief (granite joints,
roof-tile courses, wood grain) also return the height field their colour is drawn from; :func:`normal_map` turns it
into a tangent-space normal map and :func:`occlusion` into the share of the sky each texel still sees, so the
relief, its shading in the shade and the colour always agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Image = np.ndarray  # (H, W, 4) uint8
#: A generator's images: (base colour, metal-roughness) or, for materials with relief, (…, height in [0, 1]).
Maps = tuple[Image, Image] | tuple[Image, Image, np.ndarray]


def value_noise(size: int, cells: int, rng: np.random.Generator) -> np.ndarray:
    """Tileable smooth value noise in [0, 1] at ``cells`` lattice cells per side."""
    lattice = rng.random((cells, cells))
    t = np.arange(size) * cells / size
    i0 = np.floor(t).astype(int)
    f = t - i0
    f = f * f * (3 - 2 * f)
    i1 = (i0 + 1) % cells
    a = lattice[np.ix_(i0, i0)]
    b = lattice[np.ix_(i0, i1)]
    c = lattice[np.ix_(i1, i0)]
    d = lattice[np.ix_(i1, i1)]
    fy, fx = f[:, None], f[None, :]
    return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy


def fbm(size: int, rng: np.random.Generator, octaves: int = 5, base: int = 4) -> np.ndarray:
    """Fractal sum of value noise, normalised to [0, 1]; tileable because every octave is."""
    out = np.zeros((size, size))
    amp, total = 1.0, 0.0
    for o in range(octaves):
        out += amp * value_noise(size, base * 2**o, rng)
        total += amp
        amp *= 0.5
    out /= total
    return (out - out.min()) / max(np.ptp(out), 1e-9)


def _rgba(rgb: np.ndarray) -> Image:
    h, w, _ = rgb.shape
    out = np.empty((h, w, 4), np.uint8)
    out[..., :3] = np.clip(rgb, 0, 255).astype(np.uint8)
    out[..., 3] = 255
    return out


def _mr(roughness: np.ndarray, metallic: float = 0.0) -> Image:
    h, w = roughness.shape
    out = np.zeros((h, w, 4), np.uint8)
    out[..., 0] = 255
    out[..., 1] = np.clip(roughness * 255, 0, 255).astype(np.uint8)
    out[..., 2] = int(metallic * 255)
    out[..., 3] = 255
    return out


def normal_map(height: np.ndarray, depth: float) -> Image:
    """Tangent-space normal map (RGBA uint8, glTF/OpenGL convention: +X along u, +Y along v) of a tileable
    height field in [0, 1]; ``depth`` is the relief the range 0..1 spans, in texels, so a ramp rising
    ``depth`` over the texture's width tilts by atan(depth / width). Gradients wrap, so the map tiles seamlessly.

    Row 0 of every image here is the texture's top (v = 1: ``_to_texture`` flips rows), so v grows upwards.
    """
    h = height * depth
    du = (np.roll(h, -1, axis=1) - np.roll(h, 1, axis=1)) / 2
    dv = (np.roll(h, 1, axis=0) - np.roll(h, -1, axis=0)) / 2  # the row above is further along v
    n = np.stack([-du, -dv, np.ones_like(h)], axis=-1)
    n /= np.linalg.norm(n, axis=-1, keepdims=True)
    out = np.empty((*h.shape, 4), np.uint8)
    out[..., :3] = np.clip(np.rint((n * 0.5 + 0.5) * 255), 0, 255).astype(np.uint8)
    out[..., 3] = 255
    return out


def occlusion(height: np.ndarray, depth: float, radius: int = 4) -> np.ndarray:
    """Ambient occlusion in [0, 1] of a tileable height field in [0, 1] whose range spans ``depth`` texels: a texel
    lying Δ texels below the mean of its neighbourhood (``radius`` texels each way, wrapping) sees the sky above a
    horizon raised by atan(Δ / radius). Mortar joints and the channels between roof tiles come out dark, faces 1."""
    mean = height
    for axis in (0, 1):
        mean = sum(np.roll(mean, k, axis=axis) for k in range(-radius, radius + 1)) / (2 * radius + 1)
    below = np.clip(mean - height, 0.0, None) * depth
    return 1.0 - np.arctan(below / radius) * (2.0 / np.pi)


def _colour(base: tuple[int, int, int], shade: np.ndarray) -> np.ndarray:
    return np.asarray(base, float)[None, None, :] * shade[..., None]


def _smoothstep(e0: float, e1: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - e0) / (e1 - e0), 0, 1)
    return t * t * (3 - 2 * t)


def granite(size: int, rng: np.random.Generator) -> Maps:
    """Pale pink biotite granite ashlar: 1.2 × 0.6 m blocks (texture spans 2.4 m), dark flecks, joints.

    Relief: recessed mortar joints, bevelled block arrises, a slightly uneven face per block and a
    weathered, pitted surface; the mortar is rougher than the dressed stone. Colour: rain streaks under each
    course's top joint and patches of lichen.
    """
    n = fbm(size, rng, 5, 4)
    speck = rng.random((size, size))
    shade = 0.86 + 0.18 * n
    shade[speck > 0.985] *= 0.45  # biotite flecks
    y, x = np.mgrid[0:size, 0:size] / size
    row = np.floor(y * 4).astype(int)
    xs = (x * 2 + 0.5 * (row % 2)) % 1.0
    joint = (np.minimum(y * 4 % 1, 1 - y * 4 % 1) < 0.02) | (np.minimum(xs, 1 - xs) < 0.01)
    block = (row * 3 + np.floor(x * 2 + 0.5 * (row % 2)).astype(int)) % 16
    block_tint = 0.94 + 0.08 * rng.random(16)[block]
    shade = shade * block_tint
    # Weathering: rain runs off each course's top joint in thin vertical streaks that fade down the block (row 0 is
    # the top of the image, v = 1: ``below`` is 0 at a course's top joint, 1 at its foot), and grey-green lichen
    # keeps to patches.
    streaks = value_noise(size, 64, rng)[size // 2]  # a profile across the face: some 64 streaks per 2.4 m
    below = y * 4 % 1
    shade = shade * (1 - 0.2 * _smoothstep(0.5, 0.85, streaks)[None, :] * _smoothstep(0.2, 1.0, 1 - below))
    shade[joint] *= 0.62
    lichen = 0.45 * _smoothstep(0.6, 0.85, fbm(size, rng, 3, 2))[..., None]
    rgb = _colour((196, 184, 174), shade) * (1 - lichen) + np.array([112.0, 140.0, 100.0]) * shade[..., None] * lichen
    # distance to the nearest joint's centre line, in texture units (joints are 0.005 wide each side)
    edge = np.minimum(np.minimum(y * 4 % 1, 1 - y * 4 % 1) / 4, np.minimum(xs, 1 - xs) / 2)
    pits = fbm(size, rng, 3, 64)
    face = 0.75 + 0.1 * rng.random(16)[block] + 0.1 * n + 0.05 * pits
    height = face * _smoothstep(0.005, 0.012, edge)
    return _rgba(rgb), _mr(np.where(joint, 0.95, 0.74 + 0.12 * n + 0.06 * pits)), height


def tile(size: int, rng: np.random.Generator) -> Maps:
    """Grey-black reduction-fired roof tiles: courses of exposed pans, per-tile value jitter, dirty channels.

    Relief: each course laps over the next (a sawtooth along the slope) and the convex cover tiles (수키와)
    rise between the channels; the channels hold grime and are rougher.
    """
    n = fbm(size, rng, 4, 8)
    y, x = np.mgrid[0:size, 0:size] / size
    course = np.floor(y * 8).astype(int)  # 8 courses over the texture (texture spans 1.2 m of slope)
    col = np.floor(x * 4).astype(int)  # 4 cover-tile rows over 1.2 m
    jitter = 0.92 + 0.16 * rng.random(64)[(course * 4 + col) % 64]
    lap = (y * 8) % 1.0
    shade = jitter * (0.75 + 0.25 * lap) * (0.9 + 0.15 * n)
    across = (x * 4) % 1.0 - 0.5
    channel = np.abs(across) > 0.42
    shade[channel] *= 0.8
    rgb = _colour((86, 88, 96), shade)
    hump = np.sqrt(np.clip(1 - (across / 0.5) ** 2, 0, 1))  # a half-round cover tile across each row
    height = 0.6 * hump + 0.35 * lap * _smoothstep(0.0, 0.04, 1 - lap) + 0.05 * n
    return _rgba(rgb), _mr(np.where(channel, 0.95, 0.8 + 0.1 * n)), height


def wood(size: int, rng: np.random.Generator) -> Maps:
    """Matte mineral paint over pine: nearly white so dancheong vertex colours carry the hue; the grain
    shows through the paint as relief more than as colour."""
    n = fbm(size, rng, 4, 4)
    y, x = np.mgrid[0:size, 0:size] / size
    grain = 0.5 + 0.5 * np.sin((x * 40 + 3 * n) * np.pi)
    shade = 0.9 + 0.06 * grain + 0.04 * n
    rgb = _colour((250, 246, 238), shade)
    return _rgba(rgb), _mr(0.72 + 0.1 * n - 0.06 * grain), 0.8 * grain + 0.2 * n


def _plain(base: tuple[int, int, int], rough: float, metallic: float = 0.0, var: float = 0.1,
           cells: int = 4) -> Callable[[int, np.random.Generator], tuple[Image, Image]]:
    def gen(size: int, rng: np.random.Generator) -> tuple[Image, Image]:
        n = fbm(size, rng, 5, cells)
        return _rgba(_colour(base, 1 - var / 2 + var * n)), _mr(rough + 0.08 * (n - 0.5), metallic)
    return gen


def paving(size: int, rng: np.random.Generator) -> tuple[Image, Image]:
    """Granite paving flags (박석-like), 0.6 m squares over a 2.4 m texture, with joints."""
    n = fbm(size, rng, 5, 8)
    y, x = np.mgrid[0:size, 0:size] / size
    cell = (np.floor(y * 4) * 4 + np.floor(x * 4)).astype(int)
    tint = 0.9 + 0.14 * rng.random(16)[cell % 16]
    joint = (np.minimum((x * 4) % 1, 1 - (x * 4) % 1) < 0.02) | (np.minimum((y * 4) % 1, 1 - (y * 4) % 1) < 0.02)
    shade = tint * (0.9 + 0.15 * n)
    shade[joint] *= 0.7
    return _rgba(_colour((178, 172, 164), shade)), _mr(0.8 + 0.1 * n)


def asphalt(size: int, rng: np.random.Generator) -> tuple[Image, Image]:
    n = fbm(size, rng, 5, 16)
    speck = rng.random((size, size))
    shade = 0.85 + 0.2 * n + 0.15 * (speck > 0.97)
    return _rgba(_colour((70, 70, 74), shade)), _mr(0.9 - 0.1 * n)


def grass(size: int, rng: np.random.Generator) -> tuple[Image, Image]:
    n = fbm(size, rng, 5, 8)
    blades = rng.random((size, size))
    rgb = np.stack([70 + 40 * n, 112 + 50 * n + 20 * blades, 52 + 20 * n], axis=-1)
    return _rgba(rgb), _mr(0.92 + 0.05 * n)


def brick(size: int, rng: np.random.Generator) -> tuple[Image, Image]:
    """Grey fired parapet brick (전돌): 0.3 × 0.075 m courses over a 1.2 m texture."""
    n = fbm(size, rng, 4, 8)
    y, x = np.mgrid[0:size, 0:size] / size
    row = np.floor(y * 16).astype(int)
    xs = (x * 4 + 0.5 * (row % 2)) % 1.0
    joint = (np.minimum((y * 16) % 1, 1 - (y * 16) % 1) < 0.08) | (np.minimum(xs, 1 - xs) < 0.02)
    shade = (0.9 + 0.15 * n) * (0.93 + 0.1 * rng.random(32)[(row * 5 + np.floor(x * 4).astype(int)) % 32])
    shade[joint] = 1.25
    return _rgba(_colour((112, 112, 110), shade)), _mr(0.85 + 0.05 * n)


@dataclass(frozen=True)
class MaterialSpec:
    """How a material looks: its generator, how many metres one texture repeat covers, PBR factors."""

    generator: Callable[[int, np.random.Generator], Maps]
    metres_per_repeat: float
    roughness: float = 1.0
    metallic: float = 0.0
    size: int = 256
    relief: float = 0.0  # depth of the height field's 0..1 range in texels (normal_map); 0: no normal map


SPECS: dict[str, MaterialSpec] = {
    "granite": MaterialSpec(granite, 2.4, size=512, relief=4.0),
    "tile": MaterialSpec(tile, 1.2, size=256, relief=10.0),
    "wood": MaterialSpec(wood, 2.0, relief=1.5),
    "lime": MaterialSpec(_plain((232, 228, 218), 0.9, var=0.08), 3.0),
    "brick": MaterialSpec(brick, 1.2),
    "paving": MaterialSpec(paving, 2.4, size=512),
    "plaster": MaterialSpec(_plain((236, 232, 224), 0.88, var=0.1), 4.0),
    "glass": MaterialSpec(_plain((108, 130, 146), 0.2, metallic=0.0, var=0.05, cells=2), 8.0),
    "metal": MaterialSpec(_plain((180, 182, 186), 0.35, metallic=1.0, var=0.06), 2.0),
    "bronze": MaterialSpec(_plain((255, 255, 255), 0.4, metallic=1.0, var=0.1, cells=8), 1.0),
    "fabric": MaterialSpec(_plain((245, 245, 245), 0.95, var=0.06, cells=8), 1.0),
    "asphalt": MaterialSpec(asphalt, 4.0, size=512),
    "grass": MaterialSpec(grass, 3.0),
    "water": MaterialSpec(_plain((60, 110, 130), 0.08, var=0.15, cells=4), 6.0),
    "concrete": MaterialSpec(_plain((170, 168, 162), 0.85, var=0.14, cells=8), 4.0),
}


def generate(name: str) -> tuple[Image, Image, Image | None]:
    """Generate one material's (base colour, occlusion-metal-roughness, normal map or None) images; the seed is the
    name, so runs agree."""
    spec = SPECS[name]
    rng = np.random.default_rng(int.from_bytes(name.encode()[:8].ljust(8, b"\0"), "little"))
    base, mr, *height = spec.generator(spec.size, rng)
    if not (height and spec.relief):
        return base, mr, None
    mr[..., 0] = np.clip(np.rint(occlusion(height[0], spec.relief) * 255), 0, 255).astype(np.uint8)
    return base, mr, normal_map(height[0], spec.relief)
