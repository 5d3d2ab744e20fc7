"""The cloud deck's noise image (game/render/cloud_noise.py): it must tile without a seam, be the same on every
start, and hold clouds and gaps in the share the sky shader's thresholds expect."""

import numpy as np

from game.render import cloud_noise


def test_the_image_tiles_without_a_seam():
    f = cloud_noise.field()
    step = np.abs(np.diff(f, axis=0)).mean()  # the change from one row to the next inside the image
    assert np.abs(f[0] - f[-1]).mean() < 1.5 * step  # across the edge, no more than inside
    assert np.abs(f[:, 0] - f[:, -1]).mean() < 1.5 * np.abs(np.diff(f, axis=1)).mean()


def test_the_same_clouds_every_start_and_a_different_seed_moves_them():
    assert cloud_noise.texels() == cloud_noise.texels()
    assert not np.allclose(cloud_noise.field(seed=1), cloud_noise.field())


def test_values_spread_round_the_old_per_pixel_mean():
    f = cloud_noise.field()
    assert f.shape == (cloud_noise.SIZE, cloud_noise.SIZE)
    assert 0.0 <= f.min() and f.max() <= 1.0
    assert 0.42 < f.mean() < 0.54 and f.std() > 0.08
    # a fair-weather sky (cloudiness 0) shows cloud where the noise passes 0.62: some, not most
    assert 0.03 < (f > 0.62).mean() < 0.4


def test_one_byte_per_texel():
    assert len(cloud_noise.texels()) == cloud_noise.SIZE**2
