"""Easy mode's guided walk: the visitor is walked along the pavements to a landmark, not teleported. Pure.

The route runs over the district's pedestrian network (:mod:`game.life.walkways`): its edges are clear of every
collider by construction, and it crosses carriageways only at crossings. The start and the goal join the network
at the nearest node reachable in a clear straight line. The walker still moves through its own collision
(:class:`game.nav.walker.Walker`) in short steps, so a long frame cannot carry it through a wall.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.life.walkways import Walkways
from game.nav.walker import RADIUS, Intent, Walker

PACE = 4.0  # times the walking speed (1.4 m/s): a 2 km walk takes about six minutes
SUB_STEP = 0.5  # metres per collision step
REACHED = 0.6  # metres from a waypoint that count as being there
SAMPLE = 0.25  # metres between clearance samples along a joining segment
JOIN_CANDIDATES = 24  # nearest network nodes tried when joining the start or goal
STALL_STEPS = 40  # sub-steps in a row with almost no progress: the walk is stuck

#: ``clear(points (M, 2), radius) -> (M,) bool``, e.g. :meth:`game.life.clearance.Clearance.clear`.
ClearFn = Callable[[np.ndarray, float], np.ndarray]


def segment_clear(clear: ClearFn, a: tuple[float, float], b: tuple[float, float], radius: float = RADIUS) -> bool:
    """True when a body of ``radius`` can go from ``a`` to ``b`` in a straight line without touching a collider."""
    n = max(2, math.ceil(math.dist(a, b) / SAMPLE) + 1)
    t = np.linspace(0.0, 1.0, n)[:, None]
    pts = np.asarray(a, float) * (1 - t) + np.asarray(b, float) * t
    return bool(clear(pts, radius).all())


def joins(ways: Walkways, clear: ClearFn, p: tuple[float, float],
          among: np.ndarray | None = None) -> list[tuple[int, float]]:
    """The network nodes (of ``among``, a mask; default every linked node) among the nearest to ``p`` that can be
    reached from it in a clear straight line, nearest first, each with its distance."""
    gap = np.linalg.norm(ways.nodes - np.asarray(p, float), axis=1)
    if among is None:
        among = np.zeros(len(ways.nodes), bool)
        among[ways.a] = among[ways.b] = True
    gap[~among] = np.inf
    return [(int(n), float(gap[n])) for n in np.argsort(gap)[:JOIN_CANDIDATES]
            if np.isfinite(gap[n]) and segment_clear(clear, p, tuple(ways.nodes[n]))]


def tree(ways: Walkways, start: int) -> tuple[dict[int, float], dict[int, int]]:
    """Dijkstra from ``start`` over the whole network: each reachable node's distance and predecessor."""
    best = {start: 0.0}
    came = {start: start}
    queue = [(0.0, start)]
    while queue:
        d, n = heapq.heappop(queue)
        if d > best[n]:
            continue
        for e in ways.adjacency[n]:
            m = int(ways.b[e] if ways.a[e] == n else ways.a[e])
            nd = d + float(ways.length[e])
            if nd < best.get(m, math.inf):
                best[m], came[m] = nd, n
                heapq.heappush(queue, (nd, m))
    return best, came


def route(ways: Walkways, clear: ClearFn, start: tuple[float, float],
          goal: tuple[float, float]) -> list[tuple[float, float]] | None:
    """Waypoints from ``start`` to ``goal`` over the pavements (None: no way there). The start joins the network at
    its nearest clear node; the goal at whichever clear node near it makes the whole way shortest, on the part of
    the network the start is on (so neither an island of pavement nor the wrong side of a wide road cuts it)."""
    if math.dist(start, goal) < 30.0 and segment_clear(clear, start, goal):  # in sight and close: straight there
        return [goal]
    first = joins(ways, clear, start)
    if not first:
        return None
    a = first[0][0]
    best, came = tree(ways, a)
    reached = np.zeros(len(ways.nodes), bool)
    reached[list(came)] = True
    last = joins(ways, clear, goal, reached)
    if not last:
        return None
    b = min(last, key=lambda nd: best[nd[0]] + nd[1])[0]
    nodes = [b]
    while nodes[-1] != a:
        nodes.append(came[nodes[-1]])
    return [(float(ways.nodes[n][0]), float(ways.nodes[n][1])) for n in reversed(nodes)] + [goal]


@dataclass
class GuidedWalk:
    """Steps ``walker`` along ``path`` at ``pace`` times its walking speed; the walker's collision applies."""

    walker: Walker
    path: list[tuple[float, float]]
    pace: float = PACE
    index: int = 0  # the next waypoint
    stuck: bool = False
    _stalled: int = 0

    @property
    def arrived(self) -> bool:
        return self.index >= len(self.path)

    @property
    def done(self) -> bool:
        return self.arrived or self.stuck

    def update(self, dt: float) -> None:
        w = self.walker
        budget = w.speed * self.pace * dt
        while budget > 1e-9 and not self.done:
            tx, ty = self.path[self.index]
            gap = math.dist((w.x, w.y), (tx, ty))
            if gap <= REACHED:
                self.index += 1
                continue
            step = min(budget, SUB_STEP, gap)
            w.heading = math.degrees(math.atan2(-(tx - w.x), ty - w.y)) % 360.0  # heading 0 looks along +Y
            before = (w.x, w.y)
            w.update(step / w.speed, Intent(forward=1.0))
            budget -= step
            self._stalled = self._stalled + 1 if math.dist(before, (w.x, w.y)) < 0.1 * step else 0
            self.stuck = self._stalled >= STALL_STEPS
