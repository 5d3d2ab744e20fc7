"""Demo day and career talks on the city's events model: sample events that say so, the rooms' schedule lines
from the hub's list, and demo day's seating from its countdown to its end."""

from __future__ import annotations

import datetime as dt

from game.scenes.room_presence import seat
from game.spaces import schedule
from net import events
from net.events import KST


def at(*args: int) -> float:
    return dt.datetime(*args, tzinfo=KST).timestamp()


def test_demo_day_and_career_talks_are_sample_events_of_the_one_model() -> None:
    specs = events.load_all()
    demo, talk = specs["fintech-demo-day"], specs["career-talk"]
    assert (demo.kind, talk.kind) == ("demo-day", "talk")
    for spec in (demo, talk):
        assert "sample" in spec.title["en"] and "예시" in spec.title["ko"]
        assert any(f["source"].startswith("illustrative sample") for f in spec.facts)
    occ = demo.occurrence(at(2026, 5, 15, 11))  # a Friday
    assert occ.start_kst() == dt.datetime(2026, 5, 15, 14, tzinfo=KST) and len(occ.beats) == 6  # six pitches
    assert talk.occurrence(at(2026, 5, 15, 11)).start_kst() == dt.datetime(2026, 5, 20, 19, tzinfo=KST)  # Wednesday


def test_the_fintech_lab_seats_its_visitors_during_demo_day_only() -> None:
    assert not schedule.seated("fintech-lab", at(2026, 5, 15, 13, 44))
    assert schedule.seated("fintech-lab", at(2026, 5, 15, 13, 46)), "seating opens in the countdown"
    assert schedule.seated("fintech-lab", at(2026, 5, 15, 14, 30))
    assert not schedule.seated("fintech-lab", at(2026, 5, 15, 15, 0)), "over"
    assert not schedule.seated("fintech-lab", at(2026, 5, 14, 14, 30)), "Thursdays have none"
    assert not schedule.seated("seoul-learn", at(2026, 5, 20, 19, 30)), "a talk seats nobody"
    seats = [(float(x), 0.0, 0.0) for x in range(3)]
    chosen = [seat(seats, (1.0, 10.0, 1.0), k) for k in range(4)]
    assert [s.x for s in chosen] == [0.0, 1.0, 2.0, 0.0]
    assert abs(chosen[1].heading) < 1e-9, "facing the stage (+y)"


def test_a_rooms_schedule_lists_its_own_events_from_the_hubs_list() -> None:
    listed = [{"event": "gwanghwamun-guard", "starts": "2026-05-15T14:00", "ends": "2026-05-15T14:20"},
              {"event": "career-talk", "title_ko": "진로 특강", "title_en": "Career talk", "starts": "2026-05-20T19:00",
               "ends": "2026-05-20T20:00"},
              {"event_id": 7, "title_ko": "x", "starts": "2026-05-16T10:00", "ends": "2026-05-16T11:00"}]
    mine = schedule.room_events(listed, "seoul-learn")
    assert [e["event"] for e in mine] == ["career-talk"] and schedule.room_events(listed, "invest-seoul") == []
    assert schedule.line(mine[0], "en") == "Career talk · 2026-05-20 19:00–20:00"
