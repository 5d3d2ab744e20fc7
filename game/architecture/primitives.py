"""Parametric surface primitives the kit is made of: grids, lathes, sweeps, prisms.

Everything curved (roof faces, arch vaults, columns, ridges) is a rectangular grid of points, so one function
(:func:`grid`) owns triangulation, normals and metre UVs; the others only decide where the points go. Grids
take an ``outward`` hint and flip themselves if their parametrisation happened to face inwards, so callers
never reason about winding.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.architecture.mesh import Mesh, merge

Color = tuple[float, float, float, float]


def _arc_uvs(points: np.ndarray) -> np.ndarray:
    """UVs in metres for (B, nu, nv, 3) grids: cumulative surface distance along each grid axis."""
    du = np.linalg.norm(np.diff(points, axis=1), axis=3)
    dv = np.linalg.norm(np.diff(points, axis=2), axis=3)
    b, nu, nv = points.shape[:3]
    u = np.concatenate([np.zeros((b, 1, nv)), np.cumsum(du, axis=1)], axis=1)
    v = np.concatenate([np.zeros((b, nu, 1)), np.cumsum(dv, axis=2)], axis=2)
    return np.stack([u, v], axis=3)


def grids(points: np.ndarray, colors: np.ndarray | Color, outward: Sequence[float] | None = None) -> Mesh:
    """Triangulate B point grids (B, nu, nv, 3) of one shape at once; see :func:`grid`.

    ``colors`` is one RGBA or a (B, nu, nv, 4) array; each grid is turned to face ``outward`` on its own."""
    pts = np.asarray(points, np.float64)
    nb, nu, nv = pts.shape[:3]
    nrm = np.cross(np.gradient(pts, axis=1), np.gradient(pts, axis=2))
    length = np.linalg.norm(nrm, axis=3, keepdims=True)
    flat = length[..., 0] < 1e-12
    if flat.any():  # collapsed rows (a cone tip): borrow the grid's mean direction so normals stay unit length
        mean = np.where(flat[..., None], 0.0, nrm).sum(axis=(1, 2))
        mean[np.linalg.norm(mean, axis=1) < 1e-12] = (0.0, 0.0, 1.0)
        nrm = np.where(flat[..., None], mean[:, None, None, :], nrm)
        length = np.linalg.norm(nrm, axis=3, keepdims=True)
    nrm = nrm / np.maximum(length, 1e-12)
    i, j = np.meshgrid(np.arange(nu - 1), np.arange(nv - 1), indexing="ij")
    a = (i * nv + j).ravel()
    b = ((i + 1) * nv + j).ravel()
    c = ((i + 1) * nv + j + 1).ravel()
    d = (i * nv + j + 1).ravel()
    one = np.concatenate([np.stack([a, b, c], 1), np.stack([a, c, d], 1)])
    idx = np.broadcast_to(one, (nb,) + one.shape).copy()
    if outward is not None:
        flip = np.einsum("bijk,k->b", nrm, np.asarray(outward, np.float64)) < 0
        nrm[flip] = -nrm[flip]
        idx[flip] = idx[flip][:, :, ::-1]
    idx += (np.arange(nb) * nu * nv)[:, None, None]
    col = np.asarray(colors, np.float32)
    col = np.broadcast_to(col, (nb, nu, nv, 4)) if col.ndim == 1 else col
    return Mesh(
        pts.reshape(-1, 3).astype(np.float32), nrm.reshape(-1, 3).astype(np.float32),
        _arc_uvs(pts).reshape(-1, 2).astype(np.float32), np.ascontiguousarray(col.reshape(-1, 4), np.float32),
        np.ascontiguousarray(idx.reshape(-1, 3), np.uint32),
    )


def grid(points: np.ndarray, colors: np.ndarray | Color, outward: Sequence[float] | None = None) -> Mesh:
    """Triangulate an (nu, nv, 3) point grid; normals from the grid tangents, smooth along both axes.

    ``colors`` is one RGBA or an (nu, nv, 4) array. ``outward`` (a direction, or ``None`` to keep the
    parametrisation's own side ``du × dv``) picks which side the normals face; winding follows the normals.
    """
    col = np.asarray(colors, np.float32)
    return grids(np.asarray(points)[None], col if col.ndim == 1 else col[None], outward)


def lathe(radii: Sequence[float], heights: Sequence[float], center: tuple[float, float, float],
          color: Color, segments: int = 12, cap: bool = False) -> Mesh:
    """A surface of revolution about a vertical axis through ``center`` (its base), e.g. a column or a bell."""
    theta = np.linspace(0.0, 2 * np.pi, segments + 1)
    r = np.asarray(radii, np.float64)
    z = np.asarray(heights, np.float64)
    pts = np.stack([
        center[0] + np.cos(theta)[:, None] * r[None, :],
        center[1] + np.sin(theta)[:, None] * r[None, :],
        np.broadcast_to(center[2] + z[None, :], (len(theta), len(z))),
    ], axis=2)
    side = grid(pts, color)  # du × dv = radial outward for increasing theta and height
    if not cap or r[-1] <= 0:
        return side
    top = disc(r[-1], (center[0], center[1], center[2] + z[-1]), color, segments)
    return merge([side, top])


def disc(radius: float, center: tuple[float, float, float], color: Color, segments: int = 16,
         up: bool = True) -> Mesh:
    """A flat horizontal disc (a fan), facing up or down."""
    theta = np.linspace(0.0, 2 * np.pi, segments, endpoint=False)
    ring = np.stack([center[0] + radius * np.cos(theta), center[1] + radius * np.sin(theta),
                     np.full(segments, center[2])], 1)
    pos = np.vstack([[center], ring]).astype(np.float32)
    k = np.arange(segments)
    idx = np.stack([np.zeros(segments, int), 1 + k, 1 + (k + 1) % segments], 1)
    n = np.array([0, 0, 1.0 if up else -1.0], np.float32)
    if not up:
        idx = idx[:, ::-1]
    return Mesh(pos, np.tile(n, (len(pos), 1)), pos[:, :2].copy(), np.tile(np.asarray(color, np.float32),
                (len(pos), 1)), np.ascontiguousarray(idx, np.uint32))


def sweep(path: np.ndarray, profile: Sequence[tuple[float, float]], color: Color,
          up: Sequence[float] = (0.0, 0.0, 1.0), caps: bool = False) -> Mesh:
    """Extrude a 2-D cross-section along a 3-D polyline, each profile edge a flat strip (crisp ridges and beams).

    Profile points are (side, height) in the frame (S, U) with S = up × tangent and U = tangent × S; list them
    counter-clockwise seen looking back along the path so the strips face outwards. Open profiles are allowed;
    ``caps`` closes both ends with the (convex) profile polygon, so a ridge seen end-on is solid.
    """
    p = np.asarray(path, np.float64)
    t = np.gradient(p, axis=0)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    s = np.cross(np.asarray(up, np.float64), t)
    s /= np.maximum(np.linalg.norm(s, axis=1, keepdims=True), 1e-12)
    u = np.cross(t, s)
    prof = np.asarray(profile, np.float64)
    strips = []
    for (s0, h0), (s1, h1) in zip(prof[:-1], prof[1:], strict=True):
        a = p + s0 * s + h0 * u
        b = p + s1 * s + h1 * u
        pts = np.stack([a, b], axis=0)  # (2, n, 3): du across the edge, dv along the path
        edge_dir = (s1 - s0) * s + (h1 - h0) * u
        outward = np.cross(edge_dir, t).mean(axis=0)
        strips.append(grid(pts, color, outward=outward))
    if caps:
        for i, sign in ((0, -1.0), (-1, 1.0)):
            ring = p[i] + prof[:, :1] * s[i] + prof[:, 1:] * u[i]
            ring = np.vstack([ring, ring[:1]])
            fan = np.stack([np.repeat(ring.mean(axis=0)[None], len(ring), 0), ring], axis=1)
            strips.append(grid(fan, color, outward=sign * t[i]))
    return merge(strips)


def prism(outline: np.ndarray, z0: float, z1: float, color: Color, bottom: bool = False) -> Mesh:
    """Extrude a convex counter-clockwise 2-D outline from ``z0`` to ``z1`` (walls + a fan top)."""
    o = np.asarray(outline, np.float64)
    closed = np.vstack([o, o[:1]])
    walls = []
    for a, b in zip(closed[:-1], closed[1:], strict=True):
        pts = np.array([[[a[0], a[1], z0], [a[0], a[1], z1]], [[b[0], b[1], z0], [b[0], b[1], z1]]])
        walls.append(grid(pts, color, outward=(b[1] - a[1], a[0] - b[0], 0.0)))
    walls.append(polygon(o, z1, color, up=True))
    if bottom:
        walls.append(polygon(o, z0, color, up=False))
    return merge(walls)


def polygon(outline: np.ndarray, z: float, color: Color, up: bool = True) -> Mesh:
    """A flat convex polygon (fan from its first corner) at height ``z``."""
    o = np.asarray(outline, np.float64)
    n = len(o)
    pos = np.column_stack([o, np.full(n, z)]).astype(np.float32)
    k = np.arange(1, n - 1)
    idx = np.stack([np.zeros(n - 2, int), k, k + 1], 1)
    if not up:
        idx = idx[:, ::-1]
    nz = 1.0 if up else -1.0
    return Mesh(pos, np.tile(np.array([0, 0, nz], np.float32), (n, 1)), pos[:, :2].copy(),
                np.tile(np.asarray(color, np.float32), (n, 1)), np.ascontiguousarray(idx, np.uint32))


def quad(corners: Sequence[Sequence[float]], color: Color) -> Mesh:
    """One planar quad from four corners listed counter-clockwise seen from the side it faces."""
    c = np.asarray(corners, np.float64)
    pts = np.array([[c[0], c[3]], [c[1], c[2]]])
    return grid(pts, color)


def quads(corners: np.ndarray, colors: np.ndarray) -> Mesh:
    """Many flat quads at once: corners (K, 4, 3) counter-clockwise seen from the side they face, one colour
    (K, 4) each; flat normals and metre UVs along the first and last edges. For scenes of thousands of parts."""
    c = np.asarray(corners, np.float64)
    k = len(c)
    if k == 0:
        return Mesh.empty()
    n = np.cross(c[:, 1] - c[:, 0], c[:, 3] - c[:, 0])
    n /= np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-12)
    lu = np.linalg.norm(c[:, 1] - c[:, 0], axis=1)
    lv = np.linalg.norm(c[:, 3] - c[:, 0], axis=1)
    uv = np.zeros((k, 4, 2))
    uv[:, 1, 0] = uv[:, 2, 0] = lu
    uv[:, 2, 1] = uv[:, 3, 1] = lv
    base = (np.arange(k) * 4)[:, None]
    idx = np.concatenate([base + [0, 1, 2], base + [0, 2, 3]])
    return Mesh(c.reshape(-1, 3).astype(np.float32), np.repeat(n, 4, axis=0).astype(np.float32),
                uv.reshape(-1, 2).astype(np.float32), np.repeat(np.asarray(colors, np.float32), 4, axis=0),
                idx.astype(np.uint32))


_BOX_FACES = np.array([  # corners of each face as (x, y, z) signs, counter-clockwise seen from outside
    [(-1, -1, 0), (1, -1, 0), (1, -1, 1), (-1, -1, 1)],
    [(1, 1, 0), (-1, 1, 0), (-1, 1, 1), (1, 1, 1)],
    [(-1, 1, 0), (-1, -1, 0), (-1, -1, 1), (-1, 1, 1)],
    [(1, -1, 0), (1, 1, 0), (1, 1, 1), (1, -1, 1)],
    [(-1, -1, 1), (1, -1, 1), (1, 1, 1), (-1, 1, 1)],
    [(-1, 1, 0), (1, 1, 0), (1, -1, 0), (-1, -1, 0)],
], np.float64)


def boxes(sizes: np.ndarray, centers: np.ndarray, colors: np.ndarray) -> Mesh:
    """Many axis-aligned boxes at once, like :func:`mesh.box` (``centers`` are bottom-face centres)."""
    s = np.asarray(sizes, np.float64)
    if not len(s):
        return Mesh.empty()
    half = s * [0.5, 0.5, 1.0]  # z signs run 0 (bottom) to 1 (top), so the full height
    corners = np.asarray(centers, np.float64)[:, None, None, :] + _BOX_FACES[None] * half[:, None, None, :]
    col = np.repeat(np.asarray(colors, np.float64), 6, axis=0)
    mesh = quads(corners.reshape(-1, 4, 3), col)
    # UVs in building metres along each face's own plane, so neighbouring boxes continue one texture
    axes = np.array([(0, 2), (0, 2), (1, 2), (1, 2), (0, 1), (0, 1)])
    pick = np.tile(np.repeat(axes, 4, axis=0), (len(s), 1))
    rows = np.arange(len(mesh.positions))
    mesh.uvs[:, 0] = mesh.positions[rows, pick[:, 0]]
    mesh.uvs[:, 1] = mesh.positions[rows, pick[:, 1]]
    return mesh
