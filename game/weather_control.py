"""The weather while running: the weather key (F6) steps through the weathers, and when nobody chose one
(no ``--weather``, no key pressed yet) the live city data from the hub sets it (``game.weather.live_weather``).

One change goes to both owners of the look: the render pipeline (sky, light, haze, falling rain or snow) and the
district (wet or white ground, snow on the roofs). A short caption in the visitor's language says what it now is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from direct.gui.OnscreenText import OnscreenText

from game import tasks
from game.input.stack import WORLD, Press, dispatch
from game.text import i18n
from game.weather import WEATHERS, live_weather, next_weather
from ui import theme

LIVE_CHECK_S = 10.0  # how often the hub's latest summaries are read (the badge fetches them; nothing is sent here)
CAPTION_S = 3.0


def weather_name(name: str, lang: str) -> str:
    """A weather's name in ``lang`` (the catalogue lists them in the order of :data:`WEATHERS`)."""
    return i18n.text("weather.names", lang).split(",")[WEATHERS.index(name)]


class WeatherControl:
    """A layer at the street's level of the input stack. ``live()`` gives the hub's latest ``city.data``
    summaries (empty without a hub); ``chosen``: the weather was given on the command line and stays."""

    modal = False
    text_focus = False

    def __init__(self, app, live: Callable[[], Iterable[dict[str, Any]]], chosen: bool) -> None:
        self.app, self.live, self.chosen = app, live, chosen
        self.caption = OnscreenText(parent=app.base.a2dTopCenter, font=app.font, pos=(0.0, -0.12), scale=0.05,
                                    fg=theme.TEXT, bg=theme.PANEL_BG, mayChange=True)
        self.caption.hide()
        self._elapsed = 0.0  # seconds of frames shown (frame times summed: no clock is read)
        self._caption_until = 0.0
        self._next_check = 0.0
        self._task = app.base.taskMgr.add(self._update, "weather-control", sort=tasks.WORLD)
        app.keys.push(self, WORLD)

    @property
    def current(self) -> str:
        return self.app.pipeline.weather.name

    def set(self, name: str) -> None:
        """Show weather ``name`` from the next frame on: sky and light, the falling rain or snow, the ground."""
        if name == self.current:
            return
        self.app.pipeline.set_weather(name)
        self.app.scene.set_weather(name)
        self.caption.setText(i18n.text("weather.changed", self.app.language.value,
                                       name=weather_name(name, self.app.language.value)))
        self.caption.show()
        self._caption_until = self._elapsed + CAPTION_S

    def cycle(self) -> None:
        """The visitor's choice: the next weather, kept from now on (the live data no longer changes it)."""
        self.chosen = True
        self.set(next_weather(self.current))

    def on_key(self, press: Press) -> bool:
        return dispatch(press, {"weather": self.cycle})

    def on_text(self, ch: str) -> bool:
        return False

    def _update(self, task):
        self._elapsed += min(self.app.base.clock.getDt(), 0.1)
        now = self._elapsed
        if not self.chosen and now >= self._next_check:
            self._next_check = now + LIVE_CHECK_S
            name = live_weather(self.live())
            if name is not None:
                self.set(name)
        if now >= self._caption_until and not self.caption.isHidden():
            self.caption.hide()
        return task.cont

    def release(self) -> None:
        self.app.keys.remove(self)
        self.app.base.taskMgr.remove(self._task)
        self.caption.destroy()


def weather_control(ctx) -> WeatherControl:
    """The feature (game.features): the weather key, and the live weather from the badge's city data if any."""
    badge = ctx.badge
    return WeatherControl(ctx.app, lambda: badge.areas.values() if badge is not None else (),
                          ctx.app.config.weather_chosen)
