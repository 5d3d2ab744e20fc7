"""``main.py --self-check`` from source: every check runs for real and passes here (espeak-ng, llvmpipe, loopback
sockets); an import that fails is named and turns the exit status to 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import selfcheck
from game.config import config_from_args

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.render
def test_self_check_from_source_prints_one_line_per_check_and_exits_0():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["EGL_PLATFORM"] = "surfaceless"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-check", "--lang", "en"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "[OK] imports", "[OK] graphics (offscreen buffer, shaders)", "[OK] speech", "[OK] embedded hub"], lines
    assert "3 shaders compiled" in lines[1]


def test_a_module_that_cannot_be_imported_fails_the_check(monkeypatch, capsys):
    monkeypatch.setattr(selfcheck, "app_modules", lambda: ["game.geo", "game.no_such_module"])
    monkeypatch.setattr(selfcheck, "CHECKS", selfcheck.CHECKS[:1])
    status = selfcheck.run_self_check(config_from_args(["--lang", "ko"]))
    out = capsys.readouterr().out
    assert status == 1
    assert out.startswith("[실패] 모듈 불러오기: game.no_such_module (No module named 'game.no_such_module')"), out


def test_app_modules_cover_the_packages_but_never_run_a_main():
    names = selfcheck.app_modules()
    assert {"game.selfcheck", "net.hub.server", "game.text.i18n", "game.xr"} <= set(names)
    assert not [n for n in names if n.endswith("__main__")]
