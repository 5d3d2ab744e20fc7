"""Explore mode driven by its own key events: teleport menu, info panel, language switch, the flow around them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.render
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    cache = tmp_path_factory.mktemp("explore")
    env = dict(os.environ, EGL_PLATFORM="surfaceless", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, str(Path(__file__).with_name("explore_probe.py")), str(cache)], env=env,
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_teleport_menu_by_arrows_and_enter(result):
    assert result["start_flow"] == "explore"
    assert result["after_t"] == {"flow": "teleport", "menu": True}
    assert result["after_choose"]["flow"] == "explore"
    assert result["after_choose"]["distance_to_bosingak"] < 60  # standing at Bosingak's viewpoint
    assert result["camera_follows"] < 0.01


def test_info_panel_names_the_nearest_landmark_and_escape_closes_it(result):
    assert result["after_i"] == {"flow": "info", "nearest": "bosingak", "panel": True}
    assert result["after_escape"] == "explore"


def test_language_switch_and_number_keys(result):
    assert result["language_switched"] is True
    assert result["number_key_distance_to_gwanghwamun"] < 90


def test_city_hall_rooms_open_nearby_and_escape_leads_back_out(result):
    assert result["e_far"] == {"flow": "explore", "hint": True}
    assert result["e_near"] == "teleport"  # the room chooser
    assert result["in_room"]["flow"] == "civic" and result["in_room"]["camera_moved"] > 5
    assert result["left_room"]["flow"] == "explore" and result["left_room"]["camera_back"] < 0.01
