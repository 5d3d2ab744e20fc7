"""The spaces' hub services over real loopback links (issue 20): visitors racing for one consultant's hour get
exactly one session; staff see sessions, matching requests, enrolments and lecture attendance; visitors do not."""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime

import zmq

from net.client.blocking import call
from net.client.link import CityLink, LinkStatus, ReplyReceived
from net.protocol import Role
from tests.net.conftest import wait_for

NOW = datetime.fromisoformat("2026-05-15T11:00:00+09:00").timestamp


def test_visitors_racing_for_one_consultant_hour_make_exactly_one_session(start_hub, make_link):
    hub = start_hub(clock=NOW)
    ctx = zmq.Context()
    links: list[CityLink] = []
    try:
        links.extend(make_link(hub.layout, hub.endpoints, name=f"visitor{i}", context=ctx) for i in range(30))
        wait_for(lambda: all(link.status is LinkStatus.CONNECTED for link in links), 30, "30 connected links",
                 step=lambda: [link.poll() for link in links])
        hour = {"space": "invest-seoul", "host": "consultant-kim", "day": "2026-05-18", "slot": "14:00"}
        wanted = {link.request("session.book", hour): link for link in links}  # all sent before any answer
        answers: dict[str, ReplyReceived] = {}

        def step() -> None:
            for link in links:
                answers.update((e.request_id, e) for e in link.poll() if isinstance(e, ReplyReceived))

        wait_for(lambda: len(answers) == len(wanted), 30, "30 answers", step=step)
        assert sum(a.ok for a in answers.values()) == 1
        assert Counter(a.error.get("code") for a in answers.values() if not a.ok) == {"conflict": 29}
        assert hub.query("SELECT COUNT(*) FROM space_sessions WHERE host=? AND day=? AND slot=? AND cancelled IS NULL",
                         hour["host"], hour["day"], hour["slot"]) == [(1,)]
        other = call(links[0], "session.book", {**hour, "host": "consultant-park"}, durable=True)
        assert other.ok, "another consultant's same hour is free"
        mentor = call(links[1], "session.book", {**hour, "space": "seoul-learn", "host": "mentor-lee"}, durable=True)
        assert mentor.ok
        free = call(links[2], "session.slots", {k: hour[k] for k in ("space", "host", "day")})
        assert free.ok and "14:00" not in free.result["free"] and "15:00" in free.result["free"]
    finally:
        for link in links:
            link.close()
        ctx.term()


def test_a_cancelled_session_frees_its_hour_and_past_days_or_odd_hours_are_refused(start_hub, make_link):
    hub = start_hub(clock=NOW)
    visitor = make_link(hub.layout, hub.endpoints, name="young")
    hour = {"space": "seoul-learn", "host": "mentor-choi", "day": "2026-05-16", "slot": "16:00"}
    booked = call(visitor, "session.book", hour, durable=True)
    assert booked.ok
    assert call(visitor, "session.cancel", {"session_id": booked.result["session_id"]}, durable=True).ok
    assert call(visitor, "session.book", hour, durable=True).ok
    assert call(visitor, "session.book", {**hour, "day": "2026-05-14"}, durable=True).error["code"] == "bad_request"
    assert call(visitor, "session.book", {**hour, "slot": "21:00"}, durable=True).error["code"] == "bad_request"


def test_staff_see_sessions_matching_requests_enrolments_and_attendance(start_hub, make_link):
    hub = start_hub(clock=NOW)
    staff = make_link(hub.layout, hub.endpoints, Role.STAFF, name="mentor")
    a = make_link(hub.layout, hub.endpoints, name="citizen-a")
    b = make_link(hub.layout, hub.endpoints, name="citizen-b")
    assert call(a, "session.book", {"space": "seoul-learn", "host": "mentor-jung", "day": "2026-05-18",
                                    "slot": "10:00", "note": "파이썬 질문"}, durable=True).ok
    assert call(b, "session.book", {"space": "invest-seoul", "host": "consultant-kim", "day": "2026-05-18",
                                    "slot": "10:00"}, durable=True).ok
    mine = call(a, "session.list").result["sessions"]
    assert [s["host"] for s in mine] == ["mentor-jung"], "a visitor sees only their own sessions"
    everyone = call(staff, "session.list").result["sessions"]
    assert {s["host"] for s in everyone} == {"mentor-jung", "consultant-kim"}
    listed = call(staff, "session.list", {"host": "mentor-jung"}).result["sessions"]
    assert [s["note"] for s in listed] == ["파이썬 질문"]

    sent = call(a, "match.request", {"company": "hangang-pay", "text": "We make POS terminals; partner?"},
                durable=True)
    assert sent.ok
    assert call(a, "match.list").error["code"] == "forbidden"
    queue = call(staff, "match.list").result["requests"]
    assert [(r["request_id"], r["company"], r["status"]) for r in queue] == [(sent.result["request_id"],
                                                                              "hangang-pay", "open")]

    assert call(a, "course.enrol", {"course": "seoul-history"}, durable=True).ok
    assert call(a, "course.enrol", {"course": "seoul-history"}, durable=True).error["code"] == "conflict"
    assert call(b, "course.enrol", {"course": "seoul-history"}, durable=True).ok
    assert call(b, "course.enrol", {"course": "digital-life"}, durable=True).ok
    assert call(b, "course.enrolments").error["code"] == "forbidden"
    counts = {c["course"]: c["enrolled"] for c in call(staff, "course.enrolments").result["courses"]}
    assert counts == {"seoul-history": 2, "digital-life": 1}

    lecture = "seoul-history-1"
    partial = call(a, "lecture.attend", {"lecture": lecture, "slides": 2, "of": 4}, durable=True)
    assert partial.result["complete"] is False
    done = call(a, "lecture.attend", {"lecture": lecture, "slides": 4, "of": 4}, durable=True)
    assert done.ok and done.result["complete"] is True
    assert call(a, "lecture.attend", {"lecture": lecture, "slides": 1, "of": 4}, durable=True).result["slides"] == 4
    assert call(b, "lecture.attend", {"lecture": lecture, "slides": 1, "of": 4}, durable=True).ok
    assert call(b, "lecture.attend", {"lecture": lecture, "slides": 5, "of": 4}, durable=True).error["code"] \
        == "bad_request"
    assert call(staff, "lecture.attendance").result["lectures"] == [{"lecture": lecture, "attendees": 2,
                                                                     "complete": 1}]


def _early_hand(hub, link, scene: str, name: str):
    """A visitor who joins ``scene`` before its event starts (no gathering yet) and whose raised hand is refused;
    returns the client, the events it has seen and the step that feeds it."""
    from net.presence.client import Joined, PresenceClient, Refused

    visitor = PresenceClient(link, hub.endpoints["presence_in"], hub.endpoints["presence_out"])
    seen: list = []

    def step() -> None:
        visitor.feed(link.poll())
        seen.extend(visitor.poll())

    visitor.join(scene, name=name)
    wait_for(lambda: any(isinstance(e, Joined) for e in seen), 15, f"joined {scene}", step=step)
    assert next(e for e in seen if isinstance(e, Joined)).gathering is None
    visitor.raise_hand(True)
    wait_for(lambda: any(isinstance(e, Refused) for e in seen), 10, "a hand before the start", step=step)
    assert next(e for e in seen if isinstance(e, Refused)).code == "not_found"
    return visitor, seen, step


def test_a_scheduled_lecture_opens_its_gathering_at_its_start_in_hub_time(start_hub, make_link):
    """The evening lecture (assets/events/citizens-lecture.json, Tuesdays 19:00–20:30) opens the hall's gathering
    on the hub at 19:00 of the hub's clock: a visitor already in the hall is told, and can raise a hand that
    before the start was refused; it is opened once however long the lecture runs."""
    from net.presence.client import Answered, GatheringChanged

    hub_now = [datetime.fromisoformat("2026-05-19T18:59:00+09:00").timestamp()]  # a Tuesday, a minute early
    hub = start_hub(clock=lambda: hub_now[0])
    link = make_link(hub.layout, hub.endpoints, name="citizen")
    visitor, seen, step = _early_hand(hub, link, "citizens_university", "student")
    try:
        assert hub.query("SELECT COUNT(*) FROM gatherings") == [(0,)]

        hub_now[0] += 60.0  # 19:00 by the hub's clock (the wall clock is months away)
        wait_for(lambda: any(isinstance(e, GatheringChanged) for e in seen), 10, "the lecture opening", step=step)
        state = next(e for e in seen if isinstance(e, GatheringChanged)).state
        assert (state["title_ko"], state["starts"], state["ends"]) == ("서울시민대학 저녁 강의 (예시)",
                                                                       "2026-05-19T19:00", "2026-05-19T20:30")
        visitor.raise_hand(True)
        wait_for(lambda: any(isinstance(e, Answered) and e.op == "gathering.hand" for e in seen), 10, "the hand",
                 step=step)
        answered = next(e for e in seen if isinstance(e, Answered) and e.op == "gathering.hand")
        assert answered.result["hands"] == [visitor.avatar_id]
        hub_now[0] += 45 * 60.0  # the questions, later in the same lecture: still the one gathering
        time.sleep(1.2)  # a few of the hub's scans
        assert hub.query("SELECT scene, starts FROM gatherings") == [("citizens_university", "2026-05-19T19:00")]
    finally:
        visitor.close()


def test_a_visitor_who_joins_while_a_hand_goes_up_hears_of_it(start_hub, make_link):
    """The join's reply carries the gathering as it was; the scene topic is subscribed only once the reply is
    read. A hand raised in between goes to a topic the newcomer does not hear yet: when its subscription
    reaches the hub, the hub sends the scene's gathering again, so the newcomer's list has the hand."""
    from net.presence.client import Answered, GatheringChanged, Joined, PresenceClient

    hub = start_hub(clock=NOW)
    staff = make_link(hub.layout, hub.endpoints, Role.STAFF, name="lecturer")
    lecture = {"scene": "citizens_university", "title_ko": "강의", "title_en": "Lecture", "starts": "2026-05-15T10:30",
               "ends": "2026-05-15T12:00", "spot_x": 0.0, "spot_y": 0.0}
    assert call(staff, "gathering.open", lecture, durable=True).ok
    links = {who: make_link(hub.layout, hub.endpoints, name=who) for who in ("asker", "newcomer")}
    clients = {who: PresenceClient(link, hub.endpoints["presence_in"], hub.endpoints["presence_out"])
               for who, link in links.items()}
    asker, newcomer = clients["asker"], clients["newcomer"]
    seen: dict[str, list] = {"asker": [], "newcomer": []}
    try:
        wait_for(lambda: all(link.status is LinkStatus.CONNECTED for link in links.values()), 15, "both connected",
                 step=lambda: [client.feed(links[who].poll()) for who, client in clients.items()])
        asker.join("citizens_university", name="asker")
        wait_for(lambda: asker.avatar_id is not None, 15, "the asker in the hall",
                 step=lambda: (asker.feed(links["asker"].poll()), seen["asker"].extend(asker.poll())))
        rid = newcomer.join("citizens_university", name="newcomer")
        held: list = []  # the newcomer's reply arrives but is not read yet: no subscription has gone out
        wait_for(lambda: any(isinstance(e, ReplyReceived) and e.request_id == rid for e in held), 15,
                 "the newcomer's join answered", step=lambda: held.extend(links["newcomer"].poll()))
        asker.raise_hand(True)
        wait_for(lambda: any(isinstance(e, Answered) and e.op == "gathering.hand" for e in seen["asker"]), 10,
                 "the hand", step=lambda: (asker.feed(links["asker"].poll()), seen["asker"].extend(asker.poll())))
        newcomer.feed(held)
        seen["newcomer"].extend(newcomer.poll())
        joined = next(e for e in seen["newcomer"] if isinstance(e, Joined))
        assert joined.gathering is not None and joined.gathering["hands"] == [], "the reply: before the hand"

        def newcomer_step() -> None:
            newcomer.feed(links["newcomer"].poll())
            seen["newcomer"].extend(newcomer.poll())

        wait_for(lambda: (newcomer.gathering or {}).get("hands") == [asker.avatar_id], 10,
                 "the hand in the newcomer's gathering", step=newcomer_step)
        assert any(isinstance(e, GatheringChanged) for e in seen["newcomer"])
        assert sum(isinstance(e, Joined) for e in seen["newcomer"]) == 1, "one join: the hand came with the E message"
    finally:
        for client in clients.values():
            client.close()


def test_demo_day_opens_the_fintech_labs_gathering_at_its_start_and_takes_questions(start_hub, make_link):
    """The Fintech Lab's demo day (assets/events/fintech-demo-day.json, Fridays 14:00–14:52) opens the lab's
    gathering at 14:00 of the hub's clock, as a lecture does: a hand raised before it is refused, one raised after
    is listed, and the host (staff) gives it the floor."""
    from net.presence.client import Answered, GatheringChanged

    hub_now = [datetime.fromisoformat("2026-05-15T13:59:00+09:00").timestamp()]  # a Friday, seated, a minute early
    hub = start_hub(clock=lambda: hub_now[0])
    link = make_link(hub.layout, hub.endpoints, name="visitor")
    host = make_link(hub.layout, hub.endpoints, Role.STAFF, name="host")
    visitor, seen, step = _early_hand(hub, link, "fintech_lab", "investor")
    try:

        hub_now[0] += 60.0  # 14:00 by the hub's clock
        wait_for(lambda: any(isinstance(e, GatheringChanged) for e in seen), 10, "demo day opening", step=step)
        state = next(e for e in seen if isinstance(e, GatheringChanged)).state
        assert (state["title_ko"], state["starts"], state["ends"]) == ("서울핀테크랩 데모데이 (예시)",
                                                                       "2026-05-15T14:00", "2026-05-15T14:52")
        visitor.raise_hand(True)
        wait_for(lambda: any(isinstance(e, Answered) and e.op == "gathering.hand" for e in seen), 10, "the hand",
                 step=step)
        assert next(e for e in seen if isinstance(e, Answered)).result["hands"] == [visitor.avatar_id]
        assert call(host, "gathering.floor", {"avatar_id": visitor.avatar_id, "scene": "fintech_lab"}).ok
        wait_for(lambda: (visitor.gathering or {}).get("speaker") == visitor.avatar_id, 10, "the floor", step=step)
        assert visitor.gathering["hands"] == []
        assert hub.query("SELECT scene, starts, ends FROM gatherings") == [("fintech_lab", "2026-05-15T14:00",
                                                                            "2026-05-15T14:52")]
    finally:
        visitor.close()
