"""Which level of detail a building shows: full up close, shells beyond a distance, with hysteresis. Pure.

Distance is measured from the camera to the building's bounding box, not its centre, so a long gate with its
forecourt switches by how near its nearest part is. The switch happens at different distances going out and
coming back (:data:`BAND`), so a visitor standing at the threshold does not see the roof flicker between levels.
"""

from __future__ import annotations

import math

Vec3 = tuple[float, float, float]

#: Metres from a building's box beyond which it shows its far version (tile rows and bracket sets as shells).
FAR = 90.0
#: Metres beyond which a landmark's far version gives way to its distant one: the far mesh with its vertices merged
#: on a grid (``game.architecture.cluster.DISTANT_CELL``) under two pixels wide at this distance in a 1280-pixel view.
DISTANT = 400.0
#: Hysteresis, as a share of :data:`FAR`: far beyond FAR·(1 + BAND), near again within FAR·(1 − BAND).
BAND = 0.1


def box_distance(point: Vec3, lo: Vec3, hi: Vec3) -> float:
    """Distance from ``point`` to the axis-aligned box ``lo``–``hi`` (0 inside)."""
    return math.sqrt(sum(max(lo[i] - point[i], 0.0, point[i] - hi[i]) ** 2 for i in range(3)))


def stage(showing: int, distance: float, switches: tuple[float, ...], band: float = BAND) -> int:
    """Which version to show (0 is full detail): past every switch the distance has crossed, each with its own
    hysteresis, as :func:`far_detail` has for one."""
    shown = 0
    for i, switch in enumerate(switches):
        if far_detail(showing > i, distance, switch, band):
            shown = i + 1
    return shown


def far_detail(showing_far: bool, distance: float, far: float = FAR, band: float = BAND) -> bool:
    """Whether to show the far version now, given what shows and the camera's distance."""
    if showing_far:
        return distance > far * (1 - band)
    return distance > far * (1 + band)
