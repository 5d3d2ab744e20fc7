"""The light rig: the sun by day, a floodlight on the visitor's side by night, continuous through dusk."""

from __future__ import annotations

import math

import pytest

from game.render.lighting import FLOOD_ELEVATION, flood_azimuth, night_factor, rig_for
from game.sun import SunPosition


def _sun(elevation: float, azimuth: float = 240.0) -> SunPosition:
    return SunPosition(azimuth=azimuth, elevation=elevation, declination=0.0, equation_of_time=0.0)


def test_by_day_the_key_light_is_the_sun_and_nothing_of_the_night_remains():
    rig = rig_for(_sun(45.0))
    assert rig.night == 0.0 and rig.exposure == 0.0
    az, el = math.radians(240.0), math.radians(45.0)
    expected = (math.sin(az) * math.cos(el), math.cos(az) * math.cos(el), math.sin(el))
    assert rig.key_dir(camera_heading=123.0) == pytest.approx(expected)  # the camera does not move the sun


def test_by_night_the_floodlight_comes_from_behind_the_visitor_low_and_warm():
    rig = rig_for(_sun(-30.0))
    assert rig.night == 1.0 and rig.exposure > 0
    for heading in (0.0, 90.0, -135.0):
        x, y, z = rig.key_dir(heading)
        look = math.radians(-heading)  # Panda3D heading turns counter-clockwise; azimuth clockwise
        forward = (math.sin(look), math.cos(look))
        assert x * forward[0] + y * forward[1] < -0.5, "the light must come from the visitor's side"
        assert math.degrees(math.asin(z)) == pytest.approx(FLOOD_ELEVATION)
    r, g, b = rig.key_colour
    assert r > g > b > 0  # warm
    assert max(rig.ambient) < 0.1  # the ground stays dim: the walls are what is lit


def test_dusk_is_continuous():
    previous = rig_for(_sun(20.0))
    for tenth in range(199, -100, -1):
        rig = rig_for(_sun(tenth / 10))
        assert math.dist(rig.key_colour, previous.key_colour) < 0.05
        assert math.dist(rig.key_dir(30.0), previous.key_dir(30.0)) < 0.05
        assert abs(rig.exposure - previous.exposure) < 0.05
        previous = rig


def test_night_factor_and_flood_azimuth():
    assert night_factor(10.0) == 0.0 and night_factor(-6.0) == 1.0 and 0 < night_factor(2.0) < 1
    assert flood_azimuth(0.0) == pytest.approx(145.0)  # looking north: the light stands to the south, a bit east
