"""Entry point of XR mode: ``run_xr(config, build_scene) -> exit status``.

Status 0 after a normal session end (the user quit, or ``--frames`` were submitted); 3 with one line on stderr
when there is no usable runtime or headset, or the runtime lost the session. ``--xr-capture OUT_DIR`` writes
``left.png``, ``right.png`` (the last submitted frame, read back from the swapchain images) and ``xr.json``.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from game.config import AppConfig
from game.xr.comfort import ComfortSettings
from game.xr.instance import XrUnavailable, runtime_manifest_problem

EXIT_OK = 0
EXIT_NO_XR = 3
#: A runtime that never makes the session READY (or never lets it end) must not hang a batch run.
READY_TIMEOUT_S = 15.0
EXIT_TIMEOUT_S = 10.0
APP_NAME = "Metaverse Seoul"


def comfort_from_prc() -> ComfortSettings:
    """Comfort defaults an operator can set in a .prc: ``mseoul-xr-snap-turn 30``, ``mseoul-xr-seated true``…"""
    from panda3d.core import ConfigVariableBool, ConfigVariableDouble

    return ComfortSettings(
        snap_turn_deg=ConfigVariableDouble("mseoul-xr-snap-turn", 45.0).get_value(),
        smooth_turn=ConfigVariableBool("mseoul-xr-smooth-turn", False).get_value(),
        vignette=ConfigVariableBool("mseoul-xr-vignette", True).get_value(),
        reference="seated" if ConfigVariableBool("mseoul-xr-seated", False).get_value() else "standing",
    )


def _fail(reason: str) -> int:
    print(f"xr: {reason}", file=sys.stderr, flush=True)
    return EXIT_NO_XR


def run_xr(config: AppConfig, build_scene: Callable[[Any], Any], *, collide=None, input_filter=None,
           settings: ComfortSettings | None = None, on_driver: Callable[[Any], None] | None = None) -> int:  # fmt: skip
    """Open the app (:class:`game.app.App`, the one place a ShowBase is made), build the scene with
    ``build_scene(app)``, and run it on the headset until the session ends.

    ``collide`` is a :data:`game.xr.arc.SegmentQuery` for the teleport arc (default: the ground plane z=0);
    ``on_driver`` receives the :class:`~game.xr.driver.XrDriver` once it exists (to parent the alert overlay to
    ``driver.head_panel`` or call ``driver.haptic``) and may return a function to call before the driver and the
    app go (the headset mode releases its features there); ``input_filter`` rewrites each frame's controller input
    (scripted input for tests and demos, on top of what the runtime reports).
    """
    problem = runtime_manifest_problem()
    if problem:
        return _fail(problem)
    if config.offscreen:
        os.environ.setdefault("EGL_PLATFORM", "surfaceless")
    from game.app import App
    from game.text import i18n
    from game.xr.backend import OpenXRBackend
    from game.xr.driver import XrDriver

    try:
        backend = OpenXRBackend(APP_NAME, "egl" if config.offscreen else "glx")  # before any window opens
    except XrUnavailable as exc:
        return _fail(str(exc))
    settings = settings or comfort_from_prc()
    driver = teardown = None
    try:
        app = App(replace(config, xr=True))  # the app's one ShowBase, its window paced by xrWaitFrame
    except Exception as exc:
        backend.destroy()
        return _fail(f"Panda3D could not open a {'buffer' if config.offscreen else 'window'}: {exc}")
    base = app.base
    try:
        scene = build_scene(app)
        if scene.get_parent().is_empty():
            scene.reparent_to(base.render)
        base.taskMgr.step()  # one frame (with the scene's own tasks) creates the GL context, left current here
        try:
            backend.start(settings.reference)
        except XrUnavailable as exc:
            return _fail(str(exc))
        driver = XrDriver(
            base, backend, base.render, settings, collide=collide, frames=config.frames,
            capture=config.xr_capture is not None, text=lambda key: i18n.text(key, config.language),
            font=app.font, input_filter=input_filter,
        )  # fmt: skip
        if on_driver is not None:
            teardown = on_driver(driver)
        status = _loop(base, backend, driver)
        if status == EXIT_OK and config.xr_capture is not None:
            _write_capture(config.xr_capture, backend, driver)
        return status
    finally:
        if callable(teardown):
            teardown()
        if driver is not None:
            driver.destroy()
        backend.destroy()  # every OpenXR object goes before the GL context it shares
        app.shutdown()


def _loop(base, backend, driver) -> int:
    start = time.monotonic()
    exit_asked = None
    while not driver.finished:
        base.taskMgr.step()
        now = time.monotonic()
        if "READY" not in backend.states_seen and now - start > READY_TIMEOUT_S:
            return _fail(f"the OpenXR session did not become ready within {READY_TIMEOUT_S:.0f} s")
        if backend.exit_requested:
            exit_asked = exit_asked or now
            if now - exit_asked > EXIT_TIMEOUT_S:
                return _fail("the OpenXR runtime did not end the session after an exit request")
    if backend.lost:
        return _fail("the OpenXR runtime lost the session (headset disconnected or runtime stopped)")
    return EXIT_OK


def _write_capture(out: Path, backend, driver) -> None:
    from game.xr.capture import write_png, write_report

    out.mkdir(parents=True, exist_ok=True)
    for name, eye in zip(("left", "right"), driver.eyes, strict=True):
        if eye.capture is not None:
            write_png(out / f"{name}.png", eye.capture, *eye.size)
    width, height = backend.eye_sizes[0]
    report = {
        "runtime": {"name": backend.runtime.name, "version": backend.runtime.version},
        "system": backend.system_name,
        "view_configuration": "PRIMARY_STEREO",
        "graphics_binding": backend.graphics,
        "reference_space": backend.reference_space,
        "swapchain": {"format": backend.swapchain_format, "width": width, "height": height, "count": 2},
        "session_states": backend.states_seen,
        "interaction_profiles": driver.profiles,
        "rejected_binding_profiles": backend.actions.rejected_profiles,
        **driver.report(),
    }
    write_report(out / "xr.json", report)
