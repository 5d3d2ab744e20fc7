"""Carved stone figures: the haechi (해치) pair before Gwanghwamun, seated on their pedestals, looking south.

A haechi is shaped from a few smooth solids, enough for its silhouette from the square: a heavy body sitting on
its haunches, leaning up to a broad chest, straight front legs, a big round head with a curled mane, a short snout
and the single horn of the legend, on a granite pedestal. Sizes are estimated from photographs [E]; the figure
stands ~3.2 m on a 1.2 m pedestal, inside the 2.4 × 3.2 × 4.4 m envelope the square's walk keeps clear.
"""

from __future__ import annotations

import numpy as np

from game.architecture import palette
from game.architecture.mesh import Mesh, box, merge, translate
from game.architecture.primitives import lathe

PEDESTAL = (2.4, 3.2, 1.2)
HEIGHT = 4.4  # pedestal and figure


def _ellipsoid(rx: float, ry: float, rz: float, colour: palette.Color, segments: int = 10) -> Mesh:
    """An ellipsoid resting on z = 0, centred on the z axis."""
    theta = np.linspace(0.0, np.pi, 9)
    unit = lathe(np.sin(theta), 1.0 - np.cos(theta), (0.0, 0.0, 0.0), colour, segments=segments)
    scale = np.diag([rx, ry, rz / 2.0, 1.0])
    return unit.transformed(scale)


def _tilt(degrees: float) -> np.ndarray:
    """Rotation about +X (a positive angle lifts the -Y end: a figure leaning forward looks down its front)."""
    a = np.radians(degrees)
    m = np.eye(4)
    m[1:3, 1:3] = [[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]]
    return m


def haechi(x: float, y: float, rng: np.random.Generator) -> Mesh:
    """One haechi on its pedestal at (x, y), facing -Y (the pair look south, down the square)."""
    stone = palette.jitter(palette.GRANITE, rng, 0.04)
    w, d, h = PEDESTAL
    z = h + 0.12
    parts = [box((w, d, h), (0.0, 0.0, 0.0), stone), box((w - 0.2, d - 0.2, 0.12), (0.0, 0.0, h), stone)]
    # the body: sitting on its haunches at the back, rising to a broad chest at the front
    parts.append(_ellipsoid(0.82, 1.05, 1.85, stone).transformed(translate(0.0, 0.15, z) @ _tilt(-24.0)))
    parts.append(_ellipsoid(0.85, 0.7, 1.0, stone).transformed(translate(0.0, 0.75, z)))  # haunches
    for sx in (-1, 1):  # straight front legs and their paws
        parts.append(lathe([0.25, 0.22, 0.2], [0.0, 0.7, 1.35], (sx * 0.42, -0.75, z), stone, segments=8))
        parts.append(box((0.44, 0.55, 0.22), (sx * 0.42, -0.88, z), stone))
    head_z = z + 1.55
    parts.append(_ellipsoid(0.8, 0.62, 1.15, stone).transformed(translate(0.0, -0.2, head_z - 0.1)))  # the mane
    parts.append(_ellipsoid(0.6, 0.55, 1.05, stone).transformed(translate(0.0, -0.6, head_z)))  # head
    parts.append(box((0.5, 0.4, 0.4), (0.0, -1.15, head_z + 0.22), stone))  # snout
    parts.append(box((0.44, 0.06, 0.1), (0.0, -1.36, head_z + 0.26), palette.MORTAR))  # the mouth's line
    parts.append(lathe([0.1, 0.06, 0.0], [0.0, 0.25, 0.45], (0.0, -0.6, head_z + 0.98), stone, segments=6))  # horn
    for sx in (-1, 1):  # eyes
        parts.append(box((0.13, 0.06, 0.1), (sx * 0.22, -1.1, head_z + 0.68), palette.MORTAR))
    parts.append(lathe([0.13, 0.1, 0.0], [0.0, 0.5, 0.8], (0.0, 1.1, z + 0.3), stone, segments=6))  # tail curl
    return merge(parts).transformed(translate(x, y, 0.0))
