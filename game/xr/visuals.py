"""What the user sees of the controls: teleport arc and landing marker, laser pointer, comfort vignette."""

from __future__ import annotations

import math

from panda3d.core import (
    Geom,
    GeomNode,
    GeomTriangles,
    GeomVertexData,
    GeomVertexFormat,
    GeomVertexWriter,
    LineSegs,
    NodePath,
    TransparencyAttrib,
)

from game.xr.arc import ArcResult
from game.xr.axes import Vec3, srgb_to_linear

VALID = srgb_to_linear((0.2, 0.8, 1.0, 1.0))
INVALID = srgb_to_linear((1.0, 0.3, 0.2, 1.0))
LASER = (1.0, 1.0, 1.0, 0.8)


def _overlay(node: NodePath) -> NodePath:
    node.set_light_off(1)
    node.set_shader_off(1)
    node.set_bin("fixed", 50)
    return node


def _ring(radius: float, segments: int = 48) -> LineSegs:
    ls = LineSegs("ring")
    ls.set_thickness(3)
    for i in range(segments + 1):
        a = 2 * math.pi * i / segments
        (ls.move_to if i == 0 else ls.draw_to)(radius * math.cos(a), radius * math.sin(a), 0.02)
    return ls


def _annulus(inner: float, feather: float, outer: float, segments: int = 64) -> GeomNode:
    """A flat ring in the XZ plane: transparent inside ``inner``, black from ``feather`` out to ``outer``."""
    vdata = GeomVertexData("vignette", GeomVertexFormat.get_v3c4(), Geom.UH_static)
    vw, cw = GeomVertexWriter(vdata, "vertex"), GeomVertexWriter(vdata, "color")
    radii = ((inner, 0.0), (feather, 1.0), (outer, 1.0))
    for i in range(segments):
        a = 2 * math.pi * i / segments
        for r, alpha in radii:
            vw.add_data3(r * math.cos(a), 0, r * math.sin(a))
            cw.add_data4(0, 0, 0, alpha)
    tris = GeomTriangles(Geom.UH_static)
    for i in range(segments):
        j = (i + 1) % segments
        for k in range(2):
            a, b, c, d = i * 3 + k, i * 3 + k + 1, j * 3 + k, j * 3 + k + 1
            tris.add_vertices(a, c, b)
            tris.add_vertices(b, c, d)
    geom = Geom(vdata)
    geom.add_primitive(tris)
    node = GeomNode("vignette")
    node.add_geom(geom)
    return node


class Visuals:
    """Owns the helper geometry; every ``show_*`` call replaces the previous frame's state."""

    #: The vignette sits this far in front of the eyes and is scaled so its clear hole shrinks with strength.
    VIGNETTE_DISTANCE_M = 0.2
    VIGNETTE_OPEN_RADIUS_M = 0.3

    def __init__(self, world: NodePath, head: NodePath) -> None:
        self.world = world
        self.arc = _overlay(world.attach_new_node("xr-arc"))
        self.marker = _overlay(world.attach_new_node(_ring(0.35).create()))
        self.marker.set_name("xr-landing-marker")
        self.laser = _overlay(world.attach_new_node("xr-laser"))
        self.vignette = _overlay(head.attach_new_node(_annulus(1.0, 1.4, 30.0)))
        self.vignette.set_y(self.VIGNETTE_DISTANCE_M)
        self.vignette.set_transparency(TransparencyAttrib.M_alpha)
        self.vignette.set_depth_test(False)
        self.vignette.set_depth_write(False)
        self.vignette.set_bin("fixed", 90)
        for node in (self.arc, self.marker, self.laser, self.vignette):
            node.hide()

    def show_arc(self, result: ArcResult | None) -> None:
        self.arc.get_children().detach()
        if result is None:
            self.arc.hide()
            self.marker.hide()
            return
        colour = VALID if result.valid else INVALID
        ls = LineSegs("arc")
        ls.set_thickness(3)
        ls.set_color(*colour)
        ls.move_to(*result.points[0])
        for p in result.points[1:]:
            ls.draw_to(*p)
        self.arc.attach_new_node(ls.create())
        self.arc.show()
        if result.hit is None:
            self.marker.hide()
        else:
            self.marker.set_pos(*result.hit.point)
            self.marker.set_color(*colour)
            self.marker.show()

    def show_laser(self, origin: Vec3 | None, end: Vec3 | None) -> None:
        self.laser.get_children().detach()
        if origin is None or end is None:
            self.laser.hide()
            return
        ls = LineSegs("laser")
        ls.set_thickness(2)
        ls.set_color(*LASER)
        ls.move_to(*origin)
        ls.draw_to(*end)
        self.laser.attach_new_node(ls.create())
        self.laser.show()

    def set_vignette(self, strength: float) -> None:
        """0 hides it; 1 closes the view to a small hole (the comfort setting caps how far it goes)."""
        if strength <= 0.01:
            self.vignette.hide()
            return
        self.vignette.set_scale(self.VIGNETTE_OPEN_RADIUS_M * (1.0 - 0.9 * min(strength, 1.0)))
        self.vignette.show()

    def destroy(self) -> None:
        for node in (self.arc, self.marker, self.laser, self.vignette):
            node.remove_node()
