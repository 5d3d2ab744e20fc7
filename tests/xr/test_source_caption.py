"""A sound's caption in the headset, on bare nodes (no runtime): while the bell is in view its caption floats
above it at a constant angular size; when the visitor turns away it moves to the head-locked panel with an arrow
pointing the way to turn; the caption style (size, colour, backing, top or bottom) applies to both."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from panda3d.core import NodePath

from game.caption_style import COLOURS, CaptionStyle
from game.xr import caption_place
from game.xr.caption import SourceCaption
from ui.alerts.theme import to_linear

STYLE = CaptionStyle(size=1.5, colour="cyan", background=0.8, position="top")


class Tasks:
    def __init__(self):
        self.tasks = {}

    def add(self, fn, name, **_):
        self.tasks[name] = fn
        return name

    def remove(self, name):
        self.tasks.pop(name)


@pytest.fixture
def scene():
    world = NodePath("world")
    head = world.attachNewNode("head")
    head.setPos(0, 0, 1.6)
    panel = head.attachNewNode("panel")
    panel.setPos(0, 1.2, -0.15)  # as the rig's head-locked panel
    panel.setScale(0.18)
    bell = world.attachNewNode("bell")
    bell.setPos(0, 30, 7.5)
    base = SimpleNamespace(taskMgr=Tasks())
    return SimpleNamespace(world=world, head=head, panel=panel, bell=bell, base=base,
                           caption=SourceCaption(base, panel, bell, None, STYLE))


def test_in_view_the_caption_floats_above_its_source_at_a_constant_angular_size(scene) -> None:
    scene.caption.show("[보신각 · Bosingak] 종소리 1/33 · bell 1/33")
    c = scene.caption
    assert c.in_world and not c.world.isHidden() and c.panel.isHidden()
    distance = scene.bell.getPos(scene.head).length()
    assert c.world.getScale()[0] == pytest.approx(caption_place.world_scale(distance) * STYLE.size, rel=1e-4)
    at = c.world.getPos(scene.world)
    assert (at.x, at.y) == pytest.approx((0, 30)) and at.z > 7.5
    text = c.world.node()
    assert tuple(text.getTextColor())[:3] == pytest.approx(to_linear(COLOURS["cyan"]))
    assert tuple(text.getCardColor()) == pytest.approx((0, 0, 0, 0.8))


@pytest.mark.parametrize(("heading", "arrow"), [(180, 180.0), (90, 90.0), (-90, -90.0)])
def test_out_of_view_it_is_head_locked_with_an_arrow_the_way_to_turn(scene, heading, arrow) -> None:
    c = scene.caption
    c.show("[수문장 교대식 · Guard ceremony] 북소리 · drum")
    scene.bell.setZ(1.6)  # at eye height: the arrow points only sideways (or down, dead behind)
    scene.head.setH(heading)  # turned away (Panda3D's heading: positive turns left)
    scene.base.taskMgr.tasks["xr-caption-place"](SimpleNamespace(cont="cont"))
    assert not c.in_world and c.world.isHidden() and not c.panel.isHidden()
    assert c.arrow.getR() % 360 == pytest.approx(arrow % 360, abs=1.0)
    assert c.panel.getZ() > 0  # the style puts free-standing captions at the top
    line = c.panel.getScale()[0] * 0.18  # a text line's height in metres, 1.2 m from the eye
    assert line == pytest.approx(caption_place.world_scale(1.2) * STYLE.size)
    assert tuple(c.panel.node().getTextColor())[:3] == pytest.approx(to_linear(COLOURS["cyan"]))
    c.hide()
    assert c.world.isHidden() and c.panel.isHidden()
    c.destroy()
    assert scene.base.taskMgr.tasks == {}
