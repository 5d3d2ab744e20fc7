"""The app's own GLSL (``shaders/``), loaded the one way that works on every platform.

Panda3D reads a bare OS string as a Panda path: on Windows ``Z:\\…\\sky.vert`` is then not found and the load
returns None. Every shader the app owns is therefore named through ``Filename.fromOsSpecific`` here.
"""

from __future__ import annotations

from pathlib import Path

from panda3d.core import Filename, Shader

SHADER_DIR = Path(__file__).resolve().parents[2] / "shaders"


def load_glsl(stem: str) -> Shader:
    """``shaders/<stem>.vert`` and ``.frag`` as one GLSL shader; raises if either is missing or does not load."""
    files = [Filename.fromOsSpecific(str(SHADER_DIR / f"{stem}.{kind}")) for kind in ("vert", "frag")]
    shader = Shader.load(Shader.SL_GLSL, *files)
    if shader is None:
        raise FileNotFoundError(f"shader {stem}: could not load {', '.join(f.toOsSpecific() for f in files)}")
    return shader
