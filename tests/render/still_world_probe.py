"""Run in its own process by test_still_world.py (one ShowBase per process): the still world's held picture.

A ground and a row of towers held as static, a box walking between them drawn live, under a pinned sun. Prints
JSON: whether the world was held and how often it was drawn again; pixel differences between held frames and the
same frames drawn whole (still, with the box moving in and out behind a tower, after a held tower changed, after
the clock and the camera moved); and what happens while another camera draws the world.
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np

from tests.render.probe import offscreen_pipeline

MORNING = dt.datetime(2026, 5, 15, 9, 0)
SIZE = (320, 180)


def main() -> None:
    from panda3d.core import Camera, NodePath, PerspectiveLens

    from game.architecture.mesh import box
    from game.config import KST
    from game.render.geom import meshes_to_node

    base, world, pipe = offscreen_pipeline("low", MORNING)
    still = pipe.still
    ground = world.attachNewNode(meshes_to_node("ground", box((400, 400, 0.1), (0, 0, -0.1), (0.6, 0.6, 0.6, 1))))
    towers = [world.attachNewNode(meshes_to_node(f"tower{k}", box((4, 4, 12 + 6 * k), (-24 + 12 * k, 10, 0),
                                                                     (0.5, 0.5, 0.5, 1)))) for k in range(5)]
    walker = world.attachNewNode(meshes_to_node("walker", box((2, 2, 4), (0, 0, 0), (0.9, 0.2, 0.1, 1))))
    still.hold(ground, *towers)
    base.camera.setPos(0, -70, 20)
    base.camera.lookAt(0, 10, 5)
    pipe.focus_shadows((0.0, 10.0, 0.0))

    def step(frames: int = 1) -> None:
        for _ in range(frames):
            base.taskMgr.step()

    def shot() -> np.ndarray:
        tex = base.win.getScreenshot()
        return np.frombuffer(tex.getRamImageAs("RGB"), np.uint8).reshape(SIZE[1], SIZE[0], 3).astype(int)

    def whole() -> np.ndarray:
        """The same frame drawn whole (the still world off), then back on."""
        still.enabled = False
        step()
        picture = shot()
        still.enabled = True
        return picture

    def diff(a: np.ndarray, b: np.ndarray) -> dict:
        d = np.abs(a - b).max(axis=2)
        return {"max": int(d.max()), "share_over_8": float((d > 8).mean())}

    out: dict = {"has_still_world": still is not None}
    step(6)
    out["holding_after_still"] = still.holding
    before = still.captures
    step(10)
    out["captures_still_10_frames"] = still.captures - before
    out["held_vs_whole"] = diff(shot(), whole())
    step(3)
    # The walker goes behind the second tower and out again, a metre a frame: live, occluded by the held depth.
    spots = [(-20.0 + k, 14.0, 0.0) for k in range(12)]
    before = still.captures
    held = []
    for spot in spots:
        walker.setPos(*spot)
        step()
        held.append(shot())
    out["captures_while_walker_moves"] = still.captures - before
    out["holding_while_walker_moves"] = still.holding
    still.enabled = False
    drawn_whole = []
    for spot in spots:
        walker.setPos(*spot)
        step()
        drawn_whole.append(shot())
    still.enabled = True
    out["walker_held_vs_whole"] = max((diff(a, b) for a, b in zip(held, drawn_whole, strict=True)),
                                      key=lambda d: d["max"])
    walker.setPos(0, -200, 0)  # out of view
    step(3)
    out["walker_shows"] = min(diff(picture, shot())["share_over_8"] for picture in (held[0], held[-1]))
    out["walker_hidden_behind_tower"] = diff(held[6], shot())["share_over_8"]
    # A held tower changes (a highlight): shown within two frames, without anyone calling refresh
    step(4)
    before_tint = shot()
    towers[2].setColorScale(1.0, 0.2, 0.2, 1.0)
    step(2)
    out["tint_shows"] = diff(before_tint, shot())["share_over_8"]
    step(3)
    out["tinted_held_vs_whole"] = diff(shot(), whole())
    # The clock moves: drawn again, and like the whole frame
    before = still.captures
    pipe.set_time(dt.datetime(2026, 5, 15, 16, 0, tzinfo=KST))
    step(4)
    out["captures_after_set_time"] = still.captures - before
    out["afternoon_held_vs_whole"] = diff(shot(), whole())
    # The camera moves every frame: never held, and the same as whole
    holds = 0
    for _ in range(6):
        base.camera.setX(base.camera.getX() + 0.5)
        step()
        holds += still.holding
    out["held_frames_while_camera_moves"] = holds
    # Another camera drawing the world (a photo): the world is drawn whole for both, and the photo sees the towers
    step(4)
    photo_buffer = base.win.makeTextureBuffer("photo", 64, 64)
    lens = PerspectiveLens()
    photo_cam = NodePath(Camera("photo", lens))
    photo_cam.reparentTo(base.render)
    photo_cam.setPos(0, -70, 20)
    photo_cam.lookAt(0, 10, 5)
    photo_buffer.makeDisplayRegion().setCamera(photo_cam)
    step(3)
    out["holding_with_another_camera"] = still.holding
    base.graphicsEngine.removeWindow(photo_buffer)
    step(3)
    out["holding_after_photo"] = still.holding
    print(json.dumps(out))


if __name__ == "__main__":
    main()
