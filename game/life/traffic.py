"""Vehicles in their lanes on the district's trunk roads, following each other and the signals. Pure.

Routes (``assets/life/traffic.json``) chain streets into through roads; each direction has lanes offset to
the right of the centre line (Korea drives on the right), the innermost one a median bus lane as on Seoul's
trunk roads. A vehicle only ever moves along its lane's centre line, keeps a gap to the one ahead (a car-
following model), halts at a red or a yellow it can stop for, and a bus dwells at its stops. Vehicles enter at
a lane's start and leave at its end, scaling in and out over the last metres so none pops into view.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from game.city.streets import SIDEWALK, Street, distance_to_polyline, offset_polyline
from game.life.geometry import arc_lengths, point_at, project
from game.life.signals import Junction, Light

DATA_PATH = Path(__file__).resolve().parents[2] / "assets" / "life" / "traffic.json"
MAX_STEP = 0.25
MIN_GAP = 2.0  # metres bumper to bumper when queued
HEADWAY = 1.4  # seconds
ACCEL, BRAKE = 1.6, 2.5  # comfortable, m/s²
STOP_DECEL = 4.0  # a yellow is run when stopping would need more than this
FADE = 8.0  # metres over which a vehicle scales in at a lane's start and out at its end
KINDS = ("car", "taxi", "bus", "scooter")
SIZE = {"car": (4.6, 1.85), "taxi": (4.8, 1.85), "bus": (11.0, 2.5), "scooter": (1.9, 0.7)}
BUS_DWELL = 12.0


@dataclass
class Lane:
    route: str
    index: int  # 0 = the median (bus) lane
    points: np.ndarray
    lengths: np.ndarray
    start: float  # usable arc length range (trimmed off junctions at the route's ends)
    end: float
    streets: tuple[str, ...]
    stops: list[tuple[float, int, str]] = field(default_factory=list)  # (stop line s, junction id, street)
    bus_stops: list[float] = field(default_factory=list)


def load_data(path: Path = DATA_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _route_polyline(streets: dict[str, Street], parts: list) -> tuple[np.ndarray, list[tuple[str, float]]]:
    """Concatenate (street id, reversed) parts; also returns (street, arc length where it starts) pairs."""
    pts: list[np.ndarray] = []
    starts = []
    for sid, rev in parts:
        p = streets[sid].points[::-1] if rev else streets[sid].points
        starts.append((sid, float(arc_lengths(np.vstack(pts))[-1]) if pts else 0.0))
        if pts and np.linalg.norm(pts[-1] - p[0]) < 1.0:
            p = p[1:]
        pts.extend(p)
    return np.vstack(pts), starts


def build_lanes(streets: list[Street] | tuple[Street, ...], junctions: list[Junction], data: dict) -> list[Lane]:
    by_id = {s.id: s for s in streets}
    width = data["lane_width"]
    lanes = []
    for route in data["routes"]:
        ids = [sid for sid, _ in route["streets"]]
        centre, _ = _route_polyline(by_id, route["streets"])
        count = min(int((by_id[sid].width / 2) // width) for sid in ids)
        for direction in (centre, centre[::-1]):
            for k in range(count):
                pts = offset_polyline(direction, -(k + 0.5) * width)
                lengths = arc_lengths(pts)
                trim = []
                for end in (pts[0], pts[-1]):
                    reach = 0.0
                    for o in streets:
                        if o.id not in ids and distance_to_polyline(o.points, end[None])[0] < o.width / 2:
                            reach = max(reach, o.width / 2 + SIDEWALK + 1.0)
                    trim.append(reach)
                lane = Lane(route["id"], k, pts, lengths, trim[0], float(lengths[-1]) - trim[1], tuple(ids))
                for j in junctions:
                    mine = [sid for sid in ids if sid in j.groups]
                    if not mine:
                        continue
                    s_j, dist = project(pts, lengths, (j.x, j.y))
                    if dist > 30.0:
                        continue
                    others = [by_id[n].width / 2 for n in j.groups if n not in ids]
                    stop = s_j - (max(others, default=0.0) + SIDEWALK + 1.0)
                    if lane.start + FADE < stop < lane.end:
                        lane.stops.append((stop, j.id, mine[0]))
                lane.stops.sort()
                if k == 0:
                    spacing = data["bus_stop_spacing_m"]
                    s = lane.start + spacing / 2
                    while s < lane.end - 40:
                        if all(abs(s - st) > 45 for st, _, _ in lane.stops):
                            lane.bus_stops.append(s)
                        s += spacing
                lanes.append(lane)
    return lanes


class Traffic:
    def __init__(self, lanes: list[Lane], junctions: list[Junction], data: dict, seed: int, capacity: int = 400):
        self.lanes = lanes
        self.junctions = {j.id: j for j in junctions}
        self.data = data
        self.rng = np.random.default_rng(seed + 7)
        n = capacity
        self.active = np.zeros(n, bool)
        self.lane = np.zeros(n, int)
        self.s = np.zeros(n)  # front bumper, arc length along the lane
        self.v = np.zeros(n)
        self.v0 = np.ones(n)  # free-flow speed, m/s
        self.v_factor = np.ones(n)  # this vehicle's share of the road's speed (buses slower, some drivers faster)
        self.kind = np.zeros(n, int)
        self.livery = np.zeros(n, int)  # bus colour index, or a car colour index
        self.length = np.ones(n)
        self.width = np.ones(n)
        self.dwell = np.zeros(n)
        self.next_bus_stop = np.zeros(n, int)
        self.pos = np.zeros((n, 2))
        self.heading = np.zeros(n)
        self.scale = np.zeros(n)
        self.serial = np.zeros(n, int)  # which vehicle holds a slot (slots are reused when one leaves)
        self._spawned = 0
        self.speed_kmh: dict[str, float] = {}
        self.target = 0
        lane_len = np.array([ln.end - ln.start for ln in lanes])
        self._share = lane_len / lane_len.sum()
        self._targets = np.zeros(len(lanes), int)
        self._lane_end = np.array([ln.end for ln in lanes])
        self._lane_start = np.array([ln.start for ln in lanes])
        # every lane's polyline in one array, each lane's arc lengths shifted past the previous lane's end, so
        # one vectorised lookup places every vehicle
        base, pts, lens = 0.0, [], []
        self._base = np.zeros(len(lanes))
        for k, ln in enumerate(lanes):
            self._base[k] = base
            pts.append(ln.points)
            lens.append(ln.lengths + base)
            base += ln.lengths[-1] + 1.0
        self._all_points, self._all_lengths = np.vstack(pts), np.concatenate(lens)
        self._lane_len = np.array([ln.lengths[-1] for ln in lanes])

    def set_speed(self, street: str, kmh: float) -> None:
        """Free-flow speed on ``street`` (typical profile, or the live road data's average); applies at once."""
        self.speed_kmh[street] = kmh
        for i in np.nonzero(self.active)[0]:
            if street in self.lanes[self.lane[i]].streets:
                self.v0[i] = self._lane_kmh(self.lanes[self.lane[i]]) / 3.6 * self.v_factor[i]

    def _lane_kmh(self, lane: Lane) -> float:
        return min(self.speed_kmh.get(s, 30.0) for s in lane.streets)

    def _pick_kind(self, lane: Lane) -> str:
        if lane.index == 0:
            return "bus"
        mix = self.data["mix"]
        outer = lane.index == max(ln.index for ln in self.lanes if ln.route == lane.route)
        kinds = [k for k in ("car", "taxi", "scooter") if k != "scooter" or outer]
        p = np.array([mix[k] for k in kinds])
        return kinds[int(self.rng.choice(len(kinds), p=p / p.sum()))]

    def _add(self, li: int, s: float, kind: str, v: float) -> None:
        free = np.nonzero(~self.active)[0]
        if not len(free):
            return
        i = int(free[0])
        lane = self.lanes[li]
        self.active[i] = True
        self._spawned += 1
        self.serial[i] = self._spawned
        self.lane[i], self.s[i] = li, s
        self.kind[i] = KINDS.index(kind)
        self.length[i], self.width[i] = SIZE[kind]
        self.v_factor[i] = (0.85 if kind == "bus" else 1.1 if kind == "scooter" else 1.0) * self.rng.uniform(0.9, 1.1)
        self.v0[i] = self._lane_kmh(lane) / 3.6 * self.v_factor[i]
        self.v[i] = min(v, self.v0[i])
        self.dwell[i] = 0.0
        self.next_bus_stop[i] = int(np.searchsorted(lane.bus_stops, s))
        weights = self.data["bus_liveries"] if kind == "bus" else self.data["car_colours"]
        p = np.array([w["share"] for w in weights])
        self.livery[i] = int(self.rng.choice(len(weights), p=p / p.sum()))

    def lane_target(self, li: int) -> int:
        return int(self._targets[li])

    def populate(self, target: int) -> None:
        """Set the number of vehicles wanted and, on the first call, spread them along the lanes at once."""
        first = self.target == 0 and not self.active.any()
        self.target = target
        weight = self._share * np.array([self.data["bus_lane_share"] if ln.index == 0 else 1.0 for ln in self.lanes])
        self._targets = np.round(target * weight / weight.sum()).astype(int)
        if not first:
            return
        for li, lane in enumerate(self.lanes):
            want = self.lane_target(li)
            if not want:
                continue
            slots = np.sort(self.rng.uniform(lane.start + 15, lane.end - 15, want))[::-1]
            last_rear = math.inf
            for s in slots:
                kind = self._pick_kind(lane)
                if s < last_rear - MIN_GAP - 8 and not any(st - 2 < s < st + 25 for st, _, _ in lane.stops):
                    self._add(li, float(s), kind, 8.0)
                    last_rear = s - SIZE[kind][0]
        self._place()

    def update(self, dt: float, clock_s: float) -> None:
        while dt > 1e-9:
            h = min(dt, MAX_STEP)
            self._step(h, clock_s)
            clock_s += h
            dt -= h
        self._place()

    def _step(self, dt: float, clock_s: float) -> None:
        idx = np.nonzero(self.active)[0]
        idx = idx[np.lexsort((-self.s[idx], self.lane[idx]))]
        lane_of = self.lane[idx].tolist()
        prev = -1
        leader_rear, leader_v = math.inf, 0.0
        for i, li in zip(idx.tolist(), lane_of, strict=True):
            if li != prev:
                prev, leader_rear, leader_v = li, math.inf, 0.0
            self._drive(i, self.lanes[li], dt, clock_s, leader_rear, leader_v)
            leader_rear, leader_v = self.s[i] - self.length[i], self.v[i]
        self.active[idx[self.s[idx] >= self._lane_end[self.lane[idx]]]] = False
        live = np.nonzero(self.active)[0]
        counts = np.bincount(self.lane[live], minlength=len(self.lanes))
        rear = np.full(len(self.lanes), math.inf)
        np.minimum.at(rear, self.lane[live], self.s[live] - self.length[live])
        for li in np.nonzero(counts < self._targets)[0].tolist():
            lane = self.lanes[li]
            if rear[li] > lane.start + 18 and self.rng.random() < dt / 2.0:
                self._add(li, lane.start, self._pick_kind(lane), 9.0)

    def _drive(self, i: int, lane: Lane, dt: float, clock_s: float, leader_rear: float, leader_v: float) -> None:
        s, v = self.s[i], self.v[i]
        gap, obstacle_v = leader_rear - MIN_GAP - s, leader_v
        hard = leader_rear - 1.0  # never closer than a metre, whatever the model says
        for stop, jid, street in lane.stops:
            if stop < s - 0.01:
                continue
            light = self.junctions[jid].light(street, clock_s)
            if light is Light.RED or (light is Light.YELLOW and stop - s > v * v / (2 * STOP_DECEL) + 0.5):
                if stop - s < gap:
                    gap, obstacle_v = stop - s, 0.0
                if light is Light.RED:
                    hard = min(hard, stop)
            break
        if self.kind[i] == KINDS.index("bus") and self.next_bus_stop[i] < len(lane.bus_stops):
            bs = lane.bus_stops[self.next_bus_stop[i]]
            if self.dwell[i] > 0:
                self.dwell[i] -= dt
                if self.dwell[i] <= 0:
                    self.next_bus_stop[i] += 1
                self.v[i] = 0.0
                return
            if bs - s < 1.5 and v < 0.5:  # the model halts about a metre short of an obstacle
                self.dwell[i] = BUS_DWELL
                self.v[i] = 0.0
                return
            if bs - s < gap:
                gap, obstacle_v = bs - s, 0.0
        v0 = self.v0[i]
        gap = max(gap, 0.01)
        want = 1.0 + v * HEADWAY + v * (v - obstacle_v) / (2 * math.sqrt(ACCEL * BRAKE))
        acc = ACCEL * (1 - (v / v0) ** 4 - (max(want, 0.0) / gap) ** 2)
        v_new = max(0.0, v + max(acc, -9.0) * dt)
        s_new = min(s + v_new * dt, max(hard, s))
        self.v[i] = (s_new - s) / dt
        self.s[i] = s_new

    def _place(self) -> None:
        idx = np.nonzero(self.active)[0]
        if not len(idx):
            return
        li = self.lane[idx]
        mid = np.clip(self.s[idx] - self.length[idx] / 2, 0.0, self._lane_len[li] - 1e-6) + self._base[li]
        p, d = point_at(self._all_points, self._all_lengths, mid)
        self.pos[idx] = p
        self.heading[idx] = np.arctan2(d[:, 1], d[:, 0])
        self.scale[idx] = (np.clip((self.s[idx] - self._lane_start[li]) / FADE, 0, 1)
                           * np.clip((self._lane_end[li] - self.s[idx]) / FADE, 0, 1))
