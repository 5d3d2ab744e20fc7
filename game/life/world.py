"""The living city as one pure object: walkways, signals, crowd and traffic on one clock.

Deterministic for a seed and a start time: the clock only moves by the ``dt`` handed to ``update``. The hour
picks the typical crowd levels and traffic volume; live values (the city data) override them per hotspot
and street. Nothing here reads the wall clock or imports the engine.
"""

from __future__ import annotations

import datetime as dt
import math
import weakref
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from game import geo
from game.architecture import market
from game.architecture.stream import STONE_DECK_RISE, layout, plaza_polygon
from game.city.streets import OpenArea, Street
from game.landmarks.catalogue import Landmark
from game.life import benches, density, event_crowd, network_cache, traffic
from game.life.benches import Bench
from game.life.clearance import Clearance, obstacles_of
from game.life.crowd import Crowd
from game.life.signals import find_junctions
from game.life.walkways import BODY_RADIUS, Walkways
from game.life.walkways import build as build_walkways
from game.nav.collision import Obstacle, ObstacleIndex

VIEW_RADIUS = 250.0  # metres around a view's target counted as "in the view"
RETARGET_EVERY = 20.0  # seconds of simulated time between density checks (refills after the hour changes)


def plazas(areas: Iterable[OpenArea], landmarks: Iterable[Landmark]) -> list[np.ndarray]:
    """Open paved areas people may cross freely: paved open areas, the squares among the landmarks and the plaza at
    a stream's head (its sunken walkways are not in the network: pedestrians stay at street level)."""
    out = [a.polygon for a in areas if a.kind == "paving"]
    for lm in landmarks:
        if lm.kind == "stream":
            out.append(plaza_polygon(layout(lm.params, lm.local, lm.footprint), lm.local))
        if lm.kind != "square":
            continue
        w, d = lm.footprint[0] / 2, lm.footprint[1] / 2
        a = math.radians(lm.heading)
        right, back = np.array([-math.cos(a), math.sin(a)]), np.array([-math.sin(a), -math.cos(a)])
        c = np.asarray(lm.local)
        out.append(np.array([c + sx * w * right + sy * d * back for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))]))
    return out


def alleys(landmarks: Iterable[Landmark]) -> list[np.ndarray]:
    """Centre lines (world metres) of the market's stall alleys, end to end across its footprint: walked like
    pavements, and where shoppers stop at the stalls (:attr:`Walkways.browse`)."""
    out = []
    for lm in landmarks:
        if lm.kind != "market":
            continue
        width, depth = lm.footprint
        a = math.radians(geo.heading_to_panda(lm.heading))
        turn = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
        c = np.asarray(lm.local)
        for x in market.lanes(width, int(lm.params["alleys_ns"])):
            out.append(c + np.array([[x, -depth / 2], [x, depth / 2]]) @ turn.T)
        for y in market.lanes(depth, int(lm.params["alleys_ew"])):
            out.append(c + np.array([[-width / 2, y], [width / 2, y]]) @ turn.T)
    return out


def stream_walks(landmarks: Iterable[Landmark]) -> list[tuple[np.ndarray, np.ndarray, float]]:
    """Cheonggyecheon's sunken walkways, one per bank: from the plaza (street level) down the stairs beside the
    fall and along the bank to the stream's end, a step up over Gwangtonggyo's deck; (centre line in world metres,
    height of each point, half width) for :func:`game.life.walkways.build`."""
    out = []
    for lm in landmarks:
        if lm.kind != "stream":
            continue
        lay = layout(lm.params, lm.local, lm.footprint)
        hc, hw, wz = lay.half_channel, lay.half_water, lay.walkway_z
        decks = [(b.s - b.width / 2, b.s + b.width / 2) for b in lay.bridges if b.deck == "stone"]
        bottom = lay.head + lay.stairs_length
        s = np.unique(np.concatenate([[lay.head - 2.0, lay.head], lay.samples(bottom, lay.end - 0.5),
                                      [v + d for lo, hi in decks for v in (lo, hi) for d in (-0.3, 0.3)]]))
        s = s[(s >= lay.head - 2.0) & (s <= lay.end - 0.5)]
        z = np.interp(s, [lay.head, bottom], [0.0, wz])
        for lo, hi in decks:
            z[(s > lo) & (s < hi)] = wz + STONE_DECK_RISE
        for sign in (1.0, -1.0):
            t = lay.t_at(s) + sign * (hw + (hc - hw) / 2)
            line = np.stack([lm.local[0] + s, lm.local[1] + t], axis=1)
            # a margin for the stairs' rails, which run straight from the head while the line follows the bend
            out.append((line, z.copy(), (hc - hw) / 2 - BODY_RADIUS - 0.6))
    return out


# Walkway networks already built, per collider set: the network is a pure function of the district and read-only,
# so a second street visit in one process (leaving a room, the test harness) does not pay the 1–2 s again.
_NETWORKS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _walk_network(streets: Sequence[Street], obstacles: Iterable[Obstacle] | ObstacleIndex,
                  open_areas: Sequence[np.ndarray], market_alleys: Sequence[np.ndarray] = (),
                  seats_for: Sequence[Bench] = (), sunken: Sequence[tuple] = (),
                  cache_dir: Path | None = None) -> tuple[list, Walkways]:
    """The junctions and walkways: from this process's last build, else the asset cache in ``cache_dir``, else
    built (and then saved there)."""
    key = (tuple(s.id for s in streets), len(open_areas), len(market_alleys), len(seats_for), len(sunken))
    cached = _NETWORKS.get(obstacles) if isinstance(obstacles, ObstacleIndex) else None
    if cached is not None and cached[0] == key:
        return cached[1], cached[2]
    junctions = find_junctions(streets)
    distinct = obstacles_of(obstacles) + benches.colliders(seats_for)  # no band runs through a bench
    shapes = [*open_areas, *market_alleys, *(np.column_stack([line, z]) for line, z, _ in sunken)]
    saved = network_cache.digest(streets, distinct, shapes) if cache_dir is not None else ""
    ways = network_cache.read(cache_dir, saved) if cache_dir is not None else None
    if ways is None:
        ways = build_walkways(streets, Clearance(distinct), junctions, list(open_areas), list(market_alleys),
                              list(sunken))
        if cache_dir is not None:
            network_cache.write(cache_dir, saved, ways)
    if isinstance(obstacles, ObstacleIndex):
        _NETWORKS[obstacles] = (key, junctions, ways)
    return junctions, ways


class CityLife:
    def __init__(self, streets: Sequence[Street], obstacles: Iterable[Obstacle] | ObstacleIndex, when: dt.datetime,
                 seed: int, open_areas: Sequence[np.ndarray] = (), crowd_scale: float = 1.0,
                 vehicle_scale: float = 1.0, cache_dir: Path | None = None,
                 hub_time: Callable[[], float] | None = None, market_alleys: Sequence[np.ndarray] = (),
                 seating: Sequence[Bench] = (), sunken: Sequence[tuple[np.ndarray, np.ndarray, float]] = ()):
        """``cache_dir``: where the walkway network is kept between starts (:mod:`game.life.network_cache`);
        ``hub_time``: the hub's clock (epoch seconds) that scheduled events run on, else this city's own clock;
        ``market_alleys``: the market's stall alleys (:func:`alleys`), walked and browsed; ``seating``: benches
        (:func:`game.life.benches.along_squares`) walkers sit on; ``sunken``: walkways below street level
        (:func:`stream_walks`)."""
        self.benches = list(seating)
        self.when = when
        self.elapsed = 0.0
        self.crowd_scale = crowd_scale
        self.vehicle_scale = vehicle_scale
        self.junctions, self.ways = _walk_network(streets, obstacles, open_areas, market_alleys, self.benches,
                                                  sunken, cache_dir)
        self.data = density.load()
        self.event_crowds = event_crowd.load()
        self.hub_time = hub_time
        self.places = [p for h in self.data.hotspots for p, _ in h.places] + [e.place for e in self.event_crowds]
        self.crowd = Crowd(self.ways, self.junctions, self.places, seed, seats=benches.seats(self.benches))
        self.traffic_data = traffic.load_data()
        self.lanes = traffic.build_lanes(streets, self.junctions, self.traffic_data)
        self.traffic = traffic.Traffic(self.lanes, self.junctions, self.traffic_data, seed)
        self.live_levels: dict[str, int] = {}
        self.live_speeds: dict[str, float] = {}
        self._since_retarget = 0.0
        self._retarget()

    @property
    def now(self) -> dt.datetime:
        return self.when + dt.timedelta(seconds=self.elapsed)

    @property
    def clock_s(self) -> float:
        """Seconds since local midnight: the signals' clock."""
        t = self.now
        return t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6

    def level(self, hotspot: density.Hotspot) -> tuple[int, str]:
        """(level index, "live" or "typical") for a hotspot now."""
        if hotspot.name in self.live_levels:
            return self.live_levels[hotspot.name], "live"
        return hotspot.typical_level(self.now), "typical"

    def set_live_level(self, hotspot: str, level_name: str | None) -> None:
        """The live ``AREA_CONGEST_LVL`` for a hotspot, or None to fall back to the typical profile."""
        if level_name is None:
            self.live_levels.pop(hotspot, None)
        else:
            self.live_levels[hotspot] = self.data.level_index(level_name)
        self._retarget()

    def set_scale(self, crowd: float, vehicles: float) -> None:
        """Multiply every place's walkers and the vehicle count (benchmarks, quality presets)."""
        self.crowd_scale, self.vehicle_scale = crowd, vehicles
        self._retarget()

    def set_live_speed(self, street: str, kmh: float | None) -> None:
        if kmh is None:
            self.live_speeds.pop(street, None)
        else:
            self.live_speeds[street] = kmh
        self._retarget()

    def _retarget(self) -> None:
        now = self.now
        day = "weekend" if now.weekday() >= 5 else "weekday"
        k = 0
        for h in self.data.hotspots:
            lvl, _ = self.level(h)
            for _, busy in h.places:
                self.crowd.set_target(k, round(self.data.walkers(busy, lvl) * self.crowd_scale))
                k += 1
        t = self.hub_time() if self.hub_time is not None else now.timestamp()
        for e in self.event_crowds:  # on top of the hotspots' levels: the crowd an event draws at this instant
            self.crowd.set_target(k, round(e.walkers(t) * self.crowd_scale))
            k += 1
        td = self.traffic_data
        for lane in self.lanes:
            for street in lane.streets:
                self.traffic.set_speed(street, self.live_speeds.get(street, td["hourly_speed_kmh"][day][now.hour]))
        self.traffic.populate(round(td["peak_vehicles"] * td["hourly_volume"][day][now.hour] * self.vehicle_scale))

    def update(self, dt_s: float) -> None:
        clock = self.clock_s
        self.crowd.update(dt_s, clock)
        self.traffic.update(dt_s, clock)
        self.elapsed += dt_s
        self._since_retarget += dt_s
        if self._since_retarget >= RETARGET_EVERY:
            self._since_retarget = 0.0
            self._retarget()

    def set_visitor(self, xy: tuple[float, float] | None) -> None:
        self.crowd.visitor = xy

    def set_eye(self, xy: tuple[float, float] | None) -> None:
        """Where the camera is (far walkers step less often and are drawn simply), or None: all in full."""
        self.crowd.eye = xy

    def summary(self) -> dict:
        """Counts and the crowd level per hotspot (what the tour records per view)."""
        levels = {}
        for h in self.data.hotspots:
            lvl, source = self.level(h)
            levels[h.name] = {"level": self.data.levels[lvl], "level_en": self.data.levels_en[lvl], "source": source}
        return {"pedestrians": self.crowd.count(), "vehicles": int(self.traffic.active.sum()), "crowd": levels}

    def view_summary(self, xy: tuple[float, float], radius: float = VIEW_RADIUS) -> dict:
        """What one view shows: walkers and vehicles within ``radius`` of ``xy`` and the nearest hotspot's level.

        The tour records this per stop (``pedestrians``, ``vehicles``, ``crowd``)."""
        c, t = self.crowd, self.traffic
        walkers = int((np.linalg.norm(c.pos[c.present] - xy, axis=1) < radius).sum())
        vehicles = int((np.linalg.norm(t.pos[t.active] - xy, axis=1) < radius).sum())
        hotspot = min(((h, p) for h in self.data.hotspots for p, _ in h.places),
                      key=lambda hp: math.dist((hp[1].x, hp[1].y), xy))[0]
        lvl, source = self.level(hotspot)
        return {"pedestrians": walkers, "vehicles": vehicles,
                "crowd": {"hotspot": hotspot.name, "level": self.data.levels[lvl],
                          "level_en": self.data.levels_en[lvl], "source": source}}
