"""Junctions found where the streets meet, and their traffic signals. Pure.

A junction's streets fall into two groups by direction (the north–south and the east–west flow); the groups
take turns: green, yellow, all-red. Pedestrians cross a street while the other group has green (the flow
parallel to them), so a crossing is never walked while the traffic it crosses may move. Signals depend only on
the clock (seconds since midnight) and the junction's fixed offset, never on a seed: every visitor sees the
same light at the same moment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

import numpy as np

from game.city.streets import Street, distance_to_polyline
from game.life.geometry import arc_lengths, point_at, project, segment_intersections

GREEN, YELLOW, ALL_RED = 35.0, 3.0, 2.0
HALF_CYCLE = GREEN + YELLOW + ALL_RED
CYCLE = 2 * HALF_CYCLE
MERGE = 15.0  # metres: meeting points closer than this are one junction
END_ON_STREET = 3.0  # a street ending this close to another's centre line meets it there


class Light(Enum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


@dataclass(frozen=True)
class Junction:
    id: int
    x: float
    y: float
    groups: dict[str, int]  # street id → signal group (0 or 1)
    offset: float  # seconds added to the clock, so neighbouring junctions do not all switch together

    def light(self, street: str, clock_s: float) -> Light:
        """The vehicle light shown to ``street`` at ``clock_s`` seconds since midnight."""
        t = (clock_s + self.offset) % CYCLE - self.groups.get(street, 0) * HALF_CYCLE
        t %= CYCLE
        if t < GREEN:
            return Light.GREEN
        return Light.YELLOW if t < GREEN + YELLOW else Light.RED

    def walk_remaining(self, crossed: str, clock_s: float) -> float:
        """Seconds of "walk" left for a crossing over ``crossed``: while the other group has green, else 0."""
        t = (clock_s + self.offset) % CYCLE - (1 - self.groups.get(crossed, 0)) * HALF_CYCLE
        t %= CYCLE
        return GREEN - t if t < GREEN else 0.0


def _tangent_angle(street: Street, xy: tuple[float, float]) -> float:
    lengths = arc_lengths(street.points)
    s, _ = project(street.points, lengths, xy)
    _, d = point_at(street.points, lengths, s)
    return math.degrees(math.atan2(d[1], d[0])) % 180.0


def find_junctions(streets: tuple[Street, ...] | list[Street]) -> list[Junction]:
    """Where centre lines cross or one street ends on another; streets grouped by direction at each."""
    meets: list[tuple[np.ndarray, set[str]]] = []
    for i, a in enumerate(streets):
        for b in streets[i + 1:]:
            for _, _, p in segment_intersections(a.points, b.points):
                meets.append((p, {a.id, b.id}))
            for s, other in ((a, b), (b, a)):
                for end in (s.points[0], s.points[-1]):
                    if distance_to_polyline(other.points, end[None])[0] < END_ON_STREET:
                        meets.append((end, {s.id, other.id}))
    clusters: list[tuple[list[np.ndarray], set[str]]] = []
    for p, ids in meets:
        for pts, names in clusters:
            if np.linalg.norm(np.mean(pts, axis=0) - p) < MERGE:
                pts.append(p)
                names |= ids
                break
        else:
            clusters.append(([p], set(ids)))
    by_id = {s.id: s for s in streets}
    junctions = []
    for k, (pts, names) in enumerate(clusters):
        x, y = np.mean(pts, axis=0)
        ordered = sorted(names, key=lambda n: (-by_id[n].width, n))
        ref = _tangent_angle(by_id[ordered[0]], (x, y))
        groups = {}
        for n in ordered:
            diff = abs(_tangent_angle(by_id[n], (x, y)) - ref) % 180.0
            groups[n] = 0 if min(diff, 180.0 - diff) < 45.0 else 1
        junctions.append(Junction(k, float(x), float(y), groups, (k * 23.0) % CYCLE))
    return junctions
