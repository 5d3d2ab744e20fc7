"""The cloud deck's noise, made once as a small tiling texture instead of per pixel: two fBm lookups per sky pixel
cost 5.5 of the sky's 6.9 ms per frame on llvmpipe at 640×360 (the bench's square view, ``low``); sampled from
this image they cost a texture read each. Pure (numpy): :mod:`game.render.sky` uploads it.

The field is value noise summed over five octaves, each twice as fine as the last and half as strong, on lattices
that wrap at the image's edge, so the sky shader can repeat it across the flat cloud layer without a seam.
"""

from __future__ import annotations

import numpy as np

#: Side of the image, in texels.
SIZE = 256  # 32 texels per layer unit: the deck is soft, and the image takes ~7 ms to make
#: Layer units one repeat of the image spans (``shaders/sky.frag``: ``CLOUD_PERIOD``); the coarsest octave has
#: one lattice cell per unit, as the per-pixel noise had.
PERIOD = 8
OCTAVES = 5
SEED = 20261202  # fixed: the same clouds on every start and machine


def _octave(cells: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """Smoothly interpolated lattice values, ``cells`` × ``cells`` of them wrapping over ``size`` texels."""
    lattice = rng.random((cells, cells))
    at = np.arange(size) * (cells / size)
    i0 = at.astype(int)
    f = at - i0
    f = f * f * (3.0 - 2.0 * f)
    i1 = (i0 + 1) % cells
    rows0, rows1 = lattice[i0], lattice[i1]  # rows: the second axis (v)
    a, b = rows0[:, i0], rows0[:, i1]
    c, d = rows1[:, i0], rows1[:, i1]
    fu = f[np.newaxis, :]
    fv = f[:, np.newaxis]
    return (a + (b - a) * fu) * (1.0 - fv) + (c + (d - c) * fu) * fv


def field(size: int = SIZE, period: int = PERIOD, octaves: int = OCTAVES, seed: int = SEED) -> np.ndarray:
    """The fBm, ``size`` × ``size`` floats in 0…1 (row = v), mean about 0.48 like the shader's old per-pixel sum."""
    rng = np.random.default_rng(seed)
    total = np.zeros((size, size))
    amp = 0.5
    for i in range(octaves):
        total += amp * _octave(period * 2**i, size, rng)
        amp *= 0.5
    return total


def texels(size: int = SIZE) -> bytes:
    """:func:`field` as one byte per texel, rows bottom to top as Panda3D's RAM images run."""
    return (np.clip(field(size), 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8).tobytes()
