"""A headset visitor's tracked poses → presence state → wire → another visitor's AvatarNode: the head and hands
are drawn where the headset tracked them (world metres, Panda3D axes), within the wire's resolution."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st
from panda3d.core import LQuaternion, NodePath

from game.social.avatar_mesh import HAND_PIVOTS
from game.xr.axes import Pose as WorldPose
from game.xr.vr_pose import vr_state
from net.presence import codec
from net.presence.codec import AvatarState, Pose
from net.presence.interp import SnapshotBuffer
from net.presence.rotation import hpr_quat, quat_hpr, quat_mul
from ui.avatars.node import AvatarNode

unit = st.floats(-1, 1, allow_nan=False)


def _unit_quat(w: float, x: float, y: float, z: float) -> tuple[float, float, float, float]:
    n = math.sqrt(w * w + x * x + y * y + z * z)
    return (1.0, 0.0, 0.0, 0.0) if n < 1e-3 else (w / n, x / n, y / n, z / n)


quats = st.builds(_unit_quat, unit, unit, unit, unit)
# Straight up/down and level orientations: the gimbal cases a hanging controller produces.
special = st.sampled_from([(1.0, 0.0, 0.0, 0.0), _unit_quat(1, 1, 0, 0), _unit_quat(1, -1, 0, 0),
                           _unit_quat(0.3, -0.3, 0.6, 0.6), _unit_quat(0, 0, 0, 1)])  # fmt: skip


def _poses(z_low: float, z_high: float):
    near = st.floats(-1.0, 1.0, allow_nan=False)
    return st.builds(lambda x, y, z, q: WorldPose((x, y, z), q), near, near, st.floats(z_low, z_high), quats | special)


def _same_rotation(a: LQuaternion, b: tuple[float, float, float, float], tolerance_deg: float) -> bool:
    """Whether ``a`` and ``b`` differ by at most ``tolerance_deg`` (atan2 stays exact where acos(dot) would not)."""
    w, x, y, z = quat_mul((a[0], -a[1], -a[2], -a[3]), b)
    return 2 * math.degrees(math.atan2(math.sqrt(x * x + y * y + z * z), abs(w))) <= tolerance_deg


@given(quats | special)
def test_hpr_matches_panda3d(q):
    node = NodePath("n")
    node.setHpr(*quat_hpr(q))
    assert _same_rotation(node.getQuat(), q, 1e-3)


@given(st.floats(-360, 360), st.floats(-90, 90), st.floats(-360, 360))
def test_hpr_quat_is_what_panda3d_sets(h, p, r):
    node = NodePath("n")
    node.setHpr(h, p, r)
    assert _same_rotation(node.getQuat(), hpr_quat(h, p, r), 1e-3)


def _angle(a, b) -> float:
    w, x, y, z = quat_mul((a[0], -a[1], -a[2], -a[3]), b)
    return 2 * math.degrees(math.atan2(math.sqrt(x * x + y * y + z * z), abs(w)))


def test_remote_hands_turn_smoothly_between_samples_even_pointing_down():
    """A hand hanging nearly straight down turns 20° between samples, across the ±180° heading seam: drawn
    halfway, it is 10° from each (not stepped, not spun the long way round) and halfway along its path."""
    buffer = SnapshotBuffer(delay=0.1)
    a, b = Pose(0.2, 0.0, 0.9, 170.0, -85.0, 0.0), Pose(0.3, 0.1, 1.1, -170.0, -85.0, 0.0)
    head = Pose(0.0, 0.0, 1.6)
    buffer.push(0, AvatarState(0, 0, 0, 0, 0, head, a, a), arrival=10.0)
    buffer.push(100, AvatarState(0, 0, 0, 0, 0, head, b, b), arrival=10.1)
    mid = buffer.sample(10.0 + 0.1 + 0.05).right  # drawn 0.1 s late: halfway between the two samples
    assert math.dist((mid.x, mid.y, mid.z), (0.25, 0.05, 1.0)) < 1e-9
    qa, qb, qm = (hpr_quat(p.yaw, p.pitch, p.roll) for p in (a, b, mid))
    assert abs(_angle(qa, qm) - _angle(qa, qb) / 2) < 1e-6 and abs(_angle(qm, qb) - _angle(qa, qb) / 2) < 1e-6


@settings(max_examples=60, deadline=None)
@given(st.floats(-500, 500), st.floats(-500, 500), st.floats(-0.5, 0.5), _poses(1.0, 1.9), _poses(0.4, 1.8),
       _poses(0.4, 1.8), st.booleans())
def test_remote_avatar_draws_head_and_hands_where_they_were_tracked(ox, oy, floor, head, left, right, left_lost):
    def moved(pose: WorldPose) -> WorldPose:
        x, y, z = pose.position
        return WorldPose((x + ox, y + oy, z + floor), pose.orientation)

    head, left, right = moved(head), moved(left), moved(right)
    state = vr_state(head, None if left_lost else left, right, floor)
    (_, _, received), = codec.decode_states(codec.encode_states([(1, codec.encode_state(state, 0))]))
    world = NodePath("world")
    avatar = AvatarNode(world, "hanbok:0:1:0", "visitor")
    avatar.apply(received)
    assert abs(avatar.root.getZ(world) - floor) <= 0.006, "the avatar stands on the rig's floor"
    drawn = {name: avatar.parts.find(name) for name in ("head", "left", "right")}
    for name, pose in (("head", head), ("left", left), ("right", right)):
        if name == "left" and left_lost:
            continue
        at = drawn[name].getPos(world)
        # 5 mm root rounding (per axis), 1 mm part rounding, and the heading's 1/65536 turn over a metre
        assert math.dist(at, pose.position) < 0.012, name
        assert _same_rotation(drawn[name].getQuat(world), pose.orientation, 0.1), name
    if left_lost:
        assert math.dist(drawn["left"].getPos(avatar.root), HAND_PIVOTS["left"]) < 0.002, "a lost hand hangs at rest"
    hx, hy, _ = drawn["head"].getPos(avatar.root)
    assert math.hypot(hx, hy) < 0.01, "the body stands under the head"
    avatar.destroy()
