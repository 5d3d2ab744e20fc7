"""Korean tiled roofs: hipped (우진각), hip-and-gable (팔작) and the lower skirt roof of two-storey gates.

A roof is described in a base form, then bent. The base form is four faces over the eave rectangle
(half-extents ``hx`` × ``hy``) whose height grows with the distance ``t·hy`` in from the nearest eave along a
concave section, 22° at the eave rising to 45° at the ridge like the staged rafters 들연·중연·동연 (S25).
Hips run at 45° in plan. Then one smooth displacement field lifts the corners (앙곡) and pulls them outward
(안허리곡), growing with the cube of the distance along each eave, so every part built on the roof — tile rows,
soffit, fascia, ridges — bends the same way and the faces stay joined.

Tiles are geometry: each row of pan tiles with its convex cover-tile (수키와) is one strip running straight
down the slope from the ridge or hip to the eave, its cross-section a corrugation (S29 sizes, coarser pitch for
the triangle budget). Ridges and hips are white lime (양성, S20) with a dark tile cap, 취두 at the ridge ends and
an odd row of 잡상 figures on each hip (S19).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.architecture import palette
from game.architecture.building import Parts
from game.architecture.mesh import Mesh, box, merge
from game.architecture.primitives import grid, grids, sweep

CONCAVITY = 0.57  # slope at the eave as a fraction of the mean slope: tan 22° / tan 45° ≈ 0.4 ⇒ a ≈ 0.57
TILE_PROFILE = ((-0.5, 0.0), (-0.26, 0.3), (-0.15, 0.7), (0.0, 1.0), (0.15, 0.7), (0.26, 0.3), (0.5, 0.0))
RAFTER_PROFILE = ((-0.5, 0.0), (-0.28, 0.0), (-0.2, -0.7), (0.0, -1.0), (0.2, -0.7), (0.28, 0.0), (0.5, 0.0))
SOFFIT_DROP = 0.32  # roof thickness at the eave (tiles, clay bed, rafters)
TEXTURE_ROW = 0.3  # metres of tile texture per cover-tile column


def section(t: np.ndarray | float) -> np.ndarray | float:
    """The concave roof section: height over the eave as a fraction of the rise, ``t`` from eave (0) to ridge (1)."""
    return CONCAVITY * t + (1 - CONCAVITY) * t * t


def crown(ridge_height: float) -> float:
    """Height of the 취두 finial tops, the roof's highest point, above the ridge line (t = 1)."""
    return 0.35 + 1.4 * ridge_height


@dataclass(frozen=True)
class Roof:
    """One roof. Lengths in metres, heights building-local; ``t`` runs 0 at the eave to 1 at the ridge line."""

    hx: float  # eave half-length along the front
    hy: float  # eave half-depth
    eave_z: float  # tile surface at the eave line
    rise: float  # tile surface rise from the eave to the ridge line (t = 1)
    wall_x: float  # half-extents of the line where the roof rests on the brackets (the soffit ends there)
    wall_y: float
    kind: str = "hipped"  # "hipped", "hip-and-gable" or "skirt"
    top_t: float = 1.0  # skirt roofs stop here, against the upper storey
    gable_x: float = 0.0  # hip-and-gable: half-length of the ridge, where the gables stand
    lift: float = 0.6  # 앙곡: how much the corners rise
    sweep: float = 0.4  # 안허리곡: how far the corners reach out in plan
    ridge_height: float = 0.9
    pitch: float = 0.45  # tile row spacing
    figures: int = 7  # 잡상 on each hip

    def __post_init__(self) -> None:
        if self.kind not in ("hipped", "hip-and-gable", "skirt"):
            raise ValueError(f"unknown roof kind {self.kind!r}")
        if self.hx < self.hy:
            raise ValueError("a roof is laid out with its long side along the front (hx >= hy)")

    @property
    def ridge_half(self) -> float:
        """Half-length of the main ridge (0 for a skirt)."""
        if self.kind == "skirt":
            return 0.0
        return self.gable_x if self.kind == "hip-and-gable" else self.hx - self.hy

    @property
    def gable_t(self) -> float:
        """Where the hips end: under the gables for 팔작, at the ridge for 우진각, at the top of a skirt."""
        if self.kind == "hip-and-gable":
            return (self.hx - self.gable_x) / self.hy
        return self.top_t

    @property
    def top_z(self) -> float:
        """Highest point: the ridge cap (or the skirt's upper edge)."""
        if self.kind == "skirt":
            return self.z(self.top_t)
        return self.eave_z + self.rise + crown(self.ridge_height)

    def z(self, t: np.ndarray | float) -> np.ndarray | float:
        return self.eave_z + self.rise * section(t)

    def slope(self, t: np.ndarray | float) -> np.ndarray | float:
        """dz/dt of the section."""
        return self.rise * (CONCAVITY + 2 * (1 - CONCAVITY) * t)

    def deform(self, p: np.ndarray) -> np.ndarray:
        """Apply the corner lift and outward sweep to points (..., 3) of the base form."""
        out = np.array(p, np.float64)
        sx = np.clip(np.abs(out[..., 0]) / self.hx, 0.0, 1.0)
        sy = np.clip(np.abs(out[..., 1]) / self.hy, 0.0, 1.0)
        w = (sx * sy) ** 3
        out[..., 0] += np.sign(out[..., 0]) * self.sweep * w
        out[..., 1] += np.sign(out[..., 1]) * self.sweep * w
        out[..., 2] += self.lift * w
        return out

    # --- base form -------------------------------------------------------------------------------------------
    def face_point(self, face: str, c: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Base-form point on ``face`` ('front', 'back', 'left', 'right') at eave coordinate ``c`` and ``t``."""
        c, t = np.broadcast_arrays(np.asarray(c, np.float64), np.asarray(t, np.float64))
        z = self.z(t)
        if face in ("front", "back"):
            sy = -1.0 if face == "front" else 1.0
            return np.stack([c, sy * self.hy * (1 - t), z], axis=-1)
        sx = -1.0 if face == "left" else 1.0
        return np.stack([sx * (self.hx - t * self.hy), c, z], axis=-1)

    def face_normal(self, face: str, t: np.ndarray) -> np.ndarray:
        """Unit normal of the base form (before bending), used to raise the tile corrugation."""
        t = np.asarray(t, np.float64)
        k = self.slope(t)
        one = np.ones_like(t)
        zero = np.zeros_like(t)
        if face in ("front", "back"):
            sy = -1.0 if face == "front" else 1.0
            n = np.stack([zero, sy * k, self.hy * one], axis=-1)
        else:
            sx = -1.0 if face == "left" else 1.0
            n = np.stack([sx * k, zero, self.hy * one], axis=-1)
        return n / np.linalg.norm(n, axis=-1, keepdims=True)

    def face_half(self, face: str) -> float:
        return self.hx if face in ("front", "back") else self.hy

    def t_end(self, face: str, c: np.ndarray) -> np.ndarray:
        """How far up the slope the face reaches at eave coordinate ``c`` (hip, gable, ridge or skirt top)."""
        a = np.abs(np.asarray(c, np.float64))
        if face in ("front", "back"):
            hip = (self.hx - a) / self.hy
            if self.kind == "hip-and-gable":
                hip = np.where(a <= self.gable_x + 1e-9, 1.0, hip)
            end = np.minimum(hip, self.top_t)
        else:
            end = np.minimum(1.0 - a / self.hy, self.gable_t)
        return np.clip(end, 0.02, 1.0)

    def outward(self, face: str) -> tuple[float, float, float]:
        return {"front": (0, -1, 1), "back": (0, 1, 1), "left": (-1, 0, 1), "right": (1, 0, 1)}[face]


FACES = ("front", "back", "left", "right")


def _row_centres(roof: Roof, face: str) -> np.ndarray:
    """Tile row centres along a face's eave; front rows put a joint exactly at the gable or ridge end."""
    half = roof.face_half(face)
    p = roof.pitch
    if face in ("front", "back") and roof.ridge_half > 0:
        inner = roof.ridge_half
        n_in = max(1, round(2 * inner / p))
        step = 2 * inner / n_in
        centres = list(-inner + step * (np.arange(n_in) + 0.5))
        x = inner + step / 2
        while x - step / 2 < half:
            centres += [x, -x]
            x += step
        return np.sort(np.asarray(centres))
    n = max(1, math.ceil(2 * half / p))
    step = 2 * half / n
    return -half + step * (np.arange(n) + 0.5)


def _rows(roof: Roof, face: str, profile: np.ndarray, pitch_scale: float, amplitude: float, drop: float,
          t_limit: float, seg: float) -> tuple[np.ndarray, np.ndarray]:
    """Bent point grids (rows, k, n_t, 3) of corrugated strips running up ``face`` from the eave, and the
    row centres. ``profile`` is (offset across in row pitches, height in ``amplitude``) pairs; strips stop at
    the hip, gable, ridge or ``t_limit``, whichever comes first, and hang ``drop`` below the tile surface."""
    centres = _row_centres(roof, face)
    step = float(np.min(np.diff(centres))) if len(centres) > 1 else roof.pitch
    half = roof.face_half(face)
    cols = np.clip(centres[:, None] + profile[None, :, 0] * step * pitch_scale, -half, half)
    # a strip's edge on a joint (at a 팔작 gable's foot) takes its own row's reach, not its neighbour's: judged a hair
    # inside the row, so a rounding error cannot fold the strip's last column
    inside = centres[:, None] + (cols - centres[:, None]) * (1.0 - 1e-6)
    tend = np.minimum(roof.t_end(face, inside), t_limit)
    n_t = max(3, math.ceil(float(tend.max()) * roof.hy / seg) + 1)
    t = tend[:, :, None] * np.linspace(0.0, 1.0, n_t)[None, None, :]
    base = roof.face_point(face, cols[:, :, None], t)
    base[..., 2] -= drop
    raise_ = amplitude * profile[None, :, 1, None, None] * roof.face_normal(face, t)
    return roof.deform(base + raise_), centres


def tiles(roof: Roof, rng: np.random.Generator) -> Mesh:
    """Corrugated pan-and-cover tile rows on every face, each row a shade apart (±8 %, reference §4)."""
    prof = np.asarray(TILE_PROFILE)
    shade = np.where(prof[:, 1] > 0.5, 1.0, 0.78)  # channels between cover rows hold dirt
    faces = []
    for face in FACES:
        pts, centres = _rows(roof, face, prof, 1.0, 0.13 * roof.pitch / 0.45, 0.0, 1.0, 0.9)
        rows, k, n_t = pts.shape[:3]
        tone = 1.0 + rng.uniform(-0.08, 0.08, rows)
        colors = np.empty((rows, k, n_t, 4), np.float32)
        colors[...] = palette.TILE
        colors[..., :3] *= (tone[:, None] * shade[None, :])[:, :, None, None]
        mesh = grids(pts, np.clip(colors, 0.0, 1.0), outward=roof.outward(face))
        # one strip spans one cover-tile column of the baked tile texture (4 columns per 1.2 m), crest centred
        mesh.uvs[:, 0] = np.tile(np.repeat((prof[:, 0] + 0.5) * TEXTURE_ROW, n_t), rows)
        faces.append(mesh)
    return merge(faces)


def _shell_columns(roof: Roof, face: str) -> np.ndarray:
    """Eave coordinates for a coarse face grid: evenly spaced, plus every kink of the face's upper edge (where
    the hip meets the ridge or the gable), so the coarse face keeps the outline exactly."""
    half = roof.face_half(face)
    kinks = [roof.ridge_half, roof.gable_x] if face in ("front", "back") else [roof.hy * (1 - roof.gable_t)]
    cols = np.linspace(-half, half, 13)
    kinks = [k for k in kinks if 0.0 < k < half]
    return np.unique(np.concatenate([cols, kinks, [-k for k in kinks]]))


def tile_shell(roof: Roof) -> Mesh:
    """The tiled faces from afar: each face one smooth grid at the corrugation's mean height, in the tiles'
    mean shade, a few hundred triangles for the thousands of the rows (the same outline and bend)."""
    prof = np.asarray(TILE_PROFILE)
    mean_height = float(np.trapezoid(prof[:, 1], prof[:, 0]))
    mean_shade = float(np.trapezoid(np.where(prof[:, 1] > 0.5, 1.0, 0.78), prof[:, 0]))
    colour = np.asarray(palette.TILE, np.float32)
    colour[:3] *= mean_shade
    faces = []
    for face in FACES:
        cols = _shell_columns(roof, face)
        t = roof.t_end(face, cols)[:, None] * np.linspace(0.0, 1.0, 6)[None, :]
        base = roof.face_point(face, cols[:, None], t)
        raised = base + 0.13 * roof.pitch / 0.45 * mean_height * roof.face_normal(face, t)
        faces.append(grids(roof.deform(raised)[None], tuple(colour), outward=roof.outward(face)))
    return merge(faces)


def soffit(roof: Roof, shell: bool = False) -> Mesh:
    """The underside of the overhang from the eave in to the bracket line: round rafters (연목) painted 뇌록
    with the boards between them white (연골, S21). As a ``shell`` (from afar) each row is one flat strip in
    the rafters' and boards' mean colour."""
    prof = np.asarray(RAFTER_PROFILE)
    colors = np.where((prof[:, 1] < 0)[:, None], np.asarray(palette.NOEROK, np.float32),
                      np.asarray(palette.BAEK, np.float32))
    if shell:
        weights = np.gradient(prof[:, 0])[:, None]
        colors = np.repeat((colors * weights).sum(axis=0, keepdims=True) / weights.sum(), 2, axis=0)
        prof = np.asarray(((-0.5, 0.0), (0.5, 0.0)))
    meshes = []
    for face in FACES:
        t_wall = 1.0 - roof.wall_y / roof.hy
        pts, centres = _rows(roof, face, prof, 0.9, 0.13, SOFFIT_DROP, t_wall, 2.0)
        wall_c = roof.wall_x if face in ("front", "back") else roof.wall_y
        corner = np.abs(centres) > wall_c
        if corner.any():
            step = float(np.min(np.diff(centres))) if len(centres) > 1 else roof.pitch
            cols = centres[corner, None] + prof[None, :, 0] * step * 0.9
            pts[corner] = _fan(roof, face, cols, 0.13 * prof[:, 1], pts.shape[2])
        cols = np.broadcast_to(colors[None, :, None, :], pts.shape[:3] + (4,))
        meshes.append(grids(pts, cols, outward=(0, 0, -1)))
    return merge(meshes)


def _fan(roof: Roof, face: str, cols: np.ndarray, depth: np.ndarray, n: int) -> np.ndarray:
    """Bent points (R, k, n, 3) of corner rafters (선자연): from their eave ends they radiate towards the corner
    of the wall line, instead of running parallel into the hip. ``depth`` is the rafter's section offset."""
    sign = np.sign(cols)
    eave = roof.face_point(face, cols, np.zeros_like(cols))[..., :2]
    if face in ("front", "back"):
        sy = -1.0 if face == "front" else 1.0
        apex = np.stack([sign * roof.wall_x, np.full_like(cols, sy * roof.wall_y)], axis=-1)
    else:
        sx = -1.0 if face == "left" else 1.0
        apex = np.stack([np.full_like(cols, sx * roof.wall_x), sign * roof.wall_y], axis=-1)
    s = np.linspace(0.0, 0.85, n)[None, None, :, None]  # stop short of the corner, where they would meet
    plan = eave[..., None, :] + (apex - eave)[..., None, :] * s
    t = np.minimum(roof.hx - np.abs(plan[..., 0]), roof.hy - np.abs(plan[..., 1])) / roof.hy
    z = roof.z(t) - SOFFIT_DROP + depth[None, :, None]
    return roof.deform(np.concatenate([plan, z[..., None]], axis=-1))


def _eave_ring(roof: Roof, out: float, z0: float, z1: float) -> np.ndarray:
    """Bent (n, 2, 3) band round the eave outline pushed ``out`` metres outwards, from ``z0`` up to ``z1``."""
    hx, hy = roof.hx + out, roof.hy + out
    corners = [(hx, -hy), (hx, hy), (-hx, hy), (-hx, -hy), (hx, -hy)]
    ring = []
    for (x0, y0), (x1, y1) in zip(corners[:-1], corners[1:], strict=True):
        n = max(2, math.ceil(math.hypot(x1 - x0, y1 - y0) / 0.8))
        s = np.linspace(0.0, 1.0, n, endpoint=False)
        ring.append(np.stack([x0 + (x1 - x0) * s, y0 + (y1 - y0) * s], 1))
    ring.append(np.array([corners[-1]]))
    xy = np.vstack(ring)
    lo = np.column_stack([xy, np.full(len(xy), z0)])
    hi = np.column_stack([xy, np.full(len(xy), z1)])
    return roof.deform(np.stack([lo, hi], axis=1))


def fascia(roof: Roof) -> tuple[Mesh, Mesh]:
    """(wood, tile) bands all round the eave: the rafter ends and fascia board under the tiles, and the row of
    end tiles (막새) that closes the corrugation's open ends."""
    crest = 0.13 * roof.pitch / 0.45
    board = _eave_ring(roof, 0.0, roof.eave_z - SOFFIT_DROP, roof.eave_z - 0.02)
    ends = _eave_ring(roof, 0.06, roof.eave_z - 0.04, roof.eave_z + crest)
    # a counter-clockwise ring × up faces outward
    return grid(board, palette.HAYEOP), grid(ends, palette.TILE)


def _ridge_profile(width: float, height: float, sink: float) -> list[tuple[float, float]]:
    return [(width / 2, -sink), (width / 2, height), (-width / 2, height), (-width / 2, -sink)]


def _cap_profile(width: float, height: float) -> list[tuple[float, float]]:
    return [(width / 2 + 0.05, height), (width / 4, height + 0.18), (-width / 4, height + 0.18),
            (-width / 2 - 0.05, height)]


def _hip_paths(roof: Roof) -> list[np.ndarray]:
    """Hip lines from each eave corner up to the ridge end / gable foot / skirt top, on the tile surface."""
    t = np.linspace(0.0, roof.gable_t, 10)
    paths = []
    for sx in (-1, 1):
        for sy in (-1, 1):
            base = np.stack([sx * (roof.hx - t * roof.hy), sy * roof.hy * (1 - t), roof.z(t) + 0.1], 1)
            paths.append(roof.deform(base))
    return paths


def ridges(roof: Roof) -> tuple[Mesh, Mesh]:
    """(lime, tile) meshes: main ridge with 취두, hips with 용두 and 잡상, and 팔작 gable-edge ridges."""
    lime, tile = [], []
    dark = palette.TILE_DARK
    hip_w, hip_h = 0.42, 0.32 + 0.1 * roof.ridge_height
    count, spacing = figure_layout(roof)
    for path in _hip_paths(roof):
        lime.append(sweep(path, _ridge_profile(hip_w, hip_h, 0.15), palette.LIME, caps=True))
        tile.append(sweep(path, _cap_profile(hip_w, hip_h), dark, caps=True))
        tile.append(_figures(path, hip_h + 0.18, count, spacing))
    if roof.kind == "hip-and-gable":
        t = np.linspace(roof.gable_t, 1.0, 8)
        for sx in (-1, 1):
            for sy in (-1, 1):
                base = np.stack([np.full_like(t, sx * roof.gable_x), sy * roof.hy * (1 - t), roof.z(t) + 0.1], 1)
                path = roof.deform(base)
                lime.append(sweep(path, _ridge_profile(hip_w, hip_h, 0.2), palette.LIME))
                tile.append(sweep(path, _cap_profile(hip_w, hip_h), dark))
    if roof.kind == "skirt":  # a lime flashing where the skirt meets the upper storey
        hx, hy = roof.hx - roof.top_t * roof.hy, roof.hy * (1 - roof.top_t)
        corners = np.array([(hx, -hy), (hx, hy), (-hx, hy), (-hx, -hy), (hx, -hy)])
        for a, b in zip(corners[:-1], corners[1:], strict=True):
            s = np.linspace(0.0, 1.0, 9)[:, None]
            xy = a + (b - a) * s
            path = roof.deform(np.column_stack([xy, np.full(len(xy), float(roof.z(roof.top_t)))]))
            lime.append(sweep(path, _ridge_profile(0.5, 0.3, 0.2), palette.LIME))
    else:
        r = roof.ridge_half
        x = np.linspace(-r, r, 13)
        z = roof.eave_z + roof.rise + 0.1 - 0.12 * (1 - (x / max(r, 1e-6)) ** 2)  # the ridge sags a little
        path = np.stack([x, np.zeros_like(x), z], 1)
        w = 0.55 + 0.25 * roof.ridge_height
        lime.append(sweep(path, _ridge_profile(w, roof.ridge_height, 0.35), palette.LIME))
        tile.append(sweep(path, _cap_profile(w, roof.ridge_height), dark))
        for sx in (-1, 1):  # 취두: the eagle-head finials that close the ridge
            h = roof.ridge_height * 1.4
            tile.append(box((w * 0.9, w * 1.1, h), (sx * (r - 0.15), 0, z[0]), dark))
            tile.append(box((w * 0.6, w * 0.8, 0.25), (sx * (r - 0.35), 0, z[0] + h), dark))
    return merge(lime), merge(tile)


def _path_length(path: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(path, axis=0), axis=1))])


def figure_layout(roof: Roof) -> tuple[int, float]:
    """(count, spacing) of the 잡상 on each hip: the odd count asked for, closing up to 0.25 m apart on a short
    hip before dropping two, so the row stays within the lower three-quarters of the hip."""
    room = 0.75 * float(_path_length(_hip_paths(roof)[0])[-1]) - 0.8
    count = roof.figures
    while count > 1 and room / count < 0.25:
        count -= 2
    return count, min(0.42, room / max(count, 1))


def _figures(path: np.ndarray, height: float, count: int, spacing: float) -> Mesh:
    """An odd row of 잡상 seated on a hip ridge from the eave end upwards, then the 용두."""
    s = _path_length(path)

    def at(d: float) -> np.ndarray:
        return np.array([np.interp(d, s, path[:, i]) for i in range(3)])

    figs = []
    for k in range(count):
        p = at(0.8 + spacing * k)
        figs.append(box((0.2, 0.2, 0.22), (p[0], p[1], p[2] + height), palette.TILE))
        figs.append(box((0.13, 0.13, 0.13), (p[0], p[1], p[2] + height + 0.22), palette.TILE))
    p = at(0.8 + spacing * count + 0.3)
    figs.append(box((0.4, 0.4, 0.6), (p[0], p[1], p[2] + height - 0.1), palette.TILE))
    return merge(figs)


def gables(roof: Roof) -> tuple[Mesh, Mesh]:
    """(wood, wood-trim) meshes of the 팔작 gable triangles (합각) and their bargeboards."""
    if roof.kind != "hip-and-gable":
        return Mesh.empty(), Mesh.empty()
    walls, boards = [], []
    yg = roof.hy * (1 - roof.gable_t)
    y = np.linspace(-yg, yg, 9)
    top = roof.z(1 - np.abs(y) / roof.hy) - 0.05
    bottom = np.full_like(y, roof.z(roof.gable_t))
    for sx in (-1, 1):
        x = sx * (roof.gable_x - 0.06)
        pts = np.stack([np.stack([np.full_like(y, x), y, bottom], 1), np.stack([np.full_like(y, x), y, top], 1)], 1)
        walls.append(grid(pts, palette.SEOKGANJU, outward=(sx, 0, 0)))
        lo = np.stack([np.full_like(y, sx * roof.gable_x), y, top - 0.35], 1)
        hi = np.stack([np.full_like(y, sx * roof.gable_x), y, top + 0.08], 1)
        boards.append(grid(np.stack([lo, hi], 1), palette.NOEROK, outward=(sx, 0, 0)))
    return merge(walls), merge(boards)


def build_roof(parts: Parts, roof: Roof, rng: np.random.Generator) -> None:
    parts.add_detail("tile", [tiles(roof, rng)], [tile_shell(roof)])
    board, ends = fascia(roof)
    parts.add_detail("wood", [soffit(roof)], [soffit(roof, shell=True)])
    parts.add("wood", board)
    parts.add("tile", ends)
    lime, tile = ridges(roof)
    parts.add("lime", lime)
    parts.add("tile", tile)
    wall, board = gables(roof)
    parts.add("wood", wall, board)
