"""The flat ground in the rain (game/scenes/streetscape.weather_ground): glossier the wetter, its own again when dry.
Scene-graph state only; the looks are measured from pixels in tests/render/test_weather.py."""

import pytest
from panda3d.core import Material, NodePath

from game.scenes import streetscape
from game.scenes.district_cache import MATERIAL_TAG
from game.weather import weather


def _district() -> NodePath:
    """The flat nodes, and a paving child under the square carrying its own material as the district's do."""
    root = NodePath("district")
    for name in streetscape.FLAT:
        root.attachNewNode(name)
    paving = root.attachNewNode("square").attachNewNode("square:paving")
    paving.setTag(MATERIAL_TAG, "paving")
    paving.setMaterial(Material("paving"), 1)
    return root


def test_rain_makes_the_flat_ground_glossy_and_clear_weather_gives_it_back_its_materials():
    root = _district()
    streetscape.weather_ground(root, weather("rain"))
    for name in streetscape.FLAT:
        node = root.find(name)
        assert node.hasMaterial(), name
        rain = weather("rain").wet
        assert node.getMaterial().getRoughness() == pytest.approx(1.0 + (streetscape.WET_ROUGHNESS - 1.0) * rain)
        assert node.getMaterial().getRoughness() < 1.0
    streetscape.weather_ground(root, weather("clear"))
    assert not any(root.find(name).hasMaterial() or root.find(name).hasColorScale() for name in streetscape.FLAT)
    assert root.find("**/square:paving").getMaterial().getName() == "paving"  # the materials' own stay put


def test_a_dry_day_leaves_the_ground_as_its_materials_make_it():
    root = _district()
    for name in ("clear", "cloudy", "snow", "clear"):
        streetscape.weather_ground(root, weather(name))
        assert not any(root.find(n).hasMaterial() for n in streetscape.FLAT), name
        assert root.find("**/square:paving").getMaterial().getName() == "paving", name
