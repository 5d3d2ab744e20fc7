"""Procedural body-part meshes for the signing avatar (numpy, in the shared :class:`Mesh` currency).

Rounded parts (ellipsoids, capsules along -Z) read as a body at picture-in-picture size without any model
files; each part is built in its joint's local frame, hanging down -Z like the skeleton's limbs.
"""

from __future__ import annotations

import numpy as np

from game.architecture.mesh import Mesh


def ellipsoid(radii: tuple[float, float, float], center: tuple[float, float, float] = (0.0, 0.0, 0.0),
              color: tuple[float, float, float, float] = (1, 1, 1, 1), rings: int = 10, segments: int = 16) -> Mesh:
    """A UV-sphere scaled to ``radii``; normals follow the scaled surface so shading stays smooth."""
    rx, ry, rz = radii
    theta = np.linspace(0.0, np.pi, rings + 1)  # from +Z down to -Z
    phi = np.linspace(0.0, 2 * np.pi, segments + 1)
    tt, pp = np.meshgrid(theta, phi, indexing="ij")
    unit = np.stack([np.sin(tt) * np.cos(pp), np.sin(tt) * np.sin(pp), np.cos(tt)], axis=-1).reshape(-1, 3)
    pos = unit * (rx, ry, rz) + center
    nrm = unit / (rx, ry, rz)
    nrm /= np.maximum(np.linalg.norm(nrm, axis=1, keepdims=True), 1e-12)
    idx = []
    cols = segments + 1
    for i in range(rings):
        for j in range(segments):
            a, b = i * cols + j, (i + 1) * cols + j
            idx += [(a, b, b + 1), (a, b + 1, a + 1)]
    uv = np.stack([pp.reshape(-1) / (2 * np.pi), tt.reshape(-1) / np.pi], axis=1)
    return Mesh(pos.astype(np.float32), nrm.astype(np.float32), uv.astype(np.float32),
                np.tile(np.asarray(color, np.float32), (len(pos), 1)), np.asarray(idx, np.uint32))


def capsule(length: float, radius: float, color: tuple[float, float, float, float] = (1, 1, 1, 1),
            radius_end: float | None = None, segments: int = 12) -> Mesh:
    """A limb from the origin down to ``(0, 0, -length)``: a tapered tube capped by half-spheres."""
    r1 = radius if radius_end is None else radius_end
    rings = 4
    theta = np.concatenate([np.linspace(0.0, np.pi / 2, rings + 1), np.linspace(np.pi / 2, np.pi, rings + 1)])
    z_off = np.concatenate([np.zeros(rings + 1), np.full(rings + 1, -length)])
    rad = np.concatenate([np.full(rings + 1, radius), np.full(rings + 1, r1)])
    phi = np.linspace(0.0, 2 * np.pi, segments + 1)
    pos, nrm = [], []
    for t, zo, r in zip(theta, z_off, rad, strict=True):
        for p in phi:
            n = np.array([np.sin(t) * np.cos(p), np.sin(t) * np.sin(p), np.cos(t)])
            nrm.append(n)
            pos.append(n * r + (0.0, 0.0, zo))
    cols = segments + 1
    idx = []
    for i in range(len(theta) - 1):
        for j in range(segments):
            a, b = i * cols + j, (i + 1) * cols + j
            idx += [(a, b, b + 1), (a, b + 1, a + 1)]
    n_v = len(pos)
    return Mesh(np.asarray(pos, np.float32), np.asarray(nrm, np.float32), np.zeros((n_v, 2), np.float32),
                np.tile(np.asarray(color, np.float32), (n_v, 1)), np.asarray(idx, np.uint32))
