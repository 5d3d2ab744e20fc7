"""Level of detail for the district's crowd by distance from the eye: how often a walker is simulated, and whether
it is drawn with its full walking body or a coarse still one. Pure.

Two thousand walkers over the whole district cost the simulation about 25 ms a frame if every one steps every
frame; most of them are hundreds of metres away, where a step of a quarter second looks the same as four of a
sixtieth. Near the eye everyone steps every frame; further out they step every second or fourth frame, with the
time they are owed, so every walker still covers the same ground per simulated second. Each walker's turn is
staggered by its index, so a tier's work is spread evenly over the frames.
"""

from __future__ import annotations

import numpy as np

#: (metres from the eye, frames between a walker's steps) — beyond the last distance, the last period
UPDATE_TIERS = ((80.0, 1), (200.0, 2))
FAR_PERIOD = 4
#: Metres from the eye beyond which a walker is drawn with the coarse body (about 10 px tall at 640×360)
DRAW_NEAR = 50.0


def periods(pos: np.ndarray, eye: tuple[float, float] | None) -> np.ndarray:
    """Frames between steps for each walker at ``pos`` (N, 2); every frame for all without an eye."""
    out = np.full(len(pos), FAR_PERIOD, int)
    if eye is None:
        out[:] = 1
        return out
    dist = np.hypot(pos[:, 0] - eye[0], pos[:, 1] - eye[1])
    for reach, period in reversed(UPDATE_TIERS):
        out[dist <= reach] = period
    return out


def due(period: np.ndarray, frame: int) -> np.ndarray:
    """Which walkers step in ``frame``: each on every ``period``-th frame, staggered by its index."""
    return (np.arange(len(period)) + frame) % period == 0


def near(pos: np.ndarray, eye: tuple[float, float] | None) -> np.ndarray:
    """Which walkers are drawn with the full, animated body (all of them without an eye)."""
    if eye is None:
        return np.ones(len(pos), bool)
    return np.hypot(pos[:, 0] - eye[0], pos[:, 1] - eye[1]) <= DRAW_NEAR
