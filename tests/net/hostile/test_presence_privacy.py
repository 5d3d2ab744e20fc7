"""Private presence notices reach only their visitor: the hub honours a subscription to one whole inbox topic,
never a prefix (b"u", or everything) that would match every visitor's inbox."""

from __future__ import annotations

import unicodedata

import zmq

from net.presence.codec import inbox_topic
from net.protocol import Role


def sub(ctx: zmq.Context, endpoint: str, hub_public: bytes, *topics: bytes) -> zmq.Socket:
    public, secret = zmq.curve_keypair()
    sock = ctx.socket(zmq.SUB)
    sock.linger = 0
    sock.curve_serverkey, sock.curve_publickey, sock.curve_secretkey = hub_public, public, secret
    for topic in topics:
        sock.subscribe(topic)
    sock.connect(endpoint)
    return sock


def test_a_prefix_subscriber_gets_no_private_notices_and_the_visitor_does(start_hub, raw_client, zmq_ctx):
    hub = start_hub()
    endpoint, hub_public = hub.endpoints["presence_out"], hub.layout.hub_keys().public
    blocker = raw_client(hub.layout, hub.endpoints, Role.CITIZEN)
    blocked = raw_client(hub.layout, hub.endpoints, Role.CITIZEN)
    joined = blocker.call("presence.join", {"scene": "plaza", "name": "A"})["result"]
    other = blocked.call("presence.join", {"scene": "plaza", "name": "B"})["result"]
    snoops = [sub(zmq_ctx, endpoint, hub_public, prefix) for prefix in (b"u", b"", b"u" + bytes.fromhex(
        joined["inbox"])[:8])]
    owner = sub(zmq_ctx, endpoint, hub_public, inbox_topic(bytes.fromhex(joined["inbox"])))
    public = sub(zmq_ctx, endpoint, hub_public, b"splaza/")
    for _ in range(20):  # subscriptions take effect asynchronously: an unblock tells the blocker, until heard
        assert blocker.call("presence.block", {"avatar_id": other["avatar_id"]})["ok"]
        blocker.call("presence.unblock", {"block_id": blocker.call("presence.blocks")["result"]["blocks"][0][
            "block_id"]})
        if owner.poll(100):
            break
    assert owner.poll(0), "the visitor's own inbox subscription was not honoured"
    assert blocker.call("presence.leave")["result"]["left"]  # announced on the scene topic
    assert public.poll(1000), "scene topics are public and still delivered"
    for snoop in snoops:
        assert not snoop.poll(300), "a prefix subscription received a private notice"


def test_display_names_are_normalised_validated_and_unique_in_a_scene(start_hub, raw_client):
    hub = start_hub()
    first, second, third, fourth = (raw_client(hub.layout, hub.endpoints, Role.CITIZEN) for _ in range(4))
    ids = [first.call("presence.join", {"scene": "plaza", "name": unicodedata.normalize("NFD", "민아")}),
           second.call("presence.join", {"scene": "plaza", "name": "민아"}),
           third.call("presence.join", {"scene": "plaza", "name": "  Sam   Lee "})]
    ids = ",".join(str(r["result"]["avatar_id"]) for r in ids)
    names = [p["name"] for p in first.call("presence.profiles", {"ids": ids})["result"]["profiles"]]
    assert names == ["민아", "민아 (2)", "Sam Lee"]
    for bad in ("\u202eadmin", "Sam\u200bLee", "a\x07b"):
        assert fourth.call("presence.join", {"scene": "plaza", "name": bad})["error"]["reason"] == "name", bad
