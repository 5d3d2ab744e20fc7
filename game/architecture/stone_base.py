"""Granite gate base (육축) with semicircular arched passages (홍예): ashlar faces, voussoirs, vaults, doors.

The four faces are laid out in a face-local plane (X along the face, Y up, Z out of the wall) as coursed
ashlar blocks in level courses (S12), each block a shallow slab with its own tint so the coursing reads in
geometry and colour; blocks stop at a ring of wedge-shaped voussoirs (홍예석) standing on tall jamb stones
(선단석), the anatomy of S30. Faces are then rotated onto the base's sides.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from game.architecture import palette
from game.architecture.building import Parts
from game.architecture.mesh import Mesh, box, merge, rotate_z, translate
from game.architecture.primitives import grid, quad

JOINT = 0.012  # half a mortar joint, metres
STONE_RELIEF = 0.04  # how far a block stands proud of the mortar plane
RING_RELIEF = 0.07  # voussoirs stand further out so they read as the arch's frame

#: Rotation about +X by 90°: face-local X stays x, Y becomes up (+z), Z (out of the wall) becomes -y.
FACE_TO_FRONT = np.array([[1, 0, 0, 0], [0, 0, -1, 0], [0, 1, 0, 0], [0, 0, 0, 1]], np.float64)


@dataclass(frozen=True)
class Arch:
    """A passage through the base: centre x (building-local), clear width and apex height (metres)."""

    x: float
    width: float
    height: float

    @property
    def radius(self) -> float:
        return self.width / 2

    @property
    def spring(self) -> float:
        """Height where the semicircle starts (top of the jambs)."""
        return self.height - self.radius

    @property
    def ring(self) -> float:
        """Voussoir length: about a tenth of the span plus a fixed minimum, as on the Seoul gates' photographs."""
        return 0.35 + 0.08 * self.width

    def occupied_half_width(self, z: float) -> float:
        """Half-width of opening + voussoir ring + jamb stones at height ``z`` (0 above the ring)."""
        ro = self.radius + self.ring
        if z <= self.spring:
            return ro
        dz = z - self.spring
        return math.sqrt(ro * ro - dz * dz) if dz < ro else 0.0

    def angles(self) -> np.ndarray:
        """Voussoir joint angles from the right springing (0) to the left (π); an odd count leaves a keystone."""
        n = max(7, round(math.pi * (self.radius + self.ring / 2) / 0.75))
        n += 1 - n % 2
        return np.linspace(0.0, math.pi, n + 1)


def block_uvs(corners: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Front-face UVs (K, 4, 2) that fit each block onto one whole block of the granite texture.

    The baked granite texture is itself ashlar (1.2 × 0.6 m blocks in staggered rows over a 2.4 m repeat);
    mapping every geometric block into one texture block keeps the texture's joints out of the middle of a
    stone while its grain, flecks and per-block tone stay."""
    c = np.asarray(corners, np.float64).reshape(-1, 4, 2)
    lo, hi = c.min(axis=1), c.max(axis=1)
    size = np.maximum(hi - lo, 1e-6)
    row = rng.integers(0, 4, len(c))
    col = rng.integers(0, 2, len(c))
    origin = np.stack([1.2 * col - 0.6 * (row % 2) + 0.05, 0.6 * row + 0.05], axis=1)
    return origin[:, None, :] + (c - lo[:, None, :]) / size[:, None, :] * np.array([1.1, 0.5])


def plates(corners: np.ndarray, relief: float, colors: np.ndarray, sides: bool = True,
           face_uvs: np.ndarray | None = None) -> Mesh:
    """Many flat quads (K, 4, 2) in the XY plane, counter-clockwise, raised ``relief`` along +Z, vectorised.

    Each gets a front face and, with ``sides``, four edge walls down to Z = 0 so joints cast a little shadow.
    Front-face UVs are the XY metres unless ``face_uvs`` (K, 4, 2) are given.
    """
    c = np.asarray(corners, np.float64)
    k = len(c)
    if k == 0:
        return Mesh.empty()
    col = np.asarray(colors, np.float32)
    front = np.concatenate([c, np.full((k, 4, 1), relief)], axis=2)
    pos = [front.reshape(-1, 3)]
    nrm = [np.tile([0.0, 0.0, 1.0], (4 * k, 1))]
    uvs = [(c if face_uvs is None else np.asarray(face_uvs, np.float64)).reshape(-1, 2)]
    cols = [np.repeat(col, 4, axis=0)]
    base = (np.arange(k) * 4)[:, None]
    idx = [np.concatenate([base + [0, 1, 2], base + [0, 2, 3]])]
    if sides:
        a = c
        b = np.roll(c, -1, axis=1)
        edge = b - a
        n2 = np.stack([edge[..., 1], -edge[..., 0]], axis=2)
        n2 /= np.maximum(np.linalg.norm(n2, axis=2, keepdims=True), 1e-12)
        z0 = np.zeros((k, 4, 1))
        z1 = np.full((k, 4, 1), relief)
        quads = np.stack([np.concatenate([a, z0], 2), np.concatenate([b, z0], 2),
                          np.concatenate([b, z1], 2), np.concatenate([a, z1], 2)], axis=2)  # (k, 4 edges, 4, 3)
        pos.append(quads.reshape(-1, 3))
        n3 = np.concatenate([n2, np.zeros((k, 4, 1))], axis=2)
        nrm.append(np.repeat(n3.reshape(-1, 3), 4, axis=0))
        length = np.linalg.norm(edge, axis=2).reshape(-1)
        uv = np.zeros((k * 4, 4, 2))
        uv[:, 1, 0] = uv[:, 2, 0] = length
        uv[:, 2, 1] = uv[:, 3, 1] = relief
        uvs.append(uv.reshape(-1, 2))
        cols.append(np.repeat(col, 16, axis=0))
        qb = (4 * k + np.arange(4 * k) * 4)[:, None]
        idx.append(np.concatenate([qb + [0, 1, 2], qb + [0, 2, 3]]))
    return Mesh(
        np.concatenate(pos).astype(np.float32), np.concatenate(nrm).astype(np.float32),
        np.concatenate(uvs).astype(np.float32), np.concatenate(cols).astype(np.float32),
        np.concatenate(idx).astype(np.uint32),
    )


def _courses(height: float, arches: list[Arch], rng: np.random.Generator) -> list[tuple[float, float]]:
    """Level courses from the ground up; a joint is snapped to each arch's springing, where the jambs end."""
    springs = sorted({a.spring for a in arches})
    edges = [0.0]
    z = 0.0
    first = True
    while z < height - 0.3:
        step = rng.uniform(0.75, 0.95) if first else rng.uniform(0.45, 0.7)
        first = False
        nxt = z + step
        for s in springs:
            if z + 0.25 < s and abs(nxt - s) < 0.3:
                nxt = s
        z = min(nxt, height) if height - nxt > 0.3 else height
        edges.append(z)
    return list(zip(edges[:-1], edges[1:], strict=True))


def _ashlar(width: float, height: float, arches: list[Arch], rng: np.random.Generator) -> Mesh:
    """Coursed blocks filling a face of ``width`` × ``height`` around the arch rings (face-local XY)."""
    quads, colors = [], []
    for z0, z1 in _courses(height, arches, rng):
        bounds = [(-width / 2, -width / 2)]
        for a in sorted(arches, key=lambda a: a.x):
            h0, h1 = a.occupied_half_width(z0), a.occupied_half_width(z1)
            if h0 > 0 or h1 > 0:
                bounds += [(a.x - h0, a.x - h1), (a.x + h0, a.x + h1)]
        bounds.append((width / 2, width / 2))
        for (l0, l1), (r0, r1) in zip(bounds[::2], bounds[1::2], strict=True):
            inner_l, inner_r = max(l0, l1), min(r0, r1)
            if inner_r - inner_l < 0.25:
                continue
            cuts = [inner_l]
            x = inner_l + rng.uniform(0.3, 1.3)
            while x < inner_r - 0.5:
                cuts.append(x)
                x += rng.uniform(0.9, 1.6)
            cuts.append(inner_r)
            for i, (xa, xb) in enumerate(zip(cuts[:-1], cuts[1:], strict=True)):
                la0, la1 = (l0, l1) if i == 0 else (xa, xa)
                rb0, rb1 = (r0, r1) if i == len(cuts) - 2 else (xb, xb)
                quads.append([(la0 + JOINT, z0 + JOINT), (rb0 - JOINT, z0 + JOINT),
                              (rb1 - JOINT, z1 - JOINT), (la1 + JOINT, z1 - JOINT)])
                colors.append(palette.granite_stone(rng))
    q = np.asarray(quads)
    return plates(q, STONE_RELIEF, np.asarray(colors), face_uvs=block_uvs(q, rng))


def _arch_frames(arches: list[Arch], rng: np.random.Generator) -> Mesh:
    """Voussoir rings and jamb stones of every arch (face-local XY)."""
    quads, colors = [], []
    for a in arches:
        ang = a.angles()
        r, ro, zs = a.radius, a.radius + a.ring, a.spring
        for t0, t1 in zip(ang[:-1], ang[1:], strict=True):
            quads.append([
                (a.x + r * math.cos(t0) + JOINT * math.sin(t0), zs + r * math.sin(t0)),
                (a.x + ro * math.cos(t0), zs + ro * math.sin(t0)),
                (a.x + ro * math.cos(t1), zs + ro * math.sin(t1)),
                (a.x + r * math.cos(t1), zs + r * math.sin(t1)),
            ])
            colors.append(palette.granite_stone(rng))
        split = zs * rng.uniform(0.4, 0.55)
        for x0, x1 in ((a.x - ro, a.x - r), (a.x + r, a.x + ro)):
            for z0, z1 in ((0.0, split), (split, zs)):
                quads.append([(x0 + JOINT, z0 + JOINT), (x1 - JOINT, z0 + JOINT), (x1 - JOINT, z1 - JOINT),
                              (x0 + JOINT, z1 - JOINT)])
                colors.append(palette.granite_stone(rng))
    q = np.asarray(quads)
    return plates(q, RING_RELIEF, np.asarray(colors), face_uvs=block_uvs(q, rng))


def _mortar(width: float, height: float, arches: list[Arch], colour: palette.Color = palette.MORTAR) -> Mesh:
    """The joint plane behind the blocks, with the arch openings left out."""
    quads = []
    x = -width / 2
    for a in sorted(arches, key=lambda a: a.x):
        quads.append([(x, 0), (a.x - a.radius, 0), (a.x - a.radius, height), (x, height)])
        ang = a.angles()
        px = a.x + a.radius * np.cos(ang)
        pz = a.spring + a.radius * np.sin(ang)
        for k in range(len(ang) - 1):
            quads.append([(px[k + 1], pz[k + 1]), (px[k], pz[k]), (px[k], height), (px[k + 1], height)])
        x = a.x + a.radius
    quads.append([(x, 0), (width / 2, 0), (width / 2, height), (x, height)])
    q = np.asarray(quads, np.float64)
    return plates(q, 0.0, np.tile(np.asarray(colour, np.float32), (len(q), 1)), sides=False)


def _face(width: float, height: float, arches: list[Arch], rng: np.random.Generator) -> tuple[Mesh, Mesh]:
    """A face block by block, and its far shell: the joint plane in the stones' colour (the coursing is a few
    pixels from afar) with the arch frames, which carry the openings' outline."""
    ashlar = _ashlar(width, height, arches, rng)
    frames = _arch_frames(arches, rng)
    full = merge([_mortar(width, height, arches), ashlar, frames])
    return full, merge([_mortar(width, height, arches, _far_stone()), frames])


@functools.cache
def _far_stone() -> palette.Color:
    """The colour a block face averages to from afar: the blocks' mean tint with ~12 % of dark joints."""
    stones = np.mean([palette.granite_stone(np.random.default_rng(k)) for k in range(64)], axis=0)
    r, g, b, _ = 0.88 * stones + 0.12 * np.asarray(palette.MORTAR)
    return float(r), float(g), float(b), 1.0


def _tunnel(a: Arch, depth: float) -> tuple[Mesh, Mesh]:
    """Vault and jamb walls (granite) and the paved floor of one passage, normals facing into the passage."""
    ang = a.angles()
    ys = np.array([-depth / 2, depth / 2])
    ring = np.stack([a.x + a.radius * np.cos(ang), np.zeros_like(ang), a.spring + a.radius * np.sin(ang)], 1)
    pts = ring[:, None, :] + np.stack([np.zeros(2), ys, np.zeros(2)], 1)[None, :, :]
    vault = grid(pts, palette.GRANITE, outward=(0, 0, -1))
    x0, x1, y0, y1, zs = a.x - a.radius, a.x + a.radius, -depth / 2, depth / 2, a.spring
    walls = merge([
        quad([(x0, y1, 0), (x0, y0, 0), (x0, y0, zs), (x0, y1, zs)], palette.GRANITE),
        quad([(x1, y0, 0), (x1, y1, 0), (x1, y1, zs), (x1, y0, zs)], palette.GRANITE),
    ])
    floor = quad([(x0, y0, 0.01), (x1, y0, 0.01), (x1, y1, 0.01), (x0, y1, 0.01)], palette.GRANITE)
    return merge([vault, walls]), floor


def ceiling_painting(a: Arch, depth: float) -> Mesh:
    """The painted vault ceiling of a gate passage (주작, tortoise, 천마 at Gwanghwamun, S35; dragons at
    Sungnyemun, S36): a dark ground framed in red and white with a red-and-gold creature in the middle, as soft
    vertex colour on a panel just inside the vault crown."""
    ang = a.angles()  # the vault's own facets, so the panel stays parallel to them
    ang = ang[(ang > math.radians(45)) & (ang < math.radians(135))]
    ys = np.linspace(-depth / 2 + 1.0, depth / 2 - 1.0, 13)
    r = a.radius - 0.02
    pts = np.stack(np.broadcast_arrays((a.x + r * np.cos(ang))[:, None], ys[None, :],
                                       (a.spring + r * np.sin(ang))[:, None]), axis=2)
    u = np.linspace(-1, 1, len(ang))[:, None]
    v = np.linspace(-1, 1, len(ys))[None, :]
    c = np.empty(pts.shape[:2] + (4,), np.float32)
    c[...] = (np.asarray(palette.SAMCHEONG, np.float32) + np.asarray(palette.YANGNOK, np.float32)) / 2
    blob = np.clip(1.4 - np.hypot(u / 0.7, v / 0.6), 0, 1)[..., None]
    c[...] = c * (1 - blob) + np.asarray(palette.JUHONG, np.float32) * blob
    core = np.clip(1.0 - np.hypot(u / 0.3, v / 0.2), 0, 1)[..., None]
    c[...] = c * (1 - core) + np.asarray(palette.HWANG, np.float32) * core
    c[np.broadcast_to((np.abs(u) > 0.99) | (np.abs(v) > 0.99), c.shape[:2])] = palette.BAEK
    c[np.broadcast_to((np.abs(u) > 0.99) & (np.abs(v) > 0.8), c.shape[:2])] = palette.JUHONG
    return grid(pts, c, outward=(0, 0, -1))


def _doors(a: Arch, depth: float) -> tuple[Mesh, Mesh]:
    """Iron-studded board door leaves (철엽), hung in the outer arch and standing open against the jambs."""
    leaf_w = a.radius - 0.05
    y0 = -depth / 2 + 0.6
    wood, iron = [], []
    for side in (-1, 1):
        x_face = a.x + side * (a.radius - 0.12)
        wood.append(box((0.16, leaf_w, a.spring), (x_face, y0 + leaf_w / 2, 0.02), palette.SEOKGANJU))
        for row in np.linspace(0.4, a.spring - 0.4, 6):
            iron.append(box((0.18, leaf_w - 0.1, 0.06), (x_face, y0 + leaf_w / 2, row), palette.MEOK))
    return merge(wood), merge(iron)


def _faces(parts: Parts, width: float, depth: float, height: float, arches: list[Arch],
           rng: np.random.Generator) -> Mesh:
    """The four ashlar faces (arches through the front and back), added as granite; returns the front face."""
    mirrored = [Arch(-a.x, a.width, a.height) for a in arches]
    placed = [(width, arches, translate(0, -depth / 2, 0) @ FACE_TO_FRONT),
              (width, mirrored, rotate_z(180) @ translate(0, -depth / 2, 0) @ FACE_TO_FRONT),
              (depth, [], rotate_z(90) @ translate(0, -width / 2, 0) @ FACE_TO_FRONT),
              (depth, [], rotate_z(-90) @ translate(0, -width / 2, 0) @ FACE_TO_FRONT)]
    faces = [(full.transformed(m), shell.transformed(m))
             for w, a, m in placed for full, shell in [_face(w, height, a, rng)]]
    parts.add_detail("granite", [full for full, _ in faces], [shell for _, shell in faces])
    front = faces[0][0]
    parts.add("paving", box((width - 0.02, depth - 0.02, 0.02), (0, 0, height - 0.01), palette.GRANITE))
    return front


def plinth(parts: Parts, width: float, depth: float, height: float, rng: np.random.Generator,
           center: tuple[float, float] = (0.0, 0.0)) -> None:
    """A solid ashlar block with a paved top: terraces, low gate bases, the stone course of palace walls."""
    inner = Parts()
    _faces(inner, width, depth, height, [], rng)
    move = translate(center[0], center[1], 0)
    for material in ("granite", "paving"):
        parts.add(material, inner.merged(material).transformed(move))


def build_base(parts: Parts, width: float, depth: float, height: float, arches: list[Arch],
               rng: np.random.Generator, painted: bool = False) -> dict[str, float]:
    """Add the base's faces, passages, cornice and top to ``parts`` and its colliders (arches left open).

    Returns the base's dimensions measured from the generated front face and vaults.
    """
    front = _faces(parts, width, depth, height, arches, rng)
    dims: dict[str, float] = {}
    lo, hi = front.bounds()
    dims["base_width"] = float(hi[0] - lo[0])
    dims["base_height"] = float(hi[2] - lo[2])
    dims["arch_count"] = float(len(arches))
    for i, a in enumerate(arches):
        shell, floor = _tunnel(a, depth)
        wood, iron = _doors(a, depth)
        parts.add("granite", shell)
        parts.add("paving", floor)
        if painted:
            parts.add("wood", ceiling_painting(a, depth))
        parts.add("wood", wood)
        parts.add("metal", iron)
        lo, hi = shell.bounds()
        dims[f"arch_{i}_width"] = float(hi[0] - lo[0])
        dims[f"arch_{i}_height"] = float(hi[2])
        dims[f"arch_{i}_x"] = float((hi[0] + lo[0]) / 2)
        dims["base_depth"] = float(hi[1] - lo[1])
    # 미석: a projecting course under the parapet
    parts.add("granite", box((width + 0.3, depth + 0.3, 0.3), (0, 0, height - 0.3), palette.GRANITE))
    x = -width / 2
    for a in sorted(arches, key=lambda a: a.x):
        parts.collide(x, -depth / 2, 0, a.x - a.radius, depth / 2, height)
        parts.collide(a.x - a.radius, -depth / 2, a.height, a.x + a.radius, depth / 2, height)
        x = a.x + a.radius
    parts.collide(x, -depth / 2, 0, width / 2, depth / 2, height)
    return dims


def parapet(parts: Parts, width: float, depth: float, z: float, front_height: float, side_height: float) -> None:
    """Brick 여장 round the top of a base in short lengths, each with a tile coping (S7, S9)."""
    bricks, copings = [], []
    t = 0.6
    runs = [((-width / 2, -depth / 2 + t / 2), (width / 2, -depth / 2 + t / 2), front_height),
            ((-width / 2, depth / 2 - t / 2), (width / 2, depth / 2 - t / 2), front_height),
            ((-width / 2 + t / 2, -depth / 2 + t), (-width / 2 + t / 2, depth / 2 - t), side_height),
            ((width / 2 - t / 2, -depth / 2 + t), (width / 2 - t / 2, depth / 2 - t), side_height)]
    for (x0, y0), (x1, y1), h in runs:
        length = math.hypot(x1 - x0, y1 - y0)
        n = max(1, round(length / 3.2))
        along_x = abs(x1 - x0) > abs(y1 - y0)
        for k in range(n):
            a, b = k / n, (k + 1) / n
            cx, cy = x0 + (x1 - x0) * (a + b) / 2, y0 + (y1 - y0) * (a + b) / 2
            seg = length / n - 0.14
            size = (seg, t, h) if along_x else (t, seg, h)
            bricks.append(box(size, (cx, cy, z), palette.BRICK))
            cap = (seg + 0.1, t + 0.2, 0.14) if along_x else (t + 0.2, seg + 0.1, 0.14)
            copings.append(box(cap, (cx, cy, z + h), palette.TILE))
    parts.add("brick", *bricks)
    parts.add("tile", *copings)
