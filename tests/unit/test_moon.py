"""The Moon's phase and place (game.moon) against published values: the 2026 new and full moons, their phase
and their place in Seoul's sky."""

import datetime as dt
import math

import pytest

from game.config import KST
from game.moon import ecliptic, moon_position, principal_phases

UTC = dt.UTC
YEAR = (dt.datetime(2026, 1, 1, tzinfo=UTC), dt.datetime(2027, 1, 1, tzinfo=UTC))
#: New moons of 2026 (UT days) from the Metonic table of aa.quae.nl ("Moon phase tables": 2026 reads as 2007, exact
#: to ±1 day since it uses the Moon's mean motion)
NEW_MOON_TABLE = ((1, 18), (2, 17), (3, 18), (4, 17), (5, 16), (6, 15), (7, 14), (8, 13), (9, 12), (10, 11),
                  (11, 10), (12, 9))
#: Full moons of 2026 (UT, to the hour) as the series finds them (it is good to about an hour); the test below
#: also holds each within 15 h of the published mean-lunation formula, whose own error is up to 14.5 h
FULL_MOONS = ((1, 3, 10), (2, 1, 22), (3, 3, 12), (4, 2, 2), (5, 1, 18), (5, 31, 9), (6, 30, 0), (7, 29, 14),
              (8, 28, 4), (9, 26, 17), (10, 26, 4), (11, 24, 15), (12, 24, 2))


def test_new_moons_of_2026_fall_on_the_published_days():
    found = principal_phases(*YEAR, 0.0)
    assert len(found) == 12
    for when, (month, day) in zip(found, NEW_MOON_TABLE, strict=True):
        assert abs(when.date() - dt.date(2026, month, day)) <= dt.timedelta(days=1), when


def test_full_moons_of_2026_within_an_hour_and_a_half():
    found = principal_phases(*YEAR, 180.0)
    assert len(found) == 13  # 2026 has a blue moon (two in May)
    for when, (month, day, hour) in zip(found, FULL_MOONS, strict=True):
        assert abs(when - dt.datetime(2026, month, day, hour, tzinfo=UTC)) <= dt.timedelta(minutes=90), when


def test_full_moons_of_2026_follow_the_mean_lunation():
    """Mean full moon N: 20.362955 + 29.530588861 N days after 2000-01-01 00:00 TT (true ones differ < 14.5 h)."""
    epoch = dt.datetime(2000, 1, 1, tzinfo=UTC)
    for when in principal_phases(*YEAR, 180.0):
        n = round(((when - epoch).total_seconds() / 86400 - 20.362955) / 29.530588861)
        mean = epoch + dt.timedelta(days=20.362955 + 29.530588861 * n)
        assert abs(when - mean) < dt.timedelta(hours=15), (when, mean)


def test_the_christmas_eve_full_moon_stands_high_in_the_east_at_22_kst():
    m = moon_position(dt.datetime(2026, 12, 24, 22, tzinfo=KST))
    assert m.illuminated > 0.98
    assert 80 < m.azimuth < 110 and 40 < m.altitude < 60  # hour angle about −3 h, declination ~+25°


def test_illuminated_fraction_follows_the_phase():
    new = moon_position(dt.datetime(2026, 12, 9, 1, tzinfo=UTC))
    (quarter,) = principal_phases(dt.datetime(2026, 12, 10, tzinfo=UTC), dt.datetime(2026, 12, 20, tzinfo=UTC), 90.0)
    first_quarter = moon_position(quarter)
    assert new.illuminated < 0.01 and new.phase_angle > 170
    assert first_quarter.illuminated == pytest.approx(0.5, abs=0.01) and first_quarter.waxing
    assert quarter.date() == dt.date(2026, 12, 17)  # USNO: 17 December 2026, 05:43 UT
    assert not moon_position(dt.datetime(2026, 12, 30, tzinfo=UTC)).waxing


def test_a_young_moon_sets_soon_after_the_sun_in_the_south_west():
    """Three days after new moon, at dusk, the crescent is low in the south-west, not far from where the sun set."""
    m = moon_position(dt.datetime(2026, 12, 12, 18, tzinfo=KST))
    assert 0.05 < m.illuminated < 0.2
    assert 200 < m.azimuth < 250 and 5 < m.altitude < 30


@pytest.mark.parametrize("hour", [18, 21, 23])
def test_topocentric_parallax_lowers_the_moon(hour):
    """From Seoul the Moon stands lower than from the Earth's centre by its parallax times cos(altitude)."""
    when = dt.datetime(2026, 12, 24, hour, tzinfo=KST)
    seoul, centre = moon_position(when), moon_position(when, topocentric=False)
    parallax = ecliptic(when)[2]
    assert 1.0 < parallax < 1.025  # the December 2026 full moon is a perigee ("super") moon: 357,000 km
    assert centre.altitude - seoul.altitude == pytest.approx(parallax * math.cos(math.radians(seoul.altitude)),
                                                             abs=0.03)


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        moon_position(dt.datetime(2026, 12, 24, 22))
