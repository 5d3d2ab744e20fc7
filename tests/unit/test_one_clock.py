"""One clock for the program: no code in game/, ui/, net/ or tests/ reads the wall clock except through net.clock.

A read that truly needs real time (an operator's log, a file name, a cross-process benchmark) says so with a
``# real time: why`` comment on its line. Durations use time.monotonic/perf_counter and are not readings of now.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from net import clock

ROOT = Path(__file__).resolve().parents[2]
WALL_READS = {("time", "time"), ("time", "time_ns"), ("time", "localtime"), ("time", "gmtime"), ("time", "ctime"),
              ("time", "strftime"), ("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today"),
              ("date", "today")}
ARGS_OF_A_READ = {"localtime": 0, "gmtime": 0, "ctime": 0, "strftime": 1}  # more arguments: an instant is given


def _wall_reads(path: Path) -> list[int]:
    """Line numbers of wall-clock reads (``time.time()``, ``datetime.now()``, … or ``time.time`` passed on).

    Formatting a given instant (``time.gmtime(t)``, ``time.strftime(fmt, struct)``) reads no clock."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    formats_given = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                     and len(n.args) > ARGS_OF_A_READ.get(n.func.attr, 99)}
    lines = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and (_tail(node.value), node.attr) in WALL_READS
                and id(node) not in formats_given):
            lines.append(node.lineno)
    return sorted(lines)


def _tail(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def test_wall_clock_is_read_only_through_net_clock() -> None:
    offenders = []
    for package in ("game", "ui", "net", "tests"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == ROOT / "net" / "clock.py":
                continue
            source = path.read_text(encoding="utf-8").splitlines()
            for line in _wall_reads(path):
                if "# real time:" not in source[line - 1]:
                    offenders.append(f"{path.relative_to(ROOT)}:{line}: {source[line - 1].strip()}")
    assert not offenders, "read net.clock instead (or say '# real time: why'):\n" + "\n".join(offenders)


def test_the_guard_sees_a_wall_clock_read(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import time\nimport datetime as dt\nt = time.time()\nd = dt.datetime.now()\n"
                      "f = time.time  # real time: example\ng = time.gmtime(0)\nh = time.strftime('%H')\n",
                      encoding="utf-8")
    assert _wall_reads(sample) == [3, 4, 5, 7]


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch):
    def pin(text: str | None) -> None:
        if text is None:
            monkeypatch.delenv(clock.ENV, raising=False)
        else:
            monkeypatch.setenv(clock.ENV, text)
        clock.reload()

    yield pin
    monkeypatch.delenv(clock.ENV, raising=False)
    clock.reload()


def test_mseoul_now_sets_the_clock_and_it_runs_forward(pinned) -> None:
    pinned("2026-12-02T03:00+09:00")
    first = clock.now_kst()
    assert first.isoformat().startswith("2026-12-02T03:00:0")
    assert clock.today_kst() == dt.date(2026, 12, 2)
    assert clock.now().utcoffset() == dt.timedelta(0)
    assert clock.now() - first < dt.timedelta(seconds=5)
    assert clock.timestamp() >= first.timestamp()


def test_kst_date_does_not_follow_the_machine_time_zone(pinned) -> None:
    # 23:30 UTC on 1 December is already 2 December in Seoul, whatever TZ says.
    pinned("2026-12-01T23:30+00:00")
    assert clock.today_kst() == dt.date(2026, 12, 2)
    assert clock.now_kst().hour == 8


@pytest.mark.parametrize("bad", ["tomorrow", "2026-12-02T03:00", "2026-13-02T03:00+09:00"])
def test_bad_mseoul_now_is_refused(pinned, bad: str) -> None:
    with pytest.raises(clock.ClockError, match="MSEOUL_NOW"):
        pinned(bad)


def test_the_app_refuses_a_bad_mseoul_now_with_status_2() -> None:
    env = dict(os.environ, MSEOUL_NOW="03:00")
    proc = subprocess.run([sys.executable, "main.py", "--offscreen", "--frames", "1"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "MSEOUL_NOW" in proc.stderr
