"""A merged mesh cut into square tiles of the ground plan, so cull skips the tiles out of view. Pure (numpy).

Streets and lamp rows run the length of the district: merged whole, every triangle of them is transformed every
frame although a view sees a few hundred metres of them. Each triangle goes to the tile holding its centroid
(nothing is clipped: a triangle crossing a border stays whole in one tile).
"""

from __future__ import annotations

import numpy as np

from game.architecture.mesh import Mesh


def tiled(mesh: Mesh, size: float) -> dict[tuple[int, int], Mesh]:
    """``mesh`` split by ``size``-metre squares of x/y; each tile keeps only the vertices its triangles use."""
    if not len(mesh.indices):
        return {}
    centroids = mesh.positions[mesh.indices].mean(axis=1)
    cells = np.floor(centroids[:, :2] / size).astype(np.int64)
    out: dict[tuple[int, int], Mesh] = {}
    for cell in np.unique(cells, axis=0):
        triangles = mesh.indices[(cells == cell).all(axis=1)]
        used, compact = np.unique(triangles, return_inverse=True)
        out[(int(cell[0]), int(cell[1]))] = Mesh(mesh.positions[used], mesh.normals[used], mesh.uvs[used],
                                                 mesh.colors[used], compact.reshape(-1, 3).astype(np.uint32))
    return out
