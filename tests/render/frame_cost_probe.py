"""Run in its own process by test_frame_cost.py (one ShowBase per process): the frame's savings change no pixel.

A plain ground with a row of towers under a pinned sun, seen obliquely. Prints JSON: how often the shadow map was
drawn while the view stood still, the focus drifted a little or the camera turned; the fit's CPU cost; pixel
differences between cached and per-frame shadows, before and after the sun moves, and between simplepbr without
and with hardware skinning; whether the towers' shadows show from 100 m down the row.
"""

from __future__ import annotations

import datetime as dt
import json
import time

import numpy as np

from tests.render.probe import offscreen_pipeline

MORNING = dt.datetime(2026, 5, 15, 9, 0)
AFTERNOON = dt.datetime(2026, 5, 15, 16, 0)


def main() -> None:
    from game.architecture.mesh import box
    from game.config import KST
    from game.render.geom import meshes_to_node

    base, world, pipe = offscreen_pipeline("low", MORNING)
    world.attachNewNode(meshes_to_node("ground", box((400, 400, 0.1), (0, 0, -0.1), (0.6, 0.6, 0.6, 1))))
    for k in range(5):
        world.attachNewNode(meshes_to_node(f"tower{k}", box((4, 4, 12 + 6 * k), (-24 + 12 * k, 10, 0),
                                                              (0.5, 0.5, 0.5, 1))))
    focus = (0.0, 5.0, 0.0)

    def look(at: tuple[float, float, float]) -> None:
        base.camera.setPos(at[0], at[1] - 75, 45)
        base.camera.lookAt(*at)

    look(focus)

    def shot(frames: int = 3) -> np.ndarray:
        for _ in range(frames):
            base.taskMgr.step()
        tex = base.win.getScreenshot()
        return np.frombuffer(tex.getRamImageAs("RGB"), np.uint8).reshape(180, 320, 3).astype(int)

    def diff(a: np.ndarray, b: np.ndarray) -> dict:
        d = np.abs(a - b).max(axis=2)
        return {"max": int(d.max()), "share_over_8": float((d > 8).mean())}

    out: dict = {}
    pipe.focus_shadows(focus)
    cached_morning = shot(6)
    before = pipe.shadow_renders
    for _ in range(10):  # a still view: no redraw
        pipe.focus_shadows(focus)
        base.taskMgr.step()
    out["renders_still_10_frames"] = pipe.shadow_renders - before
    before = pipe.shadow_renders
    for k in range(10):  # the focus drifts by 1 m a frame within the view: no redraw
        pipe.focus_shadows((focus[0] + k * 0.1, focus[1] + k, 0.0))
        base.taskMgr.step()
    out["renders_drift_10_frames"] = pipe.shadow_renders - before
    before = pipe.shadow_renders
    base.camera.setH(base.camera.getH() + 2)  # a glance aside: the task refits, the map still covers it
    shot(2)
    out["renders_after_glance"] = pipe.shadow_renders - before
    base.camera.setH(base.camera.getH() + 178)  # turned round: one redraw
    shot(2)
    out["renders_after_turn"] = pipe.shadow_renders - before
    look(focus)
    pipe.focus_shadows(focus)
    shot(2)
    calls = 200  # the fit runs whenever the visitor moves: its cost in CPU time
    t0 = time.process_time()
    for k in range(calls):
        pipe.focus_shadows((focus[0], focus[1] + 0.01 * k, 0.0))
    out["fit_us"] = (time.process_time() - t0) / calls * 1e6
    walked = (focus[0], focus[1] + 60.0, 0.0)  # a walk of 60 m, the camera following: one redraw
    look(walked)
    pipe.focus_shadows(walked)
    before = pipe.shadow_renders
    shot(3)
    out["renders_after_long_walk"] = pipe.shadow_renders - before
    look(focus)
    pipe.focus_shadows(focus)
    shot(3)
    before = pipe.shadow_renders
    pipe.set_time(AFTERNOON.replace(tzinfo=KST))
    cached_afternoon = shot(3)
    out["renders_after_sun_moved"] = pipe.shadow_renders - before

    pipe.cache_shadows = False
    pipe.focus_shadows(focus)
    before = pipe.shadow_renders
    every_afternoon = shot(3)
    out["renders_every_frame_3_frames"] = pipe.shadow_renders - before
    pipe.set_time(MORNING.replace(tzinfo=KST))
    every_morning = shot(3)
    out["still"] = diff(cached_morning, every_morning)
    out["after_sun_moved"] = diff(cached_afternoon, every_afternoon)
    out["morning_vs_afternoon"] = diff(cached_morning, cached_afternoon)
    pipe.cache_shadows = True  # back to caching: the map is not drawn again while nothing moves
    shot(2)
    before = pipe.shadow_renders
    shot(6)
    out["renders_back_to_cached_6_frames"] = pipe.shadow_renders - before
    out["buffer_active_when_cached"] = pipe.sun_np.node().getShadowBuffer(base.win.getGsg()).isActive()
    out["skinning_was"] = pipe.pbr.enable_hardware_skinning
    try:  # the world shader has no skinning path: asking for it is refused, not ignored
        pipe.pbr.enable_hardware_skinning = True
        out["skinning_refused"] = False
    except ValueError:
        out["skinning_refused"] = True
    pipe.pbr.enable_hardware_skinning = False
    out["after_refusal"] = diff(shot(3), every_morning)
    # Along the row from 100 m away, at eye height: the fitted map reaches the towers (a map centred on the
    # visitor, as before, ended 80 m ahead); their shadows show against the same view with shadows pushed away.
    base.camera.setPos(0, -90, 1.7)
    base.camera.lookAt(0, 10, 1.7)
    pipe.focus_shadows((0.0, -90.0, 0.0))
    shaded = shot(3)
    pipe.pbr.shadow_bias = 1.0
    out["avenue_shadows"] = diff(shaded, shot(3))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
