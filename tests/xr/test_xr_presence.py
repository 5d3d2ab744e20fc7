"""A headset visitor in shared presence, through main.py against Monado: while ``main.py --xr`` runs, two more
visitors (headless presence clients with their own identities and real sockets on the app's embedded hub) stand
ahead of the headset, one at a talking distance and one right in the headset's face. Their clients must receive
the headset's VR state (head where the runtime tracked it, both hands); the headset must draw the first in the
left eye's image and hide the second, name tag and all, inside its personal-space bubble (on by default in VR)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from dataclasses import dataclass, field
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
from tests.pinned import DAY

pytestmark = pytest.mark.xr
ROOT = Path(__file__).resolve().parents[2]
FRAMES = 150
#: 2.5 m ahead of the headset (the rig starts at the origin facing +Y), facing it: in view, outside the bubble;
#: in a purple (#7a4fa3) casual outfit, a colour the street ahead of the origin does not have.
VISITOR = AvatarState(0.0, 2.5, 0.0, 180.0)
LOOK = "casual:5:5:0"
#: 0.4 m ahead, inside 40 % of the 1.2 m bubble: fully faded. Yellow (#f2a900), which would fill the lower view.
INTRUDER = AvatarState(0.0, 0.4, 0.0, 180.0)
INTRUDER_LOOK = "casual:1:1:0"
START_TIMEOUT_S = 60
RUN_TIMEOUT_S = 120


def colour_shares(path: Path) -> tuple[float, float]:
    """The shares of purple and of yellow pixels in ``path``."""
    img = PNMImage(str(path))
    px = np.array([[img.getXel(x, y) for x in range(img.getXSize())] for y in range(img.getYSize())])
    r, g, b = px[..., 0], px[..., 1], px[..., 2]
    purple = (b > g + 0.12) & (r > g + 0.06) & (b > 0.25)
    yellow = (r > 0.5) & (g > 0.35) & (r > g) & (b < 0.6 * g)  # #f2a900, not the spring ginkgos' yellow-green
    return float(purple.mean()), float(yellow.mean())


def shaded_sky(path: Path, rows: int = 16) -> float:
    """The share of the top ``rows`` (open sky above the street ahead) that is darker than sky: a name tag's card."""
    img = PNMImage(str(path))
    px = np.array([[img.getXel(x, y) for x in range(img.getXSize())] for y in range(rows)])
    return float((px[..., 2] < 0.6).mean())


@dataclass
class Visitor:
    """A headless visitor on its own link and presence sockets; ``seen`` collects the VR states it receives."""

    directory: Path
    name: str
    state: AvatarState
    look: str
    seen: list[AvatarState] = field(default_factory=list)
    link: CityLink | None = None
    presence: PresenceClient | None = None
    joined: bool = False

    def open(self, city: str) -> None:
        (self.directory / "city.json").write_text(city, encoding="utf-8")
        self.link = CityLink.from_directory(self.directory, **FAST)
        self.presence = PresenceClient.from_directory(self.directory, self.link)

    def step(self) -> None:
        self.presence.feed(self.link.poll())
        if not self.joined and self.link.status is LinkStatus.CONNECTED:
            self.presence.join("district", name=self.name, look=self.look)
            self.joined = True
        self.presence.set_state(self.state)
        self.presence.poll()
        self.seen += [state for _, state in self.presence.visible().values() if state.vr]

    def close(self) -> None:
        if self.presence is not None:
            self.presence.close()
            self.link.close()


def _visit(proc: subprocess.Popen, city_json: Path, visitors: list[Visitor]) -> None:
    """Join once the embedded hub is up, and stay until main.py exits."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while not city_json.exists():
        assert proc.poll() is None and time.monotonic() < deadline, "main.py never started its embedded hub"
        time.sleep(0.05)
    time.sleep(0.1)  # written in one call, but let the write land before reading it
    try:
        for visitor in visitors:
            visitor.open(city_json.read_text(encoding="utf-8"))
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while proc.poll() is None and time.monotonic() < deadline:
            for visitor in visitors:
                visitor.step()
            time.sleep(0.01)
    finally:
        for visitor in visitors:
            visitor.close()


def test_headset_visitor_sees_others_and_they_see_its_head_and_hands(monado_env, tmp_path):
    layout = init_hub_dir(tmp_path / "embedded-city" / "hub")  # the app's embedded hub starts on these keys
    visitors = [Visitor(make_client_dir(layout, tmp_path / name, Role.CITIZEN, name), name, state, look)
                for name, state, look in (("visitor", VISITOR, LOOK), ("intruder", INTRUDER, INTRUDER_LOOK))]
    out = tmp_path / "xr"
    with (tmp_path / "stderr.txt").open("w") as err:
        args = ["--xr", "--offscreen", "--frames", str(FRAMES), "--xr-capture", str(out), "--cache-dir", str(tmp_path),
                "--quality", "low", "--time", DAY]
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], env=monado_env,
                                stdout=subprocess.DEVNULL, stderr=err, cwd=tmp_path)
        try:
            _visit(proc, tmp_path / "embedded-city" / "client" / "city.json", visitors)
            status = proc.wait(10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert status == 0, (tmp_path / "stderr.txt").read_text()[-2000:]

    report = json.loads((out / "xr.json").read_text(encoding="utf-8"))
    tracked = [p["panda"]["position"] for p in report["head_poses"]]
    for visitor in visitors:
        assert visitor.seen, f"the headset visitor's VR state never reached {visitor.name}"
    for state in visitors[0].seen[-20:] + visitors[1].seen[-20:]:
        # The rig stays at the origin (no teleport), so world = tracking space: the head drawn for the other
        # visitor is a head pose the runtime reported, and the body stands under it on the floor.
        head = (state.x + state.head.x, state.y + state.head.y, state.z + state.head.z)
        assert min(math.dist(head, p) for p in tracked) < 0.02, head
        assert abs(state.z) < 0.01 and 1.2 < state.head.z < 2.0
        for side, hand in (("left", state.left), ("right", state.right)):
            assert math.dist((hand.x, hand.y, hand.z), HAND_PIVOTS[side]) > 0.01, f"{side} hand not tracked"
        assert state.left != state.right
    purple, yellow = colour_shares(out / "left.png")
    assert purple > 0.003, f"the visitor's avatar is not in the headset's left eye ({purple:.4f})"
    assert yellow < 0.002, f"the visitor in the headset's face is not hidden by the bubble ({yellow:.4f})"
    assert shaded_sky(out / "left.png") < 0.01, "the hidden visitor's name tag hangs over the view"
