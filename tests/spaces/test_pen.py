"""The whiteboard pen's strokes: a still hand adds nothing, a long stroke goes out in joined pieces within the
protocol's limit, and the keyboard pen draws only while it is down and never off the board."""

from __future__ import annotations

import pytest

from game.scenes.room_presence import place
from game.spaces.pen import GAP, KEY_STEP, KeyPen, Stroke
from net.protocol import MAX_STROKE_POINTS


def test_a_drag_drops_still_points_and_a_click_sends_nothing() -> None:
    sent: list[list] = []
    stroke = Stroke(sent.append)
    stroke.down((0.2, 0.2))
    stroke.up()
    assert sent == [], "a click without a drag is no stroke"
    stroke.down((0.2, 0.2))
    stroke.move((0.2 + GAP / 2, 0.2))
    stroke.move((0.3, 0.25))
    stroke.move((1.4, -0.2))  # dragged off the board: held at its edge
    stroke.up()
    assert sent == [[(0.2, 0.2), (0.3, 0.25), (1.0, 0.0)]]
    stroke.move((0.5, 0.5))
    assert not stroke.drawing and len(sent) == 1, "no ink after the button is up"


def test_a_long_stroke_goes_out_in_pieces_that_join() -> None:
    sent: list[list] = []
    stroke = Stroke(sent.append)
    stroke.down((0.0, 0.5))
    for k in range(1, 600):
        stroke.move((k / 600, 0.4 + 0.2 * (k % 2)))  # a zigzag: every point a step from the last
    stroke.up()
    assert all(2 <= len(piece) <= MAX_STROKE_POINTS for piece in sent) and len(sent) == 3
    for a, b in zip(sent, sent[1:], strict=False):
        assert b[0] == a[-1], "each piece starts where the last ended"
    assert sum(len(p) for p in sent) - (len(sent) - 1) == 600


def test_the_keyboard_pen_draws_only_while_down_and_stays_on_the_board() -> None:
    sent: list[list] = []
    pen = KeyPen(sent.append)
    assert pen.key("arrow_right") and pen.cursor == (0.5 + KEY_STEP, 0.5)
    assert not pen.key("q")
    pen.toggle()
    for _ in range(3):
        pen.key("arrow_up")
    pen.toggle()
    assert len(sent) == 1
    assert [c for p in sent[0] for c in p] == pytest.approx([c for k in range(4) for c in (0.5 + KEY_STEP,
                                                                                          0.5 + KEY_STEP * k)])
    for _ in range(100):
        pen.key("arrow_left")
    assert pen.cursor[0] == 0.0
    pen.toggle()
    pen.key("arrow_down")
    pen.lift()
    assert len(sent) == 2 and not pen.down, "leaving keeps the stroke in progress"


def test_visitors_in_a_room_stand_apart_facing_the_viewpoint() -> None:
    camera, target = (0.0, 0.0, 1.7), (0.0, 10.0, 1.5)
    spots = [place(camera, target, k) for k in range(7)]
    xs = sorted(s.x for s in spots)
    assert all(b - a > 0.8 for a, b in zip(xs, xs[1:], strict=False)), "nobody inside anybody else"
    assert all(abs(s.y - 3.0) < 1e-9 for s in spots), "in a row in front of the viewpoint"
    assert all(abs(s.heading - 180.0) < 1e-9 for s in spots), "facing back towards the viewer (-y)"
