"""A headset visitor's presence state from the XR rig's tracked poses. Pure (no Panda3D).

The rig gives world poses (metres, Panda3D axes, quaternions w/x/y/z); the presence codec wants an avatar root
on the floor with a heading, and head and hands *relative to that root* as position plus heading/pitch/roll,
which is what :class:`ui.avatars.node.AvatarNode` feeds to ``setPosHpr`` on the receiving side. The root stands
under the head and faces where the head faces, so the body turns with the visitor, distances and the area of
interest follow where they really are, and the relative poses stay small (the codec packs them in int16 mm).
"""

from __future__ import annotations

from game.social.avatar_mesh import HAND_PIVOTS
from game.xr.axes import Pose as WorldPose
from game.xr.axes import Vec3, heading_deg, rotate
from net.presence.codec import AvatarState, Pose
from net.presence.rotation import hpr_quat, quat_hpr, quat_mul


def relative_pose(pose: WorldPose, root: Vec3, heading: float) -> Pose:
    """``pose`` in the frame of an avatar root at ``root`` facing ``heading``: what the codec carries."""
    back = hpr_quat(-heading, 0.0, 0.0)
    offset = (pose.position[0] - root[0], pose.position[1] - root[1], pose.position[2] - root[2])
    x, y, z = rotate(back, offset)
    return Pose(x, y, z, *quat_hpr(quat_mul(back, pose.orientation)))


def vr_state(head: WorldPose, left: WorldPose | None, right: WorldPose | None, floor_z: float,
             flags: int = 0) -> AvatarState:
    """Our avatar while in the headset: root under the head on the rig's floor, head and hands relative to it.

    An untracked controller (None) hangs at the avatar's side (its rest pivot) rather than being sent as a zero
    pose, which would draw the hand on the floor between the feet.
    """
    root = (head.position[0], head.position[1], floor_z)
    heading = heading_deg(head.orientation)
    hands = [Pose(*HAND_PIVOTS[side]) if pose is None else relative_pose(pose, root, heading)
             for side, pose in (("left", left), ("right", right))]  # fmt: skip
    return AvatarState(root[0], root[1], floor_z, heading, flags, relative_pose(head, root, heading), *hands)
