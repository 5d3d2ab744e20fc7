"""Comfort settings, snap/smooth turning and the vignette."""

import pytest

from game.xr.comfort import ComfortSettings, Turner, Vignette


def test_defaults_are_the_conservative_ones():
    s = ComfortSettings()
    assert (s.snap_turn_deg, s.smooth_turn, s.vignette, s.reference) == (45.0, False, True, "standing")


@pytest.mark.parametrize(
    "bad",
    [{"snap_turn_deg": 0}, {"snap_turn_deg": 200}, {"smooth_turn_deg_per_s": 0}, {"vignette_max": 1.5},
     {"reference": "lying"}, {"seated_eye_height_m": 3.0}, {"teleport_max_slope_deg": 90}],
)  # fmt: skip
def test_bad_settings_fail_early(bad):
    with pytest.raises(ValueError):
        ComfortSettings(**bad)


def test_snap_turn_fires_once_per_push():
    t = Turner(ComfortSettings(snap_turn_deg=30))
    got = [t.update(x, 0.011) for x in (0.0, 0.8, 1.0, 0.9, 0.5, 0.1, -0.95, -1.0, 0.0)]
    assert got == [0, -30, 0, 0, 0, 0, 30, 0, 0]  # right is negative heading (clockwise), left positive


def test_snap_turn_needs_the_stick_back_near_centre():
    t = Turner(ComfortSettings())
    assert t.update(1.0, 0.01) == -45
    assert t.update(0.5, 0.01) == 0  # still between release and press thresholds: not re-armed
    assert t.update(1.0, 0.01) == 0
    assert t.update(0.2, 0.01) == 0
    assert t.update(1.0, 0.01) == -45


def test_smooth_turn_scales_with_deflection_and_time():
    t = Turner(ComfortSettings(smooth_turn=True, smooth_turn_deg_per_s=100))
    assert t.update(0.1, 0.5) == 0  # dead zone
    assert t.update(1.0, 0.5) == pytest.approx(-50)
    assert t.update(-1.0, 0.25) == pytest.approx(25)
    assert 0 < t.update(-0.5, 1.0) < 50


def test_vignette_closes_fast_and_opens_slowly():
    v = Vignette(ComfortSettings(vignette_max=0.6))
    assert v.target(0, 0) == 0
    assert v.target(10, 0) == pytest.approx(0.6)
    assert v.target(0, 45) == pytest.approx(0.3)
    closing = [v.update(2.0, 0, 0.05) for _ in range(4)]
    assert closing == sorted(closing) and closing[-1] > 0.5
    after_one_step_open = v.update(0, 0, 0.05)
    assert closing[-1] - after_one_step_open < closing[0]  # reopens more slowly than it closed


def test_vignette_pulse_and_off_switch():
    on = Vignette(ComfortSettings())
    on.pulse()
    assert on.strength == pytest.approx(0.6)
    off = Vignette(ComfortSettings(vignette=False))
    off.pulse()
    assert off.strength == 0 and off.update(5.0, 180, 0.1) == 0
