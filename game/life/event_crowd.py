"""Crowds drawn by scheduled events (the New Year's bell at Bosingak): how many extra walkers gather, and where, at a
given instant of hub time. Pure.

The occurrence (start, last beat, end) comes from the events model (:mod:`net.events`) and the instant from the
caller's clock (hub time, or the scene's pinned time in a rehearsal), never the wall clock; the shape of the crowd
around it from ``assets/life/event-crowds.json``: a share of the peak at instants relative to the start or the end.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game import geo
from game.life.crowd import Place
from net import events

DATA_PATH = Path(__file__).resolve().parents[2] / "assets" / "life" / "event-crowds.json"


@dataclass(frozen=True)
class EventCrowd:
    spec: events.EventSpec
    place: Place
    peak: int  # walkers at the crowd's fullest
    curve: tuple[tuple[str, float, float], ...]  # ("start" | "end", seconds, share of the peak)

    def share(self, t: float) -> float:
        """The share of the peak present at ``t`` (epoch seconds): 0 outside the curve, linear between its points."""
        for occ in (self.spec.occurrence(t - self._reach()), self.spec.occurrence(t)):
            when = np.array([(occ.start if key == "start" else occ.end) + s for key, s, _ in self.curve])
            if when[0] <= t <= when[-1]:
                return float(np.interp(t, when, [v for *_, v in self.curve]))
        return 0.0

    def _reach(self) -> float:
        """How long after an occurrence's end its crowd lasts (the curve's tail)."""
        return max([s for key, s, _ in self.curve if key == "end"] + [0.0])

    def walkers(self, t: float) -> int:
        return round(self.peak * self.share(t))


def load(path: Path = DATA_PATH, specs: dict[str, events.EventSpec] | None = None) -> list[EventCrowd]:
    specs = events.load_all() if specs is None else specs
    out = []
    for c in json.loads(path.read_text(encoding="utf-8"))["crowds"]:
        p = c["place"]
        place = Place(p["id"], c["event"], *geo.to_local(p["lat"], p["lon"]), float(p["radius"]))
        curve = tuple((key, float(s), float(v)) for key, s, v in c["curve"])
        occ = specs[c["event"]].occurrence(0.0)
        when = [(occ.start if key == "start" else occ.end) + s for key, s, _ in curve]
        if any(b <= a for a, b in zip(when, when[1:], strict=False)) or any(key not in ("start", "end")
                                                                            for key, *_ in curve):
            raise ValueError(f"{path.name}: {c['event']}'s curve must run forward in time, from 'start' or 'end'")
        out.append(EventCrowd(specs[c["event"]], place, int(c["peak_walkers"]), curve))
    return out
