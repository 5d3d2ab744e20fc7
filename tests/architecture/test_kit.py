"""The kit's parts obey the rules they are named for (reference/korean-architecture.md §1)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.architecture import palette
from game.architecture.roof import Roof, ridges, tiles
from game.architecture.stone_base import Arch, block_uvs
from game.architecture.timber import banded_beam, bracket_positions, column, grid_lines


def roof(**kw: object) -> Roof:
    args = {"hx": 12.0, "hy": 6.0, "eave_z": 10.0, "rise": 4.0, "wall_x": 9.0, "wall_y": 3.0, "lift": 0.6,
            "sweep": 0.4}
    args.update(kw)
    return Roof(**args)  # type: ignore[arg-type]


def test_corners_lift_and_reach_out_while_mid_eaves_and_ridge_stay() -> None:
    r = roof()
    pts = np.array([[12.0, -6.0, 10.0], [0.0, -6.0, 10.0], [12.0, 0.0, 10.0], [3.0, 0.0, 14.0]])
    bent = r.deform(pts)
    assert np.allclose(bent[0], [12.4, -6.4, 10.6])  # 앙곡 + 안허리곡 at the corner
    assert np.allclose(bent[1:], pts[1:])  # middle of the front eave, middle of the side eave, the ridge


def test_section_is_concave_from_22_to_45_degrees() -> None:
    r = roof(rise=0.7 * 6.0)
    eave = math.degrees(math.atan(r.slope(0.0) / r.hy))
    ridge = math.degrees(math.atan(r.slope(1.0) / r.hy))
    assert 20 < eave < 24 and 43 < ridge < 47


def test_hipped_tiles_reach_the_ridge_and_hips() -> None:
    r = roof()
    mesh = tiles(r, np.random.default_rng(0))
    top = mesh.positions[:, 2].max()
    assert r.eave_z + r.rise < top < r.eave_z + r.rise + 0.2
    near_ridge = mesh.positions[mesh.positions[:, 2] > r.eave_z + r.rise - 0.05]
    assert np.abs(near_ridge[:, 0]).max() <= r.hx - r.hy + 0.5  # the ridge is hx - hy long each way


def test_hip_and_gable_ridge_runs_to_the_gables() -> None:
    r = roof(kind="hip-and-gable", gable_x=8.0)
    lime, _ = ridges(r)
    high = lime.positions[lime.positions[:, 2] > r.eave_z + r.rise]
    assert 7.5 < np.abs(high[:, 0]).max() < 8.6


@pytest.mark.parametrize("bad", [{"kind": "dome"}, {"hx": 5.0, "hy": 6.0}])
def test_roof_rejects_bad_shapes(bad: dict) -> None:
    with pytest.raises(ValueError):
        roof(**bad)


def test_arch_voussoirs_leave_a_keystone_and_frame_is_continuous() -> None:
    a = Arch(0.0, 5.4, 5.4)
    assert (len(a.angles()) - 1) % 2 == 1
    assert math.isclose(a.spring, 2.7)
    below = a.occupied_half_width(a.spring - 1e-6)
    above = a.occupied_half_width(a.spring + 1e-6)
    assert math.isclose(below, above, rel_tol=1e-3)
    assert a.occupied_half_width(a.height + a.ring + 0.1) == 0.0


def test_column_has_entasis_widest_a_third_up() -> None:
    m = column(0.0, 0.0, 0.0, 5.0, 0.3)
    r = np.hypot(m.positions[:, 0], m.positions[:, 1])
    z = m.positions[:, 2]
    widest = z[np.argmax(r)]
    assert 1.0 < widest < 2.5
    assert r[z > 4.9].max() < r.max() * 0.9


def test_lintel_ends_carry_meoricho_bands_and_middle_is_noerok() -> None:
    m = banded_beam(0, 0.0, 6.0, (0.0, 0.0), 3.0, 0.4, 0.5)
    mid = m.colors[np.abs(m.positions[:, 0] - 3.0) < 0.9]
    ends = m.colors[m.positions[:, 0] < 1.9]
    assert np.allclose(mid[:, :3], palette.NOEROK[:3])
    assert len({tuple(np.round(c, 4)) for c in ends}) >= 4


def test_dapo_sets_stand_between_the_columns_too() -> None:
    lines = grid_lines([4.4, 4.9, 5.5, 4.9, 4.4])
    sets = bracket_positions(lines)
    assert set(lines) <= set(sets) and len(sets) >= 2 * len(lines)


def test_tile_strips_span_one_texture_column() -> None:
    u = tiles(roof(), np.random.default_rng(0)).uvs[:, 0]
    assert u.min() >= 0.0 and u.max() <= 0.3 + 1e-6


def test_ashlar_blocks_map_inside_one_texture_block() -> None:
    """The granite texture's joints (rows every 0.6 m, staggered columns every 1.2 m) never cross a stone."""
    rng = np.random.default_rng(3)
    lo = rng.uniform(-5, 5, (50, 2))
    size = rng.uniform(0.4, 1.6, (50, 2))
    quads = np.stack([lo, lo + size * [1, 0], lo + size, lo + size * [0, 1]], axis=1)
    uv = block_uvs(quads, np.random.default_rng(4))
    row = np.floor(uv[..., 1] / 0.6)
    assert (row == row[:, :1]).all()
    col = np.floor((uv[..., 0] + 0.6 * (row % 2)) / 1.2)
    assert (col == col[:, :1]).all()


def test_vectorised_boxes_match_mesh_box() -> None:
    from game.architecture.mesh import box
    from game.architecture.primitives import boxes

    one = box((1.0, 2.0, 3.0), (4.0, 5.0, 6.0), (0.1, 0.2, 0.3, 1.0))
    many = boxes([[1.0, 2.0, 3.0], [2.0, 2.0, 2.0]], [[4.0, 5.0, 6.0], [0.0, 0.0, 0.0]], [[0.1, 0.2, 0.3, 1.0]] * 2)
    assert many.triangle_count == 2 * one.triangle_count
    for field in ("positions", "normals", "uvs", "colors"):
        assert np.allclose(getattr(many, field)[:24], getattr(one, field))
