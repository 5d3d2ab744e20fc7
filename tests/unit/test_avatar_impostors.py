"""Far visitors as pictures: the stage switches with hysteresis, the atlas frame for a view, the atlas itself."""

import math

import numpy as np
import pytest

from game.social.avatar_mesh import OUTFITS
from ui.avatars import impostor
from ui.avatars.distant import FAR
from ui.avatars.slots import FIXED, SLOTS, slotted


def test_a_new_visitor_takes_the_stage_of_its_distance():
    assert [impostor.stage(None, d) for d in (5.0, FAR + 0.1, impostor.IMPOSTOR + 0.1, 500.0)] == [0, 1, 2, 2]


def test_a_stage_changes_only_past_the_band():
    at = impostor.IMPOSTOR
    assert impostor.stage(1, at + 0.5 * impostor.BAND) == 1  # just past the switch: stays a mesh
    assert impostor.stage(1, at + 1.1 * impostor.BAND) == 2
    assert impostor.stage(2, at - 0.5 * impostor.BAND) == 2  # back a little: stays a picture
    assert impostor.stage(2, at - 1.1 * impostor.BAND) == 1
    assert impostor.stage(2, 3.0) == 0 and impostor.stage(0, 300.0) == 2  # a jump crosses both switches
    # walking to and fro across the switch by less than the band never flickers
    stages = set()
    level = impostor.stage(None, at - 0.2)
    for i in range(50):
        level = impostor.stage(level, at + 0.9 * impostor.BAND * math.sin(i))
        stages.add(level)
    assert stages == {1}


@pytest.mark.parametrize("heading", [0.0, 33.0, 90.0, 200.0, -135.0])
def test_the_frame_is_the_view_nearest_to_the_camera_in_the_visitors_frame(heading):
    h = math.radians(heading)
    for k in range(impostor.VIEWS):
        for off in (-20.0, 0.0, 20.0):  # within half of the 45° between views
            a = 2 * math.pi * k / impostor.VIEWS + math.radians(off)
            local = (math.cos(a), math.sin(a))
            world = (math.cos(h) * local[0] - math.sin(h) * local[1], math.sin(h) * local[0] + math.cos(h) * local[1])
            assert impostor.view_frame(heading, world) == k


@pytest.mark.parametrize("outfit", OUTFITS)
def test_the_atlas_shows_the_figure_from_each_side_with_its_slots(outfit):
    mesh = slotted(outfit, True)
    atlas = impostor.build_atlas(mesh)
    wide, tall = impostor.FRAME_TEXELS
    assert atlas.albedo.shape == atlas.normal_slot.shape == (tall, wide * impostor.VIEWS, 4)
    (lo, hi) = mesh.bounds()
    for k in range(impostor.VIEWS):
        cover = atlas.coverage[:, k * wide:(k + 1) * wide]
        rows = np.flatnonzero(cover.any(axis=1))
        # as tall as the figure, from the ground (rows are bottom-up), to a texel
        assert rows[0] == 0 and abs((rows[-1] + 1) / impostor.TEXELS_PER_METRE - hi[2]) <= 1 / impostor.TEXELS_PER_METRE
        cols = np.flatnonzero(cover.any(axis=0))
        width = (cols[-1] + 1 - cols[0]) / impostor.TEXELS_PER_METRE
        assert 2 * 0.85 * max(-lo[0], hi[0]) - 0.07 <= width <= (hi[0] - lo[0]) + 0.07  # a 6-sided lathe's width
    slots = np.round(atlas.normal_slot[..., 3][atlas.coverage] / 255 * 4).astype(int)
    assert set(slots) <= set(range(SLOTS)) and FIXED in set(slots) and len(set(slots)) >= 3
    normals = atlas.normal_slot[..., :3][atlas.coverage] / 255 * 2 - 1
    assert np.allclose(np.linalg.norm(normals, axis=1), 1.0, atol=0.03)
    assert not atlas.albedo[..., 3][~atlas.coverage].any()  # nothing outside the figure


def test_the_front_frame_shows_the_face_and_the_back_frame_the_hair():
    atlas = impostor.outfit_atlas("casual")
    wide, tall = impostor.FRAME_TEXELS
    slot = np.round(atlas.normal_slot[..., 3] / 255 * 4).astype(int)
    head = int(1.55 * impostor.TEXELS_PER_METRE)  # HEAD_PIVOT's height, the middle column of a frame
    front, back = impostor.VIEWS // 4, 3 * impostor.VIEWS // 4  # seen from +Y (it faces +Y) and from -Y
    assert slot[head, front * wide + wide // 2] != FIXED  # skin
    assert slot[head, back * wide + wide // 2] == FIXED  # hair


def test_the_crowd_draws_a_visitor_walking_away_as_a_picture_and_back_with_hysteresis():
    from panda3d.core import NodePath

    from ui.avatars.crowd import Crowd

    crowd = Crowd(NodePath("world"))
    visitor = object()

    def drawn_at(distance: float) -> list[int]:
        crowd.place(visitor, "hanbok", 0.0, distance, 0.0, 0.0)
        crowd.flush((0.0, 0.0))
        return [level for (outfit, level), layer in crowd.layers.items() if layer.count]

    assert drawn_at(5.0) == [0]
    assert drawn_at(impostor.IMPOSTOR + 0.5) == [1]  # within the band: still the coarse mesh
    assert drawn_at(impostor.IMPOSTOR + 1.5) == [2]
    assert drawn_at(impostor.IMPOSTOR - 0.5) == [2]  # and back within the band: still a picture
    assert drawn_at(impostor.IMPOSTOR - 1.5) == [1]
    picture = crowd.layers[("hanbok", 2)].node
    assert picture.getShader() is not None and picture.getShaderInput("albedo").getTexture() is not None
    crowd.destroy()
