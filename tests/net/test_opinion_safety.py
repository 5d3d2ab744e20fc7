"""Report and hide in the opinion box, and private messages to the mayor, against a real hub over loopback CURVE
sockets and its real SQLite store (issue 7, protocol revision 2)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from net.client.blocking import call
from net.client.link import CityLink
from net.hub import database, store
from net.protocol import ProtocolError, Role


def ok(link: CityLink, op: str, **args: Any) -> dict[str, Any]:
    reply = call(link, op, args)
    assert reply.ok, (op, reply.error)
    return reply.result


def refused(link: CityLink, op: str, **args: Any) -> dict[str, Any]:
    reply = call(link, op, args)
    assert not reply.ok, (op, reply.result)
    return reply.error


def listed(link: CityLink) -> dict[int, bool]:
    """proposal id → hidden flag, as ``link`` browses the opinion box."""
    return {p["proposal_id"]: p["hidden"] for p in ok(link, "opinion.list")["proposals"]}


@pytest.fixture
def city(start_hub, make_link):
    """A hub hiding after 3 reports; ``people(role, n)`` opens n more enrolled links."""
    hub = start_hub(hide_after=3)

    def people(role: Role, n: int = 1) -> list[CityLink]:
        return [make_link(hub.layout, hub.endpoints, role) for _ in range(n)]

    return hub, people


def test_reports_from_three_citizens_hide_a_proposal_for_others_but_not_for_staff_or_its_author(city) -> None:
    hub, people = city
    author, r1, r2, r3, bystander = people(Role.CITIZEN, 5)
    (staff,) = people(Role.STAFF)
    assert ok(author, "hello")["revision"] >= 2  # report-and-hide arrived in revision 2
    pid = ok(author, "opinion.propose", title="Night market permits", body="Call 010-1234-5678 now.")["proposal_id"]
    keep = ok(author, "opinion.propose", title="More benches", body="Benches along the lawn, please.")["proposal_id"]

    assert ok(r1, "opinion.report", kind="proposal", item_id=pid, reason="privacy")["hidden"] is False
    assert refused(r1, "opinion.report", kind="proposal", item_id=pid, reason="spam")["code"] == "conflict"
    assert ok(r2, "opinion.report", kind="proposal", item_id=pid, reason="privacy")["hidden"] is False
    assert listed(bystander) == {pid: False, keep: False}, "the same citizen twice counts once: 2 of 3"

    assert ok(r3, "opinion.report", kind="proposal", item_id=pid, reason="spam")["hidden"] is True
    assert listed(bystander) == {keep: False}
    assert refused(bystander, "opinion.get", proposal_id=pid)["code"] == "not_found"
    assert refused(bystander, "opinion.vote", proposal_id=pid)["code"] == "not_found"
    assert refused(bystander, "opinion.report", kind="proposal", item_id=pid, reason="spam")["code"] == "not_found"
    assert listed(author) == {pid: True, keep: False}, "the author is told it is hidden, not left in silence"
    assert ok(author, "opinion.get", proposal_id=pid)["hidden"] is True
    assert listed(staff) == {pid: True, keep: False}

    (item,) = ok(staff, "opinion.review")["items"]
    assert (item["kind"], item["item_id"], item["hidden_by"], item["reports"]) == ("proposal", pid, "reports", 3)
    assert item["reasons"] == {"privacy": 2, "spam": 1} and "Night market" in item["text"]
    rows = hub.query("SELECT client, reason FROM opinion_reports WHERE item=?", pid)
    assert len(rows) == 3 and len({c for c, _ in rows}) == 3


def test_staff_hide_and_restore_a_comment_with_a_reason(city) -> None:
    hub, people = city
    author, other, r1, r2, r3 = people(Role.CITIZEN, 5)
    (staff,) = people(Role.STAFF)
    pid = ok(other, "opinion.propose", title="Shade on the plaza", body="Awnings for summer.")["proposal_id"]
    cid = ok(author, "opinion.comment", proposal_id=pid, text="My neighbour at no. 12 is a thief")["comment_id"]

    assert refused(other, "opinion.hide", kind="comment", item_id=cid, reason="x")["code"] == "forbidden"
    assert ok(staff, "opinion.hide", kind="comment", item_id=cid, reason="accuses a named person")["hidden"] is True
    assert ok(other, "opinion.get", proposal_id=pid)["comments"] == []
    (mine,) = ok(author, "opinion.get", proposal_id=pid)["comments"]
    assert (mine["comment_id"], mine["hidden"]) == (cid, True)
    (staff_view,) = ok(staff, "opinion.get", proposal_id=pid)["comments"]
    assert staff_view["hidden"] is True
    (item,) = ok(staff, "opinion.review")["items"]
    assert (item["kind"], item["hidden_by"], item["hidden_reason"]) == ("comment", "staff", "accuses a named person")

    assert ok(staff, "opinion.restore", kind="comment", item_id=cid, reason="reviewed: allowed")["hidden"] is False
    assert [c["hidden"] for c in ok(other, "opinion.get", proposal_id=pid)["comments"]] == [False]
    assert ok(staff, "opinion.review")["items"] == []
    actions = hub.query("SELECT action, target, detail FROM moderation_actions ORDER BY id")
    assert actions == [("opinion.hide", f"comment:{cid}", "accuses a named person"),
                       ("opinion.restore", f"comment:{cid}", "reviewed: allowed")]
    assert refused(staff, "opinion.hide", kind="proposal", item_id=pid + 99, reason="x")["code"] == "not_found"

    for link in (r1, r2, r3):
        ok(link, "opinion.report", kind="comment", item_id=cid, reason="abuse")
    assert ok(other, "opinion.get", proposal_id=pid)["comments"] == []
    ok(staff, "opinion.restore", kind="comment", item_id=cid, reason="reviewed again: allowed")
    (again,) = people(Role.CITIZEN)
    assert ok(again, "opinion.report", kind="comment", item_id=cid, reason="abuse")["hidden"] is False, \
        "a restore dismisses the reports it reviewed; one new report is not three"
    assert refused(r1, "opinion.report", kind="comment", item_id=cid, reason="abuse")["code"] == "conflict"


def test_the_threshold_is_the_hubs_setting(start_hub, make_link) -> None:
    hub = start_hub(hide_after=1)  # `python -m net.hub serve --hide-after 1`
    author, reader = (make_link(hub.layout, hub.endpoints, Role.CITIZEN) for _ in range(2))
    pid = ok(author, "opinion.propose", title="Night buses", body="More night buses to Eunpyeong.")["proposal_id"]
    cid = ok(author, "opinion.comment", proposal_id=pid, text="Buy followers at my site")["comment_id"]
    assert ok(reader, "opinion.report", kind="comment", item_id=cid, reason="spam")["hidden"] is True
    assert ok(reader, "opinion.get", proposal_id=pid)["comments"] == []
    assert listed(reader) == {pid: False}, "hiding a comment leaves its proposal alone"


def test_messages_to_the_mayor_are_private_and_answered_by_staff(city, make_link) -> None:
    hub, people = city
    writer, other = people(Role.CITIZEN, 2)
    (staff,) = people(Role.STAFF)
    anonymous = make_link(hub.layout, hub.endpoints, Role.CITIZEN, name="stranger", enrolled=False)
    mid = ok(writer, "mayor.message", text="우리 동네 가로등이 한 달째 고장 나 있어요. 주소는 ...")["message_id"]

    assert ok(other, "mayor.mine")["messages"] == []
    assert listed(other) == {}, "not a public proposal any more"
    assert refused(other, "mayor.inbox")["code"] == "forbidden"
    assert refused(other, "mayor.answer", message_id=mid, text="hi")["code"] == "forbidden"
    assert refused(anonymous, "mayor.message", text="hello mayor")["code"] == "forbidden"
    profane = refused(writer, "mayor.message", text="시 발 시장아")
    assert (profane["code"], profane["reason"]) == ("bad_request", "profanity")
    with pytest.raises(ProtocolError, match="longer than 2000"):  # the link checks limits before sending
        call(writer, "mayor.message", {"text": "x" * 2001})

    (waiting,) = ok(staff, "mayor.inbox", unanswered=1)["messages"]
    assert (waiting["message_id"], waiting["status"]) == (mid, "received")
    ok(staff, "mayor.answer", message_id=mid, text="내일 교체하겠습니다.")
    assert ok(staff, "mayor.inbox", unanswered=1)["messages"] == []
    (mine,) = ok(writer, "mayor.mine")["messages"]
    assert (mine["status"], mine["answer"]) == ("answered", "내일 교체하겠습니다.")
    assert refused(staff, "mayor.answer", message_id=mid + 1, text="?")["code"] == "not_found"


def test_an_older_store_gains_the_safety_tables_and_keeps_its_proposals(tmp_path, monkeypatch, store_url) -> None:
    monkeypatch.setattr(store, "MIGRATIONS", store.MIGRATIONS[:3])
    old = store.open_store(tmp_path, store_url)
    old.execute("INSERT INTO proposals (client, title, body, created) VALUES ('k', 'Old one', 'From before', 1.0)")
    old.close()
    monkeypatch.undo()
    db = store.open_store(tmp_path, store_url)
    try:
        assert db.schema_version() == len(store.MIGRATIONS) >= 4
        assert db.execute("SELECT title, hidden FROM proposals").fetchall() == [("Old one", None)]
        with pytest.raises(database.IntegrityError):
            db.execute("UPDATE proposals SET hidden='whim'")
    finally:
        db.close()


def test_the_operator_cli_hides_and_restores_and_demo_runs_every_new_op(start_hub, make_link, capsys) -> None:
    """The README's command lines, through the CLI's own argument parsing, against a running hub."""
    from net.client_cli import main

    hub = start_hub()
    citizen = make_link(hub.layout, hub.endpoints, Role.CITIZEN)
    other = make_link(hub.layout, hub.endpoints, Role.CITIZEN)
    pid = ok(citizen, "opinion.propose", title="Flyers", body="Visit my shop at ...")["proposal_id"]
    staff = ["--dir", str(hub.layout.operator), "--services", hub.endpoints["services"],
             "--alerts", hub.endpoints["alerts"], "call"]
    capsys.readouterr()
    assert main([*staff, "opinion.hide", "kind=proposal", f"item_id={pid}", "reason=advertising"]) == 0
    assert listed(other) == {}
    assert main([*staff, "opinion.review"]) == 0
    assert main([*staff, "opinion.restore", "kind=proposal", f"item_id={pid}", "reason=reviewed: allowed"]) == 0
    assert listed(other) == {pid: False}
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["op"], line["ok"]) for line in lines] == [("opinion.hide", True), ("opinion.review", True),
                                                            ("opinion.restore", True)]
    assert lines[1]["result"]["items"][0]["hidden_reason"] == "advertising"

    assert main(["--embedded", str(hub.hub.config.data_dir.parent / "demo"), "demo"]) == 0
    ops = [json.loads(line) for line in capsys.readouterr().out.splitlines()][1:]
    refused_ops = [line["op"] for line in ops if not line["ok"]]
    assert refused_ops == ["opinion.vote"], "only the second vote is refused"
    assert {"opinion.report", "opinion.hide", "opinion.restore", "mayor.answer"} <= {line["op"] for line in ops}
    assert ops[-1]["op"] == "mayor.mine" and ops[-1]["result"]["messages"][0]["status"] == "answered"
