"""Vector shapes (:mod:`game.alerts.pictograms`) → one Panda3D GeomNode in aspect2d's x/z plane.

All shapes of a drawing go into one Geom, drawn in order with no depth test, so a pictogram costs one draw
call and later shapes paint over earlier ones exactly as listed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from panda3d.core import Geom, GeomNode, GeomTriangles, GeomVertexData, GeomVertexFormat, GeomVertexWriter, NodePath

from game.alerts.pictograms import Disc, Poly, Shape

DISC_SEGMENTS = 28
RGB = tuple[float, float, float]
ColourMap = Callable[[RGB], RGB]


def _disc_poly(cx: float, cy: float, r: float, color: tuple[float, float, float], n: int = DISC_SEGMENTS) -> Poly:
    return Poly(tuple((cx + r * math.cos(2 * math.pi * k / n), cy + r * math.sin(2 * math.pi * k / n))
                      for k in range(n)), color)


def _polys(shape: Shape) -> list[Poly]:
    """Everything as convex polygons: discs as n-gons, strokes as a quad per segment plus round joints."""
    if isinstance(shape, Poly):
        return [shape]
    if isinstance(shape, Disc):
        return [_disc_poly(shape.cx, shape.cy, shape.r, shape.color)]
    half = shape.width / 2
    out = [_disc_poly(x, y, half, shape.color, 12) for x, y in shape.points]
    for (x0, y0), (x1, y1) in zip(shape.points, shape.points[1:], strict=False):
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        nx, ny = -(y1 - y0) / length * half, (x1 - x0) / length * half
        out.append(Poly(((x0 + nx, y0 + ny), (x0 - nx, y0 - ny), (x1 - nx, y1 - ny), (x1 + nx, y1 + ny)), shape.color))
    return out


def shapes_node(shapes: Iterable[Shape], name: str, colour_map: ColourMap | None = None) -> NodePath:
    """A NodePath drawing ``shapes`` (coordinates as given, x right, y mapped to Panda's z up).

    ``colour_map`` converts each sRGB colour for the target framebuffer (see :func:`ui.alerts.theme.to_linear`).
    """
    polys = [p for s in shapes for p in _polys(s)]
    vdata = GeomVertexData(name, GeomVertexFormat.getV3c4(), Geom.UHStatic)
    vdata.setNumRows(sum(len(p.points) for p in polys))
    vertex, colour = GeomVertexWriter(vdata, "vertex"), GeomVertexWriter(vdata, "color")
    tris = GeomTriangles(Geom.UHStatic)
    row = 0
    for poly in polys:
        for x, y in poly.points:
            vertex.addData3(x, 0.0, y)
            colour.addData4(*(colour_map(poly.color) if colour_map else poly.color), 1.0)
        for k in range(1, len(poly.points) - 1):
            tris.addVertices(row, row + k, row + k + 1)
        row += len(poly.points)
    geom = Geom(vdata)
    geom.addPrimitive(tris)
    node = GeomNode(name)
    node.addGeom(geom)
    np_ = NodePath(node)
    np_.setTwoSided(True)
    return np_


def rect_node(x0: float, z0: float, x1: float, z1: float, color: RGB, name: str,
              colour_map: ColourMap | None = None) -> NodePath:
    return shapes_node([Poly(((x0, z0), (x1, z0), (x1, z1), (x0, z1)), color)], name, colour_map)
