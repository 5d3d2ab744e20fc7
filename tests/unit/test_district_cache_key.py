"""The district cache's key changes with anything the geometry is made from, and only then."""

import dataclasses
import shutil

from game.landmarks import catalogue
from game.scenes import district_cache


def test_the_key_is_stable_and_follows_the_catalogue():
    landmarks = catalogue.load()
    key = district_cache.digest(landmarks)
    assert key == district_cache.digest(catalogue.load())
    moved = dict(landmarks, gwanghwamun=dataclasses.replace(landmarks["gwanghwamun"], heading=181.0))
    assert district_cache.digest(moved) != key
    retuned = dataclasses.replace(landmarks["bosingak"], params={**landmarks["bosingak"].params, "extra": 1})
    assert district_cache.digest(dict(landmarks, bosingak=retuned)) != key


def test_the_key_follows_the_generator_sources(tmp_path, monkeypatch):
    for source in district_cache.SOURCES:
        src = district_cache.ROOT / source
        dst = tmp_path / source
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dst)
    monkeypatch.setattr(district_cache, "ROOT", tmp_path)
    landmarks = catalogue.load()
    key = district_cache.digest(landmarks)
    assert key == district_cache.digest(landmarks)
    roof = tmp_path / "game" / "architecture" / "roof.py"
    roof.write_text(roof.read_text(encoding="utf-8") + "\n# a change to the generator\n", encoding="utf-8")
    assert district_cache.digest(landmarks) != key


def test_the_key_follows_the_streams_generator_and_its_catalogue_entry(tmp_path, monkeypatch):
    """Cheonggyecheon's channel is cached with the district: a new level or a change to its builder rebuilds it."""
    landmarks = catalogue.load()
    key = district_cache.digest(landmarks)
    stream = landmarks["cheonggyecheon"]
    deeper = dataclasses.replace(stream, params={**stream.params, "walkway_level": -4.6})
    assert district_cache.digest(dict(landmarks, cheonggyecheon=deeper)) != key
    shutil.copytree(district_cache.ROOT / "game", tmp_path / "game", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(district_cache.ROOT / "assets" / "district", tmp_path / "assets" / "district")
    monkeypatch.setattr(district_cache, "ROOT", tmp_path)
    before = district_cache.digest(landmarks)
    builder = tmp_path / "game" / "architecture" / "stream.py"
    builder.write_text(builder.read_text(encoding="utf-8") + "\n# a change to the stream\n", encoding="utf-8")
    assert district_cache.digest(landmarks) != before


def test_the_key_follows_the_palace_its_builder_and_its_grounds(tmp_path, monkeypatch):
    """Gyeongbokgung is cached with the district: a moved hall, an edit to its builder or to the palace grounds'
    open area (assets/district) rebuilds it."""
    landmarks = catalogue.load()
    key = district_cache.digest(landmarks)
    palace = landmarks["gyeongbokgung"]
    moved = dataclasses.replace(palace, params={**palace.params, "plan": {**palace.params["plan"], "hall_y": 60.0}})
    assert district_cache.digest(dict(landmarks, gyeongbokgung=moved)) != key
    shutil.copytree(district_cache.ROOT / "game", tmp_path / "game", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(district_cache.ROOT / "assets" / "district", tmp_path / "assets" / "district")
    monkeypatch.setattr(district_cache, "ROOT", tmp_path)
    before = district_cache.digest(landmarks)
    for edited in (tmp_path / "game" / "architecture" / "palace.py", tmp_path / "assets" / "district" / "streets.json"):
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text + ("\n# a change\n" if edited.suffix == ".py" else "\n"), encoding="utf-8")
        assert district_cache.digest(landmarks) != before, edited.name
        before = district_cache.digest(landmarks)


def test_street_meshes_are_read_back_as_made_and_only_under_their_key(tmp_path):
    """The street scene's meshes (furniture, puddles, the night lights) are made once, then read back equal; a
    new key (a changed generator, catalogue, or the modules that assemble the street) makes them again."""
    import numpy as np

    from game.architecture.mesh import box

    calls = []

    def make(name):
        def made():
            calls.append(name)
            return box((1.0, 2.0, 3.0), (len(calls), 0.0, 0.0))
        return made

    memo = district_cache.MeshMemo(tmp_path, "k1")
    single = memo("shops", make("shops"))
    parts = memo("lamps", lambda: {"poles": make("poles")(), "heads": make("heads")()})
    assert memo("shops", make("again")) is single and calls == ["shops", "poles", "heads"]
    memo.save()
    again = district_cache.MeshMemo(tmp_path, "k1")
    read, read_parts = again("shops", make("x")), again("lamps", make("y"))
    assert calls == ["shops", "poles", "heads"]  # nothing made: both read back
    for got, want in ((read, single), *((read_parts[p], parts[p]) for p in ("poles", "heads"))):
        for f in district_cache.FIELDS:
            assert np.array_equal(getattr(got, f), getattr(want, f)) and getattr(got, f).dtype == getattr(want, f).dtype
    stale = district_cache.MeshMemo(tmp_path, "k2")
    stale("shops", make("remade"))
    assert calls[-1] == "remade"


def test_the_street_key_follows_the_modules_that_assemble_the_street(tmp_path, monkeypatch):
    for source in district_cache.STREET_SOURCES:
        (tmp_path / source).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(district_cache.ROOT / source, tmp_path / source)
    monkeypatch.setattr(district_cache, "ROOT", tmp_path)
    key = district_cache.street_digest("district")
    assert key == district_cache.street_digest("district") != district_cache.street_digest("other")
    lights = tmp_path / "game" / "scenes" / "night_lights.py"
    lights.write_text(lights.read_text(encoding="utf-8") + "\n# a change\n", encoding="utf-8")
    assert district_cache.street_digest("district") != key
