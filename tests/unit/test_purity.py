"""The layering contract, read from the source (AST), over every package — no hand-kept module lists:

- a module whose docstring declares it ``Pure`` imports no engine (``direct``, ``panda3d``, ``simplepbr``) nor
  ``zmq`` at module level, directly or through another project module it imports at module level;
- ``net`` (the hub ships without the client) imports nothing from ``game`` or ``ui``;
- runtime code never reads from ``tests``.
"""

from __future__ import annotations

import ast
import re
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


def all_imports(name: str) -> list[str]:
    return [m for node in ast.walk(tree(name)) for m in imported(node, name)]


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
