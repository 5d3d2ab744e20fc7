"""Where the visitor is: the way they face and the nearest landmarks, with distance and direction. Pure.

Panda3D headings turn counter-clockwise from north (+Y); compass bearings turn clockwise, so a heading h faces
the bearing -h. Directions are one of eight points (N, NE, …), named in the catalogue (``app.point_n`` …).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

POINTS = ("n", "ne", "e", "se", "s", "sw", "w", "nw")


def bearing(frm: tuple[float, float], to: tuple[float, float]) -> float:
    """Compass bearing (degrees clockwise from north) from ``frm`` to ``to``, both (east, north) metres."""
    return math.degrees(math.atan2(to[0] - frm[0], to[1] - frm[1])) % 360.0


def facing(heading: float) -> float:
    return -heading % 360.0


def point(bearing_deg: float) -> str:
    return POINTS[round(bearing_deg / 45.0) % 8]


@dataclass(frozen=True)
class Near:
    landmark_id: str
    metres: float
    point: str  # where it lies, as a compass point


def nearest(landmarks: Iterable[tuple[str, tuple[float, float]]], here: tuple[float, float], n: int = 2) -> list[Near]:
    """The ``n`` closest of (id, position) pairs, closest first."""
    ranked = sorted(((math.dist(here, pos), lid, pos) for lid, pos in landmarks))[:n]
    return [Near(lid, d, point(bearing(here, pos))) for d, lid, pos in ranked]
