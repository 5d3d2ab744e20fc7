"""The bell's rope in the headset on the real runtime (Monado's simulated HMD and controllers): the grip action is
bound and read through xrSyncActions, a pull past the mark strikes once, and the pulling hand's buzz goes out
through xrApplyHapticFeedback."""

from __future__ import annotations

import json

import pytest

from tests.xr.conftest import run_scenario
from tests.xr.scenario import PULL_FRAMES


@pytest.fixture(scope="module")
def bell_run(monado_env, tmp_path_factory):
    return run_scenario("bellpull", monado_env, tmp_path_factory.mktemp("xr-bellpull"))


def test_a_pull_on_the_rope_strikes_once_and_buzzes_the_pulling_hand(bell_run) -> None:
    assert bell_run.status == 0, bell_run.stderr[-2000:]
    events = bell_run.report["events"]
    pulls = [e for e in events if "pull" in e]
    assert len(pulls) == 1 and pulls[0]["pull"] == "/user/hand/right"
    assert PULL_FRAMES.start < pulls[0]["frame"] < PULL_FRAMES.stop
    assert 0.15 <= pulls[0]["force"] <= 1.0
    assert {"frame": pulls[0]["frame"], "haptic": "/user/hand/right"} in events
    forces = json.loads((bell_run.out / "scenario.json").read_text(encoding="utf-8"))["pull_forces"]
    assert [round(f, 3) for f in forces] == [pulls[0]["force"]]  # the ceremony's ring(force), once
