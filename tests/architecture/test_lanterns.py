"""The festival's lantern sculptures: renderable meshes, standing in the stream's water clear of its bridges."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from game.architecture.stream import layout
from game.festivals import lantern, sculptures
from game.landmarks.catalogue import Landmark


@pytest.mark.parametrize("kind", lantern.KINDS)
def test_each_kind_is_a_valid_mesh_standing_on_its_base(kind: str) -> None:
    s = sculptures.build(kind, sculptures.colour("#FFB347"), 20.0)
    for m in (s.frame, s.panels):
        assert m.triangle_count > 20 and np.isfinite(m.positions).all()
        assert np.allclose(np.linalg.norm(m.normals, axis=1), 1.0, atol=1e-3)
        p = m.positions[m.indices].astype(np.float64)
        face = np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0])
        keep = np.linalg.norm(face, axis=1) > 1e-8
        assert (np.einsum("ij,ij->i", face[keep], m.normals[m.indices].sum(axis=1)[keep]) > 0).all()
    lo, hi = sculptures.merge([s.frame, s.panels]).bounds()
    assert lo[2] >= -0.05 and 4.0 <= s.height <= 7.0
    assert max(-lo[0], hi[0], -lo[1], hi[1]) < 4.0  # fits the 9 m of water


def test_the_stream_is_dressed_in_the_editions_kinds_in_the_water(catalogue: dict[str, Landmark]) -> None:
    lm = catalogue["cheonggyecheon"]
    lay = layout(lm.params, lm.local, lm.footprint)
    edition = lantern.edition_on(dt.datetime.fromisoformat("2025-12-20T20:00+09:00"))
    d = sculptures.dress_stream(edition, lay, lm.local)
    assert len(d.bases) >= 6 and len(d.lights) == len(d.bases)
    assert d.kinds == tuple(edition.kinds[k % len(edition.kinds)] for k in range(len(d.bases)))
    for x, y, z in d.bases:
        s, t = x - lm.local[0], y - lm.local[1]
        assert lay.head < s < lay.end and abs(t - float(lay.t_at(s))) < 0.5
        assert z < lay.water_z
        for b in lay.bridges:
            assert abs(s - b.s) > b.width / 2 + 2.0
    assert d.panels.bounds()[1][2] < 2.0  # the tallest stays below the street's railings
    warm = np.array([c for _, c in d.lights])[:, :3]
    assert (warm.max(axis=1) > 0.3).all()  # every one lights the water


def test_their_light_washes_both_walls_beside_each(catalogue: dict[str, Landmark]) -> None:
    lm = catalogue["cheonggyecheon"]
    lay = layout(lm.params, lm.local, lm.footprint)
    d = sculptures.dress_stream(lantern.load()[0], lay, lm.local)
    washes = sculptures.wall_washes(d, lay, lm.local)
    assert washes.triangle_count == 4 * len(d.bases)  # two quads each
    s, t = washes.positions[:, 0] - lm.local[0], washes.positions[:, 1] - lm.local[1]
    assert np.allclose(np.abs(t - lay.t_at(s)), lay.half_channel - 0.03, atol=1e-3)  # on the walls' faces
    assert washes.positions[:, 2].min() >= lay.walkway_z - 1e-6 and washes.positions[:, 2].max() <= 0.0
    facing = washes.normals[:, 1] * np.sign(lay.t_at(s) - t)
    assert (facing > 0.9).all()  # towards the water
