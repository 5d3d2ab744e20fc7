"""Pictures the spaces draw themselves, as RGBA arrays (row 0 at the top): the Fintech Lab's company logos and
the lecture slides' backgrounds. Pure numpy, so a company without an operator-supplied logo still gets a
distinct mark, and tests check the pixels without a window.
"""

from __future__ import annotations

import numpy as np

from game.spaces.catalogue import LOGO_SHAPES


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _grid(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixel centres in -1..1, x to the right, y up."""
    c = (np.arange(size) + 0.5) / size * 2 - 1
    return np.meshgrid(c, -c)


def logo(shape: str, colour: str, size: int = 64) -> np.ndarray:
    """A white tile with the company's mark in its colour: ``wave`` (a river), ``tower`` (a spire on a hill),
    ``bars`` (a rising chart) or ``ring`` (a shield-like ring)."""
    if shape not in LOGO_SHAPES:
        raise ValueError(f"unknown logo shape {shape!r}")
    x, y = _grid(size)
    if shape == "wave":
        mark = np.abs(y - 0.25 * np.sin(x * np.pi * 1.5)) < 0.18
    elif shape == "tower":
        mark = ((np.abs(x) < 0.08) & (y > -0.3) & (y < 0.75)) | (y < -0.55 + 0.25 * np.cos(x * 1.6) - 0.2)
    elif shape == "bars":
        mark = np.zeros_like(x, bool)
        for k, top in enumerate((-0.3, 0.1, 0.55)):
            mark |= (np.abs(x - (-0.5 + 0.5 * k)) < 0.16) & (y < top) & (y > -0.7)
    else:
        r = np.hypot(x, y)
        mark = (r > 0.45) & (r < 0.72)
    img = np.full((size, size, 4), 255, np.uint8)
    img[mark, :3] = hex_rgb(colour)
    return img


def slide(colour: str, index: int, count: int, size: tuple[int, int] = (256, 144)) -> np.ndarray:
    """A slide background: the slide's colour, a lighter title band and a progress bar ``index + 1`` of ``count``
    long, so each slide and where the lecture is read at a glance from the back row."""
    w, h = size
    base = np.array(hex_rgb(colour), np.float32)
    img = np.empty((h, w, 4), np.uint8)
    img[..., :3] = base.astype(np.uint8)
    img[..., 3] = 255
    img[: h // 4, :, :3] = (base + (255 - base) * 0.25).astype(np.uint8)
    img[h - h // 16:, : int(w * (index + 1) / count), :3] = 255
    return img
