"""Vertex clustering: a mesh simplified for a distance at which a grid cell is smaller than a pixel. Pure (numpy).

Vertices are merged per cell of a regular grid and per coarse normal direction (so a hard edge — a wall meeting a
roof — keeps its two normals and its crease); all of a cell's vertices move to one point (the mean of the cell's),
so faces that met still meet; triangles that collapse are dropped. Normals and colours are averaged within a
cluster (what a pixel of the far building shows is their mean anyway); texture coordinates are taken from one
member, because averaging them across a seam would smear a whole texture over one triangle.
"""

from __future__ import annotations

import numpy as np

from game.architecture.mesh import Mesh

#: Normals are bucketed by rounding ``normal × NORMAL_STEPS``: 2 keeps faces more than ~30° apart in separate
#: clusters, which holds every crease of the kit (45° hips, 90° walls) while merging the facets of a column.
NORMAL_STEPS = 2.0
#: The grid of a landmark's distant version (shown from ``game.render.lod.DISTANT``, 400 m, on): the app's
#: 1280-pixel view, 51° across, sees 0.3 m a pixel there. Coarser grids close up thin shells (a roof's tile rows):
#: at 0.5 m the gate's coverage at the switch already changes by 2 %; at 0.4 m by 1.2 % (the render test).
DISTANT_CELL = 0.4


def clustered(mesh: Mesh, cell: float) -> Mesh:
    """``mesh`` with its vertices merged on a ``cell``-metre grid; an empty mesh stays empty."""
    if not len(mesh.indices):
        return mesh
    cells = np.floor(mesh.positions / cell).astype(np.int64)
    bucket = np.rint(mesh.normals * NORMAL_STEPS).astype(np.int64)
    _, first, inverse, count = np.unique(np.concatenate([cells, bucket], axis=1), axis=0, return_index=True,
                                         return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    # Every vertex of a cell moves to the cell's one point, whatever its normal: faces that met still meet.
    _, in_cell, cell_count = np.unique(cells, axis=0, return_inverse=True, return_counts=True)
    in_cell = in_cell.reshape(-1)
    point = np.zeros((len(cell_count), 3), np.float64)
    np.add.at(point, in_cell, mesh.positions)
    point /= cell_count[:, None]

    def mean(values: np.ndarray) -> np.ndarray:
        out = np.zeros((len(count), values.shape[1]), np.float64)
        np.add.at(out, inverse, values)
        return (out / count[:, None]).astype(np.float32)

    normals = mean(mesh.normals)
    normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)
    triangles = inverse[mesh.indices]
    a, b, c = triangles.T
    triangles = triangles[(a != b) & (b != c) & (a != c)]
    _, keep = np.unique(np.sort(triangles, axis=1), axis=0, return_index=True)  # one of each merged duplicate
    triangles = triangles[np.sort(keep)]
    used, compact = np.unique(triangles, return_inverse=True)  # drop clusters no triangle uses any more
    positions = point[in_cell[first]].astype(np.float32)
    return Mesh(positions[used], normals[used], mesh.uvs[first][used], mean(mesh.colors)[used],
                compact.reshape(-1, 3).astype(np.uint32))
