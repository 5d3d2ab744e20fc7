"""Run as a script (one ShowBase per process): the app's presence task against a real hub and a second visitor.

Prints one JSON line with what the app drew; ``argv[1]`` is a scratch directory, ``argv[2]`` the screenshot path.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("EGL_PLATFORM", "surfaceless")
from panda3d.core import Filename, PNMImage, loadPrcFileData  # noqa: E402

loadPrcFileData("social-scenario", "window-type offscreen\nload-display p3headlessgl\naudio-library-name null\n"
                "win-size 640 360\nsync-video false\nframebuffer-srgb false")

from direct.showbase.ShowBase import ShowBase  # noqa: E402

from game.architecture.mesh import box, srgb_to_linear  # noqa: E402
from game.input.keymap import Keymap  # noqa: E402
from game.input.stack import ModalStack, Press  # noqa: E402
from game.presence.task import PresenceTask  # noqa: E402
from game.render.geom import meshes_to_node  # noqa: E402
from game.render.pipeline import RenderPipeline  # noqa: E402
from game.social.avatar_mesh import Look  # noqa: E402
from game.social.gathering import hand_point  # noqa: E402
from net import clock  # noqa: E402
from net.client.link import CityLink, LinkStatus  # noqa: E402
from net.hub.layout import init_hub_dir, make_client_dir  # noqa: E402
from net.hub.server import Hub, HubConfig  # noqa: E402
from net.presence.client import PresenceClient  # noqa: E402
from net.presence.codec import AvatarState  # noqa: E402
from net.protocol import Role  # noqa: E402
from ui.fonts import load_font  # noqa: E402

FAST = {"heartbeat_timeout": 1.5, "resend_after": 1.0}


def main() -> int:
    root, png = Path(sys.argv[1]), Path(sys.argv[2])
    layout = init_hub_dir(root / "hub")
    hub = Hub(HubConfig(root / "hub", services="tcp://127.0.0.1:*", alerts="tcp://127.0.0.1:*", heartbeat=0.25,
                        watch_dropbox=False))
    e = hub.bind()
    thread = threading.Thread(target=hub.run, daemon=True)
    thread.start()
    clients = {n: make_client_dir(layout, root / n, Role.CITIZEN, n) for n in ("app", "remote")}
    links = {n: CityLink.from_directory(d, e["services"], e["alerts"], **FAST) for n, d in clients.items()}
    remote = PresenceClient.from_directory(clients["remote"], links["remote"])
    app_client = PresenceClient.from_directory(clients["app"], links["app"])

    base = ShowBase(windowType="offscreen")
    world = base.render.attachNewNode("world")
    pipeline = RenderPipeline(base, world, "low", dt.datetime(2026, 5, 15, 10, 0,
                                                              tzinfo=dt.timezone(dt.timedelta(hours=9))))
    world.attachNewNode(meshes_to_node("plaza", box((60, 60, 0.1), (0, 0, -0.1), (*srgb_to_linear("#9a9288"), 1))))
    base.camera.setPos(0, -3.0, 1.7)
    base.camera.lookAt(0.5, 4, 1.3)
    pipeline.focus_shadows((0, 2, 0))
    typing: list[bool] = []
    keys, keymap = ModalStack(strict=True), Keymap.load()  # an offscreen buffer has no keyboard: presses go
    # straight into the app's input stack, past the window's thrower (tests/app drive that part in a window)

    def press(key: str) -> None:
        keys.press(Press(key, keymap.actions(key)))

    task = PresenceTask(base, world, app_client, lambda: AvatarState(0.0, 0.0, 0.0, 0.0), lang="ko",
                        font=load_font(base.loader), link_events=links["app"].poll, on_typing=typing.append, keys=keys)
    remote_events = []
    while links["app"].status is not LinkStatus.CONNECTED or links["remote"].status is not LinkStatus.CONNECTED:
        links["app"].poll()
        links["remote"].poll()
        time.sleep(0.01)
    task.start("district", name="김서연", look=Look("hanbok", 0, 1, 0))
    remote.join("district", name="Alex", look=Look("casual", 2, 7, 2).wire())

    def frame(n: int = 1) -> None:
        for _ in range(n):
            remote.feed(links["remote"].poll())
            remote_events.extend(remote.poll())
            remote.set_state(AvatarState(0.5, 4.0, 0.0, 180.0))
            base.taskMgr.step()
            time.sleep(0.01)

    deadline = time.monotonic() + 15
    while not task.nodes and time.monotonic() < deadline:
        frame()
    result: dict = {"drawn": sorted(task.nodes)}
    (rid, node), = task.nodes.items()
    remote.say("안녕하세요! 광화문에서 만나요")
    while not node.bubble_text.getText() and time.monotonic() < deadline:
        frame()
    frame(3)
    pos = node.root.getPos()
    result.update(remote_id=remote.avatar_id, pos=[round(v, 2) for v in pos], heading=round(node.root.getH(), 1),
                  label=node.tag_text.getText(), bubble=node.bubble_text.getText(),
                  bubble_shown=not node.bubble.isHidden(), log=task.log.render("ko"),
                  remote_sees_app=app_client.avatar_id in remote.visible())
    base.win.saveScreenshot(Filename.fromOsSpecific(str(png)))
    image = PNMImage()
    base.win.getScreenshot(image)
    w, h = image.getXSize(), image.getYSize()
    result["blue_pixels"] = sum(  # the remote's blue shirt (casual, colour 2) in the middle of the frame
        1 for x in range(w // 3, 2 * w // 3, 4) for y in range(h // 3, 2 * h // 3, 4)
        if image.getBlue(x, y) > 0.47 and image.getBlue(x, y) > image.getRed(x, y) + 0.23)
    press("enter")  # the visitor opens chat: the walking keys must be released
    for ch in "dkssud":  # 두벌식 keys for 안녕
        press(ch)
        keys.text(ch)
    result["typed"] = task.panel.field.text
    press("enter")
    frame(20)
    result["typing"] = list(typing)
    result["remote_heard"] = [m.text for m in remote_events if type(m).__name__ == "ChatMessage" and not m.mine]
    task.block_nearest()
    while (task.nodes or app_client.avatar_id in remote.visible()) and time.monotonic() < deadline:
        frame()
    result.update(after_block_drawn=sorted(task.nodes), remote_sees_app_after=app_client.avatar_id in remote.visible(),
                  log_after_block=task.log.render("ko"))
    press("u")  # the blocked list, from the hub
    while task.blocks.model.entries is None and time.monotonic() < deadline:
        frame()
    result.update(blocks_open=task.blocks.open, blocks_rows=task.blocks.rows.getText(), typing_blocks=typing[2:])
    press("arrow_down")  # one entry: wraps onto itself
    press("enter")
    while (not task.nodes or app_client.avatar_id not in remote.visible()) and time.monotonic() < deadline:
        frame()
    press("escape")
    result.update(after_unblock_drawn=sorted(task.nodes), remote_sees_app_unblocked=app_client.avatar_id
                  in remote.visible(), blocks_rows_after=task.blocks.rows.getText(),
                  status_after_unblock=task.panel.status.getText(), typing_after=typing[2:])

    # A town hall now at a speaker spot beside the remote visitor, who raises a hand.
    host_link = CityLink.from_directory(make_client_dir(layout, root / "host", Role.STAFF, "host"), e["services"],
                                        e["alerts"], **FAST)
    minute = clock.now_kst()  # the program's clock, which MSEOUL_NOW may have set
    rid_open = host_link.request("gathering.open", {
        "scene": "district", "title_ko": "시장과의 대화", "title_en": "Town hall with the mayor",
        "starts": (minute - dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
        "ends": (minute + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"), "spot_x": -1.5, "spot_y": 6.0},
        durable=False)
    opened = []
    while not opened and time.monotonic() < deadline + 10:
        opened = [ev for ev in host_link.poll() if getattr(ev, "request_id", None) == rid_open]
        frame()
    remote.raise_hand(True)
    node = task.nodes[rid]
    while (node.hand is None or task.stage is None) and time.monotonic() < deadline + 10:
        frame()
    frame(3)
    result.update(stage_pos=[round(v, 2) for v in task.stage.root.getPos(world)],
                  stage_sign=task.stage.sign_text.getText(), hand_shown=node.hand is not None
                  and not node.hand.isHidden(), hand_pos=[round(v, 2) for v in node.hand.getPos(world)],
                  hand_expected=[round(v, 2) for v in hand_point(AvatarState(0.5, 4.0, 0.0, 180.0))])
    host_link.close()
    task.release()
    remote.close()
    app_client.close()
    for link in links.values():
        link.close()
    hub.stop()
    thread.join(5)
    print(json.dumps(result, ensure_ascii=False))
    base.destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main())
