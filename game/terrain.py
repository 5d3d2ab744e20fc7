"""The mountains around the district, at their true positions, as a forested height field. Pure.

Seoul's centre is a basin: Bugaksan and Inwangsan close it to the north and west, Namsan (with N Seoul Tower) to
the south, Bukhansan stands behind. ``assets/terrain/peaks.json`` lists each summit (WGS84, height, honesty tag);
here each becomes a smooth bump and the bumps are joined by a soft maximum, so every summit keeps its height
and the flanks meet in saddles instead of piling up. The district itself stays flat (z = 0 belongs to the
streets and blocks): the terrain rises only outside the ``flat`` rectangle. The grid is dense near the district
and coarse towards the horizon (about 45 k triangles in all), cut into tiles so a view draws only its share.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game import geo
from game.architecture.mesh import Mesh, merge, srgb_to_linear

DATA = Path(__file__).resolve().parents[1] / "assets" / "terrain" / "peaks.json"
#: Where the grid ends, in metres from the origin on each axis: Gwanaksan (~14 km south) must fit.
REACH = 16_000.0
NEAR, NEAR_STEP, GROWTH, MAX_STEP = 3_500.0, 100.0, 1.09, 1_500.0
#: The terrain lies this far under the district's ground where it is flat, so the two never fight for depth.
FLAT_Z = -1.0
#: Tiles per side: the renderer draws only those in view (a sixth to a third of the terrain from the district).
TILES = 6
#: A tile's far version keeps every FAR_STRIDE-th grid line (a quarter of the triangles); each version hangs a skirt
#: this deep from its edges, so where a coarse tile meets a fine one no crack shows the sky through the ground.
FAR_STRIDE, SKIRT = 2, 80.0
#: Metres from the camera to a tile's box beyond which it shows its far version (the district's LOD switch).
TILE_FAR = 3_000.0
SOFT_MAX_POWER = 3.0
FOREST, ROCK, LOWLAND, HAZE = (srgb_to_linear(c) for c in ("#3b5530", "#8d877b", "#8a887c", "#a9b6c4"))


@dataclass(frozen=True)
class Peak:
    id: str
    east: float
    north: float
    height: float  # above the world's z = 0
    radius: float
    tag: str


@dataclass(frozen=True)
class Backdrop:
    peaks: tuple[Peak, ...]
    flat_east: tuple[float, float]
    flat_north: tuple[float, float]
    fade: tuple[float, float]
    rim: tuple[float, float, float]  # inner radius, outer radius, height
    tower_on: str
    tower_height: float


def load(path: Path = DATA) -> Backdrop:
    """The peaks projected to world metres, heights above the square's ground."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    datum = doc["datum_m"]["value"]
    peaks = []
    for p in doc["peaks"]:
        e, n = geo.to_local(p["lat"], p["lon"])
        peaks.append(Peak(p["id"], e, n, p["height_m"] - datum, p["radius_m"], p["tag"]))
    flat, rim, tower = doc["flat"], doc["rim"], doc["tower"]
    return Backdrop(tuple(peaks), tuple(flat["east_m"]), tuple(flat["north_m"]), tuple(flat["fade_m"]),
                    (rim["inner_m"], rim["outer_m"], rim["height_m"]), tower["on"], tower["height_m"])


def axis(lo: float, hi: float) -> np.ndarray:
    """Grid lines from -REACH to REACH: NEAR_STEP apart up to NEAR metres beyond [lo, hi], then ever wider."""
    lines = [0.0]
    for sign in (1.0, -1.0):
        x, edge = 0.0, (hi if sign > 0 else -lo) + NEAR
        step = NEAR_STEP
        while x < REACH:
            x = min(x + step, REACH)
            lines.append(sign * x)
            if x > edge:
                step = min(step * GROWTH, MAX_STEP)
    return np.unique(np.asarray(lines))


def _smoothstep(e0: float, e1: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def _waves(x: np.ndarray, y: np.ndarray, scale: float, seed: int) -> np.ndarray:
    """Smooth deterministic undulation in [-1, 1]: a few plane waves at unrelated angles and wavelengths."""
    out = np.zeros_like(x)
    total = 0.0
    for k in range(5):
        angle = seed * 1.3 + k * 2.399963  # golden angle: directions never line up
        wavelength = scale / (1.0 + 0.618 * k)
        amp = 1.0 / (1.0 + k)
        out += amp * np.sin((x * np.cos(angle) + y * np.sin(angle)) * 2 * np.pi / wavelength + seed + k)
        total += amp
    return out / total


def heights(b: Backdrop, east: np.ndarray, north: np.ndarray) -> np.ndarray:
    """Terrain height (world z) at the given points: bumps joined by a soft maximum, the rim beyond, flat inside."""
    bumps = []
    nearest = np.full(east.shape, np.inf)
    for p in b.peaks:
        r = np.hypot(east - p.east, north - p.north)
        c = 0.6 * p.radius  # a rounded top; below it the flanks fall off exponentially (concave, like real hills)
        bumps.append(p.height * np.exp(-(np.sqrt(r * r + c * c) - c) / p.radius))
        nearest = np.minimum(nearest, r)
    inner, outer, rim_h = b.rim
    rim = rim_h * _smoothstep(inner, outer, np.hypot(east, north)) * (0.55 + 0.45 * _waves(east, north, 5_000.0, 7))
    bumps.append(rim)
    h = np.sum(np.power(bumps, SOFT_MAX_POWER), axis=0) ** (1.0 / SOFT_MAX_POWER)
    # gullies and spurs on the flanks, none at a summit so the sourced heights stay exact
    h *= 1.0 + 0.12 * _waves(east, north, 700.0, 3) * (1.0 - np.exp(-(nearest / 200.0) ** 2))
    de = np.maximum(np.maximum(b.flat_east[0] - east, east - b.flat_east[1]), 0.0)
    dn = np.maximum(np.maximum(b.flat_north[0] - north, north - b.flat_north[1]), 0.0)
    rise = _smoothstep(*b.fade, np.hypot(de, dn))
    return rise * h + (1.0 - rise) * FLAT_Z


def _colours(z: np.ndarray, slope: np.ndarray, distance: np.ndarray) -> np.ndarray:
    """Lowland haze-grey (the city beyond), forest on the slopes, bare granite on steep or high ground, and a
    baked aerial perspective: far ground fades towards the horizon's colour."""
    forest = _smoothstep(4.0, 40.0, z)[:, None]
    rock = np.maximum(_smoothstep(0.9, 1.4, slope), _smoothstep(520.0, 760.0, z))[:, None]
    rgb = (1 - forest) * np.asarray(LOWLAND) + forest * np.asarray(FOREST)
    rgb = (1 - rock) * rgb + rock * np.asarray(ROCK)
    haze = 0.65 * _smoothstep(2_500.0, 15_000.0, distance)[:, None]
    rgb = (1 - haze) * rgb + haze * np.asarray(HAZE)
    return np.concatenate([rgb, np.ones((len(z), 1))], axis=1).astype(np.float32)


Rect = tuple[float, float, float, float]  # east min, east max, north min, north max


def _grid(b: Backdrop, hidden: Rect | None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Positions, normals and colours on the grid, each (rows north, columns east, channels), and which vertices
    lie flat inside ``hidden`` (under the district's own ground)."""
    xs, ys = axis(*b.flat_east), axis(*b.flat_north)
    gx, gy = np.meshgrid(xs, ys)
    z = heights(b, gx, gy)
    dz_dy, dz_dx = np.gradient(z, ys, xs)
    normals = np.stack([-dz_dx, -dz_dy, np.ones_like(z)], -1)
    normals /= np.linalg.norm(normals, axis=-1, keepdims=True)
    colours = _colours(z.ravel(), np.hypot(dz_dx, dz_dy).ravel(), np.hypot(gx, gy).ravel())
    under = z == FLAT_Z
    if hidden is not None:
        under &= (gx >= hidden[0]) & (gx <= hidden[1]) & (gy >= hidden[2]) & (gy <= hidden[3])
    else:
        under[:] = False
    return np.stack([gx, gy, z], -1), normals, colours.reshape(*z.shape, 4), under


def _sheet(pos: np.ndarray, normals: np.ndarray, colours: np.ndarray, under: np.ndarray) -> Mesh:
    """A grid of vertices as triangles wound counter-clockwise seen from above, UVs in tens of metres; cells with
    all four corners ``under`` are left out (never seen, yet shaded before the ground hides them)."""
    ny, nx = pos.shape[:2]
    seen = ~(under[:-1, :-1] & under[:-1, 1:] & under[1:, :-1] & under[1:, 1:])
    a = (np.arange(ny - 1)[:, None] * nx + np.arange(nx - 1)[None, :])[seen]
    b, c, d = a + 1, a + nx + 1, a + nx
    idx = np.concatenate([np.stack([a, b, c], 1), np.stack([a, c, d], 1)])
    flat = pos.reshape(-1, 3)
    return Mesh(flat.astype(np.float32), normals.reshape(-1, 3).astype(np.float32),
                (flat[:, :2] / 10.0).astype(np.float32), colours.reshape(-1, 4).astype(np.float32),
                idx.astype(np.uint32))


def terrain_mesh(b: Backdrop, hidden: Rect | None = None) -> Mesh:
    """The whole height field as one sheet."""
    return _sheet(*_grid(b, hidden))


def terrain_tiles(b: Backdrop, hidden: Rect | None = None, n: int = TILES) -> list[Mesh]:
    """The height field cut into n × n sheets along grid lines (shared edges, same normals: no seams), so the
    renderer culls the ones outside the view instead of drawing every triangle to the horizon each frame."""
    return [near for near, _ in terrain_tile_levels(b, hidden, n, skirts=False)]


def _thin(count: int, stride: int) -> np.ndarray:
    """Every ``stride``-th of ``count`` grid lines, the last one always (the tile's edge)."""
    keep = list(range(0, count, stride))
    if keep[-1] != count - 1:
        keep.append(count - 1)
    return np.asarray(keep)


def _skirt(pos: np.ndarray, normals: np.ndarray, colours: np.ndarray) -> Mesh:
    """A curtain :data:`SKIRT` metres deep under each edge of a tile's grid, facing out of the tile: a crack
    between two tiles is then covered, seen from either side, by the skirt of the tile beyond it."""
    ny, nx = pos.shape[:2]
    # (edge vertices in grid order, whether that order winds the curtain inwards and must be turned)
    edges = [(np.arange(nx), True), (np.arange(nx) + (ny - 1) * nx, False),  # south, north (along +east)
             (np.arange(ny) * nx, False), (np.arange(ny) * nx + nx - 1, True)]  # west, east (along +north)
    flat_p, flat_n, flat_c = pos.reshape(-1, 3), normals.reshape(-1, 3), colours.reshape(-1, 4)
    meshes = []
    for edge, turn in edges:
        top = flat_p[edge]
        bottom = top - np.asarray([0.0, 0.0, SKIRT])
        k = np.arange(len(edge) - 1)
        m = len(edge)
        both = np.concatenate([np.stack([k, k + 1, m + k + 1], 1), np.stack([k, m + k + 1, m + k], 1)])
        if turn:
            both = both[:, ::-1]
        verts = np.concatenate([top, bottom])
        meshes.append(Mesh(verts.astype(np.float32), np.concatenate([flat_n[edge]] * 2).astype(np.float32),
                           (verts[:, :2] / 10.0).astype(np.float32),
                           np.concatenate([flat_c[edge]] * 2).astype(np.float32), both.astype(np.uint32)))
    return merge(meshes)


def terrain_tile_levels(b: Backdrop, hidden: Rect | None = None, n: int = TILES,
                        skirts: bool = True) -> list[tuple[Mesh, Mesh]]:
    """Each tile with triangles, as (full, far): the far one on every :data:`FAR_STRIDE`-th grid line. With
    ``skirts`` both hang a :func:`_skirt`, which covers the crack where a tile meets a neighbour of the other level
    (fine edge vertices between coarse ones)."""
    grid = _grid(b, hidden)
    pos = grid[0]
    rows = np.linspace(0, pos.shape[0] - 1, n + 1).round().astype(int)
    cols = np.linspace(0, pos.shape[1] - 1, n + 1).round().astype(int)
    out = []
    for r0, r1 in zip(rows[:-1], rows[1:], strict=True):
        for c0, c1 in zip(cols[:-1], cols[1:], strict=True):
            fine = [g[r0:r1 + 1, c0:c1 + 1] for g in grid]
            near = _sheet(*fine)
            if not near.triangle_count:
                continue
            pick = np.ix_(_thin(r1 - r0 + 1, FAR_STRIDE), _thin(c1 - c0 + 1, FAR_STRIDE))
            coarse = [g[pick] for g in fine]
            far = _sheet(*coarse)
            if skirts:
                near, far = merge([near, _skirt(*fine[:3])]), merge([far, _skirt(*coarse[:3])])
            out.append((near, far))
    return out


def _frustum(r0: float, r1: float, z0: float, z1: float, colour: str, segments: int = 16) -> Mesh:
    """A closed tapered cylinder (a cone frustum) about the z axis, smooth-shaded sides and flat caps."""
    a = np.linspace(0, 2 * np.pi, segments, endpoint=False)
    ca, sa = np.cos(a), np.sin(a)
    slant = (r0 - r1) / (z1 - z0)
    side_n = np.stack([ca, sa, np.full(segments, slant)], 1)
    side_n /= np.linalg.norm(side_n, axis=1, keepdims=True)
    ring0 = np.stack([r0 * ca, r0 * sa, np.full(segments, z0)], 1)
    ring1 = np.stack([r1 * ca, r1 * sa, np.full(segments, z1)], 1)
    k = np.arange(segments)
    k1 = (k + 1) % segments
    sides = np.concatenate([np.stack([k, k1, segments + k1], 1), np.stack([k, segments + k1, segments + k], 1)])
    top = np.stack([np.full(segments - 2, 2 * segments), 2 * segments + k[1:-1], 2 * segments + k[2:]], 1)
    bottom = np.stack([np.full(segments - 2, 3 * segments), 3 * segments + k[2:], 3 * segments + k[1:-1]], 1)
    pos = np.concatenate([ring0, ring1, ring1, ring0])
    nrm = np.concatenate([side_n, side_n, np.tile((0, 0, 1), (segments, 1)), np.tile((0, 0, -1), (segments, 1))])
    col = np.tile((*srgb_to_linear(colour), 1.0), (len(pos), 1))
    return Mesh(pos.astype(np.float32), nrm.astype(np.float32), (pos[:, :2] + pos[:, 2:]).astype(np.float32),
                col.astype(np.float32), np.concatenate([sides, top, bottom]).astype(np.uint32))


def tower_mesh(b: Backdrop) -> Mesh:
    """N Seoul Tower on its summit: a tapering white shaft, the observation pod, a red-and-white mast.
    Only the total height is a published figure; the proportions are judged from photographs."""
    peak = next(p for p in b.peaks if p.id == b.tower_on)
    h = b.tower_height
    parts = [
        _frustum(9.0, 5.0, -5.0, 0.55 * h, "#e6e4de"),  # shaft, sunk a little into the rounded summit
        _frustum(10.0, 15.0, 0.55 * h, 0.60 * h, "#d8d6d0"),  # observation pod: flares out, then a drum
        _frustum(15.0, 15.0, 0.60 * h, 0.66 * h, "#5d6670"),
        _frustum(15.0, 6.0, 0.66 * h, 0.70 * h, "#d8d6d0"),
        _frustum(2.5, 1.8, 0.70 * h, 0.85 * h, "#f2f2f2"),  # the mast, banded like an aviation obstacle
        _frustum(1.8, 1.2, 0.85 * h, 0.93 * h, "#c8382e"),
        _frustum(1.2, 0.5, 0.93 * h, h, "#f2f2f2"),
    ]
    summit = float(heights(b, np.asarray([peak.east]), np.asarray([peak.north]))[0])
    mesh = merge(parts)
    mesh.positions[:] += np.asarray([peak.east, peak.north, summit], np.float32)
    return mesh


def backdrop_parts(hidden: Rect | None = None, b: Backdrop | None = None) -> dict[str, tuple[Mesh, Mesh | None]]:
    """The forested terrain's tiles (full and far, with skirts) and the tower (one level) by name; coloured per
    vertex, they need no material. ``hidden``: the district's ground, under which the flat terrain is left out."""
    b = b or load()
    parts: dict[str, tuple[Mesh, Mesh | None]] = {
        f"terrain-{k}": pair for k, pair in enumerate(terrain_tile_levels(b, hidden))}
    parts["tower"] = (tower_mesh(b), None)
    return parts
