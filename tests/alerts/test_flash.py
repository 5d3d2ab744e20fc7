"""Attention flashes stay at or under three per second, by construction and by measurement."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.alerts.flash import flash_schedule, flashes_from_samples, is_lit, max_flashes_per_second
from ui.alerts.theme import STYLES


@given(st.floats(min_value=0.05, max_value=3.0), st.integers(min_value=1, max_value=40),
       st.floats(min_value=0.05, max_value=0.95), st.floats(min_value=0, max_value=10))
def test_any_allowed_schedule_has_at_most_three_flashes_in_any_second(rate, count, duty, start):
    assert max_flashes_per_second(flash_schedule(rate, count, duty, start)) <= 3


@pytest.mark.parametrize("rate", [3.01, 4.0, 10.0, 0.0, -1.0])
def test_rates_over_the_limit_are_refused(rate):
    with pytest.raises(ValueError):
        flash_schedule(rate, 5)


def test_checker_catches_a_fast_hand_made_schedule():
    assert max_flashes_per_second(tuple((i * 0.2, i * 0.2 + 0.1) for i in range(10))) == 5


def test_is_lit_follows_the_schedule():
    s = flash_schedule(2.0, 2)
    assert [is_lit(s, t) for t in (0.0, 0.2, 0.3, 0.5, 0.8, 1.1)] == [True, True, False, True, False, False]


def test_flashes_recovered_from_samples():
    times = [i / 12 + 1 / 24 for i in range(24)]
    levels = [1.0 if is_lit(flash_schedule(2.0, 4), t) else 0.0 for t in times]
    recovered = flashes_from_samples(times, levels, 0.5)
    assert len(recovered) == 4 and max_flashes_per_second(recovered) == 2


def test_every_level_style_flashes_within_the_limit():
    for style in STYLES.values():
        assert style.flash_hz <= 3 and max_flashes_per_second(flash_schedule(style.flash_hz, style.flash_count)) <= 3
