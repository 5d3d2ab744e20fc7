"""The world shader's shadows (game/render/world_shader.py), measured at ``low`` on llvmpipe: a shadow's edge
fades over several pixels where one hardware tap leaves a hard step, evenly and without contour lines, and a face
nearly edge-on to a high sun is lit evenly where the plain lookup shaded it in stripes (shadow acne)."""

import statistics

import pytest

from tests.render.probe import run_probe

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def probe() -> dict:
    return run_probe("soft_shadow_probe.py", timeout=180)


def ramp(profile: list[float]) -> tuple[float, float, int]:
    """(lit level, shadow level, pixels strictly between 10 % and 90 % of the way from one to the other)."""
    lit, shade = max(profile), min(profile)
    span = lit - shade
    return lit, shade, sum(shade + 0.1 * span < v < shade + 0.9 * span for v in profile)


def test_the_edge_fades_over_several_pixels_where_one_tap_steps(probe):
    soft, hard = probe["edge"][str(probe["taps"])], probe["edge"]["1"]
    lit, shade, soft_width = ramp(soft)
    hard_lit, hard_shade, hard_width = ramp(hard)
    assert lit == pytest.approx(hard_lit, abs=2) and shade == pytest.approx(hard_shade, abs=2)  # same light, same dark
    assert lit - shade > 30, (lit, shade)  # a real shadow
    assert soft_width >= 8 and soft_width >= 3 * hard_width, (soft_width, hard_width)


def test_the_soft_edge_is_an_even_ramp(probe):
    soft = probe["edge"][str(probe["taps"])]
    lit, shade, _ = ramp(soft)
    steps = [b - a for a, b in zip(soft, soft[1:], strict=False)]
    assert max(steps) <= 1.0, "the edge goes one way only, from lit to shaded down the picture"
    assert min(steps) >= -0.25 * (lit - shade), "no pixel jumps over a quarter of the edge (taps seen one by one)"


def test_a_face_edge_on_to_a_high_sun_is_lit_evenly(probe):
    offset, plain = probe["face"]["offset"], probe["face"]["none"]
    assert statistics.pstdev(offset) < 1.0, statistics.pstdev(offset)
    # the scene does provoke acne: without the normal offset the face is striped and darker
    assert statistics.pstdev(plain) > 2.0, statistics.pstdev(plain)
    assert statistics.mean(plain) < statistics.mean(offset) - 5
