"""Real-runtime fixtures: Monado built once by scripts/monado.sh, and each XR scenario run in its own process."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCENARIO_TIMEOUT_S = 90


@pytest.fixture(scope="session")
def monado_env(pytestconfig) -> dict[str, str]:
    """Environment for Monado's simulated HMD and controllers, building Monado first if it is not cached.

    The build's progress lines are shown live (output capture is suspended for it): on a fresh machine this
    takes a few minutes once, and a silent CI log for that long looks like a hang.
    """
    capture = pytestconfig.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        proc = subprocess.run(["bash", str(REPO / "scripts/monado.sh")], stdout=subprocess.PIPE, text=True,
                              timeout=1800)  # fmt: skip
    if proc.returncode != 0:
        pytest.fail(f"scripts/monado.sh failed with status {proc.returncode} (its messages are above)")
    manifest = proc.stdout.strip().splitlines()[-1]
    assert Path(manifest).is_file(), manifest
    return dict(
        os.environ,
        XR_RUNTIME_JSON=manifest,
        XRT_COMPOSITOR_NULL="1",  # no display, no GPU: Monado's null compositor accepts frames and drops them
        SIMULATED_ENABLE="1",
        SIMULATED_LEFT="simple",
        SIMULATED_RIGHT="simple",
        EGL_PLATFORM="surfaceless",
        XRT_LOG="warning",
    )


@dataclass
class Run:
    status: int
    stderr: str
    out: Path

    @property
    def report(self) -> dict:
        return json.loads((self.out / "xr.json").read_text(encoding="utf-8"))

    @property
    def frames(self) -> list[dict]:
        return json.loads((self.out / "scenario.json").read_text(encoding="utf-8"))["frames"]


def run_scenario(name: str, env: dict[str, str], out: Path, wrapper: tuple[str, ...] = ()) -> Run:
    proc = subprocess.run([*wrapper, sys.executable, "-m", "tests.xr.scenario", name, str(out)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=SCENARIO_TIMEOUT_S)  # fmt: skip
    return Run(proc.returncode, proc.stderr, out)


@pytest.fixture(scope="session")
def capture_run(monado_env, tmp_path_factory) -> Run:
    return run_scenario("capture", monado_env, tmp_path_factory.mktemp("xr-capture"))


@pytest.fixture(scope="session")
def locomotion_run(monado_env, tmp_path_factory) -> Run:
    return run_scenario("locomotion", monado_env, tmp_path_factory.mktemp("xr-locomotion"))


@pytest.fixture(scope="session")
def seated_run(monado_env, tmp_path_factory) -> Run:
    return run_scenario("seated", monado_env, tmp_path_factory.mktemp("xr-seated"))


@pytest.fixture(scope="session")
def district_run(monado_env, tmp_path_factory) -> Run:
    return run_scenario("district", monado_env, tmp_path_factory.mktemp("xr-district"))


@pytest.fixture(scope="session")
def glx_run(monado_env, tmp_path_factory) -> Run:
    """The desktop-window path on a virtual X server (scripts/monado.sh installs Xvfb)."""
    env = {k: v for k, v in monado_env.items() if k not in ("EGL_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    xvfb = ("xvfb-run", "-a", "-s", "-screen 0 640x480x24")
    return run_scenario("glx", env, tmp_path_factory.mktemp("xr-glx"), xvfb)
