"""Hoarding and flooding: one citizen cannot book every slot or book outside the window; throw-away keys cannot
fill the moderators' queue with reports."""

from __future__ import annotations

from datetime import datetime

from net.hub.services import BookingRules
from net.protocol import Role

NOW = datetime.fromisoformat("2026-12-01T10:00:00+09:00")


def book(client, day: str, hour: int) -> dict:
    return client.call("booking.create", {"facility_id": "seoul-plaza", "day": day, "slot": f"{hour:02d}:00"})


def test_one_citizen_cannot_hoard_slots_or_book_outside_the_window(start_hub, raw_client):
    hub = start_hub(clock=NOW.timestamp, bookings=BookingRules(window_days=90, per_day=2, active=3))
    hoarder = raw_client(hub.layout, hub.endpoints, Role.CITIZEN)
    staff = raw_client(hub.layout, hub.endpoints, Role.STAFF)
    results = [book(hoarder, "2026-12-24", hour) for hour in range(9, 21)]
    assert [r["ok"] for r in results] == [True, True] + [False] * 10
    assert results[2]["error"]["reason"] == "quota" and results[2]["error"]["code"] == "forbidden"
    assert book(hoarder, "2026-12-25", 9)["ok"]
    assert book(hoarder, "2026-12-26", 9)["error"]["reason"] == "quota"  # three active bookings at most
    for day in ("2001-01-01", "2026-11-30", "2027-03-02", "9999-12-31"):
        assert book(hoarder, day, 10)["error"]["reason"] == "window", day
    assert book(hoarder, "2027-03-01", 10)["error"]["reason"] == "quota"  # the last day inside the window
    assert all(book(staff, "2026-12-24", hour)["ok"] for hour in range(11, 21))  # staff book for others
    assert len(hoarder.call("booking.mine")["result"]["bookings"]) == 3


def test_reports_need_a_joined_visitor_count_once_and_anonymous_keys_share_a_budget(start_hub, raw_client):
    hub = start_hub()
    target = raw_client(hub.layout, hub.endpoints, Role.CITIZEN)
    avatar = target.call("presence.join", {"scene": "plaza", "name": "Target"})["result"]["avatar_id"]
    stranger = raw_client(hub.layout, hub.endpoints)
    refused = stranger.call("presence.report", {"avatar_id": avatar, "reason": "spam"})
    assert refused["error"]["code"] == "forbidden"  # not here: no report
    citizen = raw_client(hub.layout, hub.endpoints, Role.CITIZEN)
    citizen.call("presence.join", {"scene": "plaza", "name": "Witness"})
    first = citizen.call("presence.report", {"avatar_id": avatar, "reason": "spam"})["result"]
    again = citizen.call("presence.report", {"avatar_id": avatar, "reason": "hate"})["result"]
    assert again == {"report_id": first["report_id"], "evidence": 0, "duplicate": True}
    flood = [raw_client(hub.layout, hub.endpoints) for _ in range(30)]  # throw-away anonymous keys
    answers = []
    for key in flood:
        key.call("presence.join", {"scene": "plaza"})
        answers.append(key.call("presence.report", {"avatar_id": avatar, "reason": "spam"}))
    accepted = sum(a["ok"] for a in answers)
    assert accepted == 10 and all(a["error"]["code"] == "rate_limited" for a in answers if not a["ok"])
    assert hub.query("SELECT COUNT(*) FROM reports") == [(11,)]
