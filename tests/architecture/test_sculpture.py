"""The haechi before Gwanghwamun: a carved figure within the pedestal's envelope that the square's walk keeps clear,
facing south, with no slivers."""

from __future__ import annotations

import numpy as np

from game.architecture.builders import Building
from game.architecture.sculpture import HEIGHT, PEDESTAL, haechi


def test_haechi_fits_its_envelope_and_faces_south():
    m = haechi(0.0, 0.0, np.random.default_rng(7))
    lo, hi = m.bounds()
    w, d, h = PEDESTAL
    assert np.allclose(lo[:2], (-w / 2, -d / 2), atol=1e-4) and np.allclose(hi[:2], (w / 2, d / 2), atol=1e-4)
    assert lo[2] >= 0.0 and HEIGHT - 0.3 < hi[2] <= HEIGHT
    above = m.positions[m.positions[:, 2] > h + 1.5]  # the head and its snout lean out over the front (-Y)
    assert above[:, 1].min() < -1.0 and above[:, 1].mean() < 0


def test_haechi_have_no_slivers_and_stand_before_the_terrace(buildings: dict[str, Building]):
    m = haechi(3.0, -2.0, np.random.default_rng(7))
    p = m.positions[m.indices].astype(np.float64)
    area = np.linalg.norm(np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0]), axis=1) / 2
    flat = p[area <= 1e-7]
    if len(flat):  # lathe tips collapse to a point; nothing else may be flat
        shortest = np.min([np.linalg.norm(flat[:, i] - flat[:, j], axis=1) for i, j in ((0, 1), (1, 2), (0, 2))], 0)
        assert (shortest < 1e-5).all()
    gate = buildings["gwanghwamun"]
    pads = [c for c in gate.colliders if np.isclose(c[3] - c[0], PEDESTAL[0]) and np.isclose(c[5], HEIGHT)]
    assert len(pads) == 2 and all(c[4] < -gate.dims["forecourt_length"] for c in pads)
