"""Run in its own process by test_shader_variants.py: every variant of the world shader the presets can ask for
(each preset's taps, with and without normal maps and fog) drawn once on llvmpipe. Prints JSON: variant → whether it
compiled and drew, and the mean luminance of a sunlit card drawn with it."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import numpy as np

from tests.render.probe import offscreen_pipeline


def main() -> None:
    from panda3d.core import CardMaker, ShaderAttrib

    from game.render.world_shader import SHADOW_TAPS, world_shader

    base, world, pipe = offscreen_pipeline("low", dt.datetime(2026, 5, 15, 12, 0), (64, 64))
    card = world.attachNewNode(CardMaker("card").generate())
    card.setPos(-0.5, 3, -0.5)
    gsg = base.win.getGsg()
    out = {}
    for taps, normal_maps, fog in itertools.product(sorted(set(SHADOW_TAPS.values())), (False, True), (False, True)):
        shader = world_shader(normal_maps, True, fog, taps)
        world.setAttrib(world.getAttrib(ShaderAttrib).setShader(shader))
        for _ in range(2):
            base.taskMgr.step()
        rgb = np.frombuffer(base.win.getScreenshot().getRamImageAs("RGB"), np.uint8)
        drawn = not shader.getErrorFlag() and gsg.getPreparedObjects().isShaderPrepared(shader)
        out[f"{taps}-{'normal' if normal_maps else 'flat'}-{'fog' if fog else 'clear'}"] = {
            "drawn": drawn, "luma": float(rgb.mean())}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
