"""Run in its own process by test_weather_switch.py: a tour view at a pinned instant, started clear, then the
weather changed while running as the app changes it (game/weather_control.py): first by the live city data
(a hub summary saying it snows), then back to clear by ``WeatherControl.set``. With ``fresh WEATHER`` instead, the
app simply starts in that weather. Prints JSON facts for each picture: the coarse luminance grid (16 × 9 cells),
the lower half's mean (the ground), the landmark's mean luminance (from a mask render), and whether rain or snow
is falling. Saves each picture as PREFIX-N.png when a last argument PREFIX is given (for a person to look at)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from game.tour import REC709_LUMA

SNOWING = [{"area": "광화문·덕수궁", "age_s": 120.0,
            "weather": {"temperature": -2.0, "precipitation": "눈", "sky": "흐림"}}]


def facts(app, view_id: str, save: str | None, n: int) -> dict:
    from game.tour import class_masks, frame_rgb

    app.step(3)
    if save:
        app.screenshot(Path(f"{save}-{n}.png"))
    luma = frame_rgb(app).astype(np.float64) @ REC709_LUMA
    fog = app.pipeline.fog
    if fog is not None:  # the haze would grey the mask's flat colours
        app.world.clearFog()
    landmark, _ = class_masks(app, view_id)
    if fog is not None:
        app.world.setFog(fog.node())
    h, w = luma.shape
    grid = luma[: h - h % 9, : w - w % 16].reshape(9, h // 9, 16, w // 16).mean(axis=(1, 3))
    return {"weather": app.pipeline.weather.name, "grid": grid.round(2).tolist(), "ground": float(luma[h // 2:].mean()),
            "landmark": float(luma[landmark].mean()), "falling": app.pipeline.precipitation is not None}


def main() -> None:
    from game.app import App
    from game.config import config_from_args
    from game.weather_control import WeatherControl

    when, view_id, how = sys.argv[1:4]
    weather = sys.argv[4] if how == "fresh" else "clear"
    extra = sys.argv[5:] if how == "fresh" else sys.argv[4:]
    save = extra[0] if extra else None
    with tempfile.TemporaryDirectory(prefix="mseoul-weather-") as cache:
        app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache, "--time", when,
                                    "--weather", weather]))
        app.load_world()
        view = app.scene.view(view_id)
        app.look(view.camera, view.target)
        out = [facts(app, view_id, save, 0)]
        if how == "switch":
            control = WeatherControl(app, lambda: SNOWING, chosen=False)
            out.append(facts(app, view_id, save, 1))
            control.set("clear")
            out.append(facts(app, view_id, save, 2))
            out.append(control.caption.getText())
            control.release()
        app.shutdown()
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
