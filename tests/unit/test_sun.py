"""Solar position against physical reference values for Seoul (each within 0.5°)."""

import datetime as dt

import pytest

from game.config import KST
from game.sun import SEOUL_LAT, SEOUL_LON, solar_position

OBLIQUITY = 23.44


def noon(day: dt.date):
    """Highest sun of the day, found by scanning minutes (independent of the algorithm's own solar noon)."""
    start = dt.datetime(day.year, day.month, day.day, 11, 30, tzinfo=KST)
    return max((solar_position(start + dt.timedelta(minutes=m)) for m in range(120)), key=lambda p: p.elevation)


@pytest.mark.parametrize("day,decl", [(dt.date(2025, 6, 21), OBLIQUITY), (dt.date(2025, 12, 21), -OBLIQUITY),
                                      (dt.date(2026, 3, 20), 0.0), (dt.date(2026, 9, 23), 0.0)])
def test_noon_elevation_is_90_minus_latitude_plus_declination(day, decl):
    p = noon(day)
    # refraction adds < 0.02° at these heights; the equinox declination passes 0 within the day (< 0.4°)
    assert p.elevation == pytest.approx(90 - SEOUL_LAT + decl, abs=0.5)
    assert p.azimuth == pytest.approx(180.0, abs=0.5)


def test_solar_noon_in_seoul_is_about_12_32_kst():
    """Seoul lies 8.0° west of KST's 135° meridian: mean solar noon 12:32, shifted by the equation of time."""
    p = noon(dt.date(2025, 4, 15))  # equation of time ≈ 0 in mid-April
    start = dt.datetime(2025, 4, 15, 11, 30, tzinfo=KST)
    minutes = [solar_position(start + dt.timedelta(minutes=m)).elevation for m in range(120)]
    at = 30 + minutes.index(p.elevation)
    expected = 12 * 60 + 4 * (135 - SEOUL_LON)
    assert 11 * 60 + at == pytest.approx(expected, abs=3)


def test_equinox_sunrise_is_due_east_and_sunset_due_west():
    day = dt.datetime(2026, 3, 20, 0, 0, tzinfo=KST)
    samples = [solar_position(day + dt.timedelta(minutes=m)) for m in range(0, 24 * 60, 2)]
    rise = next(p for p in samples if p.elevation > 0)
    set_ = next(p for p in reversed(samples) if p.elevation > 0)
    assert rise.azimuth == pytest.approx(90, abs=1.5)
    assert set_.azimuth == pytest.approx(270, abs=1.5)


def test_midnight_sun_is_below_horizon_and_direction_is_unit():
    p = solar_position(dt.datetime(2026, 1, 1, 0, 0, tzinfo=KST))
    assert p.elevation < -40
    x, y, z = solar_position(dt.datetime(2026, 6, 1, 9, 0, tzinfo=KST)).direction()
    assert x * x + y * y + z * z == pytest.approx(1.0)
    assert x > 0 and z > 0  # morning sun stands east and above


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        solar_position(dt.datetime(2026, 6, 1, 12, 0))
