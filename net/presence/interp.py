"""Smooth remote avatars from 10 Hz samples: a ~100 ms playout buffer, brief extrapolation, then hold. Pure.

Samples carry the sender's clock. The receiver estimates the offset between that clock and its own as the
smallest ``arrival - sent`` seen (the fastest packet had the least queueing), renders each avatar ``delay``
seconds in the past on the sender's timeline, and interpolates between the two samples around that instant.
Jitter up to ``delay`` is invisible; a lost packet is bridged by interpolating across the gap. When samples stop,
the avatar keeps walking along its last velocity for at most ``extrapolate`` seconds and then stands still,
rather than sliding through walls forever.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace

from net.presence.codec import AvatarState, Pose
from net.presence.rotation import hpr_quat, quat_hpr, slerp

DELAY = 0.1
EXTRAPOLATE = 0.25
KEEP = 16


def _unwrap(t_ms: int, last: int | None) -> int:
    """The sender's uint32 millisecond clock made monotonic across its wrap-around."""
    if last is None:
        return t_ms
    candidate = (last & ~0xFFFFFFFF) | t_ms
    if candidate < last - 2**31:
        candidate += 2**32
    elif candidate > last + 2**31:
        candidate -= 2**32
    return candidate


def _lerp_angle(a: float, b: float, f: float) -> float:
    d = (b - a + 180.0) % 360.0 - 180.0
    return (a + d * f) % 360.0


@dataclass(frozen=True)
class Sample:
    t: float  # sender clock, seconds
    state: AvatarState


class SnapshotBuffer:
    """Samples of one remote avatar and the pose to draw at a given local time."""

    def __init__(self, delay: float = DELAY, extrapolate: float = EXTRAPOLATE) -> None:
        self.delay, self.extrapolate = delay, extrapolate
        self.samples: deque[Sample] = deque(maxlen=KEEP)
        self.offset: float | None = None  # local clock minus sender clock (seconds), minimum seen
        self.last_arrival = 0.0
        self._last_ms: int | None = None

    def push(self, t_ms: int, state: AvatarState, arrival: float) -> None:
        """Add a sample sent at ``t_ms`` (sender clock) that arrived at ``arrival`` (local clock, seconds)."""
        ms = _unwrap(t_ms, self._last_ms)
        t = ms / 1000.0
        if self.samples and t <= self.samples[-1].t:
            return  # duplicate or reordered: the buffer only moves forward
        self._last_ms = ms
        offset = arrival - t
        self.offset = offset if self.offset is None else min(self.offset, offset)
        self.samples.append(Sample(t, state))
        self.last_arrival = arrival

    def sample(self, now: float) -> AvatarState | None:
        """The state to draw at local time ``now``; None before the first sample."""
        if not self.samples or self.offset is None:
            return None
        target = now - self.offset - self.delay
        samples = self.samples
        if target <= samples[0].t:
            return samples[0].state
        for older, newer in zip(samples, list(samples)[1:], strict=False):
            if older.t <= target <= newer.t:
                return _blend(older.state, newer.state, (target - older.t) / (newer.t - older.t))
        last = samples[-1]
        if len(samples) < 2:
            return last.state
        prev = samples[-2]
        ahead = min(target - last.t, self.extrapolate)
        span = last.t - prev.t
        f = ahead / span
        return replace(last.state, x=last.state.x + (last.state.x - prev.state.x) * f,
                       y=last.state.y + (last.state.y - prev.state.y) * f,
                       z=last.state.z + (last.state.z - prev.state.z) * f)


def _blend_pose(a: Pose | None, b: Pose | None, f: float) -> Pose | None:
    """A head or hand between two samples: position lerped, orientation along the shorter rotation."""
    if a is None or b is None:  # joining or leaving VR: a step, there is nothing to blend
        return a if f < 0.5 else b
    q = slerp(hpr_quat(a.yaw, a.pitch, a.roll), hpr_quat(b.yaw, b.pitch, b.roll), f)
    return Pose(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f, a.z + (b.z - a.z) * f, *quat_hpr(q))


def _blend(a: AvatarState, b: AvatarState, f: float) -> AvatarState:
    """Positions, heading and VR head and hands interpolated (at 10 Hz a stepping head looks like a stutter in
    the headset); flags from the nearer sample (they change in steps)."""
    near = a if f < 0.5 else b
    return replace(near, x=a.x + (b.x - a.x) * f, y=a.y + (b.y - a.y) * f, z=a.z + (b.z - a.z) * f,
                   heading=_lerp_angle(a.heading, b.heading, f), head=_blend_pose(a.head, b.head, f),
                   left=_blend_pose(a.left, b.left, f), right=_blend_pose(a.right, b.right, f))
