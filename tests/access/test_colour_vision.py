"""Colour-coded states stay distinguishable for dichromats: the simulation, CIEDE2000, and the app's scales."""

from __future__ import annotations

import numpy as np
import pytest

from game import colour_scales, colour_vision
from game.colour_vision import KINDS, THRESHOLD, ciede2000, closest_pair, lab, simulate


@pytest.mark.parametrize(("lab1", "lab2", "expected"), [  # Sharma, Wu & Dalal (2005), test data pairs 1-3, 7, 17, 18
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
    ((50.0, 2.8361, -74.0200), (50.0, 0.0, -82.7485), 3.4412),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((50.0, 2.5, 0.0), (61.0, -5.0, 29.0), 22.8977),
])
def test_ciede2000_matches_the_published_pairs(lab1, lab2, expected):
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert ciede2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_lab_of_white_and_srgb_red():
    assert lab((1.0, 1.0, 1.0)) == pytest.approx((100.0, 0.0, 0.0), abs=1e-3)
    assert lab((1.0, 0.0, 0.0)) == pytest.approx((53.24, 80.09, 67.20), abs=0.05)


@pytest.mark.parametrize("kind", KINDS[1:])
def test_each_dichromacy_is_a_projection_that_keeps_its_anchors(kind):
    m = colour_vision.SIMULATE[kind]
    np.testing.assert_allclose(m @ m, m, atol=1e-9)  # seeing it twice changes nothing more
    assert np.linalg.matrix_rank(m) == 2  # one cone's worth of information is gone
    for grey in (0.0, 0.5, 1.0):
        assert simulate((grey, grey, grey), kind) == pytest.approx((grey, grey, grey), abs=1e-9)
    anchor = (1.0, 0.0, 0.0) if kind == "tritanopia" else (0.0, 0.0, 1.0)
    assert simulate(anchor, kind) == pytest.approx(anchor, abs=1e-9)


def test_red_and_green_run_together_for_protanopes_and_deuteranopes_only():
    red, green = (0.8, 0.2, 0.1), (0.3, 0.6, 0.1)
    normal = ciede2000(lab(red), lab(green))
    for kind in ("protanopia", "deuteranopia"):
        assert ciede2000(lab(simulate(red, kind)), lab(simulate(green, kind))) < normal / 2
    assert ciede2000(lab(simulate(red, "tritanopia")), lab(simulate(green, "tritanopia"))) > normal / 2


@pytest.mark.parametrize("scale", ["alert banner", "alert flash", "crowd", "air"])
def test_every_scale_the_app_uses_stays_apart_under_every_vision(scale):
    colours = colour_vision.scales()[scale]
    for kind in KINDS:
        distance, a, b = closest_pair(colours, kind)
        assert distance >= THRESHOLD, f"{scale}: {a} and {b} only {distance:.1f} apart for {kind}"


def test_the_usual_colours_would_fail_the_same_check():
    assert closest_pair(colour_scales.USUAL_AIR, "tritanopia")[0] < THRESHOLD
    assert closest_pair(colour_scales.USUAL_CROWD, "deuteranopia")[0] < THRESHOLD


def test_the_command_prints_every_scale(capsys):
    assert colour_vision.main() == 0
    out = capsys.readouterr().out
    assert all(name in out for name in colour_vision.scales()) and "protanopia" in out
