"""Session life-cycle bookkeeping and the Panda3D collision query for the teleport arc (no runtime needed)."""

import pytest
import xr
from panda3d.core import CollisionBox, CollisionNode, CollisionPlane, NodePath, Plane, Point3, Vec3

from game.xr.arc import cast_arc, sample_arc
from game.xr.collision import panda_segment_query
from game.xr.session import Session


def _bare_session() -> Session:
    """A Session with only its bookkeeping: the state handlers below make no OpenXR calls."""
    s = Session.__new__(Session)
    s.state, s.states_seen = xr.SessionState.IDLE, []
    s.running, s.done, s.lost, s.exit_requested = True, False, False, False
    return s


def test_loss_pending_stops_rendering_and_ends_the_run():
    s = _bare_session()
    s._on_state(xr.SessionState.LOSS_PENDING)
    assert (s.running, s.done, s.lost) == (False, True, True)
    assert s.states_seen == ["LOSS_PENDING"]


def test_exiting_ends_the_run_without_loss():
    s = _bare_session()
    s.running = False
    s._on_state(xr.SessionState.EXITING)
    assert (s.done, s.lost) == (True, False)


def test_focus_is_only_the_focused_state():
    s = _bare_session()
    for state, focused in ((xr.SessionState.VISIBLE, False), (xr.SessionState.FOCUSED, True)):
        s._on_state(state)
        assert s.focused is focused


def _world() -> NodePath:
    world = NodePath("world")
    ground = CollisionNode("ground")
    ground.add_solid(CollisionPlane(Plane(Vec3(0, 0, 1), Point3(0, 0, 0))))
    world.attach_new_node(ground)
    wall = CollisionNode("wall")
    wall.add_solid(CollisionBox(Point3(-5, 6, 0), Point3(5, 7, 10)))
    world.attach_new_node(wall)
    return world


def test_collision_query_finds_ground_and_rejects_walls():
    query = panda_segment_query(_world())
    near = cast_arc(sample_arc((0, 0, 1.3), (0, 1, 0.1), speed=4), query)
    assert near.valid and near.hit.point[2] == pytest.approx(0, abs=1e-4) and near.hit.point[1] < 6
    far = cast_arc(sample_arc((0, 0, 1.3), (0, 1, 0.3), speed=10), query)
    assert far.hit is not None and far.hit.point[1] == pytest.approx(6, abs=1e-3) and not far.valid
    assert query((0, 0, 5), (0, 1, 5)) is None


class _Runtime:
    """A backend's haptics and focus, as the driver sees them."""

    def __init__(self) -> None:
        self.focused, self.pulses = False, []

    def haptic(self, hand: str, amplitude: float, duration_s: float) -> None:
        self.pulses.append(hand)


def _bare_driver():
    from game.xr.driver import XrDriver

    d = XrDriver.__new__(XrDriver)
    d.backend, d.events, d.frame_index, d._held_haptic = _Runtime(), [], 0, None
    return d


def test_an_alerts_pulse_out_of_focus_waits_for_focus_and_others_are_dropped():
    d = _bare_driver()
    d.haptic("both", 0.5, 0.05)  # a teleport's landing, out of focus: gone
    d.haptic("both", hold=True)  # an alert's, out of focus: kept
    d.give_held_haptic()
    assert d.backend.pulses == []  # still out of focus
    d.backend.focused, d.frame_index = True, 7
    d.give_held_haptic()
    assert d.backend.pulses == ["/user/hand/left", "/user/hand/right"]
    assert [e["frame"] for e in d.events] == [7, 7]
    d.give_held_haptic()  # given once
    assert len(d.backend.pulses) == 2
