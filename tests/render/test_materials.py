"""Baked material cache: first start bakes everything, later starts reuse, a change rebakes only itself."""

from dataclasses import replace

import numpy as np

from game.architecture.mesh import MATERIALS
from game.render import texgen
from game.render.materials import MaterialLibrary, cache_key


def test_every_mesh_material_has_a_generator_and_images_are_deterministic():
    assert set(texgen.SPECS) == set(MATERIALS)
    a, _, _ = texgen.generate("tile")
    b, _, _ = texgen.generate("tile")
    assert np.array_equal(a, b)
    assert not np.array_equal(texgen.generate("granite")[0][:64, :64], texgen.generate("paving")[0][:64, :64])


def test_cache_reuse_and_selective_rebake(tmp_path, monkeypatch):
    first = MaterialLibrary(tmp_path)
    first.load_all()
    assert sorted(first.baked) == sorted(texgen.SPECS)
    files = sorted(p.name for p in tmp_path.glob("*.png"))
    relief = [name for name, spec in texgen.SPECS.items() if spec.relief]
    assert len(files) == 2 * len(texgen.SPECS) + len(relief) and {"granite", "tile", "wood"} <= set(relief)

    warm = MaterialLibrary(tmp_path)
    warm.load_all()
    assert warm.baked == []
    assert warm.materials["tile"].base.getXSize() == texgen.SPECS["tile"].size
    assert warm.materials["tile"].normal.getXSize() == texgen.SPECS["tile"].size
    assert warm.materials["plaster"].normal.getXSize() == 1  # the shared flat map

    old_key = cache_key("grass")
    monkeypatch.setitem(texgen.SPECS, "grass", replace(texgen.SPECS["grass"], metres_per_repeat=5.0))
    assert cache_key("grass") != old_key
    changed = MaterialLibrary(tmp_path)
    seen = []
    changed.load_all(lambda done, total, name: seen.append((done, total, name)))
    assert changed.baked == ["grass"]
    assert len(list(tmp_path.glob("grass-*.png"))) == 2  # the stale pair was removed
    assert seen[0] == (0, len(texgen.SPECS), next(iter(texgen.SPECS))) and seen[-1][0] == len(texgen.SPECS)


def test_cache_key_works_without_source_as_in_a_frozen_app(monkeypatch):
    import inspect

    with_source = cache_key("tile")

    def no_source(obj):
        raise OSError("could not get source code")

    monkeypatch.setattr(inspect, "getsource", no_source)
    frozen = cache_key("tile")
    assert frozen != with_source and frozen == cache_key("tile")  # stable, and still keyed on the code
    assert cache_key("granite") != frozen
