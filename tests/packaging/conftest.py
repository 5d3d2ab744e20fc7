"""The build every packaging test shares: all four platforms, made once per session by ``packaging/build.py``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLATFORM = "manylinux2014_x86_64"
PLATFORMS = ("manylinux2014_x86_64", "win_amd64", "macosx_11_0_arm64", "macosx_10_9_x86_64")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """``build.py --out DIR`` for every platform; DIR holds ``dist/<platform>``, ``stage`` and ``sizes.json``."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the build tests run on Linux")
    if not (Path("/usr/share/fonts/truetype/nanum") / "NanumGothic.ttf").is_file():
        pytest.skip("fonts-nanum is not installed (the build bundles NanumGothic from it)")
    out = tmp_path_factory.mktemp("build")
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--platforms", ",".join(PLATFORMS),
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    for platform in PLATFORMS:  # build.py ran the static check after build_apps
        assert f"build check {platform}: 0 problems" in proc.stdout, proc.stdout[-3000:]
    return out
