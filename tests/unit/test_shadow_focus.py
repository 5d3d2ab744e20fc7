"""When the shadow map is redrawn and where its camera is placed: pure."""

import math

import pytest

from game.render import shadow_focus as sf

SUN = sf.light_direction((0.3, -0.5, 0.8))


SIZE, SMALLEST, LARGEST, DISTANCE = 1024, 24.0, 240.0, 160.0


def rays(heading: float, pitch: float, fov: tuple[float, float] = (40.0, 23.1)) -> list[sf.Vec3]:
    """A 3×3 grid of unit view rays across a camera's film (heading 0 looks along +Y, pitch up positive)."""
    out = []
    h, p = math.radians(heading), math.radians(pitch)
    forward = (-math.sin(h) * math.cos(p), math.cos(h) * math.cos(p), math.sin(p))
    right = (math.cos(h), math.sin(h), 0.0)
    up = (math.sin(h) * math.sin(p), -math.cos(h) * math.sin(p), math.cos(p))
    for fx in (-1, 0, 1):
        for fy in (-1, 0, 1):
            tx, ty = fx * math.tan(math.radians(fov[0] / 2)), fy * math.tan(math.radians(fov[1] / 2))
            v = [f + tx * r + ty * u for f, r, u in zip(forward, right, up, strict=True)]
            n = math.hypot(*v)
            out.append((v[0] / n, v[1] / n, v[2] / n))
    return out


def fitted(eye: sf.Vec3, heading: float, pitch: float, light: sf.Vec3 = SUN) -> tuple[sf.Fit, list[sf.Vec3]]:
    points = sf.view_points(eye, rays(heading, pitch), DISTANCE, 0.0)
    return sf.fit_view(points, light, SIZE, SMALLEST, LARGEST), points


def across(points, light=SUN):
    return sf._across(points, sf._light_axes(light))


def test_the_view_is_cut_at_the_ground_the_ceiling_and_the_shadow_distance():
    down, level, up = (0.0, 0.6, -0.8), (0.0, 1.0, 0.0), (0.0, 0.6, 0.8)
    eye = (0.0, 0.0, 1.6)
    points = sf.view_points(eye, [down, level, up], DISTANCE, 0.0)
    assert points[0] == points[2] == points[4] == eye  # each ray from the eye, which is inside the slab
    assert points[1] == pytest.approx((0.0, 1.2, 0.0))  # where it meets the ground
    assert points[3] == pytest.approx((0.0, DISTANCE, 1.6))
    assert points[5][2] == pytest.approx(sf.CEILING)
    # from a camera high above the ceiling, only where the ray crosses the slab counts
    above = sf.view_points((0.0, 0.0, 150.0), [(0.0, 0.6, -0.8)], 400.0, 0.0)
    assert [p[2] for p in above] == pytest.approx([sf.CEILING, 0.0])
    assert sf.view_points((0.0, 0.0, 150.0), [level, up], 400.0, 0.0) == []  # above it all, looking level or up


def test_map_widths_are_a_ladder_with_room_for_a_walk():
    last = 0.0
    for span in (1.0, 10.0, 30.0, 55.5, 120.0, 400.0):
        extent = sf.map_extent(span, SMALLEST, LARGEST)
        k = math.log(extent / SMALLEST) / math.log(sf.STEP)
        assert extent == LARGEST or k == pytest.approx(round(k))  # one of the ladder's sizes
        assert extent >= min(span * (1 + 2 * sf.FOCUS_FRACTION), LARGEST) and extent >= last
        assert extent == LARGEST or extent < max(span * (1 + 2 * sf.FOCUS_FRACTION), SMALLEST) * sf.STEP + 1e-9
        last = extent


def test_looking_down_gets_a_sharp_map_and_looking_along_an_avenue_a_wide_one():
    down, _ = fitted((0.0, -3.0, 4.0), 0.0, -55.0)
    avenue, points = fitted((0.0, 0.0, 1.7), 0.0, 0.0)
    assert down.extent <= 40.0 and down.extent / SIZE < 0.04  # under 4 cm a texel at the visitor's feet
    assert avenue.extent >= 120.0  # the avenue 160 m ahead
    # the whole view up to the shadow distance lies on the map, with room to spare
    c = across([avenue.centre])[0]
    for x, y, _ in across(points):
        assert abs(x - c[0]) < avenue.extent / 2 * 0.95 and abs(y - c[1]) < avenue.extent / 2 * 0.95


def test_the_fitted_centre_lies_on_its_texel_grid():
    fit, _ = fitted((13.37, -42.1, 1.7), 30.0, -10.0)
    texel = fit.extent / SIZE
    right, up, _ = sf._light_axes(SUN)
    for axis in (right, up):
        k = sum(s * a for s, a in zip(fit.centre, axis, strict=True)) / texel
        assert k == pytest.approx(round(k), abs=1e-6)


def test_a_view_wider_than_the_largest_map_gets_its_middle_and_keeps_it():
    points = sf.view_points((0.0, 0.0, 1.7), rays(0.0, 0.0), DISTANCE, 0.0)
    fit = sf.fit_view(points, SUN, SIZE, SMALLEST, 80.0)
    assert fit.extent == 80.0
    left, bottom, right, top = fit.needed
    assert right - left <= 80.0 / (1 + 2 * sf.FOCUS_FRACTION) + 1e-9 and top - bottom <= 80.0
    assert not sf.needs_render(SUN, fit, SUN, fit)  # the same view: no redraw every frame


def test_no_redraw_for_a_small_sun_turn_a_short_walk_or_a_small_turn():
    fit, _ = fitted((0.0, 0.0, 1.7), 0.0, -8.0)
    assert sf.needs_render(None, None, SUN, fit)
    assert not sf.needs_render(SUN, fit, SUN, fit)
    assert not sf.needs_render(SUN, fit, SUN, fitted((0.5, 2.0, 1.7), 0.0, -8.0)[0])  # two steps ahead
    assert not sf.needs_render(SUN, fit, SUN, fitted((0.0, 0.0, 1.7), 2.0, -8.0)[0])  # a glance 2° aside
    assert sf.needs_render(SUN, fit, SUN, fitted((0.0, 0.0, 1.7), 60.0, -8.0)[0])  # turned to another street
    assert sf.needs_render(SUN, fit, SUN, fitted((0.0, 40.0, 1.7), 0.0, -8.0)[0])  # walked 40 m
    assert sf.needs_render(SUN, fit, SUN, fitted((0.0, -3.0, 4.0), 0.0, -55.0)[0])  # looked down: map too coarse
    a = math.radians(1.0)  # the sun turned by 1°
    turned = sf.light_direction((SUN[0] * math.cos(a) - SUN[1] * math.sin(a),
                                 SUN[0] * math.sin(a) + SUN[1] * math.cos(a), SUN[2]))
    assert sf.needs_render(SUN, fit, turned, fitted((0.0, 0.0, 1.7), 0.0, -8.0, turned)[0])


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


def test_the_depth_bias_follows_the_texel_and_the_sun_height():
    high, low = sf.light_direction((0.3, -0.5, 2.0)), sf.light_direction((0.9, 0.0, 0.3))
    coarse, fine = sf.depth_bias(240.0, SIZE, low), sf.depth_bias(120.0, SIZE, low)
    assert coarse == pytest.approx(2 * fine)  # half the texel, half the bias
    assert sf.depth_bias(240.0, SIZE, high) < coarse  # a high sun needs less
    assert sf.depth_bias(24.0, SIZE, high) == sf.BIAS_FLOOR  # centimetre texels: the floor
    horizon = sf.light_direction((1.0, 0.0, 0.0))  # the slope is capped: shadows stay at their casters
    assert sf.depth_bias(240.0, SIZE, horizon) == pytest.approx(sf.BIAS_TEXELS * 240.0 / SIZE * sf.BIAS_MAX_SLOPE)


def test_the_filter_disc_covers_the_disc_evenly():
    for taps in (4, 12, 16):
        points = sf.filter_disc(taps)
        assert len(points) == taps
        radii = [math.hypot(x, y) for x, y in points]
        assert max(radii) < 1.0
        # equal area each: the inner half of the radius (a quarter of the area) holds a quarter of the taps
        assert abs(sum(r < 0.5 for r in radii) - taps / 4) <= 1
        # no clumps: no two taps closer than half the spacing an even grid would give
        spacing = math.sqrt(math.pi / taps)
        assert min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1:]) > 0.5 * spacing
        # centred, so the soft edge does not lean to one side
        assert math.hypot(sum(x for x, _ in points), sum(y for _, y in points)) / taps < 1e-9


def test_the_soft_edge_is_a_hand_breadth_within_one_to_three_texels():
    assert sf.filter_texels(160.0, 1024) == 1.0  # 16 cm texels: the hardware's own comparison is soft enough
    assert sf.filter_texels(24.0, 1024) == 3.0  # 2.3 cm texels: three of them, not a hand's breadth
    assert sf.filter_texels(40.0, 1024) == pytest.approx(sf.FILTER_METRES / (40.0 / 1024))
    for extent in (24.0, 40.0, 160.0, 400.0):
        texel = extent / 1024
        # the lookup leaves the surface by more than the filter reaches, and by no more than a few texels
        assert sf.filter_texels(extent, 1024) * texel < sf.normal_offset(extent, 1024) <= 5 * texel
