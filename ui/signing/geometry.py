"""Turn a numpy :class:`Mesh` into a Panda3D GeomNode (positions, normals, 8-bit vertex colours).

The avatar is lit by fixed-function lights in its own little scene, so its colours are written as display
colours, not as the linear colours the PBR world uses.
"""

from __future__ import annotations

import numpy as np
from panda3d.core import Geom, GeomNode, GeomTriangles, GeomVertexData, GeomVertexFormat

from game.architecture.mesh import Mesh


def geom_node(mesh: Mesh, name: str) -> GeomNode:
    """One GeomNode with one Geom: a body part is one draw call."""
    vdata = GeomVertexData(name, GeomVertexFormat.get_v3n3c4(), Geom.UH_static)
    vdata.unclean_set_num_rows(len(mesh.positions))
    rows = np.zeros(len(mesh.positions), dtype=[("pos", "<f4", 3), ("nrm", "<f4", 3), ("rgba", "u1", 4)])
    rows["pos"], rows["nrm"] = mesh.positions, mesh.normals
    rows["rgba"] = np.clip(np.rint(mesh.colors * 255.0), 0, 255)
    memoryview(vdata.modify_array(0)).cast("B")[:] = rows.tobytes()
    prim = GeomTriangles(Geom.UH_static)
    prim.set_index_type(Geom.NT_uint32)
    handle = prim.modify_vertices()
    handle.unclean_set_num_rows(mesh.indices.size)
    memoryview(handle).cast("B")[:] = mesh.indices.astype(np.uint32).tobytes()
    geom = Geom(vdata)
    geom.add_primitive(prim)
    node = GeomNode(name)
    node.add_geom(geom)
    return node
