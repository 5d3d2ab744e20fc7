"""Config from flags, the string catalogue, the landmark catalogue and the city layout (all pure)."""

import copy
import json
import math

import pytest

from game.city import blocks, streets
from game.config import ConfigError, config_from_args, parse_location, parse_size, parse_when
from game.landmarks import catalogue
from game.landmarks.views import view_for
from game.text import i18n


def test_flags_build_a_frozen_config():
    c = config_from_args(["--offscreen", "--size", "640x360", "--tour", "out", "--lang", "en",
                          "--alert", "a.xml", "--alert", "b.xml", "--location", "37.57,126.98"])
    assert c.offscreen and c.size == (640, 360) and c.language == "en" and c.batch
    assert [p.name for p in c.alerts] == ["a.xml", "b.xml"] and c.location == (37.57, 126.98)
    with pytest.raises(AttributeError):
        c.size = (1, 1)  # type: ignore[misc]


def test_prc_variables_give_defaults_and_flags_win():
    from panda3d.core import loadPrcFileData, unloadPrcFile

    page = loadPrcFileData("test", "mseoul-language en\nmseoul-quality low")
    try:
        assert config_from_args([]).language == "en"
        assert config_from_args([]).quality == "low"
        assert config_from_args(["--lang", "ko"]).language == "ko"
    finally:
        unloadPrcFile(page)


@pytest.mark.parametrize("bad", ["640", "0x360", "axb", "99999x10"])
def test_bad_size_is_explained(bad):
    with pytest.raises(ConfigError, match="--size"):
        parse_size(bad)


def test_bad_location_and_time_are_explained():
    with pytest.raises(ConfigError, match="LAT,LON"):
        parse_location("north")
    with pytest.raises(ConfigError, match="latitude"):
        parse_location("137,126")
    assert parse_when("2026-06-21T12:00").utcoffset().total_seconds() == 9 * 3600
    with pytest.raises(ConfigError, match="ISO 8601"):
        parse_when("noon")


def test_every_string_has_both_languages_and_formats():
    cat = i18n.load()
    assert cat and all(set(v) == {"ko", "en"} for v in cat.values())
    assert "3/15" in i18n.text("app.baking", "en", done=3, total=15, name="tile")
    with pytest.raises(KeyError):
        i18n.text("app.nothing", "ko")


def test_catalogue_ids_are_exact_and_validated():
    lms = catalogue.load()
    assert tuple(lms) == catalogue.LANDMARK_IDS
    data = json.loads(catalogue.CATALOGUE_PATH.read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    broken["landmarks"][0]["lat"] = 51.5
    with pytest.raises(catalogue.CatalogueError, match="not in Korea"):
        catalogue.parse(broken)
    broken = copy.deepcopy(data)
    del broken["landmarks"][3]
    with pytest.raises(catalogue.CatalogueError, match="lacks landmarks: deoksugung"):
        catalogue.parse(broken)


def test_sejong_and_yi_statues_are_about_210_m_apart():
    p = catalogue.load()["gwanghwamun-square"].params
    assert p["sejong"]["north_offset"] - p["yi"]["north_offset"] == pytest.approx(210, abs=10)


def test_tour_views_look_at_each_landmark_from_its_front():
    for lm in catalogue.load().values():
        v = view_for(lm, 20.0)
        fx, fy = math.sin(math.radians(lm.heading)), math.cos(math.radians(lm.heading))
        to_cam = (v.camera[0] - v.target[0], v.camera[1] - v.target[1])
        assert to_cam[0] * fx + to_cam[1] * fy > 0, lm.id  # camera stands on the front side


def test_blocks_keep_off_streets_and_landmarks():
    st, areas = streets.load()
    lms = catalogue.load().values()
    city = blocks.generate(st, areas, [(lm.local, lm.footprint, lm.heading) for lm in lms])
    assert len(city) > 500
    again = blocks.generate(st, areas, [(lm.local, lm.footprint, lm.heading) for lm in lms])
    assert city == again  # deterministic
    import numpy as np

    corners = np.array([[b.x + sx * b.width / 2, b.y + sy * b.depth / 2] for b in city for sx in (-1, 1)
                        for sy in (-1, 1)])
    for s in st:
        assert streets.distance_to_polyline(s.points, corners).min() > s.width / 2, s.id
    for lm in lms:
        assert not any(math.dist(lm.local, (b.x, b.y)) < min(lm.footprint) / 2 for b in city), lm.id
