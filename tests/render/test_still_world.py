"""The still world: while the view stands still the static world is drawn once and kept, what moves is drawn over
it every frame, and the picture is the frame drawn whole (game/render/still_world.py)."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def probe() -> dict:
    return run_probe("still_world_probe.py", timeout=120)


def test_a_still_view_holds_the_static_world_and_draws_it_once(probe):
    assert probe["has_still_world"]  # `low`: no MSAA
    assert probe["holding_after_still"]
    assert probe["captures_still_10_frames"] == 0
    assert probe["held_vs_whole"]["max"] <= 1, probe["held_vs_whole"]


def test_what_moves_is_drawn_live_over_the_held_world_and_hidden_by_it(probe):
    assert probe["holding_while_walker_moves"] and probe["captures_while_walker_moves"] == 0
    # behind the tower and out again: the held depth hides it exactly as the whole frame does
    assert probe["walker_held_vs_whole"]["max"] <= 1, probe["walker_held_vs_whole"]
    assert probe["walker_shows"] > 0.001  # the walker was really in the picture, beside the tower
    assert probe["walker_hidden_behind_tower"] < probe["walker_shows"] / 10  # and hidden behind it


def test_a_change_to_a_held_node_or_the_clock_shows_at_once(probe):
    assert probe["tint_shows"] > 0.005
    assert probe["tinted_held_vs_whole"]["max"] <= 1, probe["tinted_held_vs_whole"]
    assert probe["captures_after_set_time"] == 1
    assert probe["afternoon_held_vs_whole"]["max"] <= 1, probe["afternoon_held_vs_whole"]


def test_a_moving_camera_or_another_camera_gets_the_world_drawn_whole(probe):
    assert probe["held_frames_while_camera_moves"] == 0
    assert not probe["holding_with_another_camera"]
    assert probe["holding_after_photo"]
