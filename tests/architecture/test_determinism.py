"""Same landmark id → identical arrays, on every run; the seed comes from the id, not from process state."""

from __future__ import annotations

import numpy as np

from game.architecture.builders import Building, build_landmark, rng_for
from game.landmarks.catalogue import Landmark


def test_rebuild_is_identical(buildings: dict[str, Building], catalogue: dict[str, Landmark]) -> None:
    for lid in ("sungnyemun", "namdaemun-market"):
        again = build_landmark(catalogue[lid])
        first = buildings[lid]
        assert again.parts.keys() == first.parts.keys()
        for name, m in first.parts.items():
            for field in ("positions", "normals", "uvs", "colors", "indices"):
                assert np.array_equal(getattr(m, field), getattr(again.parts[name], field)), (lid, name, field)
        assert again.dims == first.dims and again.colliders == first.colliders


def test_seed_depends_on_the_id_only() -> None:
    assert rng_for("sungnyemun").random() == rng_for("sungnyemun").random()
    assert rng_for("sungnyemun").random() != rng_for("donuimun").random()
    assert rng_for("gwanghwamun").integers(1 << 30) == 508681531
