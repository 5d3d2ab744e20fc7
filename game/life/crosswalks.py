"""The crosswalks of the walkway network as things in the street: kerb to kerb, their zebra bars and the pedestrian
signals at both ends. Pure (numpy).

The network cuts a crossing into several edges (pieces of at most ``MAX_EDGE``); here the pieces are joined back
into one crosswalk per carriageway crossed, so a walker can be asked to have time for all of it before stepping
off the kerb, and the paint and the signals can be placed once per crosswalk.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.architecture.mesh import Mesh, merge
from game.life.walkways import CROSSING_HALF, Walkways

BAR = 0.45  # Korean crosswalk bars: 45 cm wide, 45 cm apart [E, from the road-marking rules as remembered]
GAP = 0.45
PAINT_Z = 0.125  # over the lane paint and the pavement ribbons, which run on to the middle of a junction
SIGNAL_SIDE = CROSSING_HALF + 0.7  # a pedestrian signal stands beside the crosswalk's end, not in it
SIGNAL_BACK = 0.8  # metres back from the kerb onto the pavement


@dataclass(frozen=True)
class Crosswalk:
    edges: tuple[int, ...]  # the network's edges it is made of, kerb to kerb
    start: tuple[float, float]  # one kerb end
    end: tuple[float, float]  # the other
    street: str  # the street crossed
    junction: int  # the junction whose signals govern it

    @property
    def length(self) -> float:
        return math.dist(self.start, self.end)


def crosswalks(ways: Walkways) -> list[Crosswalk]:
    """Every crosswalk of ``ways``: chains of crossing edges over one street joined at nodes with no other edge."""
    out = []
    seen = np.zeros(len(ways.a), bool)
    for first in range(len(ways.a)):
        if ways.crossed[first] is None or seen[first]:
            continue
        chain, todo = [], [first]
        seen[first] = True
        while todo:
            e = todo.pop()
            chain.append(e)
            for node in (ways.a[e], ways.b[e]):
                here = ways.adjacency[node]
                if len(here) != 2:
                    continue
                for f in here:
                    if not seen[f] and ways.crossed[f] == ways.crossed[e]:
                        seen[f] = True
                        todo.append(f)
        ends = np.concatenate([ways.a[chain], ways.b[chain]])
        nodes, counts = np.unique(ends, return_counts=True)
        tips = nodes[counts == 1]
        a, b = (ways.nodes[tips[0]], ways.nodes[tips[1]]) if len(tips) == 2 else (ways.nodes[nodes[0]],) * 2
        out.append(Crosswalk(tuple(sorted(int(e) for e in chain)), (float(a[0]), float(a[1])),
                             (float(b[0]), float(b[1])), str(ways.crossed[first]), int(ways.junction[first])))
    return out


def spans(ways: Walkways, walks: list[Crosswalk] | None = None) -> np.ndarray:
    """Per edge: the kerb-to-kerb length of the crosswalk it is part of, 0 on pavements and plazas."""
    span = np.zeros(len(ways.a))
    for cw in crosswalks(ways) if walks is None else walks:
        span[list(cw.edges)] = ways.length[list(cw.edges)].sum()
    return span


def zebra(walks: list[Crosswalk], slot_uv: tuple[float, float]) -> Mesh:
    """The bars of every crosswalk as flat quads in world metres (one mesh, one draw); ``slot_uv`` is stored in each
    vertex's texture coordinate (the life shader's colour slot and body part)."""
    quads = []
    for cw in walks:
        a, b = np.asarray(cw.start), np.asarray(cw.end)
        length = float(np.linalg.norm(b - a))
        if length < 2 * BAR:
            continue
        u = (b - a) / length
        n = np.array([-u[1], u[0]])
        count = int((length - GAP) // (BAR + GAP))
        first = (length - (count * (BAR + GAP) - GAP)) / 2
        for k in range(count):
            s0 = first + k * (BAR + GAP)
            c0, c1 = a + u * s0, a + u * (s0 + BAR)
            half = n * (CROSSING_HALF + 0.4)
            quads.append([c0 - half, c1 - half, c1 + half, c0 + half])
    if not quads:
        return Mesh.empty()
    corners = np.asarray(quads, np.float32).reshape(-1, 2)
    pos = np.concatenate([corners, np.full((len(corners), 1), PAINT_Z, np.float32)], axis=1)
    base = np.arange(len(quads), dtype=np.uint32)[:, None] * 4
    tris = np.concatenate([base + [0, 1, 2], base + [0, 2, 3]])
    # wind every triangle to face up, whichever way the crosswalk runs
    p = pos[tris]
    up = np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0])[:, 2] > 0
    tris[~up] = tris[~up][:, ::-1]
    n_v = len(pos)
    return merge([Mesh(pos, np.tile(np.float32([0, 0, 1]), (n_v, 1)), np.tile(np.float32(slot_uv), (n_v, 1)),
                       np.ones((n_v, 4), np.float32), np.ascontiguousarray(tris, np.uint32))])


def signal_posts(walks: list[Crosswalk]) -> list[tuple[float, float, float, int, str]]:
    """(x, y, heading, junction, street) of a pedestrian signal at each end of each crosswalk, facing the walkers
    waiting at the other end (heading: radians from +x, the way its lamp faces)."""
    posts = []
    for cw in walks:
        a, b = np.asarray(cw.start), np.asarray(cw.end)
        if cw.length < 1.0 or cw.junction < 0:
            continue
        u = (b - a) / cw.length
        n = np.array([-u[1], u[0]])
        for here, away in ((a, u), (b, -u)):
            x, y = here - away * SIGNAL_BACK + n * SIGNAL_SIDE
            posts.append((float(x), float(y), math.atan2(away[1], away[0]), cw.junction, cw.street))
    return posts
