"""The pure signing modules (and the preview command's module) load without Panda3D."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = ("game.signing.skeleton", "game.signing.space", "game.signing.lexicon", "game.signing.fingerspell",
           "game.signing.templates", "game.signing.ik", "game.signing.timeline", "game.tools.signing_preview",
           "game.signing.clips", "game.signing.programme", "game.signing.numbers", "game.signing.placement",
           "game.tools.signing_coverage", "game.access_settings", "game.assistive", "game.audio_mix",
           "game.caption_style", "game.colour_vision", "game.colour_scales")


def test_pure_modules_import_no_engine() -> None:
    code = ("import sys\n" + "".join(f"import {m}\n" for m in MODULES)
            + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('panda3d', 'direct')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
