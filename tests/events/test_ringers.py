"""The hub's ringer queue (net/hub/ringers.py): one visitor per strike, absent visitors' strikes rung automatically."""

from __future__ import annotations

import pytest

from net.hub.ringers import AUTO, VISITOR, YOU, ClaimRefused, RingerQueue

BEATS = tuple(100.0 + 25 * i for i in range(33))
EVENT, START = "new-year-bell", BEATS[0]


def test_two_visitors_ask_for_the_same_strike_the_first_gets_it() -> None:
    q = RingerQueue()
    q.seen("b", 0.0)
    assert q.claim(EVENT, START, BEATS, 12, "a", 0.0) == 12
    with pytest.raises(ClaimRefused) as refused:
        q.claim(EVENT, START, BEATS, 12, "b", 1.0)
    assert refused.value.reason == "taken"
    assert q.ringer(EVENT, START, 12, 1.0) == "a"
    assert q.labels(EVENT, START, 33, "b", 1.0)[11] == VISITOR
    assert q.labels(EVENT, START, 33, "a", 1.0)[11] == YOU


def test_a_ringer_who_leaves_or_falls_silent_is_replaced_by_the_automatic_ringer() -> None:
    q = RingerQueue(absent_after=30.0)
    q.claim(EVENT, START, BEATS, 3, "a", 0.0)
    q.claim(EVENT, START, BEATS, 4, "b", 0.0)
    assert q.release("a", EVENT, START) == [3]
    assert q.ringer(EVENT, START, 3, 1.0) is None
    q.seen("b", 20.0)
    assert q.ringer(EVENT, START, 4, 50.0) == "b"
    assert q.ringer(EVENT, START, 4, 50.1) is None  # silent for more than 30 s
    assert q.labels(EVENT, START, 33, "c", 50.1)[3] == AUTO
    q.claim(EVENT, START, BEATS, 4, "c", 51.0)  # and someone else may take it
    assert q.ringer(EVENT, START, 4, 51.0) == "c"


def test_one_strike_per_visitor_and_none_in_the_past() -> None:
    q = RingerQueue(lead=3.0)
    q.claim(EVENT, START, BEATS, 5, "a", 0.0)
    q.claim(EVENT, START, BEATS, 6, "a", 0.0)
    assert q.ringer(EVENT, START, 5, 0.0) is None and q.ringer(EVENT, START, 6, 0.0) == "a"
    for beat, now, reason in ((1, 98.0, "past"), (34, 0.0, "range"), (0, 0.0, "range")):
        with pytest.raises(ClaimRefused, match=reason):
            q.claim(EVENT, START, BEATS, beat, "b", now)
    q.forget_before(START + 1)
    assert q.claims == {}
