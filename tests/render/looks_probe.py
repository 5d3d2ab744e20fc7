"""Run in its own process by test_street_looks.py (one ShowBase per process): fixed shots of the street scene at
the instant and in the weather given. For each shot prints the share of the picture a part covers (found by a mask
render), its pixels' mean colour, luminance and chroma (max − min channel, per pixel) and the whole picture's mean
luminance: the cherries along the palace's west wall (Hyoja-ro), the
street furniture and the ginkgos on Sejong-daero's pavement, the 12·23 fountain round Admiral Yi, and the media
screens on the towers by the square. Saves each shot as PNG into a folder when given one (for a person to look at).

Arguments: ISO time, weather, cache folder, [picture folder]."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from game.tour import REC709_LUMA

#: shot name: (camera, target, the parts measured in it); world metres (east, north, up)
SHOTS = {
    "hyoja-ro": ((-262.0, 405.0, 1.7), (-250.0, 560.0, 5.0), ("cherries",)),
    "pavement": ((41.0, -88.0, 8.0), (34.0, -77.0, 0.0), ("furniture", "ginkgos")),
    "fountain": ((-19.4, -175.0, 4.0), (-19.4, -105.0, 5.0), ("fountain",)),
    "screens": ((-30.0, -140.0, 1.7), (58.0, -67.0, 55.0), ("screens",)),
}
SNOWY = ("cherries", "furniture", "ginkgos")  # where snow settles


def nodes(app) -> dict:
    """The measured parts' nodes, by the names of :data:`SHOTS`."""
    scene = app.scene
    return {"cherries": scene.cherries[0], "furniture": scene.root.find("furniture"), "ginkgos": scene.ginkgos,
            "fountain": scene.root.find("**/fountain"), "screens": scene.root.find("**/screens")}


def main() -> None:
    from game.app import App
    from game.config import config_from_args
    from game.tour import class_masks, frame_rgb
    from game.weather import weather as weather_look

    when, weather, cache = sys.argv[1:4]
    pictures = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache, "--time", when,
                                "--weather", weather]))
    app.load_world()
    parts = nodes(app)
    facts = {}
    for shot, (camera, target, measured) in SHOTS.items():
        app.look(camera, target)
        app.step(4)
        picture = frame_rgb(app)
        if pictures is not None:
            app.screenshot(pictures / f"{shot}.png")
        fog = app.pipeline.fog
        if fog is not None:  # the haze would grey the masks' flat colours
            app.world.clearFog()
        luma = picture.astype(np.float64) @ REC709_LUMA
        masks = {}
        for name in measured:
            if parts[name].isEmpty():
                facts[name] = {"share": 0.0, "rgb": None, "luma": None}
                continue
            app.scene.landmark_nodes[name] = parts[name]
            mask, _ = class_masks(app, name)
            del app.scene.landmark_nodes[name]
            rgb = picture[mask].astype(np.float64)
            facts[name] = {"share": float(mask.mean()), "image": float(luma.mean()),
                           "rgb": rgb.mean(axis=0).round(1).tolist() if mask.any() else None,
                           "luma": float(luma[mask].mean()) if mask.any() else None,
                           "chroma": float((rgb.max(axis=1) - rgb.min(axis=1)).mean()) if mask.any() else None}
            masks[name] = mask
        if fog is not None:
            app.world.setFog(fog.node())
        snowy = {name: mask for name, mask in masks.items() if name in SNOWY}
        if weather == "snow" and snowy:  # the same picture with the settled snow melted away: what it adds
            for name in snowy:
                parts[name].setShaderInput("snow", 0.0)
            app.step(2)
            bare = frame_rgb(app).astype(np.float64) @ REC709_LUMA
            for name, mask in snowy.items():
                parts[name].setShaderInput("snow", weather_look("snow").snow_cover)
                facts[name]["luma_bare"] = float(bare[mask].mean()) if mask.any() else None
    app.shutdown()
    print(json.dumps(facts))


if __name__ == "__main__":
    sys.exit(main())
