"""The distant version's vertex clustering and the switches between versions (pure)."""

import numpy as np
import pytest

from game.architecture.builders import build_landmark
from game.architecture.cluster import DISTANT_CELL, clustered
from game.architecture.mesh import Mesh, box
from game.landmarks import catalogue
from game.render import lod


def _column(radius: float, height: float, segments: int) -> Mesh:
    """A closed prism of ``segments`` flat facets: a column as the kit builds them, far too fine from afar."""
    a = np.linspace(0, 2 * np.pi, segments, endpoint=False)
    ring = np.stack([radius * np.cos(a), radius * np.sin(a)], axis=1)
    pos, nrm, idx = [], [], []
    for i in range(segments):
        p, q = ring[i], ring[(i + 1) % segments]
        n = np.array([*(p + q) / 2, 0.0])
        n /= np.linalg.norm(n)
        base = len(pos)
        pos += [(*p, 0), (*q, 0), (*q, height), (*p, height)]
        nrm += [n] * 4
        idx += [(base, base + 1, base + 2), (base, base + 2, base + 3)]
    n = len(pos)
    return Mesh(np.float32(pos), np.float32(nrm), np.zeros((n, 2), np.float32), np.ones((n, 4), np.float32),
                np.uint32(idx))


def test_a_box_stays_a_box():
    cube = box((4.0, 4.0, 4.0), (0.0, 0.0, 2.0), (0.5, 0.5, 0.5, 1.0))
    out = clustered(cube, 0.5)
    assert out.triangle_count == cube.triangle_count
    for lo, hi in zip(out.bounds(), cube.bounds(), strict=True):
        assert np.allclose(lo, hi, atol=0.5)
    assert np.allclose(np.abs(out.normals).max(axis=1), 1.0, atol=1e-3)  # hard edges keep axis normals


def test_a_fine_column_loses_its_facets_not_its_size():
    column = _column(0.3, 6.0, 32)
    out = clustered(column, 0.5)
    assert out.triangle_count < column.triangle_count / 2
    (lo, hi), (clo, chi) = out.bounds(), column.bounds()
    assert np.all(np.abs(lo - clo) <= 0.5) and np.all(np.abs(hi - chi) <= 0.5)
    assert out.indices.max() < len(out.positions)  # compacted: every vertex is used


def test_an_empty_mesh_stays_empty():
    assert clustered(Mesh.empty(), 0.5).triangle_count == 0


def test_the_gates_distant_version_keeps_its_box_with_fewer_triangles():
    far = build_landmark(catalogue.load()["gwanghwamun"]).far_parts
    distant = {m: clustered(mesh, DISTANT_CELL) for m, mesh in far.items()}
    assert sum(m.triangle_count for m in distant.values()) < 0.8 * sum(m.triangle_count for m in far.values())
    lo = [min(m.bounds()[0][i] for m in far.values() if m.triangle_count) for i in range(3)]
    dlo = [min(m.bounds()[0][i] for m in distant.values() if m.triangle_count) for i in range(3)]
    assert dlo == pytest.approx(lo, abs=DISTANT_CELL)


def test_each_switch_has_its_own_hysteresis():
    switches, shown, walk = (90.0, 400.0), 0, [80, 100, 430, 445, 370, 355, 95, 80]
    stages = []
    for d in walk:
        shown = lod.stage(shown, d, switches, band=0.1)
        stages.append(shown)
    # out past 99 m and 440 m; back within 360 m and 81 m
    assert stages == [0, 1, 1, 2, 2, 1, 1, 0]
