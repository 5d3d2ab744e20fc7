"""Fixtures shared by the test packages that drive the app through a real window (tests/pilot.py)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


@pytest.fixture(scope="session")
def display():
    """A private Xvfb for the session (the app's real window path needs a window, which an offscreen buffer
    is not: it has no input device)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb (Debian package xvfb) is not installed")
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "640x480x24", "-nolisten", "tcp",
                             "-noreset"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    yield f":{number}"
    proc.terminate()
    proc.wait(timeout=10)

