"""Measure the overlay from rendered pixels: where a node is on screen, and frames as numpy arrays.

Screenshots read from a texture are bottom-up; :func:`frame_rgb` flips them so row 0 is the top, matching
PNG files and :func:`region_px`.
"""

from __future__ import annotations

import math

import numpy as np
from panda3d.core import GraphicsOutput, NodePath

from game.alerts.contrast import relative_luminance


def frame_rgb(win: GraphicsOutput) -> np.ndarray:
    """The last rendered frame as an (H, W, 3) uint8 array, top row first."""
    tex = win.getScreenshot()
    data = tex.getRamImageAs("RGB")
    return np.frombuffer(bytes(data), np.uint8).reshape(tex.getYSize(), tex.getXSize(), 3)[::-1]


def region_px(node: NodePath, render2d: NodePath, width: int, height: int) -> tuple[int, int, int, int]:
    """Pixel box (x0, y0, x1, y1), y down, of ``node``'s tight bounds, clipped to the window."""
    lo, hi = node.getTightBounds(render2d)
    x0 = max(0, math.floor((lo.x + 1) / 2 * width))
    x1 = min(width, math.ceil((hi.x + 1) / 2 * width))
    y0 = max(0, math.floor((1 - hi.z) / 2 * height))
    y1 = min(height, math.ceil((1 - lo.z) / 2 * height))
    return x0, y0, x1, y1


def crop(frame: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    x0, y0, x1, y1 = box
    return frame[y0:y1, x0:x1]


def mean_luminance(frame: np.ndarray, box: tuple[int, int, int, int]) -> float:
    return float(relative_luminance(crop(frame, box) / 255.0).mean())
