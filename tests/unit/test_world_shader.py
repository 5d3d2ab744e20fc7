"""The world shader's source assembly (game/render/world_shader.py): defines after the version line, the filter
disc written out as GLSL, one shader per combination."""

import pytest

from game.render import world_shader as ws


def test_defines_follow_the_version_line():
    out = ws.with_defines("#version 330\nvoid main() {}\n", {"SHADOW_TAPS": "4", "ENABLE_FOG": "1"})
    lines = out.splitlines()
    assert lines[0] == "#version 330"
    assert lines[1:3] == ["#define SHADOW_TAPS 4", "#define ENABLE_FOG 1"]
    assert lines[3] == "#line 2"  # compiler messages keep the file's own line numbers
    with pytest.raises(ValueError):
        ws.with_defines("void main() {}\n", {})


def test_the_disc_is_written_only_for_more_than_one_tap():
    one = ws.defines(normal_maps=False, occlusion_maps=True, fog=False, taps=1)
    assert one == {"SHADOW_TAPS": "1", "USE_OCCLUSION_MAP": "1"}
    twelve = ws.defines(normal_maps=True, occlusion_maps=True, fog=True, taps=12)
    assert twelve["SHADOW_DISC"].count("vec2(") == 12
    assert {"USE_NORMAL_MAP", "ENABLE_FOG"} <= twelve.keys()


def test_presets_take_more_taps_as_they_go_up():
    assert ws.SHADOW_TAPS["low"] < ws.SHADOW_TAPS["medium"] <= ws.SHADOW_TAPS["high"]
    assert ws.SHADOW_TAPS["low"] > 1
