"""The layering contract, read from the source (AST), over every package — no hand-kept module lists:

- a module whose docstring declares it ``Pure`` imports no engine (``direct``, ``panda3d``, ``simplepbr``) nor
  ``zmq`` at module level, directly or through another project module it imports at module level;
- ``net`` (the hub ships without the client) imports nothing from ``game`` or ``ui``;
- runtime code never reads from ``tests``;
- the house reads top-down: in every folder, the imports between its rooms (each file, each subfolder taken
  whole) run one way only, with no loop; at the top the rooms are ``ui``, ``net`` and ``game``'s own rooms.
  A folder holding both a low module (one that ``ui`` builds on) and a high one (one that builds on ``ui``) shows
  up here as a loop, and is split.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("game", "ui", "net")
ENGINE = frozenset({"direct", "panda3d", "simplepbr", "zmq"})
DECLARED = re.compile(r"\bPure\b")


def modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


MODULES = modules()


@cache
def tree(name: str) -> ast.Module:
    return ast.parse(MODULES[name].read_text(encoding="utf-8"))


def imported(node: ast.AST, module: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level:  # relative: resolve against the importing module's package
            base = module.split(".")[: -node.level or None]
            return [".".join([*base, node.module or ""]).rstrip(".")]
        return [node.module] + [f"{node.module}.{a.name}" for a in node.names]
    return []


def top_level_imports(name: str) -> list[str]:
    """Imports that run when the module is imported (module body, not functions; ``TYPE_CHECKING`` aside)."""
    out = []
    for node in tree(name).body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        out += imported(node, name)
    return out


@cache
def all_imports(name: str) -> tuple[str, ...]:
    return tuple(m for node in ast.walk(tree(name)) for m in imported(node, name))


@cache
def engine_path(name: str, seen: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The chain of module-level imports from ``name`` to an engine module, or () if there is none."""
    for target in top_level_imports(name):
        if target.split(".")[0] in ENGINE:
            return (name, target)
        if target in MODULES and target not in seen and target != name:
            chain = engine_path(target, seen | {name})
            if chain:
                return (name, *chain)
    return ()


def declared_pure(name: str) -> bool:
    """The module's docstring says "Pure" (a package's ``__init__`` speaks only for itself: it often lists which
    of its modules are pure and which are not)."""
    return bool(DECLARED.search(ast.get_docstring(tree(name)) or ""))


def test_the_contract_covers_something():
    pure = [m for m in MODULES if declared_pure(m)]
    assert len(pure) > 40 and "game.flow" in pure and "game.input.stack" in pure


def test_pure_modules_import_no_engine():
    bad = {m: " → ".join(engine_path(m)) for m in MODULES if declared_pure(m) and engine_path(m)}
    assert bad == {}


def test_runtime_code_never_reads_from_tests():
    bad = {m: t for m in MODULES for t in all_imports(m) if t.split(".")[0] == "tests"}
    assert bad == {}


def test_net_imports_nothing_from_game_or_ui():
    """The hub ships without the client: shared rules (moderation) live in net and the client imports them."""
    bad = {m: t for m in MODULES if m.split(".")[0] == "net" for t in all_imports(m)
           if t.split(".")[0] in ("game", "ui")}
    assert bad == {}


def room(module: str, folder: tuple[str, ...]) -> str | None:
    """The room of ``folder`` (a package path; () for the top) that holds ``module``: the child file or subfolder
    it lies in; at the top, ``game``'s own children stand as rooms beside ``ui`` and ``net``."""
    parts = module.split(".")
    if folder == ():
        return ".".join(parts[:2]) if parts[0] == "game" and len(parts) > 1 else parts[0]
    if tuple(parts[: len(folder)]) != folder or len(parts) == len(folder):
        return None
    return ".".join(parts[: len(folder) + 1])


def loops(folder: tuple[str, ...]) -> list[list[str]]:
    """The import loops between the rooms of ``folder`` (strongly connected groups of more than one room)."""
    arrows: dict[str, set[str]] = defaultdict(set)
    for name in MODULES:
        if (src := room(name, folder)) is None:
            continue
        for target in all_imports(name):
            dst = room(target, folder) if target in MODULES else None
            if dst is not None and dst != src:
                arrows[src].add(dst)
    return strongly_connected(arrows)


def strongly_connected(arrows: dict[str, set[str]]) -> list[list[str]]:
    """Groups of more than one room that reach each other (Tarjan's algorithm)."""
    arrows = defaultdict(set, arrows)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in arrows[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = [stack.pop()]
            while group[-1] != v:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for v in list(arrows):
        if v not in index:
            visit(v)
    return found


def folders() -> list[tuple[str, ...]]:
    return [()] + sorted({tuple(name.split(".")[:k]) for name in MODULES if MODULES[name].name == "__init__.py"
                          for k in [len(name.split("."))]})


def test_the_loop_finder_finds_a_loop():
    assert room("game.alerts.parser", ()) == "game.alerts" and room("ui.fonts", ()) == "ui"
    assert room("game.alerts.parser", ("game", "alerts")) == "game.alerts.parser"
    assert room("game.alerts", ("game", "alerts")) is None
    assert ("game", "alerts") in folders() and ("net", "hub") in folders()
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert strongly_connected({"a": {"b"}, "b": set(), "d": {"a", "b"}}) == []


def test_every_folder_reads_top_down():
    bad = {"/".join(f) or "(top)": found for f in folders() if (found := loops(f))}
    assert bad == {}
