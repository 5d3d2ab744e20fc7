"""Avatars cheap in a crowd: a coarse stand-in beyond a distance, the nearest name tags only, no frozen shadows.

Scene-graph and mesh checks, no window (NodePaths, LODNodes and TextNodes need no GPU).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from panda3d.core import LODNode, NodePath

from game.render.pipeline import SUN_MASK
from game.social.avatar_mesh import OUTFITS, Look, avatar_still
from ui.avatars.distant import FAR, distant_still
from ui.avatars.node import AvatarNode
from ui.avatars.tags import cap_name_tags


def test_the_distant_stand_in_keeps_the_figure_in_a_tenth_of_the_triangles():
    for outfit in OUTFITS:
        look = Look(outfit, 2, 5, 1)
        near, far = avatar_still(look), distant_still(look)
        assert far.triangle_count * 6 < near.triangle_count
        (nlo, nhi), (flo, fhi) = near.bounds(), far.bounds()
        assert np.allclose(nlo[2], flo[2], atol=0.01) and np.allclose(nhi[2], fhi[2], atol=0.06)  # same height
        assert abs((fhi[0] - flo[0]) - (nhi[0] - nlo[0])) < 0.15  # about as wide
        # the same colours: every colour of the stand-in is one of the full avatar's
        near_colours = {tuple(np.round(c, 4)) for c in near.colors}
        assert {tuple(np.round(c, 4)) for c in far.colors} <= near_colours


def test_an_avatar_switches_to_the_stand_in_beyond_the_far_distance_and_casts_no_shadow():
    world = NodePath("world")
    avatar = AvatarNode(world, Look("casual", 1, 2, 3).wire(), "Mina")
    lod = avatar.still.node()
    assert isinstance(lod, LODNode) and lod.getNumChildren() == 2
    assert (lod.getIn(0), lod.getOut(0)) == (FAR, 0.0) and lod.getOut(1) == FAR  # near first, then far
    assert avatar.root.isHidden(SUN_MASK) and not avatar.root.isHidden(LODNode.getAllCameraMask())


@dataclass
class FakeAvatar:
    x: float
    tag_wanted: bool = True  # set_label's say: an unwanted tag is already hidden
    shown: bool = False

    def __post_init__(self) -> None:
        self.shown = self.tag_wanted

    def tag_place(self) -> tuple[float, float]:
        return self.x, 0.0

    def show_tag(self, shown: bool) -> None:
        self.shown = shown and self.tag_wanted


def test_only_the_nearest_wanted_name_tags_show():
    crowd = [FakeAvatar(float(x), tag_wanted=x != 2) for x in (9, 2, 5, 1, 7, 3)]
    assert cap_name_tags(crowd, (0.0, 0.0), cap=3) == 3
    assert {a.x for a in crowd if a.shown} == {1.0, 3.0, 5.0}  # 2 was not wanted (too near / faded)
    assert cap_name_tags(crowd[:2], (0.0, 0.0), cap=3) == 1


def test_the_cap_hides_a_real_tag_and_set_label_still_rules():
    world = NodePath("world")
    near, far = AvatarNode(world, "", "A"), AvatarNode(world, "", "B")
    far.root.setPos(10, 0, 0)
    cap_name_tags([far, near], (0.0, 0.0), cap=1)
    assert not near.tag.isHidden() and far.tag.isHidden()
    near.set_label("A", False)
    cap_name_tags([far, near], (0.0, 0.0), cap=1)
    assert near.tag.isHidden() and not far.tag.isHidden()
