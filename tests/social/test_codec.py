"""The binary state codec: sizes, round trips within the wire's resolution, and refusals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from net.presence import codec
from net.presence.codec import AvatarState, CodecError, Pose


def test_sizes_are_compact():
    walker = AvatarState(120.5, -340.25, 0.0, 45.0)
    vr = AvatarState(1, 2, 0, 10, codec.SPEAKING, Pose(0, 0, 1.6), Pose(0.2, 0.3, 1.1), Pose(-0.2, 0.3, 1.1))
    assert len(codec.encode_state(walker, 1)) == 18
    assert len(codec.encode_state(vr, 1)) == 54
    batch = codec.encode_states([(i, codec.encode_state(walker, 1)) for i in range(50)])
    assert len(batch) == 4 + 50 * 22


finite = st.floats(-2000, 2000, allow_nan=False)
angle = st.floats(-720, 720, allow_nan=False)
pose = st.builds(Pose, *[st.floats(-2, 2, allow_nan=False)] * 3, angle, angle, angle)


@given(finite, finite, st.floats(-50, 50, allow_nan=False), angle, st.integers(0, 3),
       st.one_of(st.none(), st.tuples(pose, pose, pose)), st.integers(0, 2**40))
def test_round_trip_within_resolution(x, y, z, heading, flags, vr, t):
    head, left, right = vr or (None, None, None)
    state = AvatarState(x, y, z, heading, flags, head, left, right)
    (t_out, out), = [(t2, s) for _, t2, s in codec.decode_states(codec.encode_states([(7, codec.encode_state(
        state, t))]))]
    assert t_out == t & 0xFFFFFFFF
    half_cm = 0.005 + 1e-9  # rounding to the centimetre, plus float noise
    assert abs(out.x - x) <= half_cm and abs(out.y - y) <= half_cm and abs(out.z - z) <= half_cm
    assert abs((out.heading - heading + 180) % 360 - 180) < 0.01
    assert out.flags == flags and out.vr == (vr is not None)
    if vr is not None:
        for a, b in zip((out.head, out.left, out.right), vr, strict=True):
            assert abs(a.x - b.x) <= 0.0005 + 1e-9 and abs((a.yaw - b.yaw + 180) % 360 - 180) <= 0.006


def test_malformed_bodies_are_refused():
    raw = codec.encode_state(AvatarState(1, 2), 3)
    with pytest.raises(CodecError):
        codec.state_size(raw[:-1])
    with pytest.raises(CodecError):
        codec.state_size(bytes([2]) + raw[1:])  # another format version
    with pytest.raises(CodecError):
        codec.state_size(raw[:1] + bytes([0x80]) + raw[2:])  # unknown flag
    with pytest.raises(CodecError):
        codec.decode_states(codec.encode_states([(1, raw)]) + b"x")
    with pytest.raises(CodecError):
        codec.encode_state(AvatarState(float("nan"), 0), 0)
    with pytest.raises(CodecError):
        codec.decode_json(codec.KIND_CHAT + bytes([1]) + b"[1]")


def test_topics_select_one_scene_and_cell():
    assert codec.cell_topic("district", (1, -1)) == b"cdistrict/\x00\x01\xff\xff"
    # A subscription to one scene is never a prefix of another scene's topics.
    assert not codec.cell_topic("district2", (0, 0)).startswith(codec.cell_topic("district", (0, 0))[:10])
    assert not codec.scene_topic("district2").startswith(codec.scene_topic("district"))
