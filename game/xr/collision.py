"""A teleport-arc segment test backed by Panda3D's collision system, for scenes with collision solids."""

from __future__ import annotations

from panda3d.core import BitMask32, CollisionHandlerQueue, CollisionNode, CollisionSegment, CollisionTraverser, NodePath

from game.xr.arc import Hit, SegmentQuery
from game.xr.axes import Vec3


def panda_segment_query(world: NodePath, mask: BitMask32 | None = None) -> SegmentQuery:
    """``query(a, b)`` returning the first surface between world points ``a`` and ``b`` in ``world``'s graph.

    ``mask`` selects which collision solids count (the scene's walkable/solid mask); default: all into-masks.
    """
    segment = CollisionSegment()
    node = CollisionNode("xr-arc-probe")
    node.add_solid(segment)
    node.set_from_collide_mask(mask if mask is not None else BitMask32.all_on())
    node.set_into_collide_mask(BitMask32.all_off())
    probe = world.attach_new_node(node)
    queue = CollisionHandlerQueue()
    traverser = CollisionTraverser("xr-arc")
    traverser.add_collider(probe, queue)

    def query(a: Vec3, b: Vec3) -> Hit | None:
        segment.set_point_a(*a)
        segment.set_point_b(*b)
        traverser.traverse(world)
        if queue.get_num_entries() == 0:
            return None
        queue.sort_entries()
        entry = queue.get_entry(0)
        p, n = entry.get_surface_point(world), entry.get_surface_normal(world)
        return Hit((p.x, p.y, p.z), (n.x, n.y, n.z))

    return query
