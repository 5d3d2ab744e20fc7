"""``packaging/build.py`` builds all four platforms (about a minute here once the wheels are cached), its static
check passes for each and catches a library taken out, and the built Linux binary passes ``--self-check``,
renders the offscreen tour and runs the kiosk with its embedded hub, headless. Needs the package index for the
wheels."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.landmarks import catalogue
from tests.packaging.conftest import PLATFORM, ROOT
from tests.pinned import DAY

pytestmark = [pytest.mark.slow, pytest.mark.render]


def _check(out: Path, platform: str) -> list[str]:
    sys.path.insert(0, str(ROOT / "packaging"))
    from buildcheck import check_platform

    return check_platform(out, platform)[0]


def test_build_check_names_a_missing_dll_and_module(built):
    win = built / "dist" / "win_amd64"
    (win / "python3.dll").rename(win / "python3.dll.away")
    (win / "select.pyd").rename(win / "select.pyd.away")
    try:
        problems = _check(built, "win_amd64")
    finally:
        (win / "python3.dll.away").rename(win / "python3.dll")
        (win / "select.pyd.away").rename(win / "select.pyd")
    assert ("win_amd64: cryptography.hazmat.bindings._rust.pyd needs python3.dll: neither in the build nor a Windows "
            "system library") in problems
    assert "win_amd64: module select (extension, imported at run time) is not in the build" in problems
    assert _check(built, "win_amd64") == []


def test_windows_build_has_numpy_core_modules_and_a_python3_forwarder(built):
    sys.path.insert(0, str(ROOT / "packaging"))
    from buildcheck import frozen_modules, pe_exports

    win = built / "dist" / "win_amd64"
    assert "numpy._core._exceptions" in frozen_modules(win / "metaverse-seoul.exe")
    names, forwards = pe_exports(win / "python3.dll")
    assert forwards["PyArg_ParseTuple"] == "python311.PyArg_ParseTuple"
    assert names <= pe_exports(win / "python311.dll")[0]


def test_built_binary_passes_its_self_check(built, tmp_path):
    binary = built / "dist" / PLATFORM / "metaverse-seoul"
    proc = subprocess.run([str(binary), "--self-check", "--lang", "en"], cwd=tmp_path, env=_env(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    assert [line.split("]")[0] for line in lines] == ["[OK", "[OK", "[SKIP", "[OK"], proc.stdout


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "MSEOUL_FONT")}
    env["EGL_PLATFORM"] = "surfaceless"
    return env


def test_build_has_assets_fonts_licences_and_a_recorded_size(built):
    app = built / "dist" / PLATFORM
    for rel in ("metaverse-seoul", "assets/landmarks/catalogue.json", "assets/i18n/kiosk.json", "shaders/sky.frag",
                "assets/fonts/NanumGothic.ttf", "assets/fonts/NanumGothicBold.ttf", "assets/baked/bake.json",
                "assets/baked/sungnyemun.bam.pz", "licenses/fonts-nanum-OFL-1.1.txt", "libp3headlessgl.so"):
        assert (app / rel).is_file(), rel
    assert "Open Font License" in (app / "licenses" / "fonts-nanum-OFL-1.1.txt").read_text(encoding="utf-8")
    sizes = json.loads((built / "sizes.json").read_text(encoding="utf-8"))
    import importlib.metadata

    assert sizes["version"] == importlib.metadata.version("metaverse-seoul")
    assert 40e6 < sizes["bytes"][PLATFORM] < 400e6


def test_built_binary_renders_the_offscreen_tour(built, tmp_path):
    binary = built / "dist" / PLATFORM / "metaverse-seoul"
    proc = subprocess.run([str(binary), "--offscreen", "--size", "320x180", "--quality", "low", "--tour",
                           str(tmp_path / "tour"), "--cache-dir", str(tmp_path / "cache"), "--time", DAY], cwd=tmp_path,
                          env=_env(), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    doc = json.loads((tmp_path / "tour" / "tour.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in doc["stops"]] == list(catalogue.LANDMARK_IDS)
    assert all(s["pixels"]["coverage"] > 0.05 for s in doc["stops"])
    assert "재질 굽는 중" in proc.stderr, "the bundled Korean font and strings are used"


def test_built_binary_runs_the_kiosk_with_its_embedded_hub(built, tmp_path):
    settings = tmp_path / "kiosk.toml"
    settings.write_text('site_name = "Build"\nlocation = [37.572, 126.9769]\ndata_dir = "data"\n', encoding="utf-8")
    binary = built / "dist" / PLATFORM / "metaverse-seoul"
    proc = subprocess.run([str(binary), "--kiosk", "--kiosk-settings", str(settings), "--offscreen", "--size",
                           "320x180", "--quality", "low", "--frames", "30", "--cache-dir", str(tmp_path / "cache"),
                           "--time", DAY],
                          cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "running offline" not in proc.stderr, proc.stderr[-2000:]
    assert (tmp_path / "data" / "embedded-city" / "client" / "outbox.sqlite3").is_file()
