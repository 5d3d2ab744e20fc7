"""Interpolation buffer, send gate and interest grid: the pure parts of smooth, cheap presence."""

from __future__ import annotations

from net.presence.codec import AvatarState
from net.presence.gate import UpdateGate
from net.presence.grid import Interest, cell_of, cells_around
from net.presence.interp import SnapshotBuffer


def _walk(buffer: SnapshotBuffer, jitter: list[float], speed: float = 2.0) -> None:
    """Samples every 100 ms of a walk along x at ``speed``, arriving 20 ms + jitter later."""
    for i, extra in enumerate(jitter):
        t = i * 0.1
        buffer.push(int(t * 1000) + 5000, AvatarState(speed * t, 0.0, heading=350.0 + 4 * i), 100.0 + t + 0.02 + extra)


def test_interpolates_through_jitter_at_a_fixed_delay():
    buffer = SnapshotBuffer(delay=0.1)
    _walk(buffer, [0.0, 0.03, 0.0, 0.06, 0.01, 0.0, 0.02, 0.0])
    # Offset learned from the fastest packet: local = sender + 95.02; drawing 0.1 s behind.
    for now in (100.35, 100.37, 100.41, 100.52):
        state = buffer.sample(now)
        expected = 2.0 * (now - 95.02 - 5.0 - 0.1)
        assert abs(state.x - expected) < 1e-6
    assert abs(buffer.sample(100.41).heading - ((350 + 4 * 2.9) % 360)) < 1e-6  # across 360 → 0, the short way


def test_extrapolates_briefly_then_holds():
    buffer = SnapshotBuffer(delay=0.1, extrapolate=0.25)
    _walk(buffer, [0.0] * 5)  # last sample x = 0.8 at sender t = 5.4
    assert abs(buffer.sample(100.02 + 0.4 + 0.1 + 0.1).x - 1.0) < 1e-6  # 0.1 s past the last sample
    held = buffer.sample(100.02 + 0.4 + 0.1 + 2.0).x
    assert abs(held - (0.8 + 2.0 * 0.25)) < 1e-6
    assert buffer.sample(110.0).x == held


def test_old_duplicate_and_wrapping_timestamps():
    buffer = SnapshotBuffer()
    buffer.push(2**32 - 50, AvatarState(0, 0), 10.0)
    buffer.push(2**32 - 50, AvatarState(9, 9), 10.01)  # duplicate: ignored
    buffer.push(50, AvatarState(1, 0), 10.1)  # the sender's clock wrapped: 100 ms later
    assert len(buffer.samples) == 2 and abs(buffer.samples[1].t - buffer.samples[0].t - 0.1) < 1e-6
    buffer.push(2**32 - 100, AvatarState(5, 5), 10.2)  # reordered old packet: ignored
    assert len(buffer.samples) == 2


def test_gate_sends_changes_at_most_ten_times_a_second_and_keepalives():
    gate = UpdateGate(max_hz=10, keepalive=2.0)
    sent = [t / 100 for t in range(0, 300) if gate.offer(AvatarState(t / 100, 0), t / 100) is not None]
    assert len(sent) == 30 and all(b - a >= 0.099 for a, b in zip(sent, sent[1:], strict=False))
    gate = UpdateGate(max_hz=10, keepalive=2.0)
    still = [t / 100 for t in range(0, 500) if gate.offer(AvatarState(1.0, 2.0), t / 100) is not None]
    assert still == [0.0, 2.0, 4.0]
    gate = UpdateGate()
    assert gate.offer(AvatarState(1.0, 2.0), 0.0) is not None
    assert gate.offer(AvatarState(1.001, 2.0), 0.5) is None  # below the wire's centimetre: nothing to say


def test_interest_follows_the_visitor_cell_by_cell():
    assert cell_of(-0.1, 47.9, 48) == (-1, 0)
    assert len(cells_around((0, 0), 1)) == 9
    interest = Interest(48, 1)
    added, removed = interest.move(10, 10)
    assert len(added) == 9 and not removed
    assert interest.move(40, 20) == (set(), set())
    added, removed = interest.move(50, 20)  # one cell east: a new column in, the west column out
    assert added == {(2, -1), (2, 0), (2, 1)} and removed == {(-1, -1), (-1, 0), (-1, 1)}
    assert len(interest.reset()) == 9 and interest.cells == set()
