"""Which level of detail a building shows, and the far version's geometry. Pure."""

import pytest

from game.architecture.builders import build_landmark
from game.landmarks import catalogue
from game.render import lod


def test_distance_is_to_the_nearest_point_of_the_box():
    lo, hi = (-10.0, -5.0, 0.0), (10.0, 5.0, 20.0)
    assert lod.box_distance((0.0, 0.0, 1.0), lo, hi) == 0.0
    assert lod.box_distance((13.0, 9.0, 1.0), lo, hi) == pytest.approx(5.0)
    assert lod.box_distance((0.0, -25.0, 30.0), lo, hi) == pytest.approx((20**2 + 10**2) ** 0.5)


def test_hysteresis_keeps_the_level_at_the_threshold():
    far = False
    walk = [80.0, 95.0, 100.0, 105.0, 95.0, 85.0, 80.0, 95.0]
    shown = []
    for d in walk:
        far = lod.far_detail(far, d, far=90.0, band=0.1)
        shown.append(far)
    # out past 99 m to switch to far; back in within 81 m to switch to full again
    assert shown == [False, False, True, True, True, True, False, False]


@pytest.mark.parametrize("landmark_id", ["gwanghwamun", "sungnyemun", "bosingak", "deoksugung", "donuimun"])
def test_far_version_keeps_the_outline_in_a_third_of_the_triangles(landmark_id):
    building = build_landmark(catalogue.load()[landmark_id])
    far = building.far_parts
    assert far and set(far) == set(building.parts)
    assert sum(m.triangle_count for m in far.values()) < 0.35 * building.triangle_count
    lo, hi = building.bounds()
    flo = [min(m.bounds()[0][i] for m in far.values()) for i in range(3)]
    fhi = [max(m.bounds()[1][i] for m in far.values()) for i in range(3)]
    assert flo == pytest.approx(list(lo), abs=0.15) and fhi == pytest.approx(list(hi), abs=0.15)
    for material in ("paving", "lime"):  # what has no shell is the very same mesh
        assert far[material].triangle_count == building.parts[material].triangle_count
