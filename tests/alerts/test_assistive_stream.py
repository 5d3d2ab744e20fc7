"""The live alert path announces every presented alert once to the assistive-technology output, with its level."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.alerts.parser import parse_file
from game.alerts.policy import AlertPolicy
from game.assistive import AssistiveOutput
from tests.alerts.paths import DATA
from ui.alerts.controller import AlertController
from ui.alerts.overlay import AlertOverlay

pytestmark = pytest.mark.render
NOW = dt.datetime(2026, 7, 10, 23, 0, tzinfo=dt.UTC)
ROOT = Path(__file__).resolve().parents[2]


def test_controller_sends_each_presented_alert_once_with_its_level(showbase, tmp_path):
    out = AssistiveOutput(tmp_path / "at.txt", speech_dispatcher=False)
    overlay = AlertOverlay(showbase.aspect2d, showbase.getAspectRatio(), None, "ko")
    controller = AlertController(AlertPolicy(lang="ko"), overlay, tmp_path, announce=out.announce)
    try:
        for name in ["fine_dust_safety.xml", "earthquake_emergency.xml", "earthquake_emergency.xml",
                     "fine_dust_cancel.xml", "earthquake_busan_outside.xml"]:
            controller.receive(parse_file(DATA / name), NOW)
    finally:
        controller.destroy()
    lines = (tmp_path / "at.txt").read_text(encoding="utf-8").splitlines()
    # The duplicate, the cancellation and the alert for Busan are not presented here, so not announced.
    assert [line.split(" | ")[0] for line in lines] == [
        "ALERT level=safety id=KR-PM-20260302-0007 lang=ko",
        "ALERT level=emergency critical id=KR-EQ-20260521-0001 lang=ko"]


def test_alert_job_sends_the_same_lines_as_the_live_app(showbase, tmp_path):
    """``main.py --alert … --screenshot`` writes each presented alert to the visitor's assistive-technology output,
    line for line what the live app's controller writes for the same messages, and lists the lines in its report."""
    names = ["fine_dust_safety.xml", "earthquake_emergency.xml", "earthquake_emergency.xml", "exercise_air_raid.xml"]
    live = AssistiveOutput(tmp_path / "live.txt", speech_dispatcher=False)
    controller = AlertController(AlertPolicy(lang="ko"), AlertOverlay(showbase.aspect2d, showbase.getAspectRatio(),
                                                                      None, "ko"), tmp_path, announce=live.announce)
    try:
        for name in names:
            controller.receive(parse_file(DATA / name), NOW)
    finally:
        controller.destroy()
    (tmp_path / "cfg").mkdir()
    job_out = tmp_path / "job.txt"
    (tmp_path / "cfg" / "settings.json").write_text(json.dumps(
        {"access": {"at_output": str(job_out), "at_speech_dispatcher": False}}), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    args = [a for name in names for a in ("--alert", str(DATA / name))]
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--offscreen", "--size", "320x180", "--scene",
                           "mayors-office", *args, "--screenshot", str(tmp_path / "alert.png"),
                           "--cache-dir", str(tmp_path / "cache"), "--config-dir", str(tmp_path / "cfg"),
                           "--time", "2026-07-10T23:00"], cwd=ROOT, env={**env, "EGL_PLATFORM": "surfaceless"},
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = job_out.read_text(encoding="utf-8").splitlines()
    assert lines == (tmp_path / "live.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split(" | ")[0] for line in lines] == [
        "ALERT level=safety id=KR-PM-20260302-0007 lang=ko",
        "ALERT level=emergency critical id=KR-EQ-20260521-0001 lang=ko",
        "ALERT level=emergency drill=Exercise id=KR-CD-20260815-0001 lang=ko"]
    assert json.loads((tmp_path / "alert.json").read_text(encoding="utf-8"))["assistive"] == lines
