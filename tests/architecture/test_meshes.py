"""Every generated mesh is renderable: finite, well-indexed, unit normals agreeing with the winding, known
materials only, and within the triangle budget that keeps a software rasteriser fast."""

from __future__ import annotations

import numpy as np
import pytest

from game.architecture import gates
from game.architecture.builders import Building
from game.architecture.mesh import MATERIALS
from game.landmarks.catalogue import LANDMARK_IDS

BUDGET = 120_000
GATE_TILE_BUDGET = 50_000
#: Gyeongbokgung is three pavilions and their yards in one landmark: its near version costs more, its far one
#: (shown from every street outside the palace) stays within the one-building budget.
PALACE_BUDGET, PALACE_FAR_BUDGET = 250_000, 40_000


@pytest.mark.parametrize("lid", LANDMARK_IDS)
def test_meshes_are_valid(lid: str, buildings: dict[str, Building]) -> None:
    b = buildings[lid]
    assert b.parts and set(b.parts) <= set(MATERIALS)
    for name, m in b.parts.items():
        n = len(m.positions)
        assert m.positions.dtype == np.float32 and m.positions.shape == (n, 3), name
        assert m.normals.shape == (n, 3) and m.uvs.shape == (n, 2) and m.colors.shape == (n, 4), name
        assert m.indices.dtype == np.uint32 and m.indices.ndim == 2 and m.indices.shape[1] == 3, name
        for arr in (m.positions, m.normals, m.uvs, m.colors):
            assert np.isfinite(arr).all(), name
        assert m.indices.max() < n, name
        assert np.allclose(np.linalg.norm(m.normals, axis=1), 1.0, atol=1e-3), name
        assert (m.colors >= 0).all() and (m.colors <= 1).all(), name


@pytest.mark.parametrize("lid", LANDMARK_IDS)
def test_winding_agrees_with_normals(lid: str, buildings: dict[str, Building]) -> None:
    """Counter-clockwise seen from outside: each face's geometric normal points the way its vertex normals do."""
    for name, m in buildings[lid].parts.items():
        p = m.positions[m.indices].astype(np.float64)
        face = np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0])
        area = np.linalg.norm(face, axis=1)
        keep = area > 1e-8
        vn = m.normals[m.indices].sum(axis=1)
        agree = (np.einsum("ij,ij->i", face[keep], vn[keep]) > 0).mean()
        assert agree == 1.0, f"{name}: only {agree:.4f} of the triangles wind with their normals"


@pytest.mark.parametrize("lid", LANDMARK_IDS)
def test_triangle_budget(lid: str, buildings: dict[str, Building]) -> None:
    b = buildings[lid]
    if lid == "gyeongbokgung":
        assert b.triangle_count <= PALACE_BUDGET
        assert sum(m.triangle_count for m in b.far_parts.values()) <= PALACE_FAR_BUDGET
        return
    assert 1_000 < b.triangle_count <= BUDGET
    if lid in ("gwanghwamun", "sungnyemun", "donuimun"):
        assert b.parts["tile"].triangle_count <= GATE_TILE_BUDGET


@pytest.mark.parametrize("lid", LANDMARK_IDS)
def test_building_local_frame(lid: str, buildings: dict[str, Building], catalogue) -> None:
    """Origin at the footprint centre on the ground: nothing below ground (a sunken stream: nothing below its
    water; the palace wall's stone footing, which meets the lower terrain north of the district), and the footprint
    roughly centred."""
    lo, hi = buildings[lid].bounds()
    lm = catalogue[lid]
    floor = lm.params["water_level"] - 0.5 if lm.kind == "stream" else -0.05
    assert lo[2] >= (floor - gates.WALL_FOOTING if "palace_wall" in lm.params else floor)
    assert abs(lo[0] + hi[0]) < 0.1 * (hi[0] - lo[0])


@pytest.mark.parametrize("lid", ("gwanghwamun", "sungnyemun", "donuimun", "deoksugung", "bosingak"))
def test_signboard_hangs_on_the_front(lid: str, buildings: dict[str, Building]) -> None:
    """Front faces -Y: the 현판 hangs on the -Y side; Sungnyemun's is the upright one (S8)."""
    d = buildings[lid].dims
    assert d["signboard_y"] < 0
    assert (d["signboard_height"] > d["signboard_width"]) == (lid == "sungnyemun")
