"""Ambient occlusion baked into vertex colours: eaves undersides, bracket sets and the feet of walls darken. Pure.

The renderer has no ambient occlusion of its own at ``low`` (llvmpipe), so the procedural kit looked evenly lit in
the shade of its own eaves. Baking it costs nothing per frame: each vertex's colour is multiplied once, at bake
time, by how open its hemisphere is. The estimate is cheap and deterministic, with no random numbers:

- the occluders are an :class:`Occupancy`: a voxel grid of the building's own surfaces (sampled on each
  triangle), or for the city blocks, which are extruded boxes, a height field;
- everything below the building's lowest point counts as ground, so feet of walls darken without a ground mesh;
- from each vertex, :data:`RAYS` fixed cosine-weighted directions around its normal are marched to
  :data:`REACH` metres; a hit near the vertex occludes more than one at the end of the reach.

The result multiplies the colour's RGB (alpha untouched), so every mesh, cache and shader stays as it was.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from game.architecture.building import Building
from game.architecture.mesh import Mesh

RAYS = 10  # directions per vertex: enough for a smooth estimate at vertex resolution
REACH = 3.0  # metres a ray looks for an occluder: eaves, brackets, the ground at a wall's foot
STRENGTH = 0.6  # how much a fully enclosed vertex darkens (1 = black); kept soft because it also dims direct light
MAX_CELLS = 20_000_000  # the voxel grid's size limit (bytes): a long palace wall coarsens the grid, never memory
FINEST = 0.5  # metres: the finest voxel, about a bracket set's arm
CHUNK = 65_536  # vertices marched at once, bounding the temporary arrays
BATCH = 2_000_000  # triangle samples placed at once, likewise


def hemisphere(count: int = RAYS) -> np.ndarray:
    """``count`` unit directions in the +Z hemisphere, cosine-weighted (a golden-angle spiral on the projected
    disc), so a plain average of their hits is the cosine-weighted occlusion. Nearly grazing directions are left
    out: they would only meet the surface the vertex lies on."""
    k = np.arange(count) + 0.5
    r = np.sqrt(k / count) * math.cos(math.radians(15.0))  # disc radius; elevation ≥ 15°
    phi = k * math.pi * (3.0 - math.sqrt(5.0))
    return np.stack([r * np.cos(phi), r * np.sin(phi), np.sqrt(1.0 - r * r)], 1)


def _frames(normals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two tangents completing each unit normal to an orthonormal frame (Duff et al.'s branchless basis)."""
    n = normals.astype(np.float64)
    sign = np.where(n[:, 2] >= 0, 1.0, -1.0)
    a = -1.0 / (sign + n[:, 2])
    b = n[:, 0] * n[:, 1] * a
    t = np.stack([1.0 + sign * n[:, 0] ** 2 * a, sign * b, -sign * n[:, 0]], 1)
    s = np.stack([b, sign + n[:, 1] ** 2 * a, -n[:, 1]], 1)
    return t, s


@dataclass
class Occupancy:
    """Where the occluders are: a dense voxel grid (``cells``) or a height field (``heights``, one top per column),
    plus the ground level below which everything is solid."""

    origin: np.ndarray  # (3,) corner of cell (0, 0, 0)
    size: float  # metres per cell
    ground: float
    cells: np.ndarray | None = None  # (nx, ny, nz) bool
    heights: np.ndarray | None = None  # (nx, ny) float32, top of the solid in each column
    lift: float = 0.0  # metres off the surface a ray starts: past the cells the vertex's own surface fills

    def solid(self, points: np.ndarray) -> np.ndarray:
        """Whether each point (…, 3) lies in an occupied cell or below the ground."""
        hit = points[..., 2] < self.ground
        ijk = np.floor((points - self.origin) / self.size).astype(np.int64)
        grid = self.cells if self.cells is not None else self.heights
        assert grid is not None
        inside = np.all((ijk[..., :2] >= 0) & (ijk[..., :2] < grid.shape[:2]), axis=-1)
        if self.cells is not None:
            inside &= (ijk[..., 2] >= 0) & (ijk[..., 2] < grid.shape[2])
            i, j, k = (np.where(inside, ijk[..., a], 0) for a in range(3))
            return hit | (inside & self.cells[i, j, k])
        i, j = (np.where(inside, ijk[..., a], 0) for a in range(2))
        return hit | (inside & (points[..., 2] < self.heights[i, j]))


def voxelize(meshes: list[Mesh], finest: float = FINEST, max_cells: int = MAX_CELLS) -> Occupancy:
    """A voxel grid marking the cells the triangles pass through (sampling each at 0.7 of a cell), its
    cell as fine as :data:`FINEST` allows within ``max_cells``; the ground is the meshes' lowest point."""
    pos = [m.positions[m.indices].astype(np.float64) for m in meshes if len(m.indices)]
    if not pos:
        raise ValueError("nothing to voxelize")
    tri = np.concatenate(pos)  # (T, 3, 3)
    lo, hi = tri.reshape(-1, 3).min(0), tri.reshape(-1, 3).max(0)
    extent = np.maximum(hi - lo, finest)
    size = max(finest, float(np.cbrt(np.prod(extent) / max_cells)))
    shape = np.ceil(extent / size).astype(np.int64) + 1
    cells = np.zeros(tuple(shape), bool)
    # big triangles lying in an axis plane (walls, floors, slabs: most of the kit's area) fill their box of cells
    # directly; a quad's two halves together fill exactly their rectangle
    cross = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    axial = np.abs(cross).max(1) >= 0.9999 * np.linalg.norm(cross, axis=1)
    span = tri.max(1) - tri.min(1)
    boxed = axial & (span.max(1) > 4 * size)
    first = np.floor((tri[boxed].min(1) - lo) / size).astype(np.int64)
    last = np.floor((tri[boxed].max(1) - lo) / size).astype(np.int64) + 1
    for (i0, j0, k0), (i1, j1, k1) in zip(first.tolist(), last.tolist(), strict=True):
        cells[i0:i1, j0:j1, k0:k1] = True
    tri = tri[~boxed]
    # the rest is sampled from the corner opposite its longest edge, along the two shorter ones: a long thin
    # triangle then costs its area in samples, not its length squared
    longest = np.argmax(np.linalg.norm(tri - np.roll(tri, -1, axis=1), axis=2), axis=1)  # edge i runs i → i+1
    base = (longest + 2) % 3
    rows = np.arange(len(tri))
    a = tri[rows, base]
    e1, e2 = tri[rows, (base + 1) % 3] - a, tri[rows, (base + 2) % 3] - a
    nu = np.maximum(1, np.ceil(np.linalg.norm(e1, axis=1) / (0.7 * size))).astype(np.int64)
    nv = np.maximum(1, np.ceil(np.linalg.norm(e2, axis=1) / (0.7 * size))).astype(np.int64)
    counts = (nu + 1) * (nv + 1)
    # in batches of triangles, so a few big roofs never build one enormous array
    total = np.cumsum(counts)
    cuts = np.searchsorted(total, np.arange(1, int(total[-1]) // BATCH + 1) * BATCH) if len(tri) else []
    for sel in (slice(s, e) for s, e in zip([0, *cuts], [*cuts, len(tri)], strict=True) if e > s):
        c = counts[sel]
        owner = np.repeat(np.arange(sel.start, sel.stop), c)
        k = np.arange(int(c.sum())) - np.repeat(np.cumsum(c) - c, c)
        across = nv[owner]
        u = (k // (across + 1)) / nu[owner]
        v = (k % (across + 1)) / across
        fold = u + v > 1.0  # the parallelogram's far half folds back onto the triangle
        u, v = np.where(fold, 1.0 - u, u), np.where(fold, 1.0 - v, v)
        p = a[owner] + u[:, None] * e1[owner] + v[:, None] * e2[owner]
        ijk = np.clip(np.floor((p - lo) / size).astype(np.int64), 0, shape - 1)
        cells[ijk[:, 0], ijk[:, 1], ijk[:, 2]] = True
    return Occupancy(origin=lo, size=size, ground=float(lo[2]), cells=cells, lift=1.5 * size)


def height_field(boxes: list[tuple[float, float, float, float, float, float]], size: float = 2.0,
                 ground: float = 0.0) -> Occupancy:
    """Extruded boxes (xmin, ymin, zmin, xmax, ymax, zmax) standing on ``ground`` as a height field of ``size``-metre
    columns: exact for the city's blocks, and small for a whole district."""
    b = np.asarray(boxes, np.float64).reshape(-1, 6)
    lo = np.array([b[:, 0].min() - size, b[:, 1].min() - size, ground])
    shape = np.ceil((b[:, 3:5].max(0) + size - lo[:2]) / size).astype(np.int64) + 1
    heights = np.full(tuple(shape), -np.inf, np.float32)
    for x0, y0, _, x1, y1, z1 in b:
        i0, j0 = np.floor((np.array([x0, y0]) - lo[:2]) / size).astype(int)
        i1, j1 = np.ceil((np.array([x1, y1]) - lo[:2]) / size).astype(int)
        # the columns wholly inside the box: a façade's own vertex must not sit in its block's column
        i0, j0, i1, j1 = i0 + 1, j0 + 1, i1 - 1, j1 - 1
        if i1 > i0 and j1 > j0:
            np.maximum(heights[i0:i1, j0:j1], z1, out=heights[i0:i1, j0:j1])
    return Occupancy(origin=lo, size=size, ground=ground, heights=heights, lift=0.05)


def occlusion(occupancy: Occupancy, positions: np.ndarray, normals: np.ndarray, reach: float = REACH,
              rays: int = RAYS) -> np.ndarray:
    """Per vertex, the cosine-weighted share of its hemisphere closed within ``reach`` (0 open … 1 enclosed).

    Rays start ``occupancy.lift`` off the surface (so the vertex's own surface is not found) and step a cell at a
    time; a hit at distance t counts ``1 - 0.5 t / reach``, so near occluders weigh more than far ones."""
    dirs = hemisphere(rays)
    step = occupancy.size
    ts = np.arange(1, max(2, math.ceil(reach / step)) + 1) * step
    weight = 1.0 - 0.5 * ts / ts[-1]
    out = np.zeros(len(positions), np.float32)
    for s in range(0, len(positions), CHUNK):
        p = positions[s : s + CHUNK].astype(np.float64)
        n = normals[s : s + CHUNK].astype(np.float64)
        n /= np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-12)
        t, b = _frames(n)
        world = dirs[None, :, 0:1] * t[:, None] + dirs[None, :, 1:2] * b[:, None] + dirs[None, :, 2:3] * n[:, None]
        start = p + n * occupancy.lift
        closed = np.zeros(world.shape[:2], np.float64)
        open_ = np.ones(world.shape[:2], bool)
        for dist, w in zip(ts, weight, strict=True):
            hit = occupancy.solid(start[:, None] + world * dist) & open_
            closed += hit * w
            open_ &= ~hit
        out[s : s + CHUNK] = closed.mean(1)
    return out


def spread(mesh: Mesh) -> np.ndarray:
    """Per vertex, how far its value is interpolated across the surface: the largest, over the triangles that use
    it, of the triangle's shortest edge (a long thin wall strip spreads along its length the same value its far end
    has too; a broad paving slab spreads a corner's value over its whole width)."""
    tri = mesh.positions[mesh.indices].astype(np.float64)
    shortest = np.linalg.norm(tri - np.roll(tri, -1, axis=1), axis=2).min(1)
    out = np.zeros(len(mesh.positions))
    np.maximum.at(out, mesh.indices.ravel(), np.repeat(shortest, 3))
    return out


def vertex_occlusion(occupancy: Occupancy, mesh: Mesh, reach: float = REACH, only: np.ndarray | None = None
                     ) -> np.ndarray:
    """:func:`occlusion` at ``mesh``'s vertices (those selected by ``only``, when given), faded where a vertex's
    value would spread over much more than the reach: a corner of a 50 m slab by a wall must not shade the whole
    slab."""
    pick = slice(None) if only is None else only
    fade = np.clip(2.0 * reach / np.maximum(spread(mesh)[pick], 1e-6), 0.0, 1.0)
    return occlusion(occupancy, mesh.positions[pick], mesh.normals[pick], reach) * fade


def shade(mesh: Mesh, occlusion_: np.ndarray, strength: float | None = None) -> Mesh:
    """A copy of ``mesh`` with each vertex's RGB multiplied by ``1 - strength × occlusion`` (:data:`STRENGTH`
    unless given)."""
    strength = STRENGTH if strength is None else strength
    colors = mesh.colors.copy()
    colors[:, :3] *= (1.0 - strength * np.clip(occlusion_, 0.0, 1.0))[:, None]
    return replace(mesh, colors=colors)


def bake(parts: dict[str, Mesh], occupancy: Occupancy | None = None, reach: float = REACH) -> dict[str, Mesh]:
    """``parts`` (material → mesh) with ambient occlusion baked into their colours, against their own geometry
    unless another ``occupancy`` is given."""
    meshes = {name: m for name, m in parts.items() if len(m.indices)}
    if not meshes:
        return dict(parts)
    grid = occupancy or voxelize(list(meshes.values()))
    return {name: shade(m, vertex_occlusion(grid, m, reach)) if name in meshes else m
            for name, m in parts.items()}


def bake_building(building: Building) -> Building:
    """``building`` with ambient occlusion in its near and far parts. The far version shares most of its vertices
    with the near one and takes their values, so nothing changes where the level of detail switches; its shells,
    which stand where bracket sets and tile rows were (the near grid would bury them), are shaded against the far
    geometry."""
    parts = bake(building.parts)
    if not building.far_parts:
        return replace(building, parts=parts)
    near = {name: (m, parts[name]) for name, m in building.parts.items() if name in parts}
    far: dict[str, Mesh] = {}
    grid = None
    for name, mesh in building.far_parts.items():
        factor = np.full(len(mesh.positions), np.nan, np.float32)
        if name in near:
            plain, shaded = near[name]
            factor = _copied(plain, shaded, mesh)
        missing = np.isnan(factor)
        if missing.any():
            grid = grid or voxelize(list(building.far_parts.values()))
            factor[missing] = 1.0 - STRENGTH * vertex_occlusion(grid, mesh, only=missing)
        colors = mesh.colors.copy()
        colors[:, :3] *= factor[:, None]
        far[name] = replace(mesh, colors=colors)
    return replace(building, parts=parts, far_parts=far)


def _keys(mesh: Mesh) -> np.ndarray:
    """One comparable row per vertex: its position and normal, rounded to a millimetre."""
    rows = np.ascontiguousarray(np.round(np.concatenate([mesh.positions, mesh.normals], 1) * 1000).astype(np.int32))
    return rows.view(np.dtype((np.void, rows.dtype.itemsize * 6))).ravel()


def _copied(plain: Mesh, shaded: Mesh, other: Mesh) -> np.ndarray:
    """For each vertex of ``other``, the factor ``shaded`` applied to the same vertex of ``plain``; NaN where
    ``plain`` has no such vertex (or its colour was black, so the factor is unknown)."""
    keys = _keys(plain)
    order = np.argsort(keys, kind="stable")
    wanted = _keys(other)
    at = np.clip(np.searchsorted(keys[order], wanted), 0, len(keys) - 1)
    found = keys[order][at] == wanted
    src = order[at]
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = shaded.colors[src, :3].max(1) / plain.colors[src, :3].max(1)
    return np.where(found & np.isfinite(ratio), ratio, np.nan).astype(np.float32)
