"""The pedestrian network: pavements along every street, crossings over the carriageways, and plazas. Pure.

Built from the same street and collider data as the visitor's collision: each street's two pavement centre
lines (offset like the drawn pavement ribbons), cut where they cross each other (corners) and where they run
over another street's carriageway (crossings). Each edge carries the lateral band a pedestrian may use on it,
tested against the colliders at build time, so a pedestrian anywhere in a band is clear of every building.
Crossings that do not lead from kerb to kerb are pruned; so are islands too small to walk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.city.streets import SIDEWALK, Street, distance_to_polyline, offset_polyline, point_in_polygon
from game.life.clearance import Clearance
from game.life.geometry import arc_lengths, point_at, segment_intersections

BODY_RADIUS = 0.28  # a pedestrian's personal circle; two never come closer than twice this
MARGIN = 0.12  # extra clearance to colliders, covers the sampling step below
SAMPLE = 0.25  # metres between clearance samples along an edge and across its band
MAX_EDGE = 8.0
PAVEMENT_HALF = SIDEWALK / 2 - BODY_RADIUS
CROSSING_HALF = 1.6  # a zebra crossing is about 4 m wide
PLAZA_STEP = 6.0
# a plaza's edge nodes link to the nearest pavement nodes this close: a grid step and a little, so a kerb landing
# between two grid nodes (the crossing at Gwanghwamun's gate lands 6.3 m from the forecourt's first row) still joins
PLAZA_REACH = 1.25 * PLAZA_STEP
MIN_COMPONENT = 12  # nodes; smaller islands are dropped
ENTRANCES, ENTRANCE_REACH = 3, 30.0  # links into a plaza no pavement node is within PLAZA_REACH of
ALLEY_REACH = 30.0  # metres from a market alley's end to the pavement it opens onto
DOOR_REACH = 7.0  # metres from a pavement node to a building front for the node to count as a shop door


@dataclass
class Walkways:
    nodes: np.ndarray  # (N, 2)
    a: np.ndarray  # (E,) start node of each edge
    b: np.ndarray  # (E,) end node
    length: np.ndarray  # (E,)
    direction: np.ndarray  # (E, 2) unit vector a→b
    normal: np.ndarray  # (E, 2) unit vector to the left of a→b
    lo: np.ndarray  # (E,) lateral band along ``normal``
    hi: np.ndarray
    crossed: list[str | None]  # street id a crossing edge runs over, None on pavements and plazas
    junction: np.ndarray  # (E,) junction id governing a crossing, -1 elsewhere
    adjacency: list[list[int]]  # edges at each node
    door: np.ndarray  # (N,) a pavement node beside a building: walkers may go in (a shop) and come out later
    browse: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))  # (N,) a node in a market's stall alley
    z: np.ndarray = field(default_factory=lambda: np.zeros(0))  # (N,) height of each node; 0 at street level

    def position(self, edge: np.ndarray, along: np.ndarray, lateral: np.ndarray) -> np.ndarray:
        """World points ``along`` metres from each edge's start node and ``lateral`` metres to its left."""
        return (self.nodes[self.a[edge]] + self.direction[edge] * along[:, None]
                + self.normal[edge] * lateral[:, None])

    def height(self, edge: np.ndarray, along: np.ndarray) -> np.ndarray:
        """Ground height ``along`` metres from each edge's start (0 at street level; the sunken walkways and their
        stairs below it)."""
        if not len(self.z):
            return np.zeros(len(edge))
        za, zb = self.z[self.a[edge]], self.z[self.b[edge]]
        return za + (zb - za) * np.clip(along / self.length[edge], 0.0, 1.0)


def _carriageway_owner(streets: list[Street], xy: np.ndarray, own: int, slack: float = 0.0) -> np.ndarray:
    """Index of a street (other than ``own``) whose carriageway holds each point, or -1."""
    out = np.full(len(xy), -1)
    for k, s in enumerate(streets):
        if k == own:
            continue
        inside = distance_to_polyline(s.points, xy) < s.width / 2 - slack
        out[(out < 0) & inside] = k
    return out


def _in_any_carriageway(streets: list[Street], xy: np.ndarray, slack: float) -> np.ndarray:
    hit = np.zeros(len(xy), bool)
    for s in streets:
        hit |= distance_to_polyline(s.points, xy) < s.width / 2 - slack
    return hit


def pavement_lines(streets: list[Street]) -> list[tuple[int, np.ndarray]]:
    """(street index, centre line) of both pavements of every street.

    A street that ends on another (a T-junction) has its pavement lines carried on across the other's
    carriageway, so a crossing exists there too.
    """
    lines = []
    for k, s in enumerate(streets):
        ext = []
        for end, nxt in ((0, 1), (-1, -2)):
            reach = 0.0
            for o in streets:
                if o is not s and distance_to_polyline(o.points, s.points[end][None])[0] < 3.0:
                    reach = max(reach, o.width / 2 + SIDEWALK)
            ext.append((end, nxt, reach))
        for side in (1, -1):
            line = offset_polyline(s.points, side * (s.width / 2 + SIDEWALK / 2))
            for end, nxt, reach in ext:
                if reach > 0:
                    d = line[end] - line[nxt]
                    tip = line[end] + d / np.linalg.norm(d) * reach
                    line = np.vstack([tip[None], line]) if end == 0 else np.vstack([line, tip[None]])
            lines.append((k, line))
    return lines


class _Builder:
    def __init__(self, streets: list[Street], clearance: Clearance):
        self.streets = streets
        self.clear = clearance
        self.nodes: list[np.ndarray] = []
        self.edges: list[tuple[int, int, float, float, int]] = []  # a, b, lo, hi, crossed street or -1
        self.own: list[int] = []
        self.z: dict[int, float] = {}  # nodes off street level (the sunken walkways)
        self.laid: set[int] = set()  # edges of the sunken walkways: judged at their own level (bands)

    def node(self, p: np.ndarray) -> int:
        self.nodes.append(np.asarray(p, float))
        return len(self.nodes) - 1

    def add_edge(self, i: int, j: int, crossed: int, half: float, own: int = -1) -> None:
        """An edge to be narrowed by ``bands``; ``own`` is the street whose pavement it is (never on its road)."""
        if np.linalg.norm(self.nodes[j] - self.nodes[i]) > 1e-6:
            self.edges.append((i, j, -half, half, crossed))
            self.own.append(own)

    def bands(self) -> None:
        """Narrow every edge to its widest run of clear lateral offsets (preferring the one through the middle);
        drop edges with none. All edges are sampled in one batch: a grid of points along and across each."""
        nodes = np.asarray(self.nodes)
        groups = []
        for k, (i, j, lo, hi, _) in enumerate(self.edges):
            p, d = nodes[i], nodes[j] - nodes[i]
            length = float(np.linalg.norm(d))
            n = np.array([-d[1], d[0]]) / length
            offsets = np.arange(lo, hi + 1e-9, SAMPLE)
            ts = np.linspace(0, 1, max(2, int(np.ceil(length / SAMPLE)) + 1))
            pts = p[None, None] + ts[None, :, None] * d[None, None] + offsets[:, None, None] * n[None, None]
            groups.append((k, offsets, len(ts), pts.reshape(-1, 2)))
        flat = np.concatenate([g[3] for g in groups])
        ok = self.clear.clear(flat, BODY_RADIUS + MARGIN)
        bounds = np.cumsum([0] + [len(g[3]) for g in groups])
        for k in self.laid:  # below street level: judged by what stands at its own level; on stairs, by nothing
            i, j = self.edges[k][0], self.edges[k][1]
            sl = slice(bounds[k], bounds[k + 1])
            za, zb = self.z.get(i, 0.0), self.z.get(j, 0.0)
            ok[sl] = self.clear.at_level(za).clear(flat[sl], BODY_RADIUS + MARGIN) if abs(za - zb) < 1e-6 else True
        ends = nodes[np.asarray([(e[0], e[1]) for e in self.edges])]
        mids, half_len = ends.mean(axis=1), np.linalg.norm(ends[:, 1] - ends[:, 0], axis=1) / 2
        own = np.asarray(self.own)
        pavement = np.asarray([e[4] for e in self.edges]) < 0
        for k, s in enumerate(self.streets):  # pavements and plazas stay off every carriageway; crossings may not
            near = pavement & (own != k) & (distance_to_polyline(s.points, mids) < s.width / 2 + half_len + 4)
            for e in np.nonzero(near)[0]:
                sl = slice(bounds[e], bounds[e + 1])
                ok[sl] &= distance_to_polyline(s.points, flat[sl]) >= s.width / 2 - 0.3
        start = 0
        kept = []
        for k, offsets, n_t, pts in groups:
            good = ok[start:start + len(pts)].reshape(len(offsets), n_t).all(axis=1)
            start += len(pts)
            runs, first = [], None
            for m, g in enumerate(list(good) + [False]):
                if g and first is None:
                    first = m
                elif not g and first is not None:
                    runs.append((first, m - 1))
                    first = None
            if not runs:
                continue
            mid = len(offsets) // 2
            lo, hi = max(runs, key=lambda r: (r[0] <= mid <= r[1], r[1] - r[0]))
            i, j, _, _, crossed = self.edges[k]
            kept.append((i, j, float(offsets[lo]), float(offsets[hi]), crossed))
        self.edges = kept


def _cut_points(lines: list[tuple[int, np.ndarray]], streets: list[Street]) -> list[dict[float, int | None]]:
    """Per line: arc length → shared corner key (or None) where the line must have a node."""
    cuts: list[dict[float, int | None]] = []
    for k, line in lines:
        lengths = arc_lengths(line)
        c: dict[float, int | None] = {float(s): None for s in lengths}
        fine = np.arange(0.0, lengths[-1], SAMPLE / 2)
        pts, _ = point_at(line, lengths, fine)
        owner = _carriageway_owner(streets, pts, k)
        for i in np.nonzero(owner[1:] != owner[:-1])[0]:
            c[float(fine[i] + SAMPLE / 4)] = None
        cuts.append(c)
    corner = 0
    for i in range(len(lines)):
        for j in range(i + 1, len(lines)):
            for si, sj, _ in segment_intersections(lines[i][1], lines[j][1]):
                cuts[i][float(si)] = corner
                cuts[j][float(sj)] = corner
                corner += 1
    return cuts


def build(streets: list[Street] | tuple[Street, ...], clearance: Clearance, junctions: list,
          plazas: list[np.ndarray] = (), alleys: list[np.ndarray] = (),
          sunken: list[tuple[np.ndarray, np.ndarray, float]] = ()) -> Walkways:
    """The walkway graph for ``streets`` (and open ``plazas`` polygons, market ``alleys``: centre lines walked
    like pavements, whose nodes are marked for browsing, and ``sunken`` walkways: (centre line, height of each of
    its points, half width), joined to the rest only where they come up to street level), clear of
    ``clearance``'s colliders."""
    streets = list(streets)
    lines = pavement_lines(streets)
    first_alley = len(lines)
    lines += [(-1, np.asarray(a, float)) for a in alleys]
    cuts = _cut_points(lines, streets)
    bld = _Builder(streets, clearance)
    corners: dict[int, int] = {}
    alley_nodes: list[int] = []
    alley_ends: list[int] = []
    for n_line, ((k, line), c) in enumerate(zip(lines, cuts, strict=True)):
        in_alley = n_line >= first_alley
        made = len(bld.nodes)
        lengths = arc_lengths(line)
        stations = sorted(c)
        prev = None
        pending: list[tuple[int, int]] = []
        for s0, s1 in zip(stations[:-1], stations[1:], strict=True):
            if s1 - s0 < 0.05:
                continue
            pieces = max(1, int(np.ceil((s1 - s0) / MAX_EDGE)))
            for m in range(pieces + 1):
                if prev is not None and m == 0:
                    continue
                s = s0 + (s1 - s0) * m / pieces
                key = c.get(s1) if m == pieces else (c.get(s0) if m == 0 else None)
                p, _ = point_at(line, lengths, s)
                if key is not None:
                    if key not in corners:
                        corners[key] = bld.node(p)
                    idx = corners[key]
                else:
                    idx = bld.node(p)
                if prev is not None:
                    pending.append((prev, idx))
                prev = idx
        if pending:
            ends = np.asarray(bld.nodes)[np.asarray(pending)]
            for (i, j), crossed in zip(pending, _carriageway_owner(streets, ends.mean(axis=1), k), strict=True):
                bld.add_edge(i, j, int(crossed), CROSSING_HALF if crossed >= 0 else PAVEMENT_HALF, k)
            if in_alley:
                alley_nodes += range(made, len(bld.nodes))
                alley_ends += [pending[0][0], pending[-1][1]]
    _link_alleys(bld, alley_ends, set(alley_nodes))
    for line, heights, half in sunken:
        _add_sunken(bld, np.asarray(line, float), np.asarray(heights, float), half)
    for poly in plazas:
        _add_plaza(bld, streets, poly)
    bld.bands()
    ways = _finish(bld, streets, junctions)
    ways.browse[[n for n in alley_nodes if ways.adjacency[n]]] = True
    for n, z in bld.z.items():
        ways.z[n] = z
    return ways


def _add_sunken(bld: _Builder, line: np.ndarray, heights: np.ndarray, half: float) -> None:
    """A walkway below (or climbing to) street level: nodes at most ``MAX_EDGE`` apart with their heights; cut by
    nothing at street level, so it meets the rest only where a plaza reaches its street-level end. Its bands are
    judged against the colliders at its own level (the street's rails and Mojeongyo above are no walls there); the
    stairs, whose steps would be, by none (they run between the stream's wall and its rail)."""
    lengths = arc_lengths(line)
    stations = np.unique(np.concatenate([lengths, np.linspace(0, lengths[-1],
                                                              int(np.ceil(lengths[-1] / MAX_EDGE)) + 1)]))
    prev = None
    for st in stations:
        p, _ = point_at(line, lengths, st)
        n = bld.node(p)
        bld.z[n] = float(np.interp(st, lengths, heights))
        if prev is not None:
            bld.laid.add(len(bld.edges))
            bld.add_edge(prev, n, -1, half)
        prev = n


def _link_alleys(bld: _Builder, ends: list[int], alley: set[int]) -> None:
    """Each end of a market alley joined to the nearest pavement node within ``ALLEY_REACH`` (kept only if the
    link's band is clear of the buildings between, like every edge)."""
    if not ends:
        return
    nodes = np.asarray(bld.nodes)
    street = np.array([n not in alley for n in range(len(nodes))])
    for e in ends:
        d = np.linalg.norm(nodes - nodes[e], axis=1)
        d[~street] = np.inf
        m = int(np.argmin(d))
        if d[m] < ALLEY_REACH:
            bld.add_edge(e, m, -1, 1.0)


def _add_plaza(bld: _Builder, streets: list[Street], poly: np.ndarray) -> None:
    """A grid of nodes over an open square, linked to each other and to pavement nodes close by."""
    lo, hi = poly.min(axis=0), poly.max(axis=0)
    xs = np.arange(lo[0] + PLAZA_STEP / 2, hi[0], PLAZA_STEP)
    ys = np.arange(lo[1] + PLAZA_STEP / 2, hi[1], PLAZA_STEP)
    gx, gy = np.meshgrid(xs, ys, indexing="ij")
    pts = np.stack([gx.ravel(), gy.ravel()], 1)
    keep = point_in_polygon(poly, pts) & ~_in_any_carriageway(streets, pts, slack=-1.0)
    keep &= bld.clear.clear(pts, BODY_RADIUS + MARGIN)
    pavement = np.asarray(bld.nodes)
    below = np.array([abs(bld.z.get(n, 0.0)) > 0.05 for n in range(len(pavement))], bool)
    grid_index = {}
    for (i, j), ok in zip(np.ndindex(gx.shape), keep, strict=True):
        if ok:
            grid_index[(i, j)] = bld.node(pts[i * gx.shape[1] + j])
    for (i, j), n in grid_index.items():
        for di, dj in ((1, 0), (0, 1), (1, 1), (1, -1)):
            m = grid_index.get((i + di, j + dj))
            if m is not None:
                bld.add_edge(n, m, -1, 1.0)
    if not grid_index or not len(pavement):
        return
    grid = np.asarray(list(grid_index.values()))
    dist = np.linalg.norm(pavement[None] - np.asarray(bld.nodes)[grid][:, None], axis=2)  # (plaza, pavement)
    dist[:, below] = np.inf  # a plaza at street level joins only nodes at street level
    near = np.argsort(dist, axis=1)[:, :2]
    joined = False
    for n, ms, row in zip(grid, near, dist, strict=True):
        for m in ms:
            if row[m] < PLAZA_REACH:
                bld.add_edge(int(n), int(m), -1, 0.5)
                joined |= int(m) not in bld.z  # a pavement's node, not a sunken walkway's top
    if not joined:  # a plaza set back from every pavement (Cheonggye Plaza): entrances from its nearest nodes
        dist[:, list(bld.z)] = np.inf
        for k in np.argsort(dist.min(axis=1))[:ENTRANCES]:
            m = int(np.argmin(dist[k]))
            if dist[k, m] < ENTRANCE_REACH:
                bld.add_edge(int(grid[k]), m, -1, 0.5)


def _finish(bld: _Builder, streets: list[Street], junctions: list) -> Walkways:
    nodes = np.asarray(bld.nodes)
    edges = list(bld.edges)
    # prune crossings that end in the road (a dead end) until none is left
    while True:
        degree = np.zeros(len(nodes), int)
        for a, b, *_ in edges:
            degree[a] += 1
            degree[b] += 1
        keep = [e for e in edges if e[4] < 0 or (degree[e[0]] > 1 and degree[e[1]] > 1)]
        if len(keep) == len(edges):
            break
        edges = keep
    # drop small islands
    parent = list(range(len(nodes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b, *_ in edges:
        parent[root(a)] = root(b)
    sizes: dict[int, int] = {}
    for a, b, *_ in edges:
        for n in (a, b):
            sizes[root(n)] = sizes.get(root(n), 0)
    used = {n for a, b, *_ in edges for n in (a, b)}
    for n in used:
        sizes[root(n)] += 1
    edges = [e for e in edges if sizes[root(e[0])] >= MIN_COMPONENT]
    a = np.array([e[0] for e in edges], int)
    b = np.array([e[1] for e in edges], int)
    d = nodes[b] - nodes[a]
    length = np.linalg.norm(d, axis=1)
    direction = d / length[:, None]
    normal = np.stack([-direction[:, 1], direction[:, 0]], 1)
    crossed = [streets[e[4]].id if e[4] >= 0 else None for e in edges]
    junction = np.full(len(edges), -1)
    jxy = np.array([(j.x, j.y) for j in junctions]) if junctions else np.zeros((0, 2))
    for k, name in enumerate(crossed):
        if name is None or not len(jxy):
            continue
        mid = (nodes[a[k]] + nodes[b[k]]) / 2
        dist = np.linalg.norm(jxy - mid, axis=1)
        for jn in np.argsort(dist):
            if name in junctions[jn].groups and dist[jn] < 80.0:
                junction[k] = junctions[jn].id
                break
    adjacency: list[list[int]] = [[] for _ in range(len(nodes))]
    for k in range(len(edges)):
        adjacency[a[k]].append(k)
        adjacency[b[k]].append(k)
    door = ~bld.clear.clear(nodes, DOOR_REACH)
    for n, edges_here in enumerate(adjacency):
        door[n] &= bool(edges_here) and all(crossed[e] is None for e in edges_here)
    return Walkways(nodes, a, b, length, direction, normal, np.array([e[2] for e in edges]),
                    np.array([e[3] for e in edges]), crossed, junction, adjacency, door, np.zeros(len(nodes), bool),
                    np.zeros(len(nodes)))
