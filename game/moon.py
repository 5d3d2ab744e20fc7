"""The Moon's place and phase for a place and time (Astronomical Almanac low-precision formulae). Pure.

The Almanac's series (section D, "low-precision formulas for the Moon's coordinates") give the ecliptic longitude to
~0.3°, latitude to ~0.2° and the horizontal parallax to ~0.003° for 1900–2100; the phase instants they give are
within about an hour of the full theory's (the Moon's elongation moves 12°/day). The position is made topocentric
(the Moon is near enough that Seoul sees it up to 1° lower than the Earth's centre does), and the phase angle and
illuminated fraction follow Meeus (Astronomical Algorithms, ch. 48) from the elongation from the Sun.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from game.sun import SEOUL_LAT, SEOUL_LON

EARTH_RADIUS_KM = 6378.14
AU_KM = 149_597_870.7


@dataclass(frozen=True)
class MoonPosition:
    azimuth: float  # degrees clockwise from true north, topocentric
    altitude: float  # degrees above the horizon, topocentric, no refraction
    distance_km: float  # from the Earth's centre
    elongation: float  # degrees from the Sun, geocentric (0 new … 180 full)
    phase_angle: float  # Sun–Moon–Earth angle in degrees (180 new … 0 full)
    illuminated: float  # illuminated fraction of the disc, 0 … 1
    waxing: bool  # the lit share is growing (the Moon is east of the Sun)

    def direction(self) -> tuple[float, float, float]:
        """Unit vector from the viewer towards the Moon in east-north-up (= Panda3D world) axes."""
        return _enu(self.azimuth, self.altitude)


def _enu(azimuth: float, altitude: float) -> tuple[float, float, float]:
    az, el = math.radians(azimuth), math.radians(altitude)
    return (math.sin(az) * math.cos(el), math.cos(az) * math.cos(el), math.sin(el))


def _sin(deg: float) -> float:
    return math.sin(math.radians(deg))


def _cos(deg: float) -> float:
    return math.cos(math.radians(deg))


def _centuries(when: dt.datetime) -> float:
    """Julian centuries from J2000.0 (UT; TT−UT's ~70 s moves the Moon by 0.01°, far inside the series' error)."""
    if when.tzinfo is None:
        raise ValueError("moon_position needs a timezone-aware datetime")
    jd = when.astimezone(dt.UTC).timestamp() / 86400.0 + 2440587.5
    return (jd - 2451545.0) / 36525.0


def ecliptic(when: dt.datetime) -> tuple[float, float, float]:
    """Geocentric ecliptic longitude and latitude (degrees) and horizontal parallax (degrees) of the Moon."""
    t = _centuries(when)
    lon = (218.32 + 481267.881 * t
           + 6.29 * _sin(135.0 + 477198.87 * t) - 1.27 * _sin(259.3 - 413335.36 * t)
           + 0.66 * _sin(235.7 + 890534.22 * t) + 0.21 * _sin(269.9 + 954397.74 * t)
           - 0.19 * _sin(357.5 + 35999.05 * t) - 0.11 * _sin(186.5 + 966404.03 * t)) % 360.0
    lat = (5.13 * _sin(93.3 + 483202.02 * t) + 0.28 * _sin(228.2 + 960400.89 * t)
           - 0.28 * _sin(318.3 + 6003.15 * t) - 0.17 * _sin(217.6 - 407332.21 * t))
    parallax = (0.9508 + 0.0518 * _cos(135.0 + 477198.87 * t) + 0.0095 * _cos(259.3 - 413335.36 * t)
                + 0.0078 * _cos(235.7 + 890534.22 * t) + 0.0028 * _cos(269.9 + 954397.74 * t))
    return lon, lat, parallax


def sun_longitude(when: dt.datetime) -> float:
    """The Sun's apparent ecliptic longitude in degrees (the Almanac's low-precision Sun, ~0.01°)."""
    n = _centuries(when) * 36525.0
    g = 357.528 + 0.9856003 * n
    return (280.460 + 0.9856474 * n + 1.915 * _sin(g) + 0.020 * _sin(2 * g)) % 360.0


def elongation_in_longitude(when: dt.datetime) -> float:
    """The Moon's longitude minus the Sun's, 0 … 360: 0 new, 90 first quarter, 180 full, 270 last quarter."""
    return (ecliptic(when)[0] - sun_longitude(when)) % 360.0


def moon_position(when: dt.datetime, lat: float = SEOUL_LAT, lon: float = SEOUL_LON,
                  topocentric: bool = True) -> MoonPosition:
    """The Moon seen from (lat, lon) at ``when`` (timezone-aware); ``topocentric=False`` gives the direction seen
    from the Earth's centre, laid on the same horizon (to check the parallax against)."""
    t = _centuries(when)
    mlon, mlat, parallax = ecliptic(when)
    r = 1.0 / _sin(parallax)  # distance in Earth radii
    # geocentric direction cosines, equatorial axes (the Almanac's mean obliquity 23.44°)
    x = _cos(mlat) * _cos(mlon)
    y = 0.9175 * _cos(mlat) * _sin(mlon) - 0.3978 * _sin(mlat)
    z = 0.3978 * _cos(mlat) * _sin(mlon) + 0.9175 * _sin(mlat)
    lst = (280.46061837 + 360.98564736629 * t * 36525.0 + lon) % 360.0  # local mean sidereal time, degrees
    # topocentric: subtract the observer's place (geocentric, in Earth radii) from the Moon's
    here = 1.0 if topocentric else 0.0
    xt = r * x - here * _cos(lat) * _cos(lst)
    yt = r * y - here * _cos(lat) * _sin(lst)
    zt = r * z - here * _sin(lat)
    rt = math.sqrt(xt * xt + yt * yt + zt * zt)
    ra = math.degrees(math.atan2(yt, xt))
    dec = math.degrees(math.asin(zt / rt))
    ha = lst - ra
    alt = math.degrees(math.asin(_sin(lat) * _sin(dec) + _cos(lat) * _cos(dec) * _cos(ha)))
    az = math.degrees(math.atan2(-_sin(ha) * _cos(dec), _cos(lat) * _sin(dec) - _sin(lat) * _cos(dec) * _cos(ha)))
    # phase (Meeus 48.2–48.4): the elongation psi from the Sun, the Sun's distance taken as 1 AU
    slon = sun_longitude(when)
    psi = math.degrees(math.acos(max(-1.0, min(1.0, _cos(mlat) * _cos(mlon - slon)))))
    dist = r * EARTH_RADIUS_KM
    phase = math.degrees(math.atan2(AU_KM * _sin(psi), dist - AU_KM * _cos(psi)))
    waxing = (mlon - slon) % 360.0 < 180.0
    return MoonPosition(az % 360.0, alt, dist, psi, phase, (1.0 + _cos(phase)) / 2.0, waxing)


def principal_phases(start: dt.datetime, end: dt.datetime, phase: float) -> list[dt.datetime]:
    """The instants between ``start`` and ``end`` when the elongation in longitude passes ``phase`` degrees
    (0 new, 180 full), found by bisection to the minute: for tests, and for whoever wants the next full moon."""
    found = []
    step = dt.timedelta(hours=6)

    def past(at: dt.datetime) -> float:
        return (elongation_in_longitude(at) - phase + 180.0) % 360.0 - 180.0

    a = start
    while a < end:
        b = a + step
        if past(a) < 0 <= past(b):
            lo, hi = a, b
            while hi - lo > dt.timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                lo, hi = (mid, hi) if past(mid) < 0 else (lo, mid)
            found.append(lo + (hi - lo) / 2)
        a = b
    return found
