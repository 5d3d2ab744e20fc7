"""Every world-shader variant a preset can ask for compiles and draws on llvmpipe, though the software renderer
itself only ever runs ``low``'s: the GPU presets' taps, normal maps and fog are otherwise first compiled on a
visitor's machine (see shader_variants_probe.py)."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def variants() -> dict:
    return run_probe("shader_variants_probe.py", timeout=120)


def test_every_variant_compiles_and_draws(variants):
    assert len(variants) == 12
    assert all(v["drawn"] for v in variants.values()), variants


def test_a_plain_sunlit_card_looks_the_same_in_every_variant(variants):
    lumas = [v["luma"] for v in variants.values()]
    assert max(lumas) - min(lumas) <= 1.0, variants
