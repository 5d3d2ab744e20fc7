"""Writing the eye images and the run report of ``--xr-capture``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from panda3d.core import Filename, Texture


def write_png(path: Path, rgba: bytes, width: int, height: int) -> None:
    """Save GL-order pixels (RGBA, bottom row first) as an RGB PNG; Panda3D's RAM images are BGR, bottom-up."""
    pixels = np.frombuffer(rgba, dtype=np.uint8).reshape(height, width, 4)
    bgr = np.ascontiguousarray(pixels[:, :, 2::-1])
    tex = Texture("xr-capture")
    tex.setup_2d_texture(width, height, Texture.T_unsigned_byte, Texture.F_rgb8)
    tex.set_ram_image(bgr.tobytes())
    if not tex.write(Filename.from_os_specific(str(path))):
        raise OSError(f"could not write {path}")


def write_report(path: Path, report: dict) -> None:
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
