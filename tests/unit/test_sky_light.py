"""The sky's light (game/render/sky_light.py): cube map geometry, spherical harmonics, and the ambient it keeps."""

import datetime as dt
import math

import numpy as np
import pytest

from game.config import KST
from game.render import sky_light, sky_model
from game.render.lighting import rig_for
from game.sun import solar_position

UP, DOWN = (0.0, 0.0, 1.0), (0.0, 0.0, -1.0)


def test_texel_directions_are_unit_and_face_centres_are_the_axes_in_gl_order():
    dirs = sky_light.cube_directions(2)
    assert np.allclose(np.linalg.norm(dirs, axis=-1), 1.0)
    centres = sky_light.cube_directions(1)[:, 0, 0]
    assert np.allclose(centres, [(1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1)])
    # GL's table for +X: s runs towards −Z, t towards −Y (rows are t, columns s)
    plus_x = sky_light.cube_directions(4)[0]
    assert plus_x[0, 3, 2] < plus_x[0, 0, 2] and plus_x[3, 0, 1] < plus_x[0, 0, 1]


def test_texel_solid_angles_cover_the_sphere():
    for size in (1, 4, 16):
        assert sky_light.solid_angles(size).sum() * 6 == pytest.approx(4 * math.pi)


def _irradiance_of(radiance) -> np.ndarray:
    dirs = sky_light.cube_directions(16).reshape(-1, 3)
    weights = np.tile(sky_light.solid_angles(16).reshape(-1), 6)
    return sky_light.irradiance_sh(dirs, np.asarray([radiance(d) for d in dirs], float), weights)


def test_a_uniform_sky_lights_every_face_with_pi_times_its_radiance():
    sh = _irradiance_of(lambda d: (0.3, 0.2, 0.1))
    for n in (UP, DOWN, (1, 0, 0), (0, -1, 0), (0.6, 0.0, 0.8)):
        assert sky_light.irradiance(sh, n) == pytest.approx([0.3 * math.pi, 0.2 * math.pi, 0.1 * math.pi], rel=1e-3)


def test_a_bright_upper_hemisphere_lights_the_upward_face_as_lambert_says():
    """Radiance 1 above the horizon, 0 below: E(up) = π, E(down) ≈ 0 and a wall π/2 (nine coefficients carry a
    hemisphere to within a few per cent)."""
    sh = _irradiance_of(lambda d: (1.0, 1.0, 1.0) if d[2] > 0 else (0.0, 0.0, 0.0))
    assert sky_light.irradiance(sh, UP)[0] == pytest.approx(math.pi, rel=0.05)
    assert sky_light.irradiance(sh, (1, 0, 0))[0] == pytest.approx(math.pi / 2, rel=0.05)
    assert abs(sky_light.irradiance(sh, DOWN)[0]) < 0.1


def _light_at(when: dt.datetime, cloudiness: float = 0.0):
    pos = solar_position(when)
    rig = rig_for(pos)
    state = sky_model.sky_state(pos.elevation)
    light = sky_light.sky_light(lambda v: sky_model.sky_radiance(state, v, pos.direction()), rig.ambient,
                                rig.key_colour, rig.sun_dir[2], rig.night, cloudiness)
    return pos, rig, light


@pytest.mark.parametrize("when", [dt.datetime(2026, 5, 15, 10, 0), dt.datetime(2026, 12, 21, 9, 30)])
def test_by_day_an_upward_face_keeps_the_days_ambient_and_walls_see_the_sun_side_of_the_sky(when):
    pos, rig, light = _light_at(when.replace(tzinfo=KST))
    up = np.asarray(light.flat_ambient) + sky_light.irradiance(light.sh, UP) / math.pi
    assert up == pytest.approx(rig.ambient, rel=0.03)  # the ground's shadows keep their contrast
    assert light.flat_ambient == pytest.approx([c * (1 - sky_light.SKY_SHARE) for c in rig.ambient])
    sx, sy, _ = pos.direction()
    horiz = math.hypot(sx, sy)
    towards, away = (sx / horiz, sy / horiz, 0.0), (-sx / horiz, -sy / horiz, 0.0)
    assert sky_light.irradiance(light.sh, towards)[0] > 1.2 * sky_light.irradiance(light.sh, away)[0]


def test_after_dark_the_ambient_stays_flat_and_the_sky_adds_nothing():
    _, rig, light = _light_at(dt.datetime(2026, 12, 1, 22, 0, tzinfo=KST))
    assert rig.night == 1.0
    assert light.flat_ambient == pytest.approx(rig.ambient)
    assert np.abs(light.sh).max() < 1e-9
    assert all(np.abs(level).max() < 1e-9 for level in light.levels)


def test_the_prefiltered_levels_halve_down_to_one_texel_and_blur_as_they_go():
    _, _, light = _light_at(dt.datetime(2026, 5, 15, 10, 0, tzinfo=KST))
    sizes = [level.shape[1] for level in light.levels]
    assert sizes == [16, 8, 4, 2, 1] and len(sizes) == sky_light.level_count()
    assert all(level.shape == (6, n, n, 3) for level, n in zip(light.levels, sizes, strict=True))
    spread = [float(level[4].std()) for level in light.levels[:4]]  # the +Z face: the sky overhead
    assert spread == sorted(spread, reverse=True)
    ground = light.levels[0][5].reshape(-1, 3)  # the −Z face: the sunlit ground, one grey all round
    assert np.allclose(ground, ground[0]) and ground[0][0] > 0


def test_cloud_greys_the_sky_light_over():
    _, _, clear = _light_at(dt.datetime(2026, 5, 15, 10, 0, tzinfo=KST))
    _, _, overcast = _light_at(dt.datetime(2026, 5, 15, 10, 0, tzinfo=KST), cloudiness=0.9)

    def spread(light):  # how much brighter the bright side of the sky is than the dim one
        walls = [sky_light.irradiance(light.sh, (math.cos(a), math.sin(a), 0.0))[1] for a in np.linspace(0, 6, 12)]
        return max(walls) / min(walls)

    assert spread(overcast) < spread(clear)


def test_reflections_show_the_sky_as_bright_as_the_dome_draws_it():
    when = dt.datetime(2026, 5, 15, 10, 0, tzinfo=KST)
    pos, _, light = _light_at(when)
    state = sky_model.sky_state(pos.elevation)
    dirs = sky_light.cube_directions(sky_light.FACE_SIZE)
    for face, row, col in ((4, 3, 9), (0, 2, 5), (2, 12, 6)):  # overhead, and two views above the horizon
        view = tuple(float(v) for v in dirs[face, row, col])
        assert view[2] > 0
        assert light.levels[0][face, row, col] == pytest.approx(sky_model.sky_radiance(state, view, pos.direction()))
