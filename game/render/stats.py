"""Frame statistics: draw calls and triangles actually submitted for a view, and frame time.

Panda3D's own counters only fill when a PStats server listens, so we count what cull keeps: every Geom under a
visible GeomNode whose bounds intersect the camera frustum (the same node-level test Panda's cull performs),
plus the shadow pass (the sun's frustum) and the post-processing quads. Under an ``LODNode`` only the level its
distance from the camera selects counts, as in cull.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from panda3d.core import BoundingVolume, GeomNode, LODNode, NodePath, PythonCallbackObject


@dataclass(frozen=True)
class ViewStats:
    draw_calls: int
    triangles: int
    main_draw_calls: int
    shadow_draw_calls: int


def _lod_selected(np_: NodePath, cam: NodePath) -> bool:
    """False when an ``LODNode`` above ``np_`` shows another of its children at this camera distance."""
    child = np_
    while child.hasParent():
        parent = child.getParent()
        node = parent.node()
        if isinstance(node, LODNode):
            index = node.findChild(child.node())
            distance = (parent.getRelativePoint(cam, (0, 0, 0)) - node.getCenter()).length()
            if not node.getOut(index) <= distance < node.getIn(index):
                return False
        child = parent
    return True


def _count(root: NodePath, cam: NodePath) -> tuple[int, int]:
    lens_bounds = cam.node().getLens().makeBounds()
    calls = tris = 0
    for np_ in root.findAllMatches("**/+GeomNode"):
        if np_.isHidden(cam.node().getCameraMask()) or not _lod_selected(np_, cam):
            continue
        bounds = np_.getBounds().makeCopy()
        bounds.xform(np_.getMat(cam))
        if not lens_bounds.contains(bounds) & BoundingVolume.IF_some:
            continue
        node: GeomNode = np_.node()
        for i in range(node.getNumGeoms()):
            geom = node.getGeom(i)
            calls += 1
            for p in range(geom.getNumPrimitives()):
                tris += geom.getPrimitive(p).getNumFaces()
    return calls, tris


def view_stats(world: NodePath, cam: NodePath, shadow_cam: NodePath | None, post_passes: int = 1) -> ViewStats:
    main_calls, tris = _count(world, cam)
    shadow_calls, shadow_tris = _count(world, shadow_cam) if shadow_cam is not None else (0, 0)
    return ViewStats(main_calls + shadow_calls + post_passes, tris + shadow_tris, main_calls, shadow_calls)


@contextmanager
def cull_only(base) -> Iterator[None]:
    """Frames inside skip drawing the main camera's scene, so their time is app + cull (+ post passes): the
    cull share of a frame, which Panda3D's collectors report only to a PStats server."""
    regions = [dr for win in base.graphicsEngine.windows for dr in win.getDisplayRegions()
               if dr.getCamera() == base.cam]
    skip = PythonCallbackObject(lambda data: None)  # no upcall: nothing is drawn
    for dr in regions:
        dr.setDrawCallback(skip)
    try:
        yield
    finally:
        for dr in regions:
            dr.clearDrawCallback()
