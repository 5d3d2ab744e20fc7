"""Weather and season: what the sky, the light, the ground and the street trees look like for a chosen weather
and a date. Pure. The weather is chosen (``--weather``, or the weather key while running) or, when not chosen,
follows the live city data; the season follows the date of the one clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from game.architecture.mesh import srgb_to_linear

WEATHERS = ("clear", "cloudy", "rain", "snow", "fog")


@dataclass(frozen=True)
class Weather:
    name: str
    cloudiness: float  # the sky shader's cloud cover: 0 clear … 1 overcast
    sun: float  # share of the direct sun that reaches the ground (clouds scatter the rest into the ambient)
    haze: float  # exponential fog density per metre (0: none, and simplepbr's fog pass stays off)
    wet: float  # how much darker flat ground is (0 dry … 1 soaked)
    snow_cover: float  # 0 bare … 1 white ground
    falling: str | None  # "rain", "snow" or None: the particles drawn round the camera
    haze_day: tuple[float, float, float]  # linear colour of the haze by day (before exposure)


_TABLE = {
    "clear": Weather("clear", 0.35, 1.0, 0.0, 0.0, 0.0, None, (0.36, 0.46, 0.62)),
    "cloudy": Weather("cloudy", 0.95, 0.35, 0.0003, 0.0, 0.0, None, (0.38, 0.41, 0.46)),
    "rain": Weather("rain", 1.0, 0.2, 0.0025, 0.45, 0.0, "rain", (0.17, 0.185, 0.21)),
    "snow": Weather("snow", 1.0, 0.3, 0.004, 0.0, 0.85, "snow", (0.5, 0.52, 0.56)),
    "fog": Weather("fog", 0.8, 0.25, 0.018, 0.1, 0.0, None, (0.4, 0.42, 0.45)),
}


def weather(name: str) -> Weather:
    """The look of ``name`` (one of :data:`WEATHERS`); raises ``KeyError`` for anything else."""
    return _TABLE[name]


def season(when: dt.date) -> str:
    """Korea's meteorological seasons by month: spring Mar–May, summer Jun–Aug, autumn Sep–Nov, winter Dec–Feb."""
    return ("winter", "winter", "spring", "spring", "spring", "summer", "summer", "summer", "autumn", "autumn",
            "autumn", "winter")[when.month - 1]


GINKGO_GREEN = srgb_to_linear("#5f8f3a")
GINKGO_SPRING = srgb_to_linear("#8dbb4f")  # fresh April–May leaves, paler than summer's
GINKGO_TURNING = srgb_to_linear("#b9a43a")  # October: green going gold
GINKGO_YELLOW = srgb_to_linear("#e8c21e")  # November: Seoul's avenues go gold
ZELKOVA_GREEN = srgb_to_linear("#4e7d34")  # the square's broadleaf trees (zelkova, 느티나무: estimated) in summer
ZELKOVA_SPRING = srgb_to_linear("#9cc25a")
ZELKOVA_TURNING = srgb_to_linear("#9a8a3c")  # October: olive going brown
ZELKOVA_RUST = srgb_to_linear("#c0632a")  # November: rust-orange, redder than the ginkgos' gold

#: Each species' crown colour month by month (January first); None: bare. Both leaf out in April and drop their
#: leaves by December (Seoul's street trees, from photographs: estimated).
_CROWNS: dict[str, tuple[tuple[float, float, float] | None, ...]] = {
    "ginkgo": (None, None, None, GINKGO_SPRING, GINKGO_SPRING, GINKGO_GREEN, GINKGO_GREEN, GINKGO_GREEN,
               GINKGO_GREEN, GINKGO_TURNING, GINKGO_YELLOW, None),
    "zelkova": (None, None, None, ZELKOVA_SPRING, ZELKOVA_SPRING, ZELKOVA_GREEN, ZELKOVA_GREEN, ZELKOVA_GREEN,
                ZELKOVA_GREEN, ZELKOVA_TURNING, ZELKOVA_RUST, None),
}
SPECIES = tuple(_CROWNS)


def crown(species: str, when: dt.date) -> tuple[float, float, float] | None:
    """Linear colour of a ``species`` (one of :data:`SPECIES`) crown on ``when``; None when the tree stands bare."""
    return _CROWNS[species][when.month - 1]


def haze_colour(w: Weather, night: float) -> tuple[float, float, float]:
    """Linear colour of the haze for this weather, by day or (``night`` 1) lit only by the city."""
    dark = (0.025, 0.024, 0.03)  # the city's glow in low cloud
    mixed = (d * (1.0 - night) + n * night for d, n in zip(w.haze_day, dark, strict=True))
    return tuple(mixed)  # type: ignore[return-value]


#: The city data's precipitation types (PRECPT_TYPE) that fall as rain or as snow; sleet (비/눈) by the temperature.
_RAIN = ("비", "소나기", "빗방울")
_SNOW = ("눈", "눈날림")
_SLEET = ("비/눈", "빗방울/눈날림")
#: The first forecast hour's sky (SKY_STTS) that reads as cloud.
_CLOUD = ("구름많음", "흐림")
LIVE_MAX_AGE_S = 3 * 3600.0  # an older observation says nothing about the sky now


def live_weather(areas: Iterable[dict]) -> str | None:
    """The weather to show from the hub's ``city.data`` summaries (one per hotspot; the first fresh one with
    weather, by area name, speaks for the district): rain or snow when it falls, cloudy under a cloudy sky, fog
    (the haze look) on a day of very bad fine dust, clear under a clear sky; None when nothing fresh says."""
    for area in sorted(areas, key=lambda a: a.get("area", "")):
        w = area.get("weather")
        if not w or area.get("age_s", 0.0) > LIVE_MAX_AGE_S:
            continue
        falling, sky = w.get("precipitation") or "", w.get("sky") or ""
        if falling in _RAIN:
            return "rain"
        if falling in _SNOW:
            return "snow"
        if falling in _SLEET:
            temperature = w.get("temperature")
            return "snow" if temperature is not None and temperature <= 1.0 else "rain"
        if (area.get("air") or {}).get("index") == "매우나쁨":
            return "fog"
        if sky in _CLOUD:
            return "cloudy"
        if sky == "맑음":
            return "clear"
    return None


def next_weather(name: str) -> str:
    """The weather after ``name`` in :data:`WEATHERS`, round again after the last (the weather key's cycle)."""
    return WEATHERS[(WEATHERS.index(name) + 1) % len(WEATHERS)]
