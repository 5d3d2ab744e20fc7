"""Catalogue events on a real hub over loopback CURVE sockets: the clock, the schedule and the ringer queue."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from net.client.blocking import call
from net.client.link import CityLink
from net.events import KST
from net.protocol import REVISION, Role

EVE = dt.datetime(2026, 12, 31, 23, 59, tzinfo=KST).timestamp()
BELL = "new-year-bell"


def running_from(t0: float):
    """A hub clock that starts at ``t0`` and runs at real speed."""
    m0 = time.monotonic()
    return lambda: t0 + time.monotonic() - m0


def ok(link: CityLink, op: str, **args: Any) -> dict[str, Any]:
    reply = call(link, op, args)
    assert reply.ok, (op, reply.error)
    return reply.result


def test_the_hub_serves_its_clock_and_the_bell_schedule_in_hub_time(start_hub, make_link) -> None:
    hub = start_hub(clock=running_from(EVE))
    link = make_link(hub.layout, hub.endpoints, Role.CITIZEN, enrolled=False)  # an unknown key: anonymous
    assert ok(link, "hello")["revision"] == REVISION >= 4
    assert abs(ok(link, "time")["time"] - EVE) < 5
    sched = ok(link, "event.schedule", event=BELL)
    midnight = dt.datetime(2027, 1, 1, tzinfo=KST).timestamp()
    assert sched["starts"] == sched["beats"][0] == midnight and len(sched["beats"]) == 33
    assert sched["countdown_from"] == midnight - 600 and sched["ringers"] == ["auto"] * 33
    assert sched["title_ko"] and sched["title_en"] and sched["place"] == "bosingak"
    later = ok(link, "event.schedule", event=BELL, at=midnight + 86400 * 2)
    assert later["starts"] == dt.datetime(2028, 1, 1, tzinfo=KST).timestamp()
    assert call(link, "event.schedule", {"event": "no-such-event"}).error["code"] == "not_found"
    listed = [e for e in ok(link, "event.list")["events"] if e.get("event") == BELL]
    assert [(e["starts"], e["kind"], e["event_id"]) for e in listed] == [("2027-01-01T00:00", "bell-ringing", None)]
    assert call(link, "event.ring", {"event": BELL, "beat": 1}).error["code"] == "forbidden"  # anonymous


def test_two_visitors_ask_for_one_strike_one_gets_it_and_a_leaver_is_replaced(start_hub, make_link) -> None:
    hub = start_hub(clock=running_from(EVE), ringer_absent_after=0.6)
    a, b = (make_link(hub.layout, hub.endpoints, Role.CITIZEN) for _ in range(2))
    first = call(a, "event.ring", {"event": BELL, "beat": 12})
    second = call(b, "event.ring", {"event": BELL, "beat": 12})
    assert first.ok and first.result["beat"] == 12
    assert not second.ok and second.error["code"] == "conflict" and second.error["reason"] == "taken"
    assert ok(a, "event.schedule", event=BELL)["ringers"][11] == "you"
    assert ok(b, "event.schedule", event=BELL)["ringers"][11] == "visitor"
    assert ok(a, "event.unring", event=BELL)["released"] == [12]  # a leaves the queue: automatic again
    assert ok(b, "event.schedule", event=BELL)["ringers"][11] == "auto"

    assert ok(b, "event.ring", event=BELL, beat=13)["beat"] == 13
    time.sleep(0.8)  # b falls silent (closed the app): its strike goes back to the automatic ringer
    assert ok(a, "event.schedule", event=BELL)["ringers"][12] == "auto"
    assert ok(a, "event.ring", event=BELL, beat=13)["beat"] == 13


def test_the_hub_lists_the_guard_ceremonies_and_their_drums_are_not_rung_by_visitors(start_hub, make_link) -> None:
    monday_noon = dt.datetime(2026, 11, 30, 12, tzinfo=KST).timestamp()
    hub = start_hub(clock=running_from(monday_noon))
    link = make_link(hub.layout, hub.endpoints, Role.CITIZEN)
    listed = {e["event"]: e["starts"] for e in ok(link, "event.list")["events"] if e.get("kind") == "ceremony"}
    assert listed == {"gwanghwamun-guard": "2026-11-30T14:00", "deoksugung-guard": "2026-12-01T11:00"}
    sched = ok(link, "event.schedule", event="gwanghwamun-guard")
    assert sched["ends"] - sched["starts"] == 1200 and len(sched["beats"]) == 4
    refused = call(link, "event.ring", {"event": "gwanghwamun-guard", "beat": 2})
    assert not refused.ok and refused.error["reason"] == "not_rung"


def test_the_hub_lists_and_schedules_the_lantern_festival_with_its_estimated_edition(start_hub, make_link) -> None:
    hub = start_hub(clock=running_from(EVE))
    link = make_link(hub.layout, hub.endpoints, Role.CITIZEN)
    listed = [e for e in ok(link, "event.list")["events"] if e.get("event") == "lantern-festival"]
    assert [(e["kind"], e["starts"], e["ends"], e["status"]) for e in listed] == [
        ("festival", "2026-12-11T18:00", "2027-01-03T23:00", "estimated")]
    assert listed[0]["description_ko"] and listed[0]["place"] == "cheonggyecheon"
    sched = ok(link, "event.schedule", event="lantern-festival")
    assert len(sched["beats"]) == 24 and sched["edition"]["status"] == "estimated" and sched["edition"]["sources"]
    past = ok(link, "event.list", from_day="2027-02-01")["events"]
    assert all(e.get("event") != "lantern-festival" for e in past)
    refused = call(link, "event.ring", {"event": "lantern-festival", "beat": 1})
    assert not refused.ok and refused.error["reason"] == "not_rung"
