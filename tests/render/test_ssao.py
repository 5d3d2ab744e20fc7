"""Screen-space ambient occlusion (the GPU presets; forced on here at low): the foot of a block darkens, open
ground, the block's face above reach and the sky do not (game/render/ssao.py)."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def probe() -> dict:
    return run_probe("ssao_probe.py", timeout=120)


def test_the_foot_of_a_block_darkens(probe):
    foot = probe["foot"]
    assert foot["with"] < foot["without"] * 0.97, foot


@pytest.mark.parametrize("spot", ["open_ground", "face", "sky"])
def test_what_nothing_surrounds_keeps_its_light(probe, spot):
    assert probe[spot]["with"] == pytest.approx(probe[spot]["without"], rel=0.01), probe[spot]
