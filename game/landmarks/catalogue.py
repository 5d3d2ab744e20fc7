"""Load and validate the landmark catalogue (``assets/landmarks/catalogue.json``). Pure.

The catalogue is data so a historian can correct a position or a dimension without touching code; the
loader checks every entry so a typo fails loudly at start rather than misplacing a gate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from game import geo

CATALOGUE_PATH = Path(__file__).resolve().parents[2] / "assets" / "landmarks" / "catalogue.json"
LANDMARK_IDS = (
    "gwanghwamun",
    "gwanghwamun-square",
    "bosingak",
    "deoksugung",
    "sungnyemun",
    "namdaemun-market",
    "donuimun",
    "city-hall",
    "cheonggyecheon",
    "gyeongbokgung",
)
KINDS = ("gate", "square", "pavilion", "hall-gate", "market", "city-hall", "stream", "palace")
#: Kinds laid below street level: the district cuts their footprint out of its ground.
SUNKEN_KINDS = ("stream",)


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message names the landmark and the field."""


@dataclass(frozen=True)
class Landmark:
    id: str
    name_ko: str
    name_en: str
    lat: float
    lon: float
    heading: float  # compass bearing the front faces
    footprint: tuple[float, float]  # width along the front, depth (metres)
    kind: str
    description: dict[str, str]
    params: dict[str, Any]
    sources: tuple[str, ...]
    view: dict[str, Any] = field(default_factory=dict)
    model: str | None = None  # optional glTF 2.0 file (relative to assets/) used instead of the procedural one

    @property
    def local(self) -> tuple[float, float]:
        """(east, north) of the footprint centre in world metres."""
        return geo.to_local(self.lat, self.lon)

    def name(self, lang: str) -> str:
        return self.name_ko if lang == "ko" else self.name_en


def _need(entry: dict, key: str, kind: type | tuple[type, ...]) -> Any:
    lid = entry.get("id", "?")
    if key not in entry:
        raise CatalogueError(f"landmark {lid!r}: missing field {key!r}")
    value = entry[key]
    if not isinstance(value, kind):
        raise CatalogueError(f"landmark {lid!r}: field {key!r} has the wrong type ({type(value).__name__})")
    return value


def parse(data: dict) -> dict[str, Landmark]:
    """Validate a decoded catalogue and return landmarks by id, in catalogue order."""
    out: dict[str, Landmark] = {}
    for entry in data.get("landmarks", []):
        lid = _need(entry, "id", str)
        if lid in out:
            raise CatalogueError(f"landmark {lid!r}: duplicate id")
        lat, lon = float(_need(entry, "lat", (int, float))), float(_need(entry, "lon", (int, float)))
        if not (33 <= lat <= 39 and 124 <= lon <= 132):
            raise CatalogueError(f"landmark {lid!r}: position {lat},{lon} is not in Korea")
        fp = _need(entry, "footprint", list)
        if len(fp) != 2 or min(fp) <= 0:
            raise CatalogueError(f"landmark {lid!r}: footprint must be [width, depth] in metres, both > 0")
        kind = _need(entry, "kind", str)
        if kind not in KINDS:
            raise CatalogueError(f"landmark {lid!r}: unknown kind {kind!r}")
        desc = _need(entry, "description", dict)
        if not all(isinstance(desc.get(k), str) and desc[k] for k in ("ko", "en")):
            raise CatalogueError(f"landmark {lid!r}: description needs 'ko' and 'en'")
        out[lid] = Landmark(
            id=lid,
            name_ko=_need(entry, "name_ko", str),
            name_en=_need(entry, "name_en", str),
            lat=lat,
            lon=lon,
            heading=float(_need(entry, "heading", (int, float))) % 360.0,
            footprint=(float(fp[0]), float(fp[1])),
            kind=kind,
            description=dict(desc),
            params=_need(entry, "params", dict),
            sources=tuple(_need(entry, "sources", list)),
            view=dict(entry.get("view", {})),
            model=entry.get("model"),
        )
    missing = [i for i in LANDMARK_IDS if i not in out]
    if missing:
        raise CatalogueError(f"catalogue lacks landmarks: {', '.join(missing)}")
    return out


@lru_cache(maxsize=2)
def load(path: Path = CATALOGUE_PATH) -> dict[str, Landmark]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CatalogueError(f"cannot read landmark catalogue {path}: {exc}") from None
    return parse(data)
