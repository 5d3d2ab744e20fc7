"""Exhibitions as data (``assets/civic/exhibition.json``), so a museum can load its own. Pure.

Each exhibit names a model — ``{"landmark": ID}`` for one of the city's procedural landmarks, or ``{"gltf":
PATH}`` (relative to the assets directory) for a museum's own glTF 2.0 file — a caption and an audio-guide
text in Korean and English. ``feature`` names the exhibit on the centre plinth.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from game.landmarks.catalogue import LANDMARK_IDS

EXHIBITION_PATH = Path(__file__).resolve().parents[2] / "assets" / "civic" / "exhibition.json"


class ExhibitionError(ValueError):
    """The exhibition file is malformed; the message names the exhibit and the field."""


@dataclass(frozen=True)
class Exhibit:
    id: str
    landmark: str | None
    gltf: str | None
    caption: dict[str, str]
    guide: dict[str, str]


@dataclass(frozen=True)
class Exhibition:
    title: dict[str, str]
    story: dict[str, str]
    feature: Exhibit
    others: tuple[Exhibit, ...]

    @property
    def all(self) -> tuple[Exhibit, ...]:
        return (self.feature, *self.others)


def _both(raw: dict, key: str, where: str) -> dict[str, str]:
    value = raw.get(key)
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) and value[k] for k in ("ko", "en")):
        raise ExhibitionError(f"{where}: {key!r} needs non-empty 'ko' and 'en' text")
    return {"ko": value["ko"], "en": value["en"]}


def _exhibit(raw: dict) -> Exhibit:
    eid = raw.get("id")
    if not isinstance(eid, str) or not eid:
        raise ExhibitionError("an exhibit has no 'id'")
    model = raw.get("model") or {}
    landmark, gltf = model.get("landmark"), model.get("gltf")
    if (landmark is None) == (gltf is None):
        raise ExhibitionError(f"exhibit {eid}: 'model' needs exactly one of 'landmark' or 'gltf'")
    if landmark is not None and landmark not in LANDMARK_IDS:
        raise ExhibitionError(f"exhibit {eid}: unknown landmark {landmark!r}")
    return Exhibit(eid, landmark, gltf, _both(raw, "caption", f"exhibit {eid}"), _both(raw, "guide", f"exhibit {eid}"))


def parse(data: dict) -> Exhibition:
    exhibits = [_exhibit(e) for e in data.get("exhibits", [])]
    by_id = {e.id: e for e in exhibits}
    if len(by_id) != len(exhibits):
        raise ExhibitionError("exhibit ids must be unique")
    feature = by_id.get(data.get("feature", ""))
    if feature is None:
        raise ExhibitionError("'feature' must name one of the exhibits")
    others = tuple(e for e in exhibits if e is not feature)
    if len(others) > 10:
        raise ExhibitionError("at most 10 exhibits besides the feature fit the hall")
    return Exhibition(_both(data, "title", "exhibition"), _both(data, "story", "exhibition"), feature, others)


def load(path: Path = EXHIBITION_PATH) -> Exhibition:
    return parse(json.loads(path.read_text(encoding="utf-8")))
