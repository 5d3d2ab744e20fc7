"""Every shader the app owns is loaded through game.render.shaders, whose ``Filename`` works on Windows too (a bare
OS path string is read as a Panda path there and not found: the Windows build's tour failed on it once)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_shaders_are_loaded_only_through_load_glsl():
    loaders = [f"{p.relative_to(ROOT)}:{n}" for pkg in ("game", "ui", "net") for p in sorted((ROOT / pkg).rglob("*.py"))
               for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if "Shader.load(" in line]
    assert loaders == ["game/render/shaders.py:19"], loaders
