"""The lecture player: slides in order by their own lengths, none dropped by a long step, attendance counts."""

from __future__ import annotations

from game.spaces import catalogue
from game.spaces.lecture import LecturePlayer


def lecture():
    return catalogue.load_citizens_university().lecture


def test_slides_begin_in_order_at_their_times() -> None:
    lec = lecture()
    player = LecturePlayer(lec)
    began: list[tuple[float, int]] = []
    t = 0.0
    while not player.finished:
        t += 0.25  # a frame length exact in binary: the times compare exactly
        began += [(t, k) for k in player.advance(0.25)]
    starts, total = [], 0.0
    for slide in lec.slides[:-1]:
        total += slide.seconds
        starts.append(total)
    assert began == list(zip(starts, range(1, len(lec.slides)), strict=True))
    assert player.seen == len(lec.slides) and t == sum(s.seconds for s in lec.slides)
    assert player.advance(5.0) == [], "nothing after the end"


def test_a_long_step_drops_no_slide_and_skip_moves_on() -> None:
    player = LecturePlayer(lecture())
    assert player.advance(11.5) == [1, 2]
    assert player.skip() == [3] and player.seen == 4 and not player.finished
    assert player.skip() == [] and player.finished


def test_leaving_early_reports_only_the_slides_seen() -> None:
    player = LecturePlayer(lecture())
    player.advance(7.0)
    assert (player.index, player.seen, player.finished) == (1, 2, False)
