"""The Windows build run as a user runs it, under Wine 8 (Debian's wine64) on Xvfb: ``--self-check``, ``--help``, a
live run with a screenshot connected to its embedded hub, and the offscreen tour — each exit 0, pictures checked
like the Linux tour.

What this does not prove: Wine is not Windows. Two TEST-ONLY stand-ins built here with mingw-w64
(``tests/packaging/wine/``) fill gaps in Wine 8 that Windows 10+ does not have (C99 complex functions in
``ucrtbase``, ``bcryptprimitives.dll``); the build's numpy modules in the test copy have their CRT-math import
re-pointed at the first. Rendering is Wine's WGL over Mesa's llvmpipe, not a Windows GPU driver. Output is
captured through ``cmd /c … > file``: Wine gives a GUI-subsystem program no usable standard handles on a pipe.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from game.landmarks import catalogue
from tests.packaging.wine.standins import CC, build_standins

WINE = shutil.which("wine64") or "/usr/lib/wine/wine64"  # Debian's wine64 package keeps it off PATH
WHEN = "2026-05-15T11:00"
# Not "render": its runs pin --time, so make test's second, 03:00 KST pass would only repeat two minutes of Wine.
pytestmark = pytest.mark.slow


def _windows(path: Path) -> str:
    return "Z:" + str(path).replace("/", "\\")


@pytest.fixture(scope="session")
def wine(built, tmp_path_factory):
    """A copy of the Windows build with the stand-ins, a Wine prefix and an X server; yields a runner."""
    missing = [name for name, ok in (("wine64", Path(WINE).is_file()), ("mingw-w64", shutil.which(CC)),
                                     ("Xvfb", shutil.which("Xvfb"))) if not ok]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (scripts/setup.sh installs them)")
    tmp = tmp_path_factory.mktemp("wine")
    app = tmp / "app"
    shutil.copytree(built / "dist" / "win_amd64", app, copy_function=os.link)
    assert build_standins(app, tmp / "standins") == ["numpy._core._multiarray_umath.pyd",
                                                     "numpy.linalg._umath_linalg.pyd"]
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "800x600x24", "-nolisten", "tcp"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    display = xvfb.stdout.readline().strip()
    env = {**os.environ, "DISPLAY": f":{display}", "WINEPREFIX": str(tmp / "prefix"), "WINEDEBUG": "-all",
           "WINEDLLOVERRIDES": "winedbg.exe=d",  # a crash exits instead of waiting in the debugger
           "LC_ALL": "en_US.ISO-8859-1"}  # a Western code page (cp1252), not UTF-8
    env.pop("WAYLAND_DISPLAY", None)
    subprocess.run([WINE, "wineboot", "-u"], env=env, capture_output=True, timeout=180, check=True)

    def run(args: list[str], cwd: Path, timeout: float = 400) -> tuple[int, str]:
        out = cwd / "out.txt"
        line = " ".join([_windows(app / "metaverse-seoul.exe"), *args, ">", _windows(out), "2>&1"])
        proc = subprocess.run([WINE, "cmd", "/c", line], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=timeout)
        return proc.returncode, out.read_text(encoding="utf-8", errors="replace") if out.exists() else ""

    run.cache = tmp / "cache"
    yield run
    subprocess.run([str(Path(WINE).with_name("wineserver")), "-k"], env=env, capture_output=True, timeout=60)
    xvfb.terminate()
    xvfb.wait(10)


def test_help_prints_korean_on_a_western_console(wine, tmp_path):
    status, out = wine(["--help"], tmp_path, timeout=120)
    assert status == 0, out[-2000:]
    assert "Metaverse Seoul / 메타버스 서울" in out and "--self-check" in out


def test_self_check_passes_on_windows(wine, tmp_path):
    status, out = wine(["--self-check", "--lang", "en"], tmp_path, timeout=240)
    assert status == 0, out[-3000:]
    lines = [line for line in out.splitlines() if line.startswith("[")]
    assert [line.split(":")[0] for line in lines] == [
        "[OK] imports", "[OK] graphics (offscreen buffer, shaders)", "[SKIP] speech", "[OK] embedded hub"], out
    assert "wglGraphicsPipe" in lines[1]


def test_live_run_renders_a_window_connected_to_its_embedded_hub(wine, tmp_path):
    shot = tmp_path / "live.png"
    status, out = wine(["--size", "320x180", "--quality", "low", "--frames", "30", "--time", WHEN, "--screenshot",
                        _windows(shot), "--cache-dir", _windows(wine.cache)], tmp_path)
    assert status == 0, out[-3000:]
    state = json.loads(shot.with_suffix(".json").read_text(encoding="utf-8"))
    assert state["flow_state"] == "explore" and state["city_link"] == "connected", state
    from panda3d.core import PNMImage

    image = PNMImage()
    assert image.read(str(shot)) and (image.getXSize(), image.getYSize()) == (320, 180)
    colours = {tuple(image.getXel(x, y)) for x in range(0, 320, 8) for y in range(0, 180, 8)}
    assert len(colours) > 50, "a rendered view, not a blank window"


def test_offscreen_tour_renders_every_landmark(wine, tmp_path):
    status, out = wine(["--offscreen", "--size", "320x180", "--quality", "low", "--time", WHEN, "--tour",
                        _windows(tmp_path / "tour"), "--cache-dir", _windows(wine.cache)], tmp_path)
    assert status == 0, out[-3000:]
    doc = json.loads((tmp_path / "tour" / "tour.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in doc["stops"]] == list(catalogue.LANDMARK_IDS)
    assert all(s["pixels"]["coverage"] > 0.05 for s in doc["stops"]), doc["stops"]
    assert "재질 굽는 중" in out or "투어" in out, "Korean reached the console"
