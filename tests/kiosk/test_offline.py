"""Offline exhibit mode: the kiosk in a network namespace with no usable interface (not even loopback) still
runs the attract tour, shows a dropped alert in both languages, keeps a help request in the outbox and wipes
the visit; no frame waits on the network."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.render, pytest.mark.slow]

# Inside the namespace: which interfaces exist, and whether even loopback can carry a connection.
PROBE = """
import socket
names = [n for _, n in socket.if_nameindex()]
try:
    socket.create_connection(("127.0.0.1", 9), timeout=1).close()
    loopback = "up"
except OSError as exc:
    loopback = type(exc).__name__
print(",".join(names), loopback)
"""


def _namespace() -> list[str]:
    if shutil.which("unshare") is None:
        pytest.skip("unshare(1) from util-linux is not installed")
    probe = subprocess.run(["unshare", "-n", sys.executable, "-c", PROBE], capture_output=True, text=True,
                           timeout=30)
    if probe.returncode != 0:
        pytest.skip(f"cannot create a network namespace (unshare -n needs root or unprivileged user namespaces): "
                    f"{probe.stderr.strip()[:200]}")
    names, loopback = probe.stdout.split()
    assert names == "lo" and loopback != "up", f"namespace still has a network: {probe.stdout}"
    return ["unshare", "-n"]


def test_exhibit_works_with_no_network(tmp_path):
    prefix = _namespace()
    settings = tmp_path / "kiosk.toml"
    settings.write_text('site_name = "Offline Exhibit"\nlocation = [37.5720, 126.9769]\ndrop_folder = "drop"\n'
                        'data_dir = "data"\nidle_timeout_s = 10\nattract_stop_s = 4\n', encoding="utf-8")
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["EGL_PLATFORM"] = "surfaceless"
    narrate = shutil.which("espeak-ng") is not None  # the speech worker's engine (pyttsx3 → espeak-ng)
    proc = subprocess.run([*prefix, sys.executable, "-m", "game.exhibit", "--kiosk-settings", str(settings),
                           "--out", str(out), "--size", "320x180", *([] if narrate else ["--no-narration"])],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert (out / "exhibit.json").exists(), proc.stderr[-3000:]
    report = json.loads((out / "exhibit.json").read_text(encoding="utf-8"))
    assert proc.returncode == 0, (report.get("failed"), proc.stderr[-2000:])
    assert report["failed"] is None
    assert set(report["tour"]["visited"]) >= {"gwanghwamun", "sungnyemun", "city-hall"}
    assert report["tour"]["badge"].startswith("오프라인"), "the cached-status badge says offline"
    assert report["tour"]["narrations"] >= (1 if narrate else 0), "narration through the speech worker"
    assert report["alert"]["languages"] == ["ko", "en"] and report["alert"]["frames_to_show"] <= 15
    assert report["alert"]["voices"] >= (1 if narrate else 0), "the English turn is read out too"
    assert report["request"]["requests"] == 1 and report["wipe"]["pending_after"] == 1
    # Binding loopback still works with the interface down, so the embedded hub may start; nothing connects.
    assert report["offline"]["link"] in (None, "connecting", "offline")
    assert "보낼 요청 1건" in report["offline"]["badge"]
    assert report["operator_exit"] and report["stats"]["refused_exits"] == 1, "only the operator's keys quit"
    assert report["slowest_frame_ms"] < 3000, "a frame waited on something: the network?"
    for name in ("1-attract.png", "2-alert-ko.png", "2-alert-en.png", "3-request.png"):
        assert (out / name).stat().st_size > 5000
    # The request survives for the next start: it is in the embedded client's outbox on disk.
    from net.client.outbox import Outbox

    outbox = Outbox(tmp_path / "data" / "embedded-city" / "client")
    pending = outbox.pending(10)
    outbox.close()
    assert [p.op for p in pending] == ["ticket.create"] and "toilet" in pending[0].args["text"]
