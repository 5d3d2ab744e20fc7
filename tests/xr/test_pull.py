"""The bell's pull gesture in VR: grip the rope's handle, pull back past the mark, one strike, its force from the
hand's speed, a buzz to match. Pure."""

from __future__ import annotations

import pytest

from game.xr.pull import HARD_SPEED, MIN_FORCE, SOFT_SPEED, THRESHOLD_M, Pull, PullGesture, Rope, force_for

RIGHT = "/user/hand/right"
ROPE = Rope(handle=(0.0, 0.5, 1.2), pull=(0.0, -1.0, 0.0))  # pulled towards the visitor (-Y)
FPS = 90.0


def pull(g: PullGesture, speed: float, distance: float, grip: bool = True, start: float = 0.0,
         rope: Rope | None = ROPE, t0: float = 0.0) -> list[Pull]:
    """Move the right hand from ``start`` m back along the rope to ``distance`` at ``speed`` m/s."""
    out, frames = [], max(1, int(round(abs(distance - start) / speed * FPS)))
    for k in range(frames + 1):
        d = start + (distance - start) * k / frames
        hit = g.update(RIGHT, (0.0, 0.5 - d, 1.2), grip, t0 + k / FPS, rope)
        if hit is not None:
            out.append(hit)
    return out


def test_a_pull_past_the_mark_strikes_once_with_the_force_of_its_speed() -> None:
    g = PullGesture()
    hits = pull(g, 1.5, 0.6)
    assert len(hits) == 1 and hits[0].hand == RIGHT
    assert hits[0].speed == pytest.approx(1.5, rel=0.1)
    assert hits[0].force == pytest.approx(force_for(1.5))
    assert pull(g, 1.5, 0.6, start=0.6, t0=1.0) == []  # holding at the far end: nothing more


def test_short_of_the_mark_nothing_and_a_slow_pull_is_soft_a_fast_one_full() -> None:
    assert pull(PullGesture(), 1.0, THRESHOLD_M * 0.9) == []
    soft, hard = pull(PullGesture(), 0.2, 0.5)[0], pull(PullGesture(), 3.0, 0.5)[0]
    assert soft.force == pytest.approx(MIN_FORCE) and hard.force == 1.0
    assert force_for(SOFT_SPEED) == MIN_FORCE and force_for(HARD_SPEED) == 1.0
    assert force_for((SOFT_SPEED + HARD_SPEED) / 2) == pytest.approx((MIN_FORCE + 1) / 2)
    amp_soft, dur_soft = soft.haptic()
    amp_hard, dur_hard = hard.haptic()
    assert 0 < amp_soft < amp_hard <= 1 and 0 < dur_soft < dur_hard


def test_it_must_come_back_or_let_go_before_ringing_again() -> None:
    g = PullGesture()
    assert len(pull(g, 1.5, 0.5)) == 1
    assert pull(g, 1.5, THRESHOLD_M * 0.8, start=0.5, t0=1.0) == []  # eased back a little: not re-armed
    assert pull(g, 1.5, 0.5, start=THRESHOLD_M * 0.8, t0=2.0) == []
    pull(g, 1.5, 0.05, start=0.5, t0=3.0)  # back to the handle
    assert len(pull(g, 1.5, 0.5, t0=4.0)) == 1
    g.update(RIGHT, (0.0, 0.0, 1.2), False, 5.0, ROPE)  # let go far back: the rope is dropped
    assert not g.holding(RIGHT)


def test_squeezing_away_from_the_handle_or_without_a_rope_holds_nothing() -> None:
    g = PullGesture()
    far = Rope(handle=(2.0, 0.5, 1.2), pull=(0.0, -1.0, 0.0))
    assert pull(g, 1.5, 0.6, rope=far) == [] and not g.holding(RIGHT)
    assert pull(g, 1.5, 0.6, rope=None) == []
    assert pull(g, 1.5, 0.6, grip=False) == []
