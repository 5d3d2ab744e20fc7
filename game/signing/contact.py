"""How close the avatar's fingers come to each other: each digit segment is a capsule (the avatar draws it so),
and two digits of one hand must keep a gap between their surfaces, or one is seen passing through the other.
Pure (numpy); vectorised over poses so a test can sweep every frame of every template.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from game.signing import skeleton

#: Segments of one hand in a fixed order: (digit, phalanx 1–3).
SEGMENTS = tuple((digit, i) for digit in skeleton.DIGITS for i in (1, 2, 3))
#: Pairs of segments of different digits (segments of one digit meet at their joints by design).
PAIRS = tuple((a, b) for a, b in combinations(range(len(SEGMENTS)), 2) if SEGMENTS[a][0] != SEGMENTS[b][0])
_RADII = np.array([skeleton.digit_radius(d, i) for d, i in SEGMENTS])
_LENGTHS = np.array([skeleton.FINGER_LENGTHS[d][i - 1] for d, i in SEGMENTS])


def segment_ends(poses: np.ndarray, side: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and end points ``(N, segments, 3)`` of one hand's digit segments (in its wrist frame, right-hand
    terms: see :func:`skeleton.hand_frames`) for pose rows ``(N, joints)``."""
    frames = skeleton.hand_frames(poses, side)
    starts = np.stack([frames[f"{d}.{i}"][:, :3, 3] for d, i in SEGMENTS], axis=1)
    axes = np.stack([frames[f"{d}.{i}"][:, :3, 2] for d, i in SEGMENTS], axis=1)
    return starts, starts - axes * _LENGTHS[None, :, None]  # each segment runs along its frame's -Z


def _segment_distances(p1: np.ndarray, q1: np.ndarray, p2: np.ndarray, q2: np.ndarray) -> np.ndarray:
    """Closest distance between segments p1–q1 and p2–q2, batched over the leading axes."""
    d1, d2, r = q1 - p1, q2 - p2, p1 - p2
    a, e = (d1 * d1).sum(-1), (d2 * d2).sum(-1)
    b, c, f = (d1 * d2).sum(-1), (d1 * r).sum(-1), (d2 * r).sum(-1)
    den = a * e - b * b
    s = np.where(den > 1e-12, np.clip((b * f - c * e) / np.where(den > 1e-12, den, 1.0), 0.0, 1.0), 0.0)
    t = (b * s + f) / e
    s = np.where(t < 0, np.clip(-c / a, 0.0, 1.0), np.where(t > 1, np.clip((b - c) / a, 0.0, 1.0), s))
    t = np.clip(t, 0.0, 1.0)
    return np.linalg.norm(p1 + d1 * s[..., None] - p2 - d2 * t[..., None], axis=-1)


def digit_gaps(poses: np.ndarray, side: str) -> np.ndarray:
    """Surface gap (metres; negative: overlapping) for every pose and pair in :data:`PAIRS`, ``(N, pairs)``."""
    starts, ends = segment_ends(np.atleast_2d(poses), side)
    a, b = np.array(PAIRS).T
    return _segment_distances(starts[:, a], ends[:, a], starts[:, b], ends[:, b]) - _RADII[a] - _RADII[b]
