"""Benches where people sit: placed along the long sides of the district's squares, facing in. Pure.

Each bench is also a collider for the walkway network (so no walker's band runs through it) and offers
``SEATS`` seats side by side, each far enough from the next and from every band that a sitter's personal circle
touches nobody's (:mod:`game.life.crowd` seats walkers there for a while).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from game.city.streets import SIDEWALK, Street, distance_to_polyline
from game.landmarks.catalogue import Landmark
from game.nav.collision import Obstacle

LENGTH, DEPTH, SEAT_HEIGHT = 1.8, 0.6, 0.45  # a three-seat park bench [E]
SEATS = 3
SPACING = 24.0  # metres between benches along a square's side
INSET = 5.0  # metres in from the square's edge (clear of the kerb and the pavement beside it)
END_MARGIN = 30.0  # none at the square's ends, where people cross to it


@dataclass(frozen=True)
class Bench:
    x: float
    y: float
    facing: float  # radians from +x: the way its sitters look


def along_squares(landmarks: Iterable[Landmark], streets: Iterable[Street]) -> list[Bench]:
    """Benches in two rows, one along each long side of every square, facing the middle; none on a carriageway or
    its pavement (Gwanghwamun Square's east side runs along Sejong-daero's kerb)."""
    streets = list(streets)
    out = []
    for lm in landmarks:
        if lm.kind != "square":
            continue
        width, length = lm.footprint
        a = math.radians(lm.heading)
        right, back = np.array([-math.cos(a), math.sin(a)]), np.array([-math.sin(a), -math.cos(a)])
        c = np.asarray(lm.local)
        for side in (-1, 1):
            inward = -side * right
            for s in np.arange(-length / 2 + END_MARGIN, length / 2 - END_MARGIN + 1e-9, SPACING):
                x, y = c + side * (width / 2 - INSET) * right + s * back
                if all(distance_to_polyline(st.points, np.array([[x, y]]))[0] > st.width / 2 + SIDEWALK + LENGTH
                       for st in streets):
                    out.append(Bench(float(x), float(y), math.atan2(inward[1], inward[0])))
    return out


def colliders(benches: Iterable[Bench]) -> list[Obstacle]:
    """A box per bench, in its own frame (its front, where the seats are, towards ``facing``)."""
    out = []
    for b in benches:
        h = math.degrees(b.facing) - 90.0  # Panda3D heading of a frame whose +Y is the facing
        out.append(Obstacle(b.x, b.y, h, ((-LENGTH / 2, -DEPTH / 2, 0.0, LENGTH / 2, DEPTH / 2, 0.9),)))
    return out


def seats(benches: Iterable[Bench]) -> np.ndarray:
    """(S, 3): x, y and facing of every seat, ``SEATS`` per bench, side by side along it."""
    out = []
    for b in benches:
        along = np.array([math.cos(b.facing - math.pi / 2), math.sin(b.facing - math.pi / 2)])
        for k in range(SEATS):
            x, y = np.array([b.x, b.y]) + along * (k - (SEATS - 1) / 2) * (LENGTH / SEATS)
            out.append((x, y, b.facing))
    return np.asarray(out, float).reshape(-1, 3)
