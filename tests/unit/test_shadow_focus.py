"""When the shadow map is redrawn and where its camera is placed: pure."""

import math

import pytest

from game.render import shadow_focus as sf

SUN = sf.light_direction((0.3, -0.5, 0.8))


def test_no_redraw_for_a_small_sun_turn_or_short_walk():
    assert sf.needs_render(None, None, SUN, (0, 0, 0), 180.0)
    assert not sf.needs_render(SUN, (0, 0, 0), SUN, (10.0, 12.0, 0), 180.0)
    assert sf.needs_render(SUN, (0, 0, 0), SUN, (0, 19.0, 0), 180.0)
    a = math.radians(1.0)  # turned by 1°
    turned = sf.light_direction((SUN[0] * math.cos(a) - SUN[1] * math.sin(a),
                                 SUN[0] * math.sin(a) + SUN[1] * math.cos(a), SUN[2]))
    assert sf.needs_render(SUN, (0, 0, 0), turned, (0, 0, 0), 180.0)


def test_a_sun_on_the_horizon_is_raised_to_a_usable_angle():
    x, y, z = sf.light_direction((1.0, 0.0, -0.1))
    assert z == pytest.approx(math.sin(math.atan2(sf.MIN_LIGHT_Z, 1.0)))
    assert math.hypot(x, y, z) == pytest.approx(1.0)


def test_snapped_focus_lies_on_the_texel_grid_and_moves_by_less_than_a_texel():
    texel = 180.0 / 1024
    for focus in ((0.0, 0.0, 0.0), (13.37, -42.1, 0.0), (250.5, 3.3, 2.0)):
        snapped = sf.snap(focus, SUN, texel)
        right, up, forward = sf._light_axes(SUN)
        offset = [s - f for s, f in zip(snapped, focus, strict=True)]
        assert abs(sum(o * a for o, a in zip(offset, forward, strict=True))) < 1e-9  # only across the view
        assert math.hypot(*offset) <= texel * math.sqrt(0.5) + 1e-9
        for axis in (right, up):
            k = sum(s * a for s, a in zip(snapped, axis, strict=True)) / texel
            assert k == pytest.approx(round(k), abs=1e-6)
