"""Where a sound's caption goes in a headset: beside its source when the visitor can see it, otherwise fixed in
front of the eyes with an arrow towards it (W3C XAUR REQ 19: captions tied to their source, and a way to find a
source out of view). Pure maths in the head's frame (Panda3D's: x right, y forward, z up; metres, degrees).

A caption in the world keeps a constant angular size, so the bell's strike reads the same from the square as
from under the pavilion; it floats above the source, where the source itself stays uncovered.
"""

from __future__ import annotations

import math

Vec = tuple[float, float, float]
#: Half the field of view a caption counts as "in view" within: well inside a headset's (about 45° × 45° half
#: angles), so a caption next to a source at the edge of sight does not fall outside the picture.
HALF_H_DEG, HALF_V_DEG = 35.0, 28.0
CAPTION_DEG = 2.2  # the height of a world caption's text line, as an angle at the eye (≈ 2× a 24 pt desk line)
ABOVE_DEG = 4.0  # how far above the source (as an angle) the caption floats


def in_view(rel: Vec, half_h: float = HALF_H_DEG, half_v: float = HALF_V_DEG) -> bool:
    """Whether a source at ``rel`` (its position relative to the head) is ahead, within the half angles."""
    x, y, z = rel
    if y <= 0:
        return False
    return abs(math.degrees(math.atan2(x, y))) <= half_h and abs(math.degrees(math.atan2(z, y))) <= half_v


def arrow_deg(rel: Vec) -> float:
    """The arrow's direction on the head-locked caption, clockwise from straight up (0 = up, 90 = right,
    180 = down, -90 = left): the way to turn the head. A source behind points sideways to its side; one dead
    behind points down (turn around)."""
    x, y, z = rel
    if y < 0:  # behind: turning is sideways; only its side and a little of its height matter
        if abs(x) < 0.01 * -y:  # within about half a degree of dead behind
            return 180.0
        return math.degrees(math.atan2(math.copysign(1.0, x), 0.25 * z / math.hypot(x, y, z)))
    return math.degrees(math.atan2(x, z)) if abs(x) + abs(z) > 1e-9 else 0.0


def world_scale(distance: float, line_deg: float = CAPTION_DEG) -> float:
    """Text scale (a line's height in metres) for a caption ``distance`` metres away to look ``line_deg`` tall."""
    return 2.0 * max(distance, 0.5) * math.tan(math.radians(line_deg) / 2.0)


def world_lift(distance: float, above_deg: float = ABOVE_DEG) -> float:
    """How many metres above the source the caption's baseline sits, ``above_deg`` above it at the eye."""
    return max(distance, 0.5) * math.tan(math.radians(above_deg))
