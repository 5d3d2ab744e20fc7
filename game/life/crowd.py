"""Pedestrians on the walkway graph: walking, keeping right, waiting for the green man, pausing, browsing the
market's stalls, sitting on benches. Pure.

Every step moves each walker along its edge (or onto the next at a node) and accepts the move only if the new
spot keeps its personal circle clear of every other walker's current and new spot and of the visitor; a
refused walker stands still, then sidesteps, then turns back. Standing still is always allowed, so nobody
ever overlaps anyone, and every spot is inside a band the graph has checked against the buildings, so nobody
walks through a wall (a bench's seat is off every band: the bench is a collider of the graph). A walker steps
off the kerb only while the man is green with time enough to cross the whole crossing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.life import crosswalks, lod
from game.life.signals import GREEN, Junction
from game.life.walkways import BODY_RADIUS, Walkways

MAX_STEP = 0.25  # seconds: longer updates are split, so nobody steps through anyone
SIDESTEP_AFTER = 1.0  # seconds blocked before trying another line
TURN_BACK_AFTER = 5.0
LATERAL_SPEED = 0.6  # m/s drifting across the pavement
PAUSE_CHANCE = 0.04  # at each node: stop to look, take a photo, wait for a friend
SIT_CHANCE = 0.3  # at a node beside a bench with a free seat: sit down for a while
SEAT_REACH = 8.0  # metres from a walkway node to a seat it leads to
BROWSE_CHANCE = 0.35  # at a node in a market alley: stop at the stall there and look at the goods
SHOP_CHANCE = 0.04  # at a node beside a building: go in (a shop, a café, an office) for a while
STRIDE = 1.45  # metres per walk cycle for a 1.7 m person
CELL_SPAN = 1 << 24  # cell-key multiplier: more cells than the district has across


@dataclass(frozen=True)
class Place:
    """A spot people gather around (a hotspot of the city data, or part of one)."""

    id: str
    hotspot: str
    x: float
    y: float
    radius: float


class Crowd:
    def __init__(self, ways: Walkways, junctions: list[Junction], places: list[Place], seed: int,
                 capacity: int = 2000, seats: np.ndarray | None = None):
        """``seats``: (S, 3) x, y and facing of bench seats (:mod:`game.life.benches`) walkers may sit on."""
        self.ways = ways
        self.junctions = {j.id: j for j in junctions}
        self.places = places
        self.rng = np.random.default_rng(seed)
        self.capacity = capacity
        n = capacity
        self.active = np.zeros(n, bool)
        self.edge = np.zeros(n, int)
        self.forward = np.ones(n, bool)
        self.along = np.zeros(n)
        self.lateral = np.zeros(n)
        self.lane = np.ones(n)  # preferred distance right of the edge's middle
        self.speed_pref = np.ones(n)
        self.speed = np.zeros(n)
        self.phase = np.zeros(n)
        self.blocked = np.zeros(n)
        self.pause = np.zeros(n)
        self.indoors = np.zeros(n)  # seconds left inside a building; hidden and out of everyone's way meanwhile
        self.home = np.zeros(n, int)
        self.next_edge = np.full(n, -1)
        self.height = np.ones(n)
        self.look = np.zeros(n, int)  # index into the clothing palette, chosen by the renderer
        self.pos = np.zeros((n, 2))
        self.heading = np.zeros(n)  # radians, counter-clockwise from +x
        self.visitor: tuple[float, float] | None = None
        self.crossing_entries: list[tuple[int, int, float]] = []  # (walker, edge, walk seconds left) this step
        self.eye: tuple[float, float] | None = None  # where the camera is: far walkers step less often (lod)
        self.owed = np.zeros(n)  # seconds each walker has not yet been stepped through
        self.frame = 0
        self._place_nodes = [self._nodes_near(p) for p in places]
        self.span = crosswalks.spans(ways)  # per edge: the whole crossing's length, kerb to kerb
        self.seats = np.zeros((0, 3)) if seats is None else np.asarray(seats, float)
        self.seat_taken = np.zeros(len(self.seats), bool)
        self.seat = np.full(n, -1)  # the seat a walker sits on, -1 when not sitting
        self._seats_at: dict[int, list[int]] = {}  # walkway node → seats within reach of it
        for k, (x, y, _) in enumerate(self.seats):
            d = np.hypot(ways.nodes[:, 0] - x, ways.nodes[:, 1] - y)
            near = int(np.argmin(d))
            if d[near] < SEAT_REACH:
                self._seats_at.setdefault(near, []).append(k)

    # -- population ---------------------------------------------------------------------------------------
    def _nodes_near(self, place: Place) -> np.ndarray:
        d = np.linalg.norm(self.ways.nodes - (place.x, place.y), axis=1)
        return np.nonzero(d < place.radius)[0]

    @property
    def present(self) -> np.ndarray:
        """Walkers out on the street (drawn, and in everyone's way): active and not inside a building."""
        return self.active & (self.indoors <= 0)

    def count(self, place: int | None = None) -> int:
        return int(self.active.sum() if place is None else (self.active & (self.home == place)).sum())

    def _free(self, xy: np.ndarray, ignore: int = -1) -> bool:
        mask = self.present
        if ignore >= 0:
            mask[ignore] = False
        if mask.any() and (np.sum((self.pos[mask] - xy) ** 2, axis=1) < (2 * BODY_RADIUS) ** 2).any():
            return False
        return self.visitor is None or math.dist(self.visitor, xy) >= BODY_RADIUS + 0.35

    def spawn(self, place: int, count: int) -> int:
        """Put up to ``count`` new walkers on pavements near ``place``; fewer where it is already full."""
        w, rng = self.ways, self.rng
        slots = np.nonzero(~self.active)[0]
        made = 0
        nodes = self._place_nodes[place]
        if not len(nodes):
            return 0
        for _ in range(count * 8):
            if made >= count or made >= len(slots):
                break
            node = int(rng.choice(nodes))
            edges = [e for e in w.adjacency[node] if w.crossed[e] is None]
            if not edges:
                continue
            e = int(rng.choice(edges))
            along = float(rng.uniform(0, w.length[e]))
            lateral = float(rng.uniform(w.lo[e], w.hi[e]))
            xy = w.position(np.array([e]), np.array([along]), np.array([lateral]))[0]
            if not self._free(xy):
                continue
            i = slots[made]
            made += 1
            self.active[i] = True
            self.edge[i], self.along[i], self.lateral[i], self.pos[i] = e, along, lateral, xy
            self.forward[i] = rng.random() < 0.5
            self.lane[i] = rng.uniform(0.3, 2.2)
            self.speed_pref[i] = float(np.clip(rng.normal(1.3, 0.18), 0.8, 1.8))
            self.speed[i] = 0.0
            self.phase[i] = rng.uniform(0, 2 * math.pi)
            self.blocked[i] = self.pause[i] = self.indoors[i] = self.owed[i] = 0.0
            self.seat[i] = -1
            self.home[i] = place
            self.next_edge[i] = -1
            self.height[i] = float(np.clip(rng.normal(1.0, 0.05), 0.86, 1.14))
            self.look[i] = int(rng.integers(0, 1 << 16))
            d = w.direction[e] * (1 if self.forward[i] else -1)
            self.heading[i] = math.atan2(d[1], d[0])
        return made

    def despawn(self, place: int, count: int) -> int:
        """Remove up to ``count`` walkers of ``place`` who are not on a crossing."""
        idx = [i for i in np.nonzero(self.active & (self.home == place))[0] if self.ways.crossed[self.edge[i]] is None]
        gone = idx[:count]
        self.active[gone] = False
        seated = self.seat[gone]
        self.seat_taken[seated[seated >= 0]] = False
        self.seat[gone] = -1
        return len(gone)

    def set_target(self, place: int, target: int) -> None:
        have = self.count(place)
        if target > have:
            self.spawn(place, target - have)
        elif target < have:
            self.despawn(place, have - target)

    # -- movement ---------------------------------------------------------------------------------------
    def _choose(self, i: int, node: int, came: int) -> int:
        w = self.ways
        options = [e for e in w.adjacency[node] if e != came] or [came]
        here = w.nodes[node]
        place = self.places[self.home[i]]
        to_home = np.array([place.x, place.y]) - here
        far = np.linalg.norm(to_home) > place.radius
        to_home = to_home / max(np.linalg.norm(to_home), 1e-9)
        d_in = w.direction[came] * (1 if self.forward[i] else -1)
        weights = []
        for e in options:
            out = w.direction[e] * (1 if w.a[e] == node else -1)
            wgt = (0.35 + max(0.0, float(out @ d_in))) ** 2
            if far:
                wgt *= 1.0 + 4.0 * max(0.0, float(out @ to_home))
            if w.crossed[e] is not None:
                # a crossing too long to walk in one green at this walker's pace is left to faster walkers
                wgt *= 0.7 if self.span[e] + 1.0 <= GREEN * self.speed_pref[i] or w.crossed[came] is not None else 1e-6
            weights.append(wgt)
        p = np.asarray(weights) / sum(weights)
        return int(options[int(self.rng.choice(len(options), p=p))])

    def _may_cross(self, e: int, speed: float, clock_s: float) -> float | None:
        """Walk seconds left if a walker at ``speed`` may step off the kerb onto crossing ``e`` now (time enough for
        the whole crossing, kerb to kerb), else None."""
        j = self.junctions.get(int(self.ways.junction[e]))
        if j is None:
            return None
        left = j.walk_remaining(self.ways.crossed[e], clock_s)
        return left if left * speed >= self.span[e] + 1.0 else None

    def update(self, dt: float, clock_s: float) -> None:
        """Advance ``dt`` seconds; ``clock_s`` is the signals' clock (seconds since midnight) at the start.

        With an :attr:`eye`, far walkers step only every few frames (:mod:`game.life.lod`), then by all the time
        they are owed; each step is still at most ``MAX_STEP`` long, so nobody steps through anyone."""
        self.crossing_entries = []
        self.frame += 1
        self.owed[self.active] += dt
        turn = self.active & lod.due(lod.periods(self.pos, self.eye), self.frame)
        end = clock_s + dt
        while True:
            step = np.where(turn, np.minimum(self.owed, MAX_STEP), 0.0)
            if step.max(initial=0.0) <= 1e-9:
                break
            # each walker's own clock: the frame's end less the time it is still owed
            self._step(step, end - self.owed, step > 1e-9)
            self.owed -= step

    def _step(self, dt: np.ndarray, clock: np.ndarray, turn: np.ndarray) -> None:
        """One step of ``dt[i]`` seconds for each walker ``i`` whose ``turn`` it is; ``clock[i]`` its signals' clock."""
        w, rng = self.ways, self.rng
        inside = np.nonzero(turn & self.active & (self.indoors > 0))[0]
        self.indoors[inside] -= dt[inside]
        for i in inside[self.indoors[inside] <= 0]:  # coming out: only onto a free spot, else a moment later
            if not self._free(self.pos[i], ignore=int(i)):
                self.indoors[i] = 0.5
            else:
                self.forward[i] = not self.forward[i]
                self.next_edge[i] = -1
        present = self.present & turn
        paused = present & (self.pause > 0)
        self.pause[paused] -= dt[paused]
        for i in np.nonzero(paused & (self.seat >= 0) & (self.pause <= 0))[0]:  # getting up: back onto the way
            back = w.position(self.edge[i:i + 1], self.along[i:i + 1], self.lateral[i:i + 1])[0]
            if self._free(back, ignore=int(i)):
                self.pos[i] = back
                self.seat_taken[self.seat[i]] = False
                self.seat[i] = -1
            else:
                self.pause[i] = 0.5
        self.speed[paused] = 0.0
        movers = np.nonzero(present & ~paused)[0]
        if not len(movers):
            return
        e = self.edge[movers]
        sgn = np.where(self.forward[movers], 1.0, -1.0)
        h = dt[movers]
        along = self.along[movers] + sgn * self.speed_pref[movers] * h
        target = np.clip(-sgn * self.lane[movers], w.lo[e], w.hi[e])
        lat = self.lateral[movers]
        lat = np.clip(lat + np.clip(target - lat, -LATERAL_SPEED * h, LATERAL_SPEED * h), w.lo[e], w.hi[e])
        fwd = self.forward[movers].copy()
        waiting = np.zeros(len(movers), bool)
        sat_down: list[int] = []
        for k in np.nonzero((along > w.length[e]) | (along < 0))[0]:
            i = movers[k]
            cur = int(e[k])
            node = int(w.b[cur] if fwd[k] else w.a[cur])
            end = float(w.length[cur]) if fwd[k] else 0.0
            over = abs(float(along[k]) - end)
            if self.next_edge[i] < 0:
                self.next_edge[i] = self._choose(i, node, cur)
                roll = rng.random()
                free = [k for k in self._seats_at.get(node, ()) if not self.seat_taken[k]]
                if free and roll < SIT_CHANCE:  # a bench with room: sit a while
                    self.pause[i] = rng.uniform(30.0, 300.0)
                    self.seat[i] = free[int(rng.integers(len(free)))]
                    self.seat_taken[self.seat[i]] = True
                    sat_down.append(int(i))
                elif len(w.browse) and w.browse[node] and roll < BROWSE_CHANCE:  # a stall: stop and look, facing it
                    self.pause[i] = rng.uniform(4.0, 30.0)
                    side = w.normal[cur] * (1.0 if self.lateral[i] >= 0 else -1.0)
                    self.heading[i] = math.atan2(side[1], side[0])
                elif roll < PAUSE_CHANCE and w.crossed[cur] is None:
                    self.pause[i] = rng.uniform(3.0, 15.0)
                elif roll < PAUSE_CHANCE + SHOP_CHANCE and w.door[node]:
                    self.indoors[i] = rng.uniform(30.0, 240.0)
            nxt = int(self.next_edge[i])
            if self.pause[i] > 0 or self.indoors[i] > 0:
                along[k], waiting[k] = end, True
                continue
            if w.crossed[nxt] is not None and w.crossed[cur] is None:  # on a crossing already: walk on to the kerb
                left = self._may_cross(nxt, float(self.speed_pref[i]), float(clock[i]))
                if left is None:
                    along[k], waiting[k] = end, True
                    continue
                self.crossing_entries.append((int(i), nxt, left))
            e[k] = nxt
            fwd[k] = w.a[nxt] == node
            along[k] = over if fwd[k] else w.length[nxt] - over
            along[k] = min(max(along[k], 0.0), w.length[nxt])
            lat[k] = np.clip(lat[k], w.lo[nxt], w.hi[nxt])
        new = w.position(e, along, lat)
        ok = self._accept(movers, new)
        took = movers[ok]
        moved = np.linalg.norm(new[ok] - self.pos[took], axis=1)
        entered = ok & (e != self.edge[movers])
        self.next_edge[movers[entered]] = -1
        self.edge[took], self.along[took], self.lateral[took], self.forward[took] = e[ok], along[ok], lat[ok], fwd[ok]
        self.pos[took] = new[ok]
        self.speed[took] = moved / h[ok]
        self.phase[took] += 2 * math.pi * moved / (STRIDE * self.height[took])
        walked = ok & ~waiting  # those who stopped at a node keep their heading (to the crossing, or the stall)
        d = w.direction[e[walked]] * np.where(fwd[walked], 1.0, -1.0)[:, None]
        self.heading[movers[walked]] = np.arctan2(d[:, 1], d[:, 0])
        self.blocked[took] = 0.0
        for i in sat_down:  # on the seat, off the way (the bench is a collider: no band comes near it)
            self.pos[i] = self.seats[self.seat[i], :2]
            self.heading[i] = self.seats[self.seat[i], 2]
        stuck = movers[~ok & ~waiting]
        self.speed[stuck] = 0.0
        self.speed[movers[waiting]] = 0.0
        self.blocked[stuck] += dt[stuck]
        for i in stuck:
            if self.blocked[i] > TURN_BACK_AFTER:
                self.forward[i] = not self.forward[i]
                self.next_edge[i] = -1
                self.blocked[i] = 0.0
            elif self.blocked[i] > SIDESTEP_AFTER and rng.random() < 0.3:
                self.lane[i] = rng.uniform(-2.4, 2.4)

    def _accept(self, movers: np.ndarray, new: np.ndarray) -> np.ndarray:
        """True for each mover whose new spot is clear of everyone's current and new spot (and the visitor).

        Neighbours are found on a grid of cells one personal diameter wide: points sorted by cell key, so the
        3×3 cells around a spot are three key ranges found by binary search.
        """
        reach = 2 * BODY_RADIUS
        others = np.nonzero(self.present)[0]
        ok = np.ones(len(movers), bool)
        cell = np.floor(new / reach).astype(np.int64)
        for src, own in ((self.pos[others], others), (new, movers)):
            src_cell = np.floor(src / reach).astype(np.int64)
            keys = src_cell[:, 0] * CELL_SPAN + src_cell[:, 1]
            order = np.argsort(keys, kind="stable")
            sorted_keys = keys[order]
            for dx in (-1, 0, 1):
                base = (cell[:, 0] + dx) * CELL_SPAN + cell[:, 1]
                lo = np.searchsorted(sorted_keys, base - 1, side="left")
                hi = np.searchsorted(sorted_keys, base + 1, side="right")
                rows = np.nonzero(hi > lo)[0]  # movers with anyone in this column of cells
                off = 0
                while len(rows):  # the k-th candidate of every mover that has one; dense cells take more rounds
                    cand = order[lo[rows] + off]
                    d2 = np.sum((src[cand] - new[rows]) ** 2, axis=1)
                    ok[rows[(d2 < reach * reach) & (own[cand] != movers[rows])]] = False
                    off += 1
                    rows = rows[lo[rows] + off < hi[rows]]
        if self.visitor is not None:
            ok &= np.sum((new - self.visitor) ** 2, axis=1) >= (BODY_RADIUS + 0.35) ** 2
        return ok
