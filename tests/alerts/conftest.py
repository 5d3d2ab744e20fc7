"""Fixtures for the alert tests: an offscreen ShowBase shared by the render tests of one module.

Module scope, destroyed after each module: Panda3D allows one ShowBase at a time per process, and other test
packages (civic, kiosk) build their own App in this same pytest process afterwards.
"""

from __future__ import annotations

import os

import pytest

WIDTH, HEIGHT = 640, 360


@pytest.fixture(scope="module")
def showbase():
    """Panda3D rendering through EGL without a display (Mesa llvmpipe); small window, null audio."""
    os.environ.setdefault("EGL_PLATFORM", "surfaceless")
    from panda3d.core import loadPrcFileData, unloadPrcFile

    page = loadPrcFileData("alerts-tests", "window-type offscreen\nload-display p3headlessgl\naudio-library-name null\n"
                           f"win-size {WIDTH} {HEIGHT}\nsync-video false\nframebuffer-srgb false")
    from direct.showbase.ShowBase import ShowBase

    base = ShowBase(windowType="none")  # EGL named explicitly: a windowed app may have run first in this process
    base.pipe = base.makeModulePipe("p3headlessgl")
    base.openDefaultWindow(type="offscreen", startDirect=False)
    base.setBackgroundColor(0.55, 0.7, 0.85, 1)
    yield base
    base.destroy()
    unloadPrcFile(page)  # later packages (the app pilot) open real windows in this same process
