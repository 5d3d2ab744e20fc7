"""Frame statistics: draw calls and triangles actually submitted for a view, and frame time.

Panda3D's own counters only fill when a PStats server listens, so we count what cull keeps: every Geom under a
visible GeomNode whose bounds intersect the camera frustum (the same node-level test Panda's cull performs),
plus the shadow pass (the sun's frustum) and the post-processing quads.
"""

from __future__ import annotations

from dataclasses import dataclass

from panda3d.core import BoundingVolume, GeomNode, NodePath


@dataclass(frozen=True)
class ViewStats:
    draw_calls: int
    triangles: int
    main_draw_calls: int
    shadow_draw_calls: int


def _count(root: NodePath, cam: NodePath) -> tuple[int, int]:
    lens_bounds = cam.node().getLens().makeBounds()
    calls = tris = 0
    for np_ in root.findAllMatches("**/+GeomNode"):
        if np_.isHidden(cam.node().getCameraMask()):
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
