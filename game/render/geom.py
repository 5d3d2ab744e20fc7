"""numpy :class:`Mesh` → Panda3D ``GeomNode`` (one Geom, so one draw call, per material).

Every vertex also carries a tangent (xyz along +u, w the handedness of +v), which simplepbr's normal maps need;
computed here from positions and texture coordinates, so mesh generators stay unaware of it.
"""

from __future__ import annotations

import numpy as np
from panda3d.core import (
    Geom,
    GeomEnums,
    GeomNode,
    GeomTriangles,
    GeomVertexArrayFormat,
    GeomVertexData,
    GeomVertexFormat,
    InternalName,
)

from game.architecture.mesh import Mesh


def _format() -> GeomVertexFormat:
    arr = GeomVertexArrayFormat()
    arr.addColumn(InternalName.getVertex(), 3, GeomEnums.NT_float32, GeomEnums.C_point)
    arr.addColumn(InternalName.getNormal(), 3, GeomEnums.NT_float32, GeomEnums.C_normal)
    arr.addColumn(InternalName.getColor(), 4, GeomEnums.NT_uint8, GeomEnums.C_color)
    arr.addColumn(InternalName.getTexcoord(), 2, GeomEnums.NT_float32, GeomEnums.C_texcoord)
    arr.addColumn(InternalName.getTangent(), 4, GeomEnums.NT_float32, GeomEnums.C_vector)
    return GeomVertexFormat.registerFormat(GeomVertexFormat(arr))


_FORMAT = _format()


def tangents(positions: np.ndarray, normals: np.ndarray, uvs: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """Per-vertex tangents (N, 4): the direction of +u in the surface, orthogonal to the normal, with w = ±1 so
    that cross(normal, tangent) * w runs along +v (mirrored texture coordinates flip it).

    Each triangle's dP/du and dP/dv are summed at its vertices (weighted by its texture area, which is how the
    accumulation falls out). Vertices whose texture coordinates do not vary get any tangent orthogonal to the
    normal, so the shader never normalises a zero vector.
    """
    n = len(positions)
    p = np.asarray(positions, np.float64)
    t = np.asarray(uvs, np.float64)
    tri = np.asarray(indices, np.int64).reshape(-1, 3)
    e1, e2 = p[tri[:, 1]] - p[tri[:, 0]], p[tri[:, 2]] - p[tri[:, 0]]
    d1, d2 = t[tri[:, 1]] - t[tri[:, 0]], t[tri[:, 2]] - t[tri[:, 0]]
    det = d1[:, 0] * d2[:, 1] - d2[:, 0] * d1[:, 1]
    sign = np.sign(det)[:, None]  # |det| weighting: the inverse's 1/det would blow up thin texture triangles
    du = (e1 * d2[:, 1:2] - e2 * d1[:, 1:2]) * sign
    dv = (e2 * d1[:, 0:1] - e1 * d2[:, 0:1]) * sign
    tan, bit = np.zeros((n, 3)), np.zeros((n, 3))
    corners = tri.ravel()
    for k in range(3):
        tan[:, k] = np.bincount(corners, np.repeat(du[:, k], 3), n)
        bit[:, k] = np.bincount(corners, np.repeat(dv[:, k], 3), n)
    nor = np.asarray(normals, np.float64)
    tan -= nor * np.sum(nor * tan, axis=1, keepdims=True)  # Gram–Schmidt against the normal
    length = np.linalg.norm(tan, axis=1)
    flat = length < 1e-12
    if flat.any():  # no texture gradient: any direction in the plane
        axis = np.where(np.abs(nor[flat, 0:1]) < 0.9, [[1.0, 0, 0]], [[0, 1.0, 0]])
        tan[flat] = np.cross(nor[flat], np.cross(axis, nor[flat]))
        length[flat] = np.linalg.norm(tan[flat], axis=1)
    out = np.empty((n, 4), np.float32)
    out[:, :3] = tan / np.maximum(length, 1e-12)[:, None]
    out[:, 3] = np.where(np.sum(np.cross(nor, tan) * bit, axis=1) < 0, -1.0, 1.0)
    return out


def mesh_to_geom(mesh: Mesh) -> Geom:
    """Copy the arrays straight into vertex memory (no per-vertex Python), matching the one interleaved array."""
    n = len(mesh.positions)
    vdata = GeomVertexData("mesh", _FORMAT, Geom.UH_static)
    vdata.uncleanSetNumRows(n)
    arr = _FORMAT.getArray(0)  # one interleaved array: fill it as a byte matrix
    buf = np.zeros((n, arr.getStride()), np.uint8)
    tan = tangents(mesh.positions, mesh.normals, mesh.uvs, mesh.indices)
    for name, data in (("vertex", mesh.positions), ("normal", mesh.normals), ("texcoord", mesh.uvs),
                       ("tangent", tan)):
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
