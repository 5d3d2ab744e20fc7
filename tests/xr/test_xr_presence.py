"""A headset visitor in shared presence, through main.py against Monado: while ``main.py --xr`` runs, a second
visitor (a headless presence client with its own identity and real sockets on the app's embedded hub) stands
ahead of the headset. Its client must receive the headset's VR state (head where the runtime tracked it, both
hands), and the headset must draw the visitor's avatar in the left eye's image."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from panda3d.core import PNMImage

from game.social.avatar_mesh import HAND_PIVOTS
from net.client.link import CityLink, LinkStatus
from net.hub.layout import init_hub_dir, make_client_dir
from net.presence.client import PresenceClient
from net.presence.codec import AvatarState
from net.protocol import Role
from tests.net.conftest import FAST

pytestmark = pytest.mark.xr
ROOT = Path(__file__).resolve().parents[2]
FRAMES = 150
#: 2.5 m ahead of the headset (the rig starts at the origin facing +Y), facing it: in view, outside the bubble.
VISITOR = AvatarState(0.0, 2.5, 0.0, 180.0)
#: A purple (#7a4fa3) casual outfit: no colour the street ahead of the origin has.
LOOK = "casual:5:5:0"
START_TIMEOUT_S = 60
RUN_TIMEOUT_S = 120


def purple_share(path: Path) -> float:
    img = PNMImage(str(path))
    px = np.array([[img.getXel(x, y) for x in range(img.getXSize())] for y in range(img.getYSize())])
    r, g, b = px[..., 0], px[..., 1], px[..., 2]
    return float(((b > g + 0.12) & (r > g + 0.06) & (b > 0.25)).mean())


def _visit(proc: subprocess.Popen, city_json: Path, directory: Path) -> list[AvatarState]:
    """Join as the second visitor once the embedded hub is up; every VR state seen until main.py exits."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while not city_json.exists():
        assert proc.poll() is None and time.monotonic() < deadline, "main.py never started its embedded hub"
        time.sleep(0.05)
    time.sleep(0.1)  # written in one call, but let the write land before reading it
    (directory / "city.json").write_text(city_json.read_text(encoding="utf-8"), encoding="utf-8")
    link = CityLink.from_directory(directory, **FAST)
    presence = PresenceClient.from_directory(directory, link)
    seen: list[AvatarState] = []
    joined = False
    try:
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while proc.poll() is None and time.monotonic() < deadline:
            presence.feed(link.poll())
            if not joined and link.status is LinkStatus.CONNECTED:
                presence.join("district", name="visitor", look=LOOK)
                joined = True
            presence.set_state(VISITOR)
            presence.poll()
            seen += [state for _, state in presence.visible().values() if state.vr]
            time.sleep(0.01)
    finally:
        presence.close()
        link.close()
    return seen


def test_headset_visitor_and_a_second_visitor_see_each_other(monado_env, tmp_path):
    layout = init_hub_dir(tmp_path / "embedded-city" / "hub")  # the app's embedded hub starts on these keys
    visitor = make_client_dir(layout, tmp_path / "visitor", Role.CITIZEN, "visitor")
    out = tmp_path / "xr"
    with (tmp_path / "stderr.txt").open("w") as err:
        args = ["--xr", "--offscreen", "--frames", str(FRAMES), "--xr-capture", str(out), "--cache-dir", str(tmp_path),
                "--quality", "low"]
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], env=monado_env,
                                stdout=subprocess.DEVNULL, stderr=err, cwd=tmp_path)
        try:
            seen = _visit(proc, tmp_path / "embedded-city" / "client" / "city.json", visitor)
            status = proc.wait(10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert status == 0, (tmp_path / "stderr.txt").read_text()[-2000:]

    assert seen, "the headset visitor's VR state never reached the second visitor"
    report = json.loads((out / "xr.json").read_text(encoding="utf-8"))
    tracked = [p["panda"]["position"] for p in report["head_poses"]]
    for state in seen[-20:]:
        # The rig stays at the origin (no teleport), so world = tracking space: the head drawn for the other
        # visitor is a head pose the runtime reported, and the body stands under it on the floor.
        head = (state.x + state.head.x, state.y + state.head.y, state.z + state.head.z)
        assert min(math.dist(head, p) for p in tracked) < 0.02, head
        assert abs(state.z) < 0.01 and 1.2 < state.head.z < 2.0
        for side, hand in (("left", state.left), ("right", state.right)):
            assert math.dist((hand.x, hand.y, hand.z), HAND_PIVOTS[side]) > 0.01, f"{side} hand not tracked"
        assert state.left != state.right
    share = purple_share(out / "left.png")
    assert share > 0.003, f"the second visitor's avatar is not in the headset's left eye ({share:.4f})"
