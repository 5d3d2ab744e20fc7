"""Gyeongbokgung's side gates in pixels (see side_gate_probe.py), seen from 45 m outside each on 15 May: the gate's
pavilion rises well above the palace wall on either side of it, standing out from the sky by day, and lit well
above the night sky's level at 22:00."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render


@pytest.mark.parametrize("gate", ["geonchunmun", "yeongchumun", "sinmumun"])
@pytest.mark.parametrize("hour", [14, 22])
def test_a_side_gate_rises_over_the_palace_wall(gate, hour):
    look = run_probe("side_gate_probe.py", f"2026-05-15T{hour}:00+09:00", gate)
    assert look["share"] >= 0.15, look
    assert look["middle"] >= look["edges"] + 0.15, look  # the pavilion over the wall
    if hour == 14:
        assert look["luma"] <= look["sky"] - 30, look
    else:
        assert look["luma"] >= 3 * look["sky"], look
