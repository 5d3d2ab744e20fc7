"""``packaging/build.py`` builds the Linux app, and the built binary renders the offscreen tour and runs the kiosk
with its embedded hub, headless. Needs network access to PyPI (or the configured index) for the wheels."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.landmarks import catalogue

ROOT = Path(__file__).resolve().parents[2]
PLATFORM = "manylinux2014_x86_64"
pytestmark = [pytest.mark.slow, pytest.mark.render]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    if not sys.platform.startswith("linux"):
        pytest.skip("the Linux build test runs on Linux")
    if not (Path("/usr/share/fonts/truetype/nanum") / "NanumGothic.ttf").is_file():
        pytest.skip("fonts-nanum is not installed (the build bundles NanumGothic from it)")
    out = tmp_path_factory.mktemp("build")
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--platforms", PLATFORM,
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    return out


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
                           str(tmp_path / "tour"), "--cache-dir", str(tmp_path / "cache")], cwd=tmp_path,
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
                           "320x180", "--quality", "low", "--frames", "30", "--cache-dir", str(tmp_path / "cache")],
                          cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "running offline" not in proc.stderr, proc.stderr[-2000:]
    assert (tmp_path / "data" / "embedded-city" / "client" / "outbox.sqlite3").is_file()
