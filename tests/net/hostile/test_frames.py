"""One hostile frame must never stop the hub: each is answered ``bad_request`` and the next request is served.

The first test runs ``python -m net.hub serve`` in its own process, as an attacker would meet it: before the fix,
a 4,400-digit integer or a ``1e400`` float from an unenrolled key made the process exit.
"""

from __future__ import annotations

import pytest

from net.hub.layout import HubLayout
from net.protocol import Role
from tests.net.hostile.conftest import request

TICKET = {"category": "road", "text": "pothole"}
HOSTILE = [
    b'{"v":1,"id":"hostile-0001","op":"ticket.create","args":{"lat":' + b"9" * 4400 + b"}}",
    b'{"v":1,"id":"hostile-0001","op":"ticket.create","args":{"category":"road","text":"x","lat":1e400}}',
    b'{"v":1,"id":"hostile-0001","op":"gathering.open","args":{"spot_x":' + b"1" * 400 + b"}}",
    b'{"v":1,"id":"hostile-0001","op":"ticket.create","args":{"category":"road","text":"x","lat":NaN}}',
    b'{"v":1,"id":"hostile-0001","op":"ticket.create","args":{"category":"road","text":"x","lon":-Infinity}}',
    b'{"v":1,"id":"hostile-0001","op":"presence.join","args":{"scene":"plaza","name":"\\ud800evil"}}',
    b'{"v":1,"id":"hostile-0001","op":"hello","args":{"\\udfff":1}}',
    b"[" * 8000 + b"]" * 8000,
    b'{"v":1,"id":"hostile-0001","op":"hello","args":' + b"[" * 3000 + b"]" * 3000 + b"}",
    b'{"v":1,"id":"hostile-0001","op":"hello","args":[1,2]}',
    b'{"v":1,"id":12345678,"op":"hello"}',
    b'{"v":1e308,"id":"hostile-0001","op":"hello"}',
    b"\xff\xfe\x00not utf-8",
    b"",
    b"null",
    b'{"v":1,"id":"hostile-0001","op":"facility.slots","args":{"facility_id":"seoul-plaza","day":"9999-99-99"}}',
]


def _serves(client) -> bool:
    reply = client.call("hello")
    return reply is not None and reply["ok"] and reply["result"]["role"] == "anonymous"


def test_hostile_frames_from_an_unenrolled_key_are_refused_and_the_hub_process_lives(hub_process, raw_client):
    endpoints = hub_process.start()
    client = raw_client(HubLayout(hub_process.data_dir), endpoints)
    for raw in HOSTILE:
        reply = client.ask(raw)
        assert reply is not None, raw[:80]
        assert not reply["ok"] and reply["error"]["code"] in ("bad_request", "unsupported_version"), raw[:80]
        assert hub_process.proc.poll() is None
        assert _serves(client)
    client.send(b"one", b"frame", b"too many")  # a malformed envelope is dropped without a reply
    assert _serves(client)


def test_a_handler_that_fails_answers_internal_and_the_next_request_is_served(start_hub, raw_client):
    hub = start_hub()

    def broken(*_):
        raise OverflowError("a bug in a handler")

    hub.hub.handlers["facility.list"] = broken
    client = raw_client(hub.layout, hub.endpoints, Role.CITIZEN)
    reply = client.call("facility.list")
    assert reply is not None and reply["error"]["code"] == "internal"
    assert client.call("ticket.create", TICKET)["ok"]


@pytest.mark.parametrize("name", ["\ud800", "a\udc00b"])
def test_surrogate_names_are_refused_and_others_still_join_block_and_report(start_hub, raw_client, name):
    hub = start_hub()
    bad, good, other = (raw_client(hub.layout, hub.endpoints, Role.CITIZEN) for _ in range(3))
    reply = bad.ask(request("presence.join", {"scene": "plaza", "name": name}))  # JSON escapes: \\ud800
    assert reply["error"]["code"] == "bad_request"
    joined = [c.call("presence.join", {"scene": "plaza", "name": n})["result"]
              for c, n in ((good, "미나"), (other, "Sam"))]
    ids = ",".join(str(j["avatar_id"]) for j in joined)
    assert len(good.call("presence.profiles", {"ids": ids})["result"]["profiles"]) == 2
    assert good.call("presence.block", {"avatar_id": joined[1]["avatar_id"]})["ok"]


def test_the_hub_screens_what_others_read_with_the_normalising_filter(start_hub, raw_client):
    hub = start_hub()
    citizen = raw_client(hub.layout, hub.endpoints, Role.CITIZEN)
    for op, args in (("mayor.message", {"text": "tlqkf 민원 처리 왜 이래"}),
                     ("opinion.propose", {"title": "ｆｕｃｋ", "body": "시청 앞 도로"}),
                     ("chat.send", {"text": "씨8", "scope": "scene"})):
        if op == "chat.send":
            citizen.call("presence.join", {"scene": "plaza", "name": "Mina"})
        reply = citizen.call(op, args)
        assert reply["error"]["reason"] == "profanity", (op, reply)
    assert citizen.call("mayor.message", {"text": "Fukuoka 자매도시 교류 행사를 제안합니다"})["ok"]
    assert citizen.call("opinion.propose", {"title": "새끼줄 꼬기 체험", "body": "Dickson 씨의 제안입니다"})["ok"]
