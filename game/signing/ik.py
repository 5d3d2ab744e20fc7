"""Arm inverse kinematics: place the palm at a point with the fingers and palm facing given ways. Pure.

The lexicon speaks in places and directions ("flat hand in front of the chest, fingers forward, palm down");
the avatar needs seven arm angles. A damped least-squares solve over the arm's joint angles, with a pull
towards a relaxed posture and hard joint limits, finds the most comfortable arm that reaches the target —
which is how a signer's elbow finds its own place. Solves run once per keyframe (cached), never per frame.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from game.signing import skeleton

LIMITS = np.array([skeleton.ARM_LIMITS[a] for a in skeleton.ARM_ANGLES])
RELAXED = np.array([35.0, 12.0, 0.0, 95.0, 0.0, 0.0, 0.0])
#: Starting points for a cold solve, one per family of arm postures (a local solve stays in its family):
#: relaxed, elbow raised, hand across the body, and forearm forward with the palm down or up and the wrist bent.
_SEEDS = tuple(np.array(s) for s in (
    RELAXED, (70.0, 30.0, 40.0, 80.0, 60.0, 0.0, 0.0), (20.0, 0.0, -40.0, 120.0, -60.0, 0.0, 0.0),
    (25.0, 10.0, 0.0, 100.0, 90.0, 60.0, 0.0), (25.0, 10.0, 0.0, 100.0, -90.0, 60.0, 0.0),
))
_PALM = np.array([*skeleton.PALM_CENTRE, 1.0])
_W_POS, _W_DIR, _W_ELBOW = 12.0, 0.6, 1.5
ELBOW_COMFORT_HEIGHT = 0.30  # torso frame: a little below the shoulder (0.45)
#: Pull towards the relaxed posture per joint; raising the elbow sideways is the most tiring, so it costs most.
_W_REST = np.array([0.002, 0.005, 0.002, 0.0015, 0.0015, 0.002, 0.003])
_EPS = 0.5


def _hand(frames: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Palm centre, finger direction and palm normal of batched right-hand frames."""
    return (frames @ _PALM)[:, :3], -frames[:, :3, 2], frames[:, :3, 0]


def _residuals(q: np.ndarray, target: np.ndarray, fingers: np.ndarray, palm: np.ndarray) -> np.ndarray:
    """Residual rows for a batch of angle vectors ``(N, 7)`` → ``(N, 17)``."""
    elbow, hand = skeleton.right_arm_frames(q)
    pos, f, n = _hand(hand)
    # Signers keep the elbow below the shoulder unless a sign needs it up: lifting it costs, softly.
    elbow_lift = np.maximum(0.0, elbow[:, 2, 3] - ELBOW_COMFORT_HEIGHT)[:, None]
    return np.concatenate([_W_POS * (pos - target), _W_DIR * (f - fingers), _W_DIR * (n - palm),
                           _W_REST * (q - RELAXED), _W_ELBOW * elbow_lift], axis=1)


def _solve_from(seed: np.ndarray, target: np.ndarray, fingers: np.ndarray, palm: np.ndarray,
                iterations: int) -> tuple[np.ndarray, float]:
    q = seed.copy()
    damping = 1e-3
    r = _residuals(q[None], target, fingers, palm)[0]
    cost = float(r @ r)
    for _ in range(iterations):
        batch = np.vstack([q, q + _EPS * np.eye(len(q))])
        rows = _residuals(batch, target, fingers, palm)
        jac = ((rows[1:] - rows[0]) / _EPS).T
        step = np.linalg.solve(jac.T @ jac + damping * np.eye(len(q)), -jac.T @ rows[0])
        trial = np.clip(q + step, LIMITS[:, 0], LIMITS[:, 1])
        r_trial = _residuals(trial[None], target, fingers, palm)[0]
        trial_cost = float(r_trial @ r_trial)
        if trial_cost < cost:
            q, cost, damping = trial, trial_cost, max(damping * 0.3, 1e-7)
            if np.abs(step).max() < 0.05:
                break
        else:
            damping *= 10.0
    return q, cost


@lru_cache(maxsize=8192)
def _solve_cached(key: tuple[float, ...], seed: tuple[float, ...] | None) -> tuple[float, ...]:
    values = np.array(key)
    target, fingers, palm = values[:3], values[3:6], values[6:9]
    if seed is not None:  # warm start from a nearby solution: one descent, few iterations
        return tuple(_solve_from(np.array(seed), target, fingers, palm, 20)[0].tolist())
    best = min((_solve_from(s, target, fingers, palm, 60) for s in _SEEDS), key=lambda qc: qc[1])
    return tuple(best[0].tolist())


def solve_arm(target: np.ndarray, fingers: np.ndarray, palm: np.ndarray, seed: np.ndarray | None = None) -> np.ndarray:
    """Right-arm angles (order :data:`skeleton.ARM_ANGLES`) putting the palm centre at ``target`` (torso frame).

    ``fingers`` and ``palm`` are unit vectors; the left arm uses the same solve on mirrored targets. With a
    ``seed`` (the solution for a nearby target, e.g. the previous sample of a shaking movement) the solve
    starts there, which is fast and keeps consecutive poses on the same branch, so the elbow does not flip.
    """
    key = tuple(round(float(v), 4) for v in (*target, *fingers, *palm))
    seed_key = None if seed is None else tuple(round(float(v), 1) for v in seed)
    return np.array(_solve_cached(key, seed_key))


def hand_pose(arm: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Palm centre, finger direction and palm normal reached by right-arm angles (torso frame)."""
    pos, f, n = _hand(skeleton.right_arm_frames(arm[None])[1])
    return pos[0], f[0], n[0]
