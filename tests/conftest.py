"""Fixtures shared by the test packages that drive the app through a real window (tests/pilot.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# Xvfb's own messages, kept for a crash that takes the test process down with it (``make test`` prints the end of
# this file when pytest fails); one file per test process, beside the other test output in out/.
XVFB_LOG = Path(__file__).resolve().parents[1] / "out" / "xvfb"


@pytest.fixture(scope="session")
def display():
    """A private Xvfb for the session (the app's real window path needs a window, which an offscreen buffer
    is not: it has no input device)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb (Debian package xvfb) is not installed")
    read, write = os.pipe()
    XVFB_LOG.mkdir(parents=True, exist_ok=True)
    with open(XVFB_LOG / f"{os.getpid()}.log", "wb") as log:
        proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "640x480x24", "-nolisten", "tcp",
                                 "-noreset"],
                                pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=log)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    yield f":{number}"
    proc.terminate()
    proc.wait(timeout=10)

