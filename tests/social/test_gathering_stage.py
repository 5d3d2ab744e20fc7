"""A gathering in the world: the podium and sign at its speaker spot, raised hands over the right avatars.

Scene-graph checks without a window (NodePaths and TextNodes need no GPU), against the pure placement in
``game.social.gathering``.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from panda3d.core import NodePath

from game.social.avatar_mesh import Look
from game.social.gathering import KST, PODIUM_RADIUS, RAISED_HAND, SIGN_HEIGHT, hand_point, live_stage
from net.presence.codec import AvatarState
from ui.avatars.node import AvatarNode
from ui.social.stage import GatheringStage

NOW = datetime(2026, 11, 25, 14, 30, tzinfo=KST).timestamp()
STATE = {"gathering_id": 7, "title_ko": "시장과의 대화", "title_en": "Town hall with the mayor",
         "starts": "2026-11-25T14:00", "ends": "2026-11-25T15:00", "spot": [4.0, 7.5], "hands": [11], "speaker": 12}


def test_the_stage_is_on_only_within_the_scheduled_minutes():
    stage = live_stage(STATE, NOW)
    assert stage is not None and stage.spot == (4.0, 7.5) and stage.hands == {11} and stage.speaker == 12
    assert live_stage(STATE, datetime(2026, 11, 25, 15, 0, 59, tzinfo=KST).timestamp()) is not None
    assert live_stage(STATE, datetime(2026, 11, 25, 15, 1, tzinfo=KST).timestamp()) is None  # over
    assert live_stage(STATE, datetime(2026, 11, 25, 13, 59, tzinfo=KST).timestamp()) is None  # not yet
    assert live_stage(None, NOW) is None


@pytest.mark.parametrize("heading", [0.0, 90.0, 217.5])
def test_a_raised_hand_sits_above_its_avatar_where_the_pure_placement_says(heading):
    world = NodePath("world")
    raised, lowered = AvatarNode(world, Look("casual", 2, 7, 2).wire(), "Alex"), AvatarNode(world, "", "Mina")
    at = AvatarState(1.0, -2.0, 0.0, heading)
    raised.apply(at)
    lowered.apply(AvatarState(3.0, -2.0, 0.0, 0.0))
    raised.set_hand(True)
    lowered.set_hand(False)
    assert lowered.hand is None  # nothing built for someone who never raised a hand
    pos = raised.hand.getPos(world)
    assert [round(v, 4) for v in pos] == [round(v, 4) for v in hand_point(at)]
    assert pos.z == pytest.approx(RAISED_HAND[2]) and not raised.hand.isHidden()
    assert raised.hand.getTightBounds() is not None  # geometry, not an empty node
    raised.set_hand(False)  # lowered again: hidden, kept for the next time
    assert raised.hand.isHidden()


def test_the_podium_and_its_sign_stand_at_the_speaker_spot():
    world = NodePath("world")
    stage = live_stage(STATE, NOW)
    assert stage is not None
    shown = GatheringStage(world, stage)
    assert tuple(shown.root.getPos(world)) == (4.0, 7.5, 0.0)
    low, high = shown.podium.getTightBounds(world)
    assert (low.x + high.x) / 2 == pytest.approx(4.0) and (low.y + high.y) / 2 == pytest.approx(7.5)
    assert high.x - low.x >= 2 * PODIUM_RADIUS and high.z < 0.3  # a disc on the ground, not a pillar
    sign = shown.sign.getPos(world)
    assert (sign.x, sign.y) == (4.0, 7.5) and sign.z >= SIGN_HEIGHT
    assert shown.sign_text.getText().splitlines() == ["발언대 / Speaker's spot", "시장과의 대화",
                                                      "Town hall with the mayor"]
    shown.update(stage, "김서연")
    assert shown.sign_text.getText().splitlines()[-1] == "발언 중: 김서연 / Speaking: 김서연"
    assert shown.sign.getZ() > sign.z  # one more line: the sign rises so its last line stays above heads
    shown.destroy()
    assert world.find("**/gathering").isEmpty()
