"""The watchdog with real child processes: a crash and a frozen frame loop are each restarted within 5 s, a clean
exit ends supervision, and the counters and rotating logs land in the log directory."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# A stand-in app: beats like the real one (same writer), then crashes, freezes or exits as the marker file says.
CHILD = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from game.heartbeat import HeartbeatWriter, ENV
    state = Path(sys.argv[1]); mode = sys.argv[2]
    runs = int(state.read_text()) + 1 if state.exists() else 1
    state.write_text(str(runs))
    print("child run", runs, flush=True)
    writer = HeartbeatWriter(Path(os.environ[ENV]), interval=0.1)
    t0 = time.monotonic()
    while time.monotonic() - t0 < 1.0:
        writer.frame("attract"); time.sleep(0.02)
    if runs >= 2:
        sys.exit(0)
    if mode == "crash":
        os.abort()
    while True:
        time.sleep(1)  # frozen: alive, no beats
""")


def _run(tmp_path: Path, mode: str) -> tuple[subprocess.CompletedProcess, dict, float]:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    logs = tmp_path / "logs"
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "game.kiosk.watchdog", "--log-dir", str(logs), "--stall", "1.5",
                           "--", sys.executable, str(script), str(tmp_path / "runs"), mode],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    return proc, json.loads((logs / "watchdog.json").read_text(encoding="utf-8")), time.monotonic() - t0


@pytest.mark.parametrize("mode", ["crash", "freeze"])
def test_a_crash_or_freeze_is_restarted_within_five_seconds(tmp_path, mode):
    proc, counters, _ = _run(tmp_path, mode)
    assert proc.returncode == 0, proc.stderr
    assert counters["starts"] == 2
    assert (counters["crashes"], counters["freezes"]) == ((1, 0) if mode == "crash" else (0, 1))
    assert counters["last_restart_latency_s"] < 5.0
    failure = counters["history"][0]
    assert failure["kind"] == ("crashed" if mode == "crash" else "frozen")
    if mode == "freeze":
        assert failure["ran_s"] < 1.0 + 1.5 + 1.0, "noticed soon after the beats stopped"
    app_log = (tmp_path / "logs" / "app.log").read_text(encoding="utf-8")
    assert "child run 1" in app_log and "child run 2" in app_log
    assert "restart" in (tmp_path / "logs" / "watchdog.log").read_text(encoding="utf-8")


def test_no_command_is_a_usage_error():
    proc = subprocess.run([sys.executable, "-m", "game.kiosk.watchdog"], cwd=ROOT, capture_output=True, text=True,
                          timeout=30)
    assert proc.returncode == 2 and "after --" in proc.stderr
