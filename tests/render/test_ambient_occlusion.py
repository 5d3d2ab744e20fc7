"""Baked ambient occlusion in pixels (see ao_probe.py): Gwanghwamun on 15 May at 14:00 KST, rendered with the
occlusion at its strength and with it off. The foot of the stone base and the first storey under the lower eave
measure darker with it; the top of the base, open to the sky, does not change; the sky is the same."""

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render

WHEN = "2026-05-15T14:00+09:00"


@pytest.fixture(scope="module")
def looks():
    return {strength: run_probe("ao_probe.py", WHEN, strength) for strength in ("0", "0.6")}


def test_the_foot_of_the_base_and_the_eaves_are_darker_with_occlusion(looks):
    off, on = looks["0"], looks["0.6"]
    for name in ("foot", "under_eave", "base_top"):
        assert off[f"{name}_on_gate"] and on[f"{name}_on_gate"], (name, off, on)
    assert on["foot"] <= 0.92 * off["foot"], (off, on)
    assert on["under_eave"] <= 0.92 * off["under_eave"], (off, on)
    assert on["base_top"] == pytest.approx(off["base_top"], rel=0.02), (off, on)
    assert on["sky"] == pytest.approx(off["sky"], rel=0.01), (off, on)
