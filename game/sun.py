"""Solar position for a place and time (NOAA / Meeus low-precision algorithm, ~0.01° for 1950–2050). Pure.

The district's sun light and sky follow this, so a visit at 7 a.m. in December looks like one.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

SEOUL_LAT = 37.5665
SEOUL_LON = 126.9780


@dataclass(frozen=True)
class SunPosition:
    azimuth: float  # degrees clockwise from true north
    elevation: float  # degrees above the horizon, refraction-corrected
    declination: float  # degrees
    equation_of_time: float  # minutes

    def direction(self) -> tuple[float, float, float]:
        """Unit vector from the ground towards the sun in east-north-up (= Panda3D world) axes."""
        az, el = math.radians(self.azimuth), math.radians(self.elevation)
        return (math.sin(az) * math.cos(el), math.cos(az) * math.cos(el), math.sin(el))


def _julian_day(when: dt.datetime) -> float:
    utc = when.astimezone(dt.UTC)
    return utc.timestamp() / 86400.0 + 2440587.5


def _refraction(elev: float) -> float:
    """Atmospheric refraction in degrees for an apparent-elevation correction (NOAA's piecewise fit)."""
    if elev > 85.0:
        return 0.0
    te = math.tan(math.radians(elev))
    if elev > 5.0:
        arcsec = 58.1 / te - 0.07 / te**3 + 0.000086 / te**5
    elif elev > -0.575:
        arcsec = 1735.0 + elev * (-518.2 + elev * (103.4 + elev * (-12.79 + elev * 0.711)))
    else:
        arcsec = -20.772 / te
    return arcsec / 3600.0


def solar_position(when: dt.datetime, lat: float = SEOUL_LAT, lon: float = SEOUL_LON) -> SunPosition:
    """Sun azimuth/elevation at ``when`` (timezone-aware) seen from (lat, lon)."""
    if when.tzinfo is None:
        raise ValueError("solar_position needs a timezone-aware datetime")
    jc = (_julian_day(when) - 2451545.0) / 36525.0
    mean_long = (280.46646 + jc * (36000.76983 + jc * 0.0003032)) % 360.0
    mean_anom = 357.52911 + jc * (35999.05029 - 0.0001537 * jc)
    ecc = 0.016708634 - jc * (0.000042037 + 0.0000001267 * jc)
    m = math.radians(mean_anom)
    centre = (math.sin(m) * (1.914602 - jc * (0.004817 + 0.000014 * jc))
              + math.sin(2 * m) * (0.019993 - 0.000101 * jc) + math.sin(3 * m) * 0.000289)
    omega = math.radians(125.04 - 1934.136 * jc)
    app_long = mean_long + centre - 0.00569 - 0.00478 * math.sin(omega)
    mean_obliq = 23.0 + (26.0 + (21.448 - jc * (46.815 + jc * (0.00059 - jc * 0.001813))) / 60.0) / 60.0
    obliq = math.radians(mean_obliq + 0.00256 * math.cos(omega))
    decl = math.asin(math.sin(obliq) * math.sin(math.radians(app_long)))
    y = math.tan(obliq / 2) ** 2
    l0 = math.radians(mean_long)
    eot = 4 * math.degrees(
        y * math.sin(2 * l0) - 2 * ecc * math.sin(m) + 4 * ecc * y * math.sin(m) * math.cos(2 * l0)
        - 0.5 * y * y * math.sin(4 * l0) - 1.25 * ecc * ecc * math.sin(2 * m)
    )
    utc = when.astimezone(dt.UTC)
    minutes = utc.hour * 60 + utc.minute + utc.second / 60 + utc.microsecond / 6e7
    true_solar = (minutes + eot + 4 * lon) % 1440.0
    hour_angle = true_solar / 4 - 180.0
    phi, ha = math.radians(lat), math.radians(hour_angle)
    cos_zen = math.sin(phi) * math.sin(decl) + math.cos(phi) * math.cos(decl) * math.cos(ha)
    zen = math.acos(max(-1.0, min(1.0, cos_zen)))
    denom = math.cos(phi) * math.sin(zen)
    if abs(denom) < 1e-9:
        azimuth = 180.0
    else:
        c = max(-1.0, min(1.0, (math.sin(phi) * math.cos(zen) - math.sin(decl)) / denom))
        a = math.degrees(math.acos(c))
        azimuth = (a + 180.0) % 360.0 if hour_angle > 0 else (540.0 - a) % 360.0
    elev = 90.0 - math.degrees(zen)
    return SunPosition(azimuth, elev + _refraction(elev), math.degrees(decl), eot)
