"""The sky's colour model (game.render.sky_model: Preetham through twilight to night) checked without rendering:
the facts of a clear sky that any photograph shows."""

import math

import pytest

from game.render import sky_model as sm


def _dir(azimuth: float, elevation: float) -> tuple[float, float, float]:
    az, el = math.radians(azimuth), math.radians(elevation)
    return (math.sin(az) * math.cos(el), math.cos(az) * math.cos(el), math.sin(el))


def _luma(rgb) -> float:
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


def _sky(sun_el: float, view_az: float, view_el: float, sun_az: float = 180.0, turbidity: float = sm.CLEAR_TURBIDITY):
    return sm.sky_radiance(sm.sky_state(sun_el, turbidity), _dir(view_az, view_el), _dir(sun_az, sun_el))


def test_preetham_zenith_luminance_rises_with_the_sun_and_the_haze():
    """With the sun on the horizon the paper's formula reduces to 2.4192 − 0.2155 T; higher suns and hazier air
    (at a high sun) brighten the zenith."""
    assert sm.zenith_luminance(3.0, math.radians(90.0)) == pytest.approx(2.4192 - 0.2155 * 3.0)
    heights = [sm.zenith_luminance(3.0, math.radians(90.0 - e)) for e in (0, 10, 30, 60)]
    assert heights == sorted(heights)
    assert sm.zenith_luminance(6.0, math.radians(30.0)) > sm.zenith_luminance(3.0, math.radians(30.0))


def test_the_zenith_is_darker_than_the_horizon_at_noon_in_december():
    """Sun 29° up in the south: the sky deepens overhead and pales toward the horizon, in every direction."""
    for az in (0.0, 90.0, 270.0):
        assert _luma(_sky(29.0, az, 90.0)) < _luma(_sky(29.0, az, 3.0))


def test_the_sky_is_blue_overhead_and_bluer_than_at_the_horizon():
    zenith = _sky(50.0, 0.0, 90.0)
    horizon = _sky(50.0, 0.0, 2.0)
    assert zenith[2] > zenith[0] * 1.5
    assert zenith[2] / zenith[0] > horizon[2] / horizon[0]


def test_the_sky_near_the_sun_is_brighter():
    near = _luma(_sky(30.0, 180.0, 35.0))
    away = _luma(_sky(30.0, 0.0, 35.0))
    assert near > 2.0 * away


def test_a_low_sun_warms_the_horizon_beneath_it():
    r, g, b = _sky(2.0, 180.0, 3.0)
    assert r > g > b


def test_hazier_air_whitens_the_sky():
    clear, hazy = _sky(40.0, 0.0, 30.0), _sky(40.0, 0.0, 30.0, turbidity=8.0)
    assert hazy[2] / hazy[0] < clear[2] / clear[0]


def test_twilight_keeps_a_warm_glow_under_the_set_sun_and_deep_blue_above():
    west = _sky(-4.0, 245.0, 2.0, sun_az=245.0)
    overhead = _sky(-4.0, 245.0, 85.0, sun_az=245.0)
    assert west[0] > west[2]
    assert overhead[2] > overhead[0] * 1.5
    assert _luma(west) > _luma(overhead)


def test_night_falls_below_the_threshold():
    """The sky's luminance falls steadily through twilight and settles on the city's glow; it is night below −11°."""
    keys = [sm.key_luminance(e) for e in (10, 0, -3, -6, -9, -12, -18)]
    assert all(a > b for a, b in zip(keys, keys[1:], strict=False))
    assert sm.key_luminance(-18.0) == pytest.approx(sm.NIGHT_LUMINANCE, rel=0.01)
    assert sm.key_luminance(-6.0) == pytest.approx(3.2e-3, rel=0.5)  # ~3 cd/m² at the end of civil twilight
    assert not sm.is_night(-10.0) and sm.is_night(-12.0)


def test_exposure_opens_at_night_but_never_makes_it_day():
    noon, night = sm.exposure_stops(60.0), sm.exposure_stops(-20.0)
    assert noon == pytest.approx(0.0, abs=0.25) and 12.0 < night < 20.0  # noon is the reference
    day_sky = _luma(_sky(60.0, 0.0, 45.0))
    night_sky = _luma(_sky(-20.0, 0.0, 45.0))
    assert night_sky < day_sky / 10.0
    assert night_sky > 0.0  # Seoul's sky glow: never black


def test_the_sun_reddens_and_dims_as_it_sinks():
    high, low = sm.sun_disc(60.0), sm.sun_disc(3.0)
    assert high[0] > low[0] and low[0] > low[1] > low[2]
    assert sm.sun_disc(-5.0) == (0.0, 0.0, 0.0)
    assert sm.air_mass(90.0) == pytest.approx(1.0, abs=0.01)
    assert sm.air_mass(0.0) == pytest.approx(38.0, rel=0.05)


def test_the_moon_is_faint_by_day_bright_at_night_and_dark_below_the_horizon():
    day = sm.moon_brightness(40.0, 10.0, sm.sky_state(50.0).scale)
    night = sm.moon_brightness(40.0, 10.0, sm.sky_state(-20.0).scale)
    assert day < _luma(_sky(50.0, 0.0, 40.0)) and night == sm.MOON_MAX
    assert sm.moon_brightness(-5.0, 10.0, sm.sky_state(-20.0).scale) == 0.0


def test_moonlight_grows_with_phase_and_altitude():
    full, half = sm.moonlight(60.0, 1.0, 0.0), sm.moonlight(60.0, 0.5, 90.0)
    assert full[2] > 3 * half[2] > 0.0  # a half moon gives about a tenth of a full one's light
    assert sm.moonlight(60.0, 1.0, 0.0)[2] > sm.moonlight(15.0, 1.0, 0.0)[2]
    assert sm.moonlight(-1.0, 1.0, 0.0) == (0.0, 0.0, 0.0)
