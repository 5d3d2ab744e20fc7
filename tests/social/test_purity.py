"""The pure presence and social modules import no engine (they run in the hub and in tests without a window)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PURE = ("net.presence.codec", "net.presence.grid", "net.presence.interp", "net.presence.gate", "net.hub.presence_relay",
        "net.presence.rotation", "game.social.avatar_mesh", "game.social.rules", "game.xr.vr_pose",
        "game.social.blocklist", "game.social.gathering")


def test_pure_modules_import_no_panda3d():
    code = ("import sys\n" + "".join(f"import {m}\n" for m in PURE)
            + "bad = [m for m in sys.modules if m.split('.')[0] in ('panda3d', 'direct')]\nprint(bad)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"
