"""Geo-targeting: is the user's WGS84 location inside an alert's areas?

Polygons use ray casting on (lat, lon) — exact enough for the few-kilometre areas of alerts away from the poles
and the antimeridian. Circles compare the great-circle (haversine) distance with the CAP radius in kilometres.
An area with only geocodes cannot be tested geometrically: it is presented when a Korean administrative code
says Seoul (codes starting with ``11``, the 시도 code of 서울특별시), and also when the code's scheme is unknown
so Seoul cannot be ruled out; a Korean code for another province or a US SAME/FIPS code rules it out. An area
with no polygon, circle or geocode (just ``areaDesc``) cannot be ruled out either. Pure (no Panda3D).
"""

from __future__ import annotations

import math

from game.alerts.model import Alert, Area, Circle, Info, NamedValue, Polygon

#: Gwanghwamun Square, the default kiosk location (matches the world origin in :mod:`game.geo`).
GWANGHWAMUN = (37.5725, 126.9769)
#: 시도 code of Seoul in Korean administrative (법정동/행정동) codes.
SEOUL_PREFIX = "11"
#: ``valueName``s taken to be Korean administrative codes (case-insensitive).
KOREAN_CODE_NAMES = frozenset(
    n.casefold() for n in ("법정동코드", "행정동코드", "행정구역코드", "KR-ADM", "KR_ADMIN_CODE")
)
#: Schemes that only code places outside Korea (US county codes).
FOREIGN_CODE_NAMES = frozenset(n.casefold() for n in ("SAME", "FIPS", "FIPS6", "UGC"))
EARTH_RADIUS_KM = 6371.0088


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def in_polygon(point: tuple[float, float], polygon: Polygon) -> bool:
    """Even-odd ray casting; a point exactly on an edge may fall either way, which a km-scale area tolerates."""
    lat, lon = point
    inside = False
    pts = polygon.points
    for (lat1, lon1), (lat2, lon2) in zip(pts, pts[1:], strict=False):
        if (lat1 > lat) != (lat2 > lat):
            cross_lon = lon1 + (lat - lat1) * (lon2 - lon1) / (lat2 - lat1)
            if lon < cross_lon:
                inside = not inside
    return inside


def in_circle(point: tuple[float, float], circle: Circle) -> bool:
    return haversine_km(point, (circle.lat, circle.lon)) <= circle.radius_km


def geocode_may_be_seoul(code: NamedValue) -> bool:
    name = code.name.casefold()
    if name in KOREAN_CODE_NAMES:
        return code.value.strip().startswith(SEOUL_PREFIX)
    return name not in FOREIGN_CODE_NAMES


def area_contains(area: Area, point: tuple[float, float]) -> bool:
    """Whether ``point`` may be in ``area``: geometry decides if any, else geocodes, else it cannot be ruled out."""
    if area.polygons or area.circles:
        return any(in_polygon(point, p) for p in area.polygons) or any(in_circle(point, c) for c in area.circles)
    if area.geocodes:
        return any(geocode_may_be_seoul(g) for g in area.geocodes)
    return True


def info_targets(info: Info, point: tuple[float, float]) -> bool:
    """An info with no area at all is addressed to everyone who receives it."""
    return not info.areas or any(area_contains(a, point) for a in info.areas)


def alert_targets(alert: Alert, point: tuple[float, float]) -> bool:
    return any(info_targets(i, point) for i in alert.infos) if alert.infos else True
