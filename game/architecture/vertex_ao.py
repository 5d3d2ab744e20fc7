"""Ambient occlusion between a building's own parts, baked into its vertex colours.

The materials' relief (``game/render/texgen.py``) darkens a mortar joint within its stone; what it cannot see is one
part shading another: the underside of the eaves under a deep roof, the bracket clusters packed under it, the foot
of a wall where it meets the ground, the inside of a gate's tunnel. Here each vertex looks out over its hemisphere
along a few fixed directions and counts how many are stopped within :data:`REACH` metres by the building itself (a
voxel grid of its surfaces) or by the ground it stands on. The share seen becomes a darkening of its colour.

Baked once with the landmark (the district cache keeps the result), pure numpy, no rendering. The darkening is in
the vertex colour, which the sun multiplies too: it is kept mild (:data:`STRENGTH`) so a sunlit eave stays sunlit.
"""

from __future__ import annotations

import numpy as np

from game.architecture.building import Building
from game.architecture.mesh import Mesh

VOXEL = 0.5  # metres: the grid the building's surfaces are marked in
REACH = 2.0  # metres a direction is followed before it counts as open sky
DIRECTIONS = 10  # over the hemisphere, cosine-weighted, the same for every vertex (deterministic)
STRENGTH = 0.35  # the colour of a fully enclosed vertex keeps 1 - STRENGTH: about the ambient's share of its light
MAX_CELLS = 40_000_000  # a grid beyond this (a kilometre of wall with no detail box) is not made: ground only
#: The timber-frame kit: eaves, brackets and tiled roofs are where parts shade parts. The modern blocks (the market,
#: City Hall) are boxes whose faces the ground alone shades well enough, and whose floors would cost seconds.
KINDS = ("gate", "pavilion", "hall-gate", "palace")


def hemisphere(count: int = DIRECTIONS) -> np.ndarray:
    """``count`` unit directions over the +Z hemisphere, cosine-weighted (a Fibonacci spiral on the disc lifted
    onto the hemisphere): each stands for an equal share of the light a surface facing +Z receives."""
    k = np.arange(count) + 0.5
    r = np.sqrt(k / count)
    phi = k * np.pi * (3.0 - np.sqrt(5.0))
    return np.stack([r * np.cos(phi), r * np.sin(phi), np.sqrt(1.0 - r * r)], axis=1)


def _frames(normals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two unit tangents per normal, completing an orthonormal frame."""
    helper = np.where(np.abs(normals[:, 2:3]) < 0.9, [[0.0, 0.0, 1.0]], [[1.0, 0.0, 0.0]])
    t = np.cross(helper, normals)
    t /= np.maximum(np.linalg.norm(t, axis=1, keepdims=True), 1e-12)
    return t, np.cross(normals, t)


def _surface_points(meshes: list[Mesh], spacing: float, ground: float,
                    within: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """Points over every triangle above the ground's own voxel (paving is the ground plane's to stand for): its
    corners, its edges every ``spacing`` and its area at a point per ``spacing`` squared (fixed-seed
    uniform samples), so each voxel a surface crosses is marked, and a long thin triangle (a kilometre of wall
    coping) costs its area, not its length squared."""
    rng = np.random.default_rng(7)
    points = []
    for mesh in meshes:
        if not mesh.triangle_count:
            continue
        tri = mesh.positions[mesh.indices].astype(np.float64)  # (T, 3, 3)
        keep = tri[:, :, 2].max(axis=1) > ground + VOXEL / 2
        if within is not None:
            keep &= np.all(tri.max(axis=1) >= within[0] - REACH, axis=1)
            keep &= np.all(tri.min(axis=1) <= within[1] + REACH, axis=1)
        tri = tri[keep]
        points.append(tri.reshape(-1, 3))
        for k in range(3):
            a, b = tri[:, k], tri[:, (k + 1) % 3]
            count = np.ceil(np.linalg.norm(b - a, axis=1) / spacing).astype(int)
            owner = np.repeat(np.arange(len(tri)), count)
            along = (np.arange(len(owner)) - np.repeat(np.cumsum(count) - count, count)) / np.repeat(count, count)
            points.append(a[owner] + (b[owner] - a[owner]) * along[:, None])
        area = 0.5 * np.linalg.norm(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]), axis=1)
        count = np.floor(area / spacing**2).astype(int)
        owner = np.repeat(np.arange(len(tri)), count)
        u, v = rng.random(len(owner)), rng.random(len(owner))
        flip = u + v > 1.0
        u[flip], v[flip] = 1.0 - u[flip], 1.0 - v[flip]
        t = tri[owner]
        points.append(t[:, 0] + (t[:, 1] - t[:, 0]) * u[:, None] + (t[:, 2] - t[:, 0]) * v[:, None])
    return np.concatenate(points) if points else np.zeros((0, 3))


class Grid:
    """The voxels a building's surfaces cross, with room for :data:`REACH` round them."""

    def __init__(self, points: np.ndarray):
        self.lo = points.min(axis=0) - REACH
        self.shape = np.ceil((points.max(axis=0) + REACH - self.lo) / VOXEL).astype(int) + 1
        self.solid = np.zeros(self.shape, bool)
        cells = np.floor((points - self.lo) / VOXEL).astype(int)
        self.solid[cells[:, 0], cells[:, 1], cells[:, 2]] = True

    @staticmethod
    def of(meshes: list[Mesh], ground: float = 0.0, within: tuple[np.ndarray, np.ndarray] | None = None
           ) -> Grid | None:
        """The grid of ``meshes`` (only of what lies ``within`` a box, if given); None when empty or too large."""
        points = _surface_points(meshes, VOXEL / 2, ground, within)
        if not len(points):
            return None
        extent = points.max(axis=0) - points.min(axis=0) + 2 * REACH
        if int(np.prod(np.ceil(extent / VOXEL) + 1)) > MAX_CELLS:
            return None
        return Grid(points)

    def solid_at(self, q: np.ndarray) -> np.ndarray:
        idx = np.floor((q - self.lo) / VOXEL).astype(int)
        inside = np.all((idx >= 0) & (idx < self.shape), axis=-1)
        hit = np.zeros(inside.shape, bool)
        ii = idx[inside]
        hit[inside] = self.solid[ii[:, 0], ii[:, 1], ii[:, 2]]
        return hit


def visibility(grid: Grid | None, mesh: Mesh, ground: float = 0.0) -> np.ndarray:
    """Per vertex of ``mesh``, the share of its hemisphere open to the sky (1: open, 0: enclosed), with the
    grid's surfaces (if any) and a ground plane at height ``ground`` as occluders."""
    n = len(mesh.positions)
    if not n:
        return np.ones(0)
    local = hemisphere()
    normal = mesh.normals.astype(np.float64)
    normal /= np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), 1e-12)
    t, b = _frames(normal)
    dirs = (local[None, :, 0:1] * t[:, None] + local[None, :, 1:2] * b[:, None]
            + local[None, :, 2:3] * normal[:, None])  # (N, D, 3)
    start = mesh.positions.astype(np.float64) + normal * VOXEL  # a voxel off the surface: not its own face
    blocked = np.zeros((n, len(local)), bool)
    for s in np.arange(1, int(round(REACH / VOXEL)) + 1) * VOXEL:
        q = start[:, None] + dirs * s
        blocked |= q[..., 2] < ground
        if grid is not None:
            blocked |= grid.solid_at(q)
    return 1.0 - blocked.mean(axis=1)


def darker(mesh: Mesh, seen: np.ndarray) -> Mesh:
    """``mesh`` with each vertex colour darkened by how little of the sky it sees."""
    colours = mesh.colors.copy()
    colours[:, :3] *= (1.0 - STRENGTH * (1.0 - seen))[:, None].astype(np.float32)
    return Mesh(mesh.positions, mesh.normals, mesh.uvs, colours, mesh.indices)


def shaded(parts: dict[str, Mesh], far: dict[str, Mesh], ground: float = 0.0,
           within: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[dict[str, Mesh], dict[str, Mesh]]:
    """A building's ``parts`` and its ``far`` level (shaded by the full geometry, as it stands for it) with their
    vertex colours darkened by occlusion; by the ground alone when the building is too large to grid. ``within``: the
    box where its detail is (Gwanghwamun's gate, not the palace wall running from it): only there do parts shade
    one another; elsewhere only the ground shades."""
    grid = Grid.of(list(parts.values()), ground, within)
    done = {name: darker(mesh, visibility(grid, mesh, ground)) for name, mesh in parts.items()}

    def same(a: Mesh, b: Mesh | None) -> bool:  # most far parts are the full ones, merged again
        return b is not None and a.positions.shape == b.positions.shape and np.array_equal(a.positions, b.positions)

    return done, {name: done[name] if same(mesh, parts.get(name)) else darker(mesh, visibility(grid, mesh, ground))
                  for name, mesh in far.items()}


def with_occlusion(building: Building) -> Building:
    """``building`` with its parts and far level shaded (:func:`shaded`) round its detail box, if it has one."""
    within = building.detail_bounds() if building.detail_box is not None else None
    parts, far = shaded(building.parts, building.far_parts, within=within)
    return Building(parts=parts, dims=building.dims, colliders=building.colliders, far_parts=far,
                    detail_box=building.detail_box)
