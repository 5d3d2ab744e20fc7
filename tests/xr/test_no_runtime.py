"""Without a usable runtime the XR entry exits with status 3 and one line on stderr (no Monado needed)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run(env_update: dict[str, str | None], tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XR_")}
    env.update({"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "XDG_CONFIG_DIRS": str(tmp_path)})
    env.update({k: v for k, v in env_update.items() if v is not None})
    args = ["--xr", "--offscreen", "--frames", "5", "--xr-capture", str(tmp_path / "out")]
    return subprocess.run([sys.executable, "-m", "game.xr", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip


@pytest.mark.parametrize(
    "case, expected",
    [("unset", "no OpenXR runtime"), ("missing", "does not exist"), ("broken", "failed to start")],
)
def test_no_runtime_exits_3_with_one_line(tmp_path, case, expected):
    manifest = None
    if case == "missing":
        manifest = str(tmp_path / "nowhere.json")
    elif case == "broken":  # a well-formed manifest whose library is absent: the loader itself fails
        path = tmp_path / "broken.json"
        path.write_text(json.dumps({"file_format_version": "1.0.0", "runtime": {"library_path": "./absent.so"}}))
        manifest = str(path)
    proc = _run({"XR_RUNTIME_JSON": manifest}, tmp_path)
    assert proc.returncode == 3, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("xr: ") and expected in lines[0], proc.stderr
    assert not (tmp_path / "out").exists()
