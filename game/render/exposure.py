"""Auto-exposure: the camera's exposure adapts to the measured scene, around the time-of-day curve. Pure.

The time-of-day curve (the light rig's night opening, and the sky's own adaptation in ``sky_model``) is what every
preset gets. Where the renderer is a GPU (medium and high) the scene's log-average luminance is also measured each
frame (``game.render.metering``) and the exposure moves toward the key it calls for, within :data:`RANGE` stops of
the curve and with an eye's lag; on llvmpipe the measurement's read-back costs a frame what it is not worth, so
``low`` keeps the curve alone (figures in the pipeline's notes).
"""

from __future__ import annotations

import math

#: Log-average luminance (linear, before exposure) of the reference day views at 14:00 in May: measured on this
#: pipeline from the tour's views of Gwanghwamun, the square and Sungnyemun (0.15–0.18), so that by day the
#: measured exposure keeps the look the curve was tuned for (at 22:00 in December the same views measure 0.02–0.03)
KEY = 0.17
#: How far measurement may move the exposure from the curve, stops: enough to open a dark street or close down on
#: a floodlit gate filling the view, not enough to turn night into day
RANGE = 1.0
#: Seconds for the exposure to go two thirds of the way to its target: opening to the dark is slower than closing
#: down on the bright, as for an eye (photographic tone mappers use ~1 s and ~0.3 s)
OPEN_SECONDS = 1.2
CLOSE_SECONDS = 0.4


def target_stops(curve: float, log_average: float) -> float:
    """Exposure (stops) for a scene whose log-average luminance, measured with ``curve``'s exposure removed, is
    ``log_average`` (natural log): the key's, held within :data:`RANGE` of the curve."""
    wanted = math.log2(KEY) - log_average / math.log(2.0)
    return curve + max(-RANGE, min(RANGE, wanted - curve))


def adapt(current: float, target: float, seconds: float) -> float:
    """One step of the exposure toward ``target`` after ``seconds`` (exponential, slower when opening up)."""
    tau = OPEN_SECONDS if target > current else CLOSE_SECONDS
    return target + (current - target) * math.exp(-max(seconds, 0.0) / tau)
