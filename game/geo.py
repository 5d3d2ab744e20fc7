"""WGS84 <-> local east-north-up (ENU) metres around an origin in Gwanghwamun Square. Pure.

The world uses Panda3D's axes directly: +X east, +Y north, +Z up, in metres. Over the few kilometres of
central Seoul an exact ECEF-based ENU keeps errors in the millimetres, so landmarks land where they are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# WGS84 ellipsoid
A = 6_378_137.0
F = 1 / 298.257223563
E2 = F * (2 - F)

#: Origin of the world: the middle of Gwanghwamun Square, on Sejong-daero's axis.
ORIGIN_LAT = 37.5725
ORIGIN_LON = 126.9769
#: Mean ground height of the square above the ellipsoid is irrelevant for a flat local world; use 0.
ORIGIN_H = 0.0


def _ecef(lat: float, lon: float, h: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    s, c = math.sin(phi), math.cos(phi)
    n = A / math.sqrt(1 - E2 * s * s)
    return ((n + h) * c * math.cos(lam), (n + h) * c * math.sin(lam), (n * (1 - E2) + h) * s)


@dataclass(frozen=True)
class LocalFrame:
    """A tangent-plane frame at (lat0, lon0); converts both ways."""

    lat0: float = ORIGIN_LAT
    lon0: float = ORIGIN_LON
    h0: float = ORIGIN_H

    def to_local(self, lat: float, lon: float, h: float = 0.0) -> tuple[float, float, float]:
        """WGS84 degrees (and height in metres) to (east, north, up) metres."""
        x, y, z = _ecef(lat, lon, h)
        x0, y0, z0 = _ecef(self.lat0, self.lon0, self.h0)
        dx, dy, dz = x - x0, y - y0, z - z0
        phi, lam = math.radians(self.lat0), math.radians(self.lon0)
        sp, cp, sl, cl = math.sin(phi), math.cos(phi), math.sin(lam), math.cos(lam)
        e = -sl * dx + cl * dy
        n = -sp * cl * dx - sp * sl * dy + cp * dz
        u = cp * cl * dx + cp * sl * dy + sp * dz
        return e, n, u

    def to_wgs84(self, east: float, north: float, up: float = 0.0) -> tuple[float, float, float]:
        """(east, north, up) metres back to WGS84 (lat, lon, h); iterative, converges to < 1 mm."""
        phi0, lam0 = math.radians(self.lat0), math.radians(self.lon0)
        sp, cp, sl, cl = math.sin(phi0), math.cos(phi0), math.sin(lam0), math.cos(lam0)
        x0, y0, z0 = _ecef(self.lat0, self.lon0, self.h0)
        x = x0 - sl * east - sp * cl * north + cp * cl * up
        y = y0 + cl * east - sp * sl * north + cp * sl * up
        z = z0 + cp * north + sp * up
        lon = math.atan2(y, x)
        p = math.hypot(x, y)
        lat = math.atan2(z, p * (1 - E2))
        for _ in range(6):
            n = A / math.sqrt(1 - E2 * math.sin(lat) ** 2)
            h = p / math.cos(lat) - n
            lat = math.atan2(z, p * (1 - E2 * n / (n + h)))
        n = A / math.sqrt(1 - E2 * math.sin(lat) ** 2)
        h = p / math.cos(lat) - n
        return math.degrees(lat), math.degrees(lon), h


WORLD = LocalFrame()


def to_local(lat: float, lon: float) -> tuple[float, float]:
    """Ground position (east, north) in world metres of a WGS84 point."""
    e, n, _ = WORLD.to_local(lat, lon)
    return e, n


def to_wgs84(east: float, north: float) -> tuple[float, float]:
    """WGS84 (lat, lon) of a world ground position."""
    lat, lon, _ = WORLD.to_wgs84(east, north)
    return lat, lon


def heading_to_panda(bearing_deg: float) -> float:
    """Compass bearing a front faces (0 north, 90 east, clockwise) → Panda3D H (counter-clockwise from +Y).

    Models are built with their front facing -Y (south) at H=0, so a south-facing gate has H=0.
    """
    return (180.0 - bearing_deg) % 360.0
