"""Teleport arc maths, landing rules, and how locomotion moves the rig."""

import math

import pytest

from game.xr.arc import Hit, cast_arc, ground_plane, sample_arc
from game.xr.locomotion import Rig, recentre, teleport_to, turn_about


def test_arc_starts_at_the_hand_and_falls():
    pts = sample_arc((0, 0, 1.2), (0, 1, 1), speed=6)
    assert pts[0] == (0, 0, 1.2)
    assert pts[1][1] > 0 and pts[1][2] > 1.2  # forward and up at first
    assert pts[-1][2] < 0  # and down again
    with pytest.raises(ValueError):
        sample_arc((0, 0, 0), (0, 0, 0))


def test_arc_lands_on_the_ground_in_front():
    res = cast_arc(sample_arc((0, 0, 1.2), (0, 1, 0.5)), ground_plane(0.0))
    assert res.valid and res.hit is not None
    x, y, z = res.hit.point
    assert z == pytest.approx(0) and abs(x) < 1e-9 and 2 < y < 12
    assert res.points[-1] == res.hit.point


def test_steep_surfaces_are_not_landings():
    wall = Hit((0, 3, 1), (0, -1, 0))

    def query(a, b):
        return wall if a[1] < 3 <= b[1] else None

    res = cast_arc(sample_arc((0, 0, 1.2), (0, 1, 0.2)), query)
    assert res.hit == wall and not res.valid
    slope = Hit((0, 3, 0), (0, -math.sin(math.radians(20)), math.cos(math.radians(20))))
    assert cast_arc([(0, 0, 1), (0, 4, -1)], lambda a, b: slope, max_slope_deg=30).valid
    assert not cast_arc([(0, 0, 1), (0, 4, -1)], lambda a, b: slope, max_slope_deg=10).valid


def test_arc_pointing_at_the_sky_over_a_void_finds_nothing():
    res = cast_arc(sample_arc((0, 0, 1), (0, 0, 1), max_s=0.5), ground_plane(-100))
    assert res.hit is None and not res.valid


def test_turn_pivots_about_the_head():
    rig = Rig(10, 20, 0, 0)
    head = (0.5, 0.5, 1.7)
    turned = turn_about(rig, head, 90)
    assert turned.heading == pytest.approx(90)
    assert turned.to_world(head) == pytest.approx(rig.to_world(head))
    assert turn_about(turned, head, 180).heading == pytest.approx(-90)  # wrapped to [-180, 180)


def test_teleport_puts_the_head_over_the_target():
    rig = Rig(1, 2, 0, 30)
    head = (0.4, -0.3, 1.6)
    moved = teleport_to(rig, head, (50, 60, 3))
    hx, hy, hz = moved.to_world(head)
    assert (hx, hy) == pytest.approx((50, 60)) and hz == pytest.approx(3 + 1.6)
    assert moved.heading == rig.heading


def test_recentre_restores_position_and_facing():
    anchor = Rig(5, 5, 0, 0)
    head_local, head_heading = (1.0, 1.5, 1.7), 60.0
    rig = recentre(Rig(-3, 8, 0, 120), head_local, head_heading, anchor)
    hx, hy, _ = rig.to_world(head_local)
    assert (hx, hy) == pytest.approx((5, 5))
    assert rig.heading + head_heading == pytest.approx(anchor.heading)
