"""numpy :class:`Mesh` → Panda3D ``GeomNode`` (one Geom, so one draw call, per material)."""

from __future__ import annotations

import numpy as np
from panda3d.core import Geom, GeomNode, GeomTriangles, GeomVertexData, GeomVertexFormat

from game.architecture.mesh import Mesh

_FORMAT = GeomVertexFormat.getV3n3c4t2()


def mesh_to_geom(mesh: Mesh) -> Geom:
    """Copy the arrays straight into vertex memory (no per-vertex Python), matching the V3n3c4t2 layout."""
    n = len(mesh.positions)
    vdata = GeomVertexData("mesh", _FORMAT, Geom.UH_static)
    vdata.uncleanSetNumRows(n)
    arr = _FORMAT.getArray(0)  # V3n3c4t2 is one interleaved array: fill it as a byte matrix
    buf = np.zeros((n, arr.getStride()), np.uint8)
    for name, data in (("vertex", mesh.positions), ("normal", mesh.normals), ("texcoord", mesh.uvs)):
        col = arr.getColumn(name)
        buf[:, col.getStart():col.getStart() + col.getTotalBytes()] = (
            np.ascontiguousarray(data, np.float32).view(np.uint8).reshape(n, -1))
    col = arr.getColumn("color")  # uint8 RGBA
    buf[:, col.getStart():col.getStart() + 4] = (np.clip(mesh.colors, 0, 1) * 255 + 0.5).astype(np.uint8)
    memoryview(vdata.modifyArray(0)).cast("B")[:] = buf.tobytes()
    tris = GeomTriangles(Geom.UH_static)
    tris.setIndexType(Geom.NT_uint32)
    idx = np.ascontiguousarray(mesh.indices, np.uint32).ravel()
    handle = tris.modifyVertices()
    handle.uncleanSetNumRows(len(idx))
    memoryview(handle).cast("B")[:] = idx.tobytes()
    geom = Geom(vdata)
    geom.addPrimitive(tris)
    return geom


def meshes_to_node(name: str, mesh: Mesh) -> GeomNode:
    node = GeomNode(name)
    if len(mesh.indices):
        node.addGeom(mesh_to_geom(mesh))
    return node
