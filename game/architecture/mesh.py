"""Plain numpy triangle meshes, the currency between the pure builders and the renderer.

Builders produce a :data:`Model` (material name → :class:`Mesh`); ``game.render.geom`` turns each mesh into one
Panda3D Geom, so a building costs one draw call per material. Conventions, shared by every builder:
building-local metres, origin at the footprint centre on the ground, front facing -Y, +Z up; triangles wind
counter-clockwise seen from outside; colours are *linear* RGBA that multiply the material's texture; UVs are in
metres so one texture scale per material fits every surface.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Materials the renderer knows (texture + PBR factors each); builders must use only these names.
MATERIALS = (
    "granite", "tile", "wood", "lime", "brick", "paving", "plaster", "glass", "metal", "bronze",
    "fabric", "asphalt", "grass", "water", "concrete",
)


def srgb_to_linear(rgb: tuple[float, float, float] | str) -> tuple[float, float, float]:
    """Convert an sRGB colour (0–1 floats or ``#rrggbb``) to linear floats for vertex colours."""
    if isinstance(rgb, str):
        h = rgb.lstrip("#")
        rgb = tuple(int(h[i : i + 2], 16) / 255.0 for i in (0, 2, 4))  # type: ignore[assignment]
    c = np.asarray(rgb, dtype=np.float64)
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return tuple(float(v) for v in lin)  # type: ignore[return-value]


@dataclass
class Mesh:
    positions: np.ndarray  # (N, 3) float32
    normals: np.ndarray  # (N, 3) float32
    uvs: np.ndarray  # (N, 2) float32
    colors: np.ndarray  # (N, 4) float32, linear
    indices: np.ndarray  # (M, 3) uint32

    @staticmethod
    def empty() -> Mesh:
        return Mesh(
            np.zeros((0, 3), np.float32), np.zeros((0, 3), np.float32), np.zeros((0, 2), np.float32),
            np.zeros((0, 4), np.float32), np.zeros((0, 3), np.uint32),
        )

    @property
    def triangle_count(self) -> int:
        return int(self.indices.shape[0])

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Axis-aligned (min, max) corners; raises on an empty mesh because its bounds mean nothing."""
        if not len(self.positions):
            raise ValueError("empty mesh has no bounds")
        return self.positions.min(axis=0), self.positions.max(axis=0)

    def transformed(self, matrix: np.ndarray) -> Mesh:
        """A copy under a 4×4 affine transform (column vectors); normals use the inverse transpose."""
        m = np.asarray(matrix, dtype=np.float64)
        pos = self.positions @ m[:3, :3].T + m[:3, 3]
        nm = np.linalg.inv(m[:3, :3]).T
        nrm = self.normals @ nm.T
        nrm /= np.maximum(np.linalg.norm(nrm, axis=1, keepdims=True), 1e-12)
        idx = self.indices
        if np.linalg.det(m[:3, :3]) < 0:  # a mirror flips winding; keep faces pointing outwards
            idx = idx[:, ::-1]
        return Mesh(pos.astype(np.float32), nrm.astype(np.float32), self.uvs.copy(), self.colors.copy(),
                    np.ascontiguousarray(idx, dtype=np.uint32))

    def tinted(self, rgba: tuple[float, float, float, float]) -> Mesh:
        """A copy with every vertex colour set to ``rgba`` (linear)."""
        col = np.tile(np.asarray(rgba, np.float32), (len(self.positions), 1))
        return Mesh(self.positions, self.normals, self.uvs, col, self.indices)


def merge(meshes: list[Mesh]) -> Mesh:
    """Concatenate meshes into one (one draw call), re-basing indices."""
    meshes = [m for m in meshes if len(m.positions)]
    if not meshes:
        return Mesh.empty()
    offsets = np.cumsum([0] + [len(m.positions) for m in meshes[:-1]])
    return Mesh(
        np.concatenate([m.positions for m in meshes]).astype(np.float32),
        np.concatenate([m.normals for m in meshes]).astype(np.float32),
        np.concatenate([m.uvs for m in meshes]).astype(np.float32),
        np.concatenate([m.colors for m in meshes]).astype(np.float32),
        np.concatenate([m.indices + o for m, o in zip(meshes, offsets, strict=True)]).astype(np.uint32),
    )


def quads(pos: list, nrm: list, uv: list, col: list) -> Mesh:
    """A mesh of quads given four corners at a time (counter-clockwise), each split into two triangles; empty lists
    give the empty mesh. For façade-like grids built corner by corner (lit windows, shop fronts)."""
    n = len(pos)
    if not n:
        return Mesh.empty()
    first = np.arange(0, n, 4, dtype=np.uint32)[:, None]
    idx = np.concatenate([first + np.uint32([0, 1, 2]), first + np.uint32([0, 2, 3])])
    return Mesh(np.float32(pos), np.float32(nrm), np.float32(uv), np.float32(col), idx.astype(np.uint32))


def translate(x: float, y: float, z: float) -> np.ndarray:
    m = np.eye(4)
    m[:3, 3] = (x, y, z)
    return m


def rotate_z(degrees: float) -> np.ndarray:
    """Counter-clockwise rotation about +Z (Panda3D's heading direction)."""
    a = np.radians(degrees)
    m = np.eye(4)
    m[:2, :2] = [[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]]
    return m


def box(size: tuple[float, float, float], center: tuple[float, float, float] = (0, 0, 0),
        color: tuple[float, float, float, float] = (1, 1, 1, 1)) -> Mesh:
    """An axis-aligned box with flat-shaded faces and metre UVs; ``center`` is the centre of its bottom face."""
    sx, sy, sz = size[0] / 2, size[1] / 2, size[2]
    cx, cy, cz = center
    faces = [  # (normal, corner order counter-clockwise seen from outside)
        ((0, -1, 0), [(-1, -1, 0), (1, -1, 0), (1, -1, 1), (-1, -1, 1)]),
        ((0, 1, 0), [(1, 1, 0), (-1, 1, 0), (-1, 1, 1), (1, 1, 1)]),
        ((-1, 0, 0), [(-1, 1, 0), (-1, -1, 0), (-1, -1, 1), (-1, 1, 1)]),
        ((1, 0, 0), [(1, -1, 0), (1, 1, 0), (1, 1, 1), (1, -1, 1)]),
        ((0, 0, 1), [(-1, -1, 1), (1, -1, 1), (1, 1, 1), (-1, 1, 1)]),
        ((0, 0, -1), [(-1, 1, 0), (1, 1, 0), (1, -1, 0), (-1, -1, 0)]),
    ]
    pos, nrm, uv, idx = [], [], [], []
    for f, (n, corners) in enumerate(faces):
        pts = [(cx + a * sx, cy + b * sy, cz + c * sz) for a, b, c in corners]
        pos += pts
        nrm += [n] * 4
        # UVs in metres along the face's two in-plane axes
        u_axis, v_axis = (i for i in range(3) if n[i] == 0)
        uv += [(p[u_axis], p[v_axis]) for p in pts]
        b = 4 * f
        idx += [(b, b + 1, b + 2), (b, b + 2, b + 3)]
    n_v = len(pos)
    return Mesh(
        np.asarray(pos, np.float32), np.asarray(nrm, np.float32), np.asarray(uv, np.float32),
        np.tile(np.asarray(color, np.float32), (n_v, 1)), np.asarray(idx, np.uint32),
    )
