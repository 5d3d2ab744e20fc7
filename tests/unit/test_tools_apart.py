"""Tools live apart from runtime code (issue 12), read from the source (AST) — no hand-kept module lists:

- no module outside ``tests`` (``game``, ``ui``, ``net``, ``packaging``, ``main.py``) reads a ``tests`` path;
- no runtime module imports a tools module (``<package>.tools…``) or names one to run, except a *forwarder*: a
  module whose only code is ``import runpy`` and an ``if __name__ == "__main__":`` block that runs the tool by name
  as ``__main__`` (what ``python -m`` does), kept so the tool's old ``python -m`` path (a contract in the README and
  the Makefile) still works; importing it imports nothing, so no import runs from a package up to its tools;
- builds leave every tools package out (``packaging/build.py``), and ``--self-check`` does not import them.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from functools import cache
from pathlib import Path

import pytest

from game import selfcheck

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("game", "ui", "net")
TESTS_PATH = re.compile(r"(^|[/\\])tests([/\\]|$)")
TOOLS_NAME = re.compile(rf"^({'|'.join(PACKAGES)})\.tools(\.|$)")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources() -> dict[str, Path]:
    """Every module outside ``tests``: the three packages, the packaging scripts and ``main.py``."""
    paths = [p for package in (*PACKAGES, "packaging") for p in sorted((ROOT / package).rglob("*.py"))]
    return {module_name(p): p for p in [*paths, ROOT / "main.py"]}


SOURCES = sources()
TOOLS_PACKAGES = sorted(f"{p}.tools" for p in PACKAGES if (ROOT / p / "tools" / "__init__.py").is_file())


def is_tool(name: str) -> bool:
    return bool(TOOLS_NAME.match(name))


@cache
def parse(name: str) -> ast.Module:
    return ast.parse(SOURCES[name].read_text(encoding="utf-8"))


@cache
def docstrings(tree: ast.Module) -> frozenset[int]:
    """The ``id`` of every docstring node (they may name paths and tools: words, not reads)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return frozenset(out)


def strings(tree: ast.Module) -> list[str]:
    skip = docstrings(tree)
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip]


def imports(node: ast.AST) -> list[str]:
    out = []
    for n in ast.walk(node):
        if isinstance(n, ast.Import):
            out += [a.name for a in n.names]
        elif isinstance(n, ast.ImportFrom) and n.module and not n.level:
            out += [n.module] + [f"{n.module}.{a.name}" for a in n.names]
    return out


def paths_into_tests(tree: ast.Module) -> list[str]:
    """String constants in code that name a ``tests`` folder (``ROOT / "tests" / …``, ``"tests/alerts/…"``)."""
    return [s for s in strings(tree) if TESTS_PATH.search(s)]


def is_main_guard(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test) in ('__name__ == "__main__"', "__name__ == '__main__'")


def forwarded(tree: ast.Module) -> str | None:
    """The tool a forwarder runs (``runpy.run_module("game.tools.bench", run_name="__main__", …)`` under the main
    guard), or None when the module is not exactly a forwarder: docstring, ``import runpy``, the guard, nothing else."""
    body = [n for n in tree.body if id(getattr(n, "value", None)) not in docstrings(tree)]
    if [type(n) for n in body] != [ast.Import, ast.If] or imports(body[0]) != ["runpy"] or not is_main_guard(body[1]):
        return None
    (call,) = [n.value for n in body[1].body if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)] or [None]
    if (call is None or ast.unparse(call.func) != "runpy.run_module" or not call.args
            or not isinstance(call.args[0], ast.Constant)):
        return None
    target = call.args[0].value
    runs_as_main = any(k.arg == "run_name" and ast.literal_eval(k.value) == "__main__" for k in call.keywords)
    return target if is_tool(target) and runs_as_main else None


def tool_uses(tree: ast.Module) -> list[str]:
    """Tools a runtime module imports or names (``-m game.tools.x``, ``import_module``); a forwarder's target
    aside."""
    target = forwarded(tree)
    return [n for n in imports(tree) + strings(tree) if is_tool(n) and n not in (target, f"{target}.main")]


def test_the_checks_find_what_they_look_for():
    bad = ast.parse('"""Reads tests/ only in words."""\nfrom pathlib import Path\nDATA = Path(__file__).parents[2] / '
                    '"tests" / "alerts"\nimport subprocess\nsubprocess.run(["python", "-m", "game.tools.bench"])\n'
                    "from net.tools import attack\n")
    assert paths_into_tests(bad) == ["tests"]
    assert tool_uses(bad) == ["net.tools", "net.tools.attack", "game.tools.bench"]
    forwarder = ast.parse('"""Doc."""\nimport runpy\nif __name__ == "__main__":\n'
                          '    runpy.run_module("game.tools.bench", run_name="__main__", alter_sys=True)\n')
    assert forwarded(forwarder) == "game.tools.bench" and tool_uses(forwarder) == []
    not_only = ast.parse('import runpy\nX = 1\nif __name__ == "__main__":\n    runpy.run_module("game.tools.bench")\n')
    assert forwarded(not_only) is None and tool_uses(not_only) == ["game.tools.bench"]
    imported = ast.parse('import sys\nif __name__ == "__main__":\n    from game.tools.bench import main\n')
    assert forwarded(imported) is None and tool_uses(imported) == ["game.tools.bench", "game.tools.bench.main"]


def test_no_module_outside_tests_reads_a_tests_path():
    bad = {name: found for name in SOURCES if (found := paths_into_tests(parse(name)))}
    assert bad == {}


def test_no_runtime_module_uses_a_tool():
    runtime = [n for n in SOURCES if n.split(".")[0] in PACKAGES and not is_tool(n)]
    bad = {name: found for name in runtime if (found := tool_uses(parse(name)))}
    assert bad == {}


def test_forwarders_run_a_tool_that_exists():
    """Each old ``python -m`` path that forwards names a tools module that runs as ``__main__``."""
    targets = {name: t for name in SOURCES if not is_tool(name) and (t := forwarded(parse(name)))}
    assert "game.bench" in targets and "net.bench" in targets
    for name, target in targets.items():
        assert target in SOURCES, name
        assert any(is_main_guard(n) for n in parse(target).body), target


def test_tools_packages_exist_and_hold_the_benchmarks():
    assert TOOLS_PACKAGES == ["game.tools", "net.tools", "ui.tools"]
    benches = [n for n in SOURCES if n.split(".")[-1].endswith("bench") and n.split(".")[0] in PACKAGES]
    assert benches and all(is_tool(n) or forwarded(parse(n)) for n in benches), benches


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("mseoul_packaging_build", ROOT / "packaging" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_builds_leave_the_tools_out(build, tmp_path):
    tools = [n for n in SOURCES if is_tool(n)]
    assert tools and all(build.excluded(n) for n in tools)
    assert not any(build.excluded(n) for n in ("game.kiosk.watchdog", "game.exhibit", "game.selfcheck"))
    cfg = build.stage_config(tmp_path, [build.PLATFORMS[0]], [], tmp_path / "dist")["build_apps"]
    assert {f"{p.replace('.', '/')}/**" for p in TOOLS_PACKAGES} <= set(cfg["exclude_patterns"])


def test_self_check_skips_the_tools_but_keeps_what_ships_with_a_kiosk():
    names = selfcheck.app_modules()
    assert not [n for n in names if is_tool(n)]
    assert {"game.kiosk.watchdog", "game.exhibit", "game.selfcheck", "game.bench"} <= set(names)
