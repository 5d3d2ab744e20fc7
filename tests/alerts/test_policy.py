"""The policy queue: priority, de-duplication, Update/Cancel, expiry, geo-targeting, acknowledge and replay."""

from __future__ import annotations

import dataclasses
import datetime as dt

from game.alerts.model import Alert, Area, Info, Polygon, Reference
from game.alerts.parser import parse_file
from game.alerts.policy import AlertPolicy
from game.alerts.targeting import GWANGHWAMUN
from tests.alerts.paths import DATA

NOW = dt.datetime(2026, 7, 10, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
SENT = NOW - dt.timedelta(minutes=5)


def _alert(ident: str, severity: str = "Severe", urgency: str = "Immediate", **kw) -> Alert:
    info_kw = {k: kw.pop(k) for k in ("expires", "areas", "event") if k in kw}
    info = Info(event=info_kw.pop("event", "호우"), urgency=urgency, severity=severity, certainty="Observed",
                categories=("Met",), language="ko-KR", **info_kw)
    fields = {"identifier": ident, "sender": "kma@weather.go.kr", "sent": SENT, "status": "Actual",
              "msg_type": "Alert", "scope": "Public", "infos": (info,)}
    fields.update(kw)
    return Alert(**fields)


def _ref(alert: Alert) -> Reference:
    return Reference(alert.sender, alert.identifier, alert.sent)


def test_priority_by_level_then_real_before_drill_then_newest():
    policy = AlertPolicy()
    safety = _alert("s", severity="Moderate")
    urgent = _alert("u")
    drill = _alert("d", severity="Extreme", status="Exercise")
    real = _alert("r", severity="Extreme", sent=SENT - dt.timedelta(hours=1))
    for a in (safety, urgent, drill, real):
        assert policy.receive(a, NOW).outcome == "presented"
    assert [r.alert.identifier for r in policy.live()] == ["r", "d", "u", "s"]
    assert policy.current().alert.identifier == "r"


def test_duplicates_are_not_queued_twice():
    policy = AlertPolicy()
    first, again = policy.receive(_alert("a"), NOW), policy.receive(_alert("a"), NOW)
    assert again.duplicate and again.outcome == "presented" and not first.duplicate
    assert len(policy.live()) == 1
    other_sender = policy.receive(_alert("a", sender="seoul@seoul.go.kr"), NOW)
    assert not other_sender.duplicate and len(policy.live()) == 2


def test_update_replaces_and_cancel_removes():
    policy = AlertPolicy()
    original = policy.receive(_alert("a"), NOW)
    update = policy.receive(_alert("b", msg_type="Update", references=(_ref(original.alert),)), NOW)
    assert original.outcome == "replaced" and update.outcome == "presented"
    cancel = policy.receive(_alert("c", msg_type="Cancel", references=(_ref(update.alert),), infos=()), NOW)
    assert update.outcome == "cancelled" and cancel.outcome == "cancelled"
    assert policy.live() == [] and policy.current() is None


def test_cancel_arriving_before_its_original_still_wins():
    policy = AlertPolicy()
    original = _alert("a")
    policy.receive(_alert("c", msg_type="Cancel", references=(_ref(original),)), NOW)
    assert policy.receive(original, NOW).outcome == "cancelled"
    assert policy.live() == []


def test_expiry_on_arrival_and_by_tick():
    policy = AlertPolicy()
    assert policy.receive(_alert("old", expires=NOW - dt.timedelta(seconds=1)), NOW).outcome == "expired"
    live = policy.receive(_alert("soon", expires=NOW + dt.timedelta(minutes=10)), NOW)
    assert policy.tick(NOW + dt.timedelta(minutes=5)) == []
    assert policy.tick(NOW + dt.timedelta(minutes=10)) == [live]
    assert live.outcome == "expired" and policy.current() is None


def test_outside_area_is_not_queued():
    busan = Area("부산", polygons=(Polygon(((35.0, 129.0), (35.0, 129.2), (35.2, 129.2), (35.2, 129.0),
                                           (35.0, 129.0))),))
    policy = AlertPolicy(GWANGHWAMUN)
    assert policy.receive(_alert("b", areas=(busan,)), NOW).outcome == "outside-area"
    assert AlertPolicy((35.1, 129.1)).receive(_alert("b", areas=(busan,)), NOW).outcome == "presented"


def test_system_messages_are_ignored():
    policy = AlertPolicy()
    assert policy.receive(_alert("ack", msg_type="Ack", references=()), NOW).outcome == "ignored"
    assert policy.receive(_alert("draft", status="Draft"), NOW).outcome == "ignored"
    assert policy.live() == []


def test_acknowledge_shows_the_next_and_replay_brings_it_back():
    policy = AlertPolicy()
    policy.receive(_alert("u"), NOW)
    policy.receive(_alert("e", severity="Extreme"), NOW)
    assert policy.acknowledge().alert.identifier == "e"
    assert policy.current().alert.identifier == "u"
    assert policy.replay().alert.identifier == "u"  # something is on screen: replay it
    assert policy.acknowledge().alert.identifier == "u"
    assert policy.current() is None
    assert policy.replay().alert.identifier == "u"  # the last acknowledged comes back
    assert policy.current().alert.identifier == "u"


def test_language_choice_and_korean_files_outcomes():
    quake = parse_file(DATA / "earthquake_emergency.xml")
    assert AlertPolicy(lang="en").receive(quake, NOW).presentation.language == "en-US"
    policy = AlertPolicy(lang="ko")
    records = {name: policy.receive(parse_file(DATA / name), NOW) for name in (
        "earthquake_emergency.xml", "heavy_rain_urgent.xml", "fine_dust_safety.xml", "heavy_rain_update.xml",
        "fine_dust_cancel.xml", "exercise_air_raid.xml", "earthquake_busan_outside.xml", "heat_busan_geocode.xml",
        "missing_person_unknown_code.xml", "heat_expired.xml")}
    assert {name: r.outcome for name, r in records.items()} == {
        "earthquake_emergency.xml": "presented", "heavy_rain_urgent.xml": "replaced",
        "fine_dust_safety.xml": "cancelled", "heavy_rain_update.xml": "presented",
        "fine_dust_cancel.xml": "cancelled", "exercise_air_raid.xml": "presented",
        "earthquake_busan_outside.xml": "outside-area", "heat_busan_geocode.xml": "outside-area",
        "missing_person_unknown_code.xml": "presented", "heat_expired.xml": "expired",
    }
    current = policy.current().presentation
    assert (current.identifier, current.level.id, current.drill) == ("KR-EQ-20260521-0001", "emergency", None)
    drill = next(r for r in policy.live() if r.alert.identifier == "KR-CD-20260815-0001").presentation
    assert drill.drill == "Exercise" and drill.level.id == "emergency"


def test_alert_without_infos_is_not_shown():
    assert AlertPolicy().receive(dataclasses.replace(_alert("x"), infos=()), NOW).outcome == "ignored"
