"""One XR scenario in its own process (one ShowBase per process; a native crash stays contained).

    python -m tests.xr.scenario NAME OUT_DIR

Runs :func:`game.xr.run.run_xr` offscreen against the runtime named by XR_RUNTIME_JSON with the XR test scene,
writes the usual capture into OUT_DIR and, beside it, ``scenario.json``: per-frame world transforms of the
eye cameras and the head as Panda3D drew them, so tests can check what the runtime's poses did to the camera.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path

from game.config import AppConfig
from game.tasks import XR_SUBMIT
from game.xr.comfort import ComfortSettings
from game.xr.district import DistrictBuilder
from game.xr.intents import InputFrame
from game.xr.run import run_xr
from game.xr.testscene import build_test_scene
from tests.pinned import DAY_DT

FRAMES = {"capture": 60, "locomotion": 70, "seated": 20, "district": 30, "glx": 20, "bellpull": 40, "captions": 20}
TELEPORT_FRAMES = range(5, 25)  # hold the left teleport button; released on frame 25
SNAP_FRAMES = range(40, 43)  # push the right stick fully right
MENU_FRAME = 50  # press menu: the comfort menu opens ahead of the head, where the right laser meets it
SELECT_FRAME = 55  # pull the right trigger while the laser rests on the menu


def button_script(*, select=(), teleport=(), snap=(), menu=()) -> Callable[[int, InputFrame], InputFrame]:
    """An ``input_filter`` pressing, on the given frame numbers, the buttons the simulated controllers cannot
    press: right trigger, left teleport, right stick fully right, menu. Poses stay what the runtime reported."""

    def script(index: int, frame: InputFrame) -> InputFrame:
        if index in teleport:
            frame = replace(frame, left=replace(frame.left, teleport=True))
        if index in snap:
            frame = replace(frame, right=replace(frame.right, stick=(1.0, 0.0)))
        if index in menu:
            frame = replace(frame, menu=True)
        if index in select:
            frame = replace(frame, right=replace(frame.right, select=True))
        return frame

    return script


ROPE_FRAMES = range(5, 35)  # the bell's cue: the rope hangs ahead of the visitor
PULL_FRAMES = range(10, 22)  # the right hand grips the handle and pulls it back 0.6 m


def bell_pull_script(recorded: dict) -> Callable[[int, InputFrame], InputFrame]:
    """Grip the rope's handle with the right hand and pull it back along the rope (the simulated controllers
    neither squeeze nor move, so the pose and the grip are given here, where the rope is)."""

    def script(index: int, frame: InputFrame) -> InputFrame:
        rope = recorded["pull"].rope if "pull" in recorded else None
        if rope is None or index not in PULL_FRAMES:
            return frame
        from panda3d.core import Point3

        d = 0.6 * (index - PULL_FRAMES.start) / (len(PULL_FRAMES) - 1)
        world = Point3(*(rope.handle[i] + d * rope.pull[i] for i in range(3)))
        driver = recorded["driver"]
        local = driver.rig.tracking.get_relative_point(driver.world, world)
        aim = replace(frame.right.aim, position=tuple(local)) if frame.right.aim else None
        return replace(frame, right=replace(frame.right, aim=aim, grip=True))

    return script


def aim_at_menu(script: Callable[[int, InputFrame], InputFrame], recorded: dict,
                at: int) -> Callable[[int, InputFrame], InputFrame]:  # fmt: skip
    """``script``, with the right hand held 0.3 m in front of the open menu's centre (its middle row, "smooth")
    and pointing straight into it on frame ``at``: a visitor aims at the row they want, while the simulated
    controller stays put as the simulated head drifts, so its own laser met a different row, or the menu's
    margin, from one run to the next."""

    def aimed(index: int, frame: InputFrame) -> InputFrame:
        frame = script(index, frame)
        driver = recorded.get("driver")
        if index != at or driver is None or not driver.menu.visible:
            return frame
        from game.xr.axes import Pose

        menu, tracking = driver.menu.root, driver.rig.tracking
        aim = Pose(tuple(tracking.get_relative_point(menu, (0.0, -0.3, 0.0))), tuple(menu.get_quat(tracking)))
        return replace(frame, right=replace(frame.right, aim=aim))

    return aimed


def locomotion_script(recorded: dict) -> Callable[[int, InputFrame], InputFrame]:
    """Teleport, snap-turn, open the menu and press its middle row."""
    buttons = button_script(teleport=TELEPORT_FRAMES, snap=SNAP_FRAMES, menu=(MENU_FRAME,), select=(SELECT_FRAME,))
    return aim_at_menu(buttons, recorded, SELECT_FRAME)


def source_captions(driver) -> list:
    """Two sounds' captions in the caption style (cyan on solid black): one from a post ahead of the visitor (hung
    above it in the world), one from behind on the right (head-locked, its arrow pointing right)."""
    from game.caption_style import CaptionStyle
    from game.xr.caption import SourceCaption

    style = CaptionStyle(size=1.5, colour="cyan", background=1.0)
    out = []
    for name, pos, text in (("ahead", (0.0, 6.0, 1.2), "BELL AHEAD"), ("behind", (3.0, -6.0, 1.6), "DRUM BEHIND")):
        source = driver.world.attach_new_node(f"source-{name}")
        source.set_pos(*pos)
        caption = SourceCaption(driver.base, driver.head_panel, source, None, style)
        caption.show(text)
        out.append(caption)
    return out


def main(name: str, out: Path) -> int:
    # "glx" opens a desktop window (run it under Xvfb): OpenXR then binds through GLX instead of EGL.
    config = AppConfig(offscreen=name != "glx", size=(320, 180), xr=True, frames=FRAMES[name], xr_capture=out,
                       when=DAY_DT)
    settings = ComfortSettings(reference="seated" if name == "seated" else "standing")
    frames: list[dict] = []

    recorded: dict = {}

    def on_driver(driver) -> None:
        recorded["driver"] = driver
        render = driver.world

        def record(task):
            if driver.head_poses and (not frames or frames[-1]["frame"] != driver.head_poses[-1]["frame"]):
                hands = {h.rsplit("/", 1)[1]: None if n.is_stashed() else list(n.get_pos(render))
                         for h, n in driver.rig.hands.items()}  # fmt: skip
                frames.append({
                    "frame": driver.head_poses[-1]["frame"],
                    "eyes": [list(e.get_pos(render)) for e in driver.rig.eyes],
                    "head": list(driver.rig.head.get_pos(render)),
                    "head_h": driver.rig.head.get_h(render),
                    "hands": hands,
                    "vignette": driver.vignette.strength,
                    "laser": not driver.visuals.laser.is_hidden(),
                    "panel": list(driver.head_panel.get_pos(render)),
                    "panel_in_head": list(driver.head_panel.get_pos(driver.rig.head)),
                })  # fmt: skip
            return task.cont

        driver.base.taskMgr.add(record, "scenario-record", sort=XR_SUBMIT + 1)
        if name == "bellpull":
            from game.xr.bell_pull import XrBellPull

            recorded["forces"] = []
            recorded["pull"] = XrBellPull(driver, lambda: driver.frame_index in ROPE_FRAMES,
                                          recorded["forces"].append)
        if name == "locomotion":
            driver.haptic("both", 0.5, 0.05)  # before focus: must be a harmless no-op
        if name == "captions":
            recorded["captions"] = source_captions(driver)

    scripts = {"locomotion": locomotion_script, "bellpull": bell_pull_script}
    script = scripts[name](recorded) if name in scripts else None
    district = DistrictBuilder()
    builder, collide = (district, district.collide) if name == "district" else (build_test_scene, None)
    if name == "district":
        script = locomotion_script(recorded)  # the arc now meets the district's real collision
    status = run_xr(config, builder, collide=collide, settings=settings, input_filter=script, on_driver=on_driver)
    out.mkdir(parents=True, exist_ok=True)
    settings_after = asdict(recorded["driver"].settings) if recorded else None
    (out / "scenario.json").write_text(json.dumps({"status": status, "frames": frames, "settings": settings_after,
                                                   "pull_forces": recorded.get("forces"),
                                                   "captions": [{"in_world": c.in_world, "arrow_r": c.arrow.get_r()}
                                                                for c in recorded.get("captions", ())]},
                                                  indent=1))  # fmt: skip
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
