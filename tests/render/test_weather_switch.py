"""The weather changed while running (see weather_switch_probe.py), by day and by night in January, at
Gwanghwamun: the live city data saying it snows turns a clear start into the same picture as a start in snow (the
gate's roofs white by day, the snow falling), and going back to clear gives the clear picture again, exactly."""

import numpy as np
import pytest

from game.text import i18n
from tests.render.probe import run_probe

pytestmark = pytest.mark.render
VIEW = "gwanghwamun"


def _change(a: dict, b: dict, first_row: int = 0) -> float:
    """Mean absolute difference of the coarse luminance grids from ``first_row`` down, in 0–255 levels."""
    return float(np.abs(np.asarray(a["grid"])[first_row:] - np.asarray(b["grid"])[first_row:]).mean())


@pytest.mark.parametrize("hour", [14, 22])
def test_live_snow_and_back_to_clear_while_running(hour):
    when = f"2026-01-12T{hour}:00+09:00"
    clear, snowing, cleared, caption = run_probe("weather_switch_probe.py", when, VIEW, "switch")
    (fresh,) = run_probe("weather_switch_probe.py", when, VIEW, "fresh", "snow")
    assert (clear["weather"], snowing["weather"], cleared["weather"]) == ("clear", "snow", "clear")
    assert snowing["falling"] and not clear["falling"] and not cleared["falling"]
    shown, off = _change(snowing, clear), _change(snowing, fresh)
    assert shown >= 3.0 and off < 0.3 * shown, (shown, off)  # it shows, as if started in snow (flakes move)
    # nothing of the snow is left (below the top row, where the "weather changed" caption now stands on the sky)
    assert _change(cleared, clear, first_row=1) < 0.5, _change(cleared, clear, first_row=1)
    assert caption == i18n.text("weather.changed", "ko", name="맑음")
    if hour == 14:
        assert snowing["landmark"] > clear["landmark"] + 10, (snowing["landmark"], clear["landmark"])  # white roofs
