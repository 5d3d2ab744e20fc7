"""The light rig for an instant: the sun by day, Seoul's floodlights and city glow by night (pure, no engine).

The pipeline has one shadow-casting light (more crash Debian 12's Mesa, see DESIGN.md). By day it is the sun;
as the sun sets it turns into the warm, low uplight the city puts on its gates and palaces after dark. Seoul lights
every face a visitor can stand before, so the one light stands for all of them: it comes from the visitor's side,
low and a little to the right, so the walls in view are washed and keep their modelling while the ground stays
dim. The ambient takes the orange-blue glow of a lit city; exposure opens a little, as a camera or an eye would.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.sun import SunPosition

FLOOD_SIDE = 35.0  # degrees to the right of straight behind the visitor
FLOOD_ELEVATION = 7.0  # degrees: a low uplight that washes walls and leaves the ground dim
FLOOD_COLOUR = (1.0, 0.74, 0.46)  # sodium/warm-white mix used on Seoul's palaces
FLOOD_STRENGTH = 1.7
NIGHT_AMBIENT = (0.05, 0.045, 0.06)  # urban sky glow: never the black of open country
NIGHT_EXPOSURE = 0.8  # stops


@dataclass(frozen=True)
class Rig:
    sun_dir: tuple[float, float, float]  # unit vector towards the sun, held a few degrees above the horizon
    key_colour: tuple[float, float, float]  # linear RGB, intensity included
    ambient: tuple[float, float, float]
    exposure: float  # stops, for simplepbr's tone map
    night: float  # 0 by day, 1 once it is dark: what lamps, windows and signs follow

    def key_dir(self, camera_heading: float) -> tuple[float, float, float]:
        """Unit vector from the ground towards the key light for a camera with Panda3D heading ``camera_heading``
        (degrees, counter-clockwise from north): the sun by day, the floodlight on the visitor's side by night."""
        flood = _direction(flood_azimuth(camera_heading), FLOOD_ELEVATION)
        return _normalise(tuple(s * (1.0 - self.night) + f * self.night
                                for s, f in zip(self.sun_dir, flood, strict=True)))  # type: ignore[arg-type]


def _smoothstep(edge0: float, edge1: float, x: float) -> float:
    t = min(max((x - edge0) / (edge1 - edge0), 0.0), 1.0)
    return t * t * (3.0 - 2.0 * t)


def _direction(azimuth: float, elevation: float) -> tuple[float, float, float]:
    az, el = math.radians(azimuth), math.radians(elevation)
    return (math.sin(az) * math.cos(el), math.cos(az) * math.cos(el), math.sin(el))


def _normalise(v: tuple[float, float, float]) -> tuple[float, float, float]:
    n = math.sqrt(sum(c * c for c in v)) or 1.0
    return (v[0] / n, v[1] / n, v[2] / n)


def flood_azimuth(camera_heading: float) -> float:
    """Azimuth (clockwise from north) the floodlight shines from: behind a camera looking along ``camera_heading``
    (Panda3D's counter-clockwise heading), a little to its right."""
    return (-camera_heading + 180.0 - FLOOD_SIDE) % 360.0


def night_factor(elevation: float) -> float:
    """0 with the sun 8° up or more, 1 from civil dusk (sun 4° below the horizon): when the city lights come on."""
    return 1.0 - _smoothstep(-4.0, 8.0, elevation)


def rig_for(sun: SunPosition) -> Rig:
    """The key light, ambient and exposure for the sun's position; continuous through dusk and dawn."""
    elev = max(sun.elevation, -2.0)
    day = min(max((elev + 2.0) / 20.0, 0.0), 1.0)  # 0 at night, 1 once the sun is well up
    warm = 1.0 - min(max(elev / 25.0, 0.0), 1.0)
    sun_colour = (1.0, 0.96 - 0.25 * warm, 0.9 - 0.45 * warm)
    sun_strength = 2.4 * day
    night = night_factor(sun.elevation)
    sun_dir = _direction(sun.azimuth, max(sun.elevation, 4.0))  # a sun on the horizon still lights from above it
    key = tuple(c * sun_strength * (1.0 - night) + fc * FLOOD_STRENGTH * night
                for c, fc in zip(sun_colour, FLOOD_COLOUR, strict=True))
    amb_day = 0.03 + 0.22 * day
    day_ambient = (amb_day * 0.8, amb_day * 0.9, amb_day * 1.1)
    ambient = tuple(d * (1.0 - night) + n * night for d, n in zip(day_ambient, NIGHT_AMBIENT, strict=True))
    return Rig(sun_dir, key, ambient, NIGHT_EXPOSURE * night, night)  # type: ignore[arg-type]
