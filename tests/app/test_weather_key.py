"""The weather key with real key presses: F6 steps through clear → cloudy → rain → snow → fog → clear while the
district runs, the sky's pipeline and the district's ground and roofs changing together, with a caption saying
the weather in the visitor's language; a weather chosen by key is kept against the live city data."""

from __future__ import annotations

from game.text import i18n
from game.weather import WEATHERS
from game.weather_control import WeatherControl


def _control(desktop) -> WeatherControl:
    return next(h for h in desktop.handles if isinstance(h, WeatherControl))


def _snowy_roofs(scene) -> list[bool]:
    """For every node of roof tiles (and tiled wall copings): is it drawn snow-white?"""
    return [tiles.hasColor() for tiles in scene.root.findAllMatches("**/=material=tile")]


def test_f6_steps_through_the_weathers_and_back(desktop, pilot) -> None:
    app, control = desktop.app, _control(desktop)
    assert app.pipeline.weather.name == "clear" and control.caption.isHidden()
    ground = app.scene.root.find("streets")
    seen = []
    for _ in WEATHERS:
        pilot.press("f6")
        pilot.step(2)
        name = app.pipeline.weather.name
        seen.append(name)
        assert control.current == name and not control.caption.isHidden()
        assert control.caption.getText() == i18n.text("weather.changed", "ko",
                                                      name=i18n.text("weather.names", "ko").split(",")[
                                                          WEATHERS.index(name)])
        assert (app.pipeline.precipitation is not None) == (name in ("rain", "snow"))
        assert (app.pipeline.fog is not None) == (name != "clear")
        assert ground.hasColorScale() == (name in ("rain", "fog"))  # wet ground
        roofs = _snowy_roofs(app.scene)
        assert len(roofs) > 5 and set(roofs) == {name == "snow"} and ground.hasColor() == (name == "snow")
    assert seen == [*WEATHERS[1:], "clear"]
    assert control.chosen  # the visitor chose: the live data no longer changes it
    for _ in range(1000):  # the caption goes after a few seconds of frames
        if control.caption.isHidden():
            break
        pilot.step()
    assert control.caption.isHidden()
