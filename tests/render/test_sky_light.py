"""The sky-light cube map reaches the GPU as game/render/sky_light.py lays it out (face order, rows, columns and
channels): sampled along texel-centre directions in its own process."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render


def test_the_gpu_reads_each_texel_along_its_own_direction():
    samples = run_probe("sky_light_probe.py")["samples"]
    assert len(samples) == 18
    for s in samples:
        assert s["read"] == pytest.approx(s["expected"], abs=2.5 / 255), s
