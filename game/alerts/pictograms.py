"""Which pictogram an alert shows, and each pictogram as vector shapes (no image files).

The pictogram is chosen from what the alert says happened, checked in this order: an all-clear
(``responseType`` AllClear, or 해제/"all clear" in the event), hazard keywords in the ``event`` (Korean and
English), an evacuation order, the same keywords in the ``headline``, then the CAP ``category``. Shapes live
in a [-1, 1]² square (x right, y up), drawn in order: convex polygons, discs and strokes (polylines with a
width), each with an sRGB colour. :mod:`ui.alerts.pictogram` turns them into Panda3D geometry. Pure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.alerts.model import Info

RGB = tuple[float, float, float]
BLACK: RGB = (0.04, 0.04, 0.04)
WHITE: RGB = (1.0, 1.0, 1.0)
YELLOW: RGB = (1.0, 0.82, 0.0)
RED: RGB = (0.78, 0.06, 0.06)
BLUE: RGB = (0.05, 0.32, 0.78)
GREEN: RGB = (0.0, 0.5, 0.24)

PICTOGRAMS = ("earthquake", "fire", "flood", "typhoon", "heat", "fine_dust", "air_raid", "missing_person",
              "evacuation", "all_clear", "general")

#: Hazard keywords (lower-case substrings) per pictogram, most specific first.
KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("air_raid", ("공습", "민방공", "민방위", "경계경보", "화생방", "미사일", "air raid", "civil defen", "missile")),
    ("earthquake", ("지진", "earthquake", "quake", "tsunami", "지진해일")),
    ("fire", ("화재", "산불", "fire")),
    ("flood", ("호우", "홍수", "침수", "범람", "폭우", "flood", "heavy rain", "rainfall")),
    ("typhoon", ("태풍", "강풍", "폭풍", "typhoon", "hurricane", "wind", "storm", "cyclone")),
    ("heat", ("폭염", "열대야", "heat")),
    ("fine_dust", ("미세먼지", "초미세먼지", "황사", "fine dust", "dust", "pm2.5", "pm10", "air quality")),
    ("missing_person", ("실종", "배회", "missing", "abduct", "amber")),
    ("evacuation", ("대피", "evacuat")),
)
ALL_CLEAR_WORDS = ("해제", "all clear", "all-clear")
CATEGORY_FALLBACK = {"Fire": "fire", "Security": "air_raid", "CBRNE": "air_raid", "Rescue": "missing_person"}


def _match(text: str | None) -> str | None:
    low = (text or "").casefold()
    return next((pid for pid, words in KEYWORDS if any(w in low for w in words)), None)


def pictogram_for(info: Info) -> str:
    """The pictogram id for one info block, by the order in this module's docstring."""
    if "AllClear" in info.response_types or any(w in info.event.casefold() for w in ALL_CLEAR_WORDS):
        return "all_clear"
    hazard = _match(info.event)
    if hazard is not None:
        return hazard
    if "Evacuate" in info.response_types:
        return "evacuation"
    return _match(info.headline) or next(
        (CATEGORY_FALLBACK[c] for c in info.categories if c in CATEGORY_FALLBACK), "general"
    )


@dataclass(frozen=True, slots=True)
class Poly:
    """A convex polygon, counter-clockwise or clockwise."""

    points: tuple[tuple[float, float], ...]
    color: RGB


@dataclass(frozen=True, slots=True)
class Disc:
    cx: float
    cy: float
    r: float
    color: RGB


@dataclass(frozen=True, slots=True)
class Stroke:
    """A polyline of the given width with round joints and caps."""

    points: tuple[tuple[float, float], ...]
    width: float
    color: RGB


Shape = Poly | Disc | Stroke


def _rounded_square(half: float, radius: float, color: RGB, steps: int = 6) -> Poly:
    pts = []
    for cx, cy, a0 in ((half - radius, half - radius, 0), (radius - half, half - radius, 90),
                       (radius - half, radius - half, 180), (half - radius, radius - half, 270)):
        for k in range(steps + 1):
            a = math.radians(a0 + 90 * k / steps)
            pts.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    return Poly(tuple(pts), color)


def _tile(color: RGB) -> list[Shape]:
    """Every pictogram sits on a rounded tile with a dark rim, so it reads on any background."""
    return [_rounded_square(1.0, 0.22, BLACK), _rounded_square(0.92, 0.16, color)]


def _rect(x0: float, y0: float, x1: float, y1: float, color: RGB) -> Poly:
    return Poly(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), color)


def _rotated(shape: Poly, degrees: float) -> Poly:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return Poly(tuple((x * c - y * s, x * s + y * c) for x, y in shape.points), shape.color)


def _wave(y: float, color: RGB, x0: float = -0.75, x1: float = 0.75) -> Stroke:
    pts = tuple((x0 + (x1 - x0) * k / 12, y + 0.07 * math.sin(k * math.pi / 3)) for k in range(13))
    return Stroke(pts, 0.1, color)


def _house(cx: float, base: float, w: float, h: float, color: RGB) -> list[Poly]:
    return [_rect(cx - w / 2, base, cx + w / 2, base + h, color),
            Poly(((cx - w * 0.65, base + h), (cx + w * 0.65, base + h), (cx, base + h + w * 0.5)), color)]


def _earthquake() -> list[Shape]:
    house = [_rotated(p, 8) for p in _house(0.0, -0.4, 0.9, 0.55, BLACK)]
    crack = Stroke(((0.08, 0.55), (-0.08, 0.22), (0.1, -0.02), (-0.06, -0.38)), 0.09, YELLOW)
    ground = Stroke(((-0.8, -0.58), (-0.45, -0.58), (-0.32, -0.45), (-0.18, -0.72), (-0.04, -0.58), (0.8, -0.58)),
                    0.1, BLACK)
    return [*_tile(YELLOW), *house, crack, ground]


def _fire() -> list[Shape]:
    return [*_tile(YELLOW), Disc(0.0, -0.28, 0.46, BLACK), Poly(((-0.44, -0.16), (0.44, -0.16), (0.05, 0.78)), BLACK),
            Poly(((-0.42, -0.2), (-0.15, 0.0), (-0.4, 0.32)), BLACK), Disc(0.0, -0.38, 0.22, YELLOW),
            Poly(((-0.21, -0.32), (0.21, -0.32), (0.02, 0.18)), YELLOW)]


def _flood() -> list[Shape]:
    return [*_tile(YELLOW), *_house(0.0, -0.3, 0.8, 0.45, BLACK),
            _rect(-0.8, -0.75, 0.8, -0.3, YELLOW), _wave(-0.3, BLUE), _wave(-0.5, BLUE), _wave(-0.7, BLUE)]


def _typhoon() -> list[Shape]:
    arms = []
    for phase in (0.0, math.pi):
        pts = tuple((0.09 * t * math.cos(t + phase), 0.09 * t * math.sin(t + phase))
                    for t in (1.2 + 0.35 * k for k in range(20)))
        arms.append(Stroke(pts, 0.13, BLACK))
    return [*_tile(YELLOW), *arms, Disc(0.0, 0.0, 0.17, BLACK), Disc(0.0, 0.0, 0.07, YELLOW)]


def _heat() -> list[Shape]:
    rays = [Stroke(((-0.25 + 0.36 * math.cos(a), 0.25 + 0.36 * math.sin(a)),
                    (-0.25 + 0.55 * math.cos(a), 0.25 + 0.55 * math.sin(a))), 0.08, BLACK)
            for a in (k * math.pi / 4 for k in range(8))]
    return [*_tile(YELLOW), Disc(-0.25, 0.25, 0.26, BLACK), *rays,
            Stroke(((0.5, -0.35), (0.5, 0.6)), 0.2, BLACK), Disc(0.5, -0.5, 0.2, BLACK),
            Stroke(((0.5, -0.4), (0.5, 0.2)), 0.08, RED), Disc(0.5, -0.5, 0.13, RED)]


def _fine_dust() -> list[Shape]:
    cloud = [Disc(-0.38, 0.2, 0.27, BLACK), Disc(0.02, 0.35, 0.36, BLACK), Disc(0.4, 0.18, 0.28, BLACK),
             _rect(-0.38, -0.07, 0.4, 0.2, BLACK)]
    dots = [Disc(x, y, 0.065, BLACK) for y, xs in ((-0.32, (-0.5, -0.17, 0.16, 0.49)), (-0.6, (-0.34, 0.0, 0.34)))
            for x in xs]
    return [*_tile(YELLOW), *cloud, *dots]


def _air_raid() -> list[Shape]:
    return [*_tile(RED), _rect(-0.09, -0.55, 0.09, 0.62, WHITE),
            Poly(((-0.09, -0.55), (0.09, -0.55), (0.0, -0.8)), WHITE),
            Poly(((-0.78, 0.2), (0.78, 0.2), (0.1, -0.15), (-0.1, -0.15)), WHITE),
            Poly(((-0.34, 0.66), (0.34, 0.66), (0.06, 0.46), (-0.06, 0.46)), WHITE)]


def _missing_person() -> list[Shape]:
    arc = tuple((0.42 + 0.2 * math.cos(math.radians(a)), 0.38 + 0.2 * math.sin(math.radians(a)))
                for a in range(160, -91, -25))
    return [*_tile(BLUE), Disc(-0.28, 0.38, 0.2, WHITE),
            Poly(((-0.62, -0.72), (0.06, -0.72), (-0.04, 0.1), (-0.52, 0.1)), WHITE),
            Stroke((*arc, (0.42, -0.08)), 0.11, WHITE), Disc(0.42, -0.38, 0.08, WHITE)]


def _evacuation() -> list[Shape]:
    w = 0.13
    return [*_tile(GREEN), Disc(0.12, 0.55, 0.14, WHITE),
            Stroke(((0.06, 0.34), (-0.1, -0.05)), 0.17, WHITE),
            Stroke(((-0.38, 0.12), (-0.02, 0.3), (0.3, 0.08)), w, WHITE),
            Stroke(((-0.1, -0.05), (0.15, -0.35), (0.04, -0.7)), w, WHITE),
            Stroke(((-0.1, -0.05), (-0.35, -0.32), (-0.62, -0.32)), w, WHITE),
            Stroke(((0.35, -0.52), (0.68, -0.52)), 0.1, WHITE),
            Poly(((0.64, -0.36), (0.64, -0.68), (0.85, -0.52)), WHITE)]


def _all_clear() -> list[Shape]:
    return [*_tile(GREEN), Stroke(((-0.52, 0.02), (-0.15, -0.4), (0.55, 0.45)), 0.22, WHITE)]


def _general() -> list[Shape]:
    return [*_tile(YELLOW), Stroke(((0.0, 0.58), (0.0, -0.14)), 0.22, BLACK), Disc(0.0, -0.5, 0.13, BLACK)]


_BUILDERS = {"earthquake": _earthquake, "fire": _fire, "flood": _flood, "typhoon": _typhoon, "heat": _heat,
             "fine_dust": _fine_dust, "air_raid": _air_raid, "missing_person": _missing_person,
             "evacuation": _evacuation, "all_clear": _all_clear, "general": _general}


def shapes(pictogram_id: str) -> tuple[Shape, ...]:
    """The vector drawing of a pictogram, back to front."""
    try:
        return tuple(_BUILDERS[pictogram_id]())
    except KeyError:
        raise KeyError(f"unknown pictogram {pictogram_id!r}; known: {', '.join(PICTOGRAMS)}") from None
