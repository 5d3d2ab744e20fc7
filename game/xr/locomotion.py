"""Where the play area sits in the world, and how teleport, turning and recentring move it. Pure.

The headset reports the head within a tracked play area; the app places that play area in the world with one
rig transform (position and heading). Locomotion changes only the rig, never the tracked poses: turning pivots
about the head so the user does not swing sideways, and teleporting moves the rig so the *head* (not the play
area's centre) ends above the target, keeping the eye height that tracking measures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from game.xr.axes import Vec3


@dataclass(frozen=True)
class Rig:
    """Play-area origin in world coordinates (metres, Panda3D axes) and its heading in degrees."""

    x: float = 0.0
    y: float = 0.0
    z: float = 0.0
    heading: float = 0.0

    def to_world(self, local: Vec3) -> Vec3:
        """A point in play-area coordinates expressed in the world."""
        h = math.radians(self.heading)
        c, s = math.cos(h), math.sin(h)
        return (self.x + c * local[0] - s * local[1], self.y + s * local[0] + c * local[1], self.z + local[2])


def turn_about(rig: Rig, pivot_local: Vec3, degrees: float) -> Rig:
    """Rotate the rig by ``degrees`` about the vertical through ``pivot_local`` (usually the head)."""
    before = rig.to_world(pivot_local)
    turned = replace(rig, heading=(rig.heading + degrees + 180.0) % 360.0 - 180.0)
    after = turned.to_world(pivot_local)
    return replace(turned, x=turned.x + before[0] - after[0], y=turned.y + before[1] - after[1])


def teleport_to(rig: Rig, head_local: Vec3, target: Vec3) -> Rig:
    """Move the rig so the head stands above ``target`` and the play area's floor lies at the target's height."""
    head = rig.to_world(head_local)
    return replace(rig, x=rig.x + target[0] - head[0], y=rig.y + target[1] - head[1], z=target[2])


def recentre(rig: Rig, head_local: Vec3, head_heading: float, anchor: Rig) -> Rig:
    """Put the head back at ``anchor``'s position and facing, wherever the user wandered in the play area."""
    turned = replace(rig, heading=anchor.heading - head_heading)
    return teleport_to(turned, head_local, (anchor.x, anchor.y, anchor.z))
