"""What the data view can show over the district's hotspots (issue 16): crowd level, air quality, road speed. Pure.

Each layer names its levels in both languages and colours them from a scale the colour-vision check covers
(``game.colour_scales``): the crowd and the air have their own; the roads' three levels (원활/서행/정체, as the city
data's ``ROAD_TRAFFIC_IDX`` names them) borrow three of the crowd scale's four, whose distances that check measures.
A hotspot with no value on a layer (no air reading, no road data) has no bar there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game import colour_scales
from game.life.density import CrowdData
from game.life.hotspot_status import AIR_LEVELS, FORGET_S, STALE_S
from game.text import i18n

ROAD_LEVELS = ("원활", "서행", "정체")  # as the data names them; shown from the catalogue (citydata.road_levels)
ROAD_COLOURS = ("여유", "약간 붐빔", "붐빔")  # the crowd scale's entries the road levels are drawn in


@dataclass(frozen=True)
class Layer:
    key: str  # its legend title in the catalogue (citydata.<key>)
    names: tuple[tuple[str, str], ...]  # (ko, en) per level, calmest first
    colours: tuple[tuple[float, float, float], ...]  # sRGB per level


def layers(data: CrowdData) -> tuple[Layer, ...]:
    """The crowd, air and road layers, in the order V steps through them."""

    def named(key: str) -> tuple[tuple[str, str], ...]:
        return tuple(zip(*(i18n.text(f"citydata.{key}", lang).split(",") for lang in ("ko", "en")), strict=True))

    return (
        Layer("legend_title", tuple(zip(data.levels, data.levels_en, strict=True)),
              tuple(colour_scales.CROWD[name] for name in data.levels)),
        Layer("legend_air", named("air_levels"), tuple(colour_scales.AIR[name] for name in AIR_LEVELS)),
        Layer("legend_roads", named("road_levels"), tuple(colour_scales.CROWD[name] for name in ROAD_COLOURS)),
    )


def _source(entry: dict[str, Any], extra_age: float) -> str | None:
    age = entry.get("age_s", 0.0) + extra_age
    return None if age > FORGET_S else "live" if age <= STALE_S else "stale"


def air_levels(areas: dict[str, dict[str, Any]], extra_age: float) -> dict[str, tuple[int, str]]:
    """Hotspot → (air level index, live or stale), for the hotspots with a reading not yet forgotten."""
    out = {}
    for area, entry in areas.items():
        index = (entry.get("air") or {}).get("index")
        if index in AIR_LEVELS and (source := _source(entry, extra_age)) is not None:
            out[area] = (AIR_LEVELS.index(index), source)
    return out


def road_levels(areas: dict[str, dict[str, Any]], extra_age: float) -> dict[str, tuple[int, str]]:
    """Hotspot → (road level index, live or stale), from the city's own index of its roads' pace."""
    out = {}
    for area, entry in areas.items():
        index = ((entry.get("traffic") or {}).get("index") or "").strip()
        if index in ROAD_LEVELS and (source := _source(entry, extra_age)) is not None:
            out[area] = (ROAD_LEVELS.index(index), source)
    return out


def live_roads(areas: dict[str, dict[str, Any]], extra_age: float) -> list[tuple[str, float]]:
    """Every (road name, km/h) the not-yet-forgotten hotspots report: the traffic's live pace."""
    return [(road["road"], float(road["speed_kmh"])) for entry in areas.values()
            if entry.get("traffic") and _source(entry, extra_age) is not None
            for road in entry["traffic"].get("roads", [])]
