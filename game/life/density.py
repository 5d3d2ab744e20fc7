"""How many people where and when: typical crowd levels per hotspot and hour, or the live level. Pure.

Levels are the real-time city data's four (여유, 보통, 약간 붐빔, 붐빔); ``assets/life/crowd.json`` holds the
typical weekday/weekend profile per hotspot, the places on the district each hotspot's walkers keep to, and
how many walkers a place holds at each level.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from game import geo
from game.life.crowd import Place

DATA_PATH = Path(__file__).resolve().parents[2] / "assets" / "life" / "crowd.json"


@dataclass(frozen=True)
class Hotspot:
    name: str  # the city data's AREA_NM
    name_en: str
    places: tuple[tuple[Place, int], ...]  # (place, walkers at the busiest level)
    weekday: tuple[int, ...]
    weekend: tuple[int, ...]

    def typical_level(self, when: dt.datetime) -> int:
        return (self.weekend if when.weekday() >= 5 else self.weekday)[when.hour]


@dataclass(frozen=True)
class CrowdData:
    levels: tuple[str, ...]
    levels_en: tuple[str, ...]
    level_share: tuple[float, ...]
    hotspots: tuple[Hotspot, ...]

    def level_index(self, name: str) -> int:
        """The index of a level named as the city data names it (``AREA_CONGEST_LVL``); unknown → ValueError."""
        return self.levels.index(name.strip())

    def walkers(self, busy: int, level: int) -> int:
        return round(busy * self.level_share[level])


def load(path: Path = DATA_PATH) -> CrowdData:
    data = json.loads(path.read_text(encoding="utf-8"))
    hotspots = []
    for h in data["hotspots"]:
        places = tuple((Place(p["id"], h["name"], *geo.to_local(p["lat"], p["lon"]), float(p["radius"])),
                        int(p["busy_walkers"])) for p in h["places"])
        hotspots.append(Hotspot(h["name"], h["name_en"], places, tuple(h["weekday"]), tuple(h["weekend"])))
    return CrowdData(tuple(data["levels"]), tuple(data["levels_en"]), tuple(data["level_share"]), tuple(hotspots))
