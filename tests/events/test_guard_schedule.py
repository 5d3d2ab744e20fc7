"""The gate-guard ceremonies as data and plan (issue 16): published times, rest days, the next one, the figures'
steps in hub time. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from game.events import drum_synth, guard_plan
from net import events
from net.events import KST, EventError

GWANGHWAMUN, DEOKSUGUNG = "gwanghwamun-guard", "deoksugung-guard"


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> float:
    return dt.datetime(y, mo, d, h, mi, tzinfo=KST).timestamp()


def starts(spec: events.EventSpec, day: dt.date) -> list[str]:
    """Every start on ``day``, walking the occurrences from its midnight."""
    t, out = at(day.year, day.month, day.day), []
    while (occ := spec.occurrence(t)).start_kst().date() == day:
        out.append(occ.start_kst().strftime("%H:%M"))
        t = occ.end
    return out


def test_published_times_and_rest_days() -> None:
    specs = events.load_all()
    gw, dk = specs[GWANGHWAMUN], specs[DEOKSUGUNG]
    assert (gw.place, dk.place) == ("gwanghwamun", "deoksugung") and gw.kind == dk.kind == "ceremony"
    monday, tuesday, wednesday = dt.date(2026, 11, 30), dt.date(2026, 12, 1), dt.date(2026, 12, 2)
    assert starts(gw, monday) == ["10:00", "14:00"] and starts(gw, tuesday) == []  # Gyeongbokgung shut on Tuesdays
    assert starts(dk, monday) == [] and starts(dk, tuesday) == ["11:00", "14:00", "15:30"]  # Deoksugung: Mondays
    assert starts(gw, wednesday) == ["10:00", "14:00"]
    occ = gw.occurrence(at(2026, 12, 2, 9))
    assert occ.end - occ.start == 20 * 60 and len(occ.beats) == 4  # about 20 minutes, four drum calls
    assert all(f["tag"] in ("S", "R", "E") and f["source"] for f in gw.facts + dk.facts)
    assert {f["key"] for f in gw.facts} >= {"times", "rest_day", "costume"}


def test_the_next_ceremony_skips_the_rest_day_and_a_running_one_is_current() -> None:
    gw = events.load_all()[GWANGHWAMUN]
    assert gw.occurrence(at(2026, 11, 30, 14, 30)).start_kst() == dt.datetime(2026, 12, 2, 10, tzinfo=KST)
    assert gw.occurrence(at(2026, 12, 2, 10, 10)).start_kst().hour == 10  # still running: the current one
    assert gw.occurrence(at(2026, 12, 2, 10, 20)).start_kst().hour == 14  # over at 10:20


def test_menu_and_info_announce_the_next_ceremony_in_both_languages() -> None:
    gw = events.load_all()[GWANGHWAMUN]
    noon = at(2026, 12, 2, 12)
    assert guard_plan.menu_label(gw, noon, "ko", "광화문") == "광화문 — 다음 교대식 14:00"
    assert guard_plan.menu_label(gw, noon, "en", "Gwanghwamun") == "Gwanghwamun — next ceremony 14:00"
    assert guard_plan.menu_label(gw, at(2026, 11, 30, 15), "en", "G") == "G — next ceremony Wed 10:00"
    assert guard_plan.menu_label(gw, at(2026, 12, 2, 14, 5), "ko", "광화문") == "광화문 — 교대식 진행 중"
    assert guard_plan.info_note(gw, noon, "en") == ("Guard changing ceremony: next 14:00 (about 20 min), "
                                                    "none on Tuesdays")
    assert "화요일 없음" in guard_plan.info_note(gw, noon, "ko")


def test_rest_days_that_leave_no_day_are_refused() -> None:
    data = {"id": "x", "kind": "ceremony", "place": "gwanghwamun", "title": {"ko": "가", "en": "a"},
            "description": {"ko": "가", "en": "a"}, "recurs": "daily", "at": ["10:00"], "countdown_s": 0,
            "spoken_countdown_s": 0, "beats": {"count": 1, "interval_s": 1}, "end_after_last_s": 0, "facts": []}
    assert events.parse(dict(data, rest_days=["tue"])).rest_days == {1}
    for bad in (list(events.WEEKDAYS), ["tuesday"]):
        with pytest.raises(EventError):
            events.parse(dict(data, rest_days=bad))
    with pytest.raises(EventError):
        events.parse(dict(data, at=["25:00"]))


def test_the_plan_marches_in_exchanges_and_marches_out() -> None:
    figures = guard_plan.plan()
    frame = guard_plan.GateFrame(0.0, 0.0, 180.0, 14.0)  # a gate facing south: its front at y = -7
    start, stage, late = (guard_plan.poses(figures, frame, t) for t in (0.0, 400.0, 1150.0))
    relief = [k for k, f in enumerate(figures) if f.side == guard_plan.RELIEF]
    assert len(start) == len(figures) and len(late) == len(relief)  # the old watch has gone by the end
    assert start[relief, 0].min() > 30  # the relief starts along the front, far to the east…
    assert abs(stage[relief, 0].mean()) < 2 and (stage[:, 1] < -7).all()  # …and stands centred before the gate
    assert (late[:, 4] == 0).all() and (stage[:, 4] == 0).all()  # standing still at their posts
    walking = guard_plan.poses(figures, frame, 60.0)
    assert (walking[relief, 4] > 0).all()  # marching in: legs swing
    assert (guard_plan.poses(figures, frame, 400.0) == stage).all()  # a function of the time alone


def test_the_drum_roll_is_short_and_deterministic() -> None:
    a, b = drum_synth.roll(), drum_synth.roll()
    assert (a == b).all() and len(a) / drum_synth.RATE < 2.5
    peaks = [abs(a[int(s * drum_synth.RATE):int((s + 0.05) * drum_synth.RATE)]).max() for s in drum_synth.STROKES]
    assert min(peaks) > 0.5 * max(abs(a))  # three audible strokes
