"""Security behaviour of the city link over real CURVE sockets on loopback."""

from __future__ import annotations

import base64
import json

import pytest
import zmq
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from game.text.i18n import text
from net import alertsig
from net.client.blocking import call
from net.client.link import AlertReceived, CityLink, LinkStatus
from net.hub.auth import enroll
from net.hub.layout import init_hub_dir
from net.keys import CurveKeys, key_id, load_authority_private, write_public_curve
from net.protocol import (
    ALERT_TOPIC,
    HEARTBEAT_TOPIC,
    MAX_REQUEST_BYTES,
    AlertHeader,
    Heartbeat,
    ProtocolError,
    Role,
    encode_alert_header,
    encode_heartbeat,
    encode_reply,
    encode_request,
    parse_request,
)
from tests.net.conftest import wait_for

CAP = (
    '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>{id}</identifier><sender>t</sender>'
    "<sent>2026-11-25T11:00:00+09:00</sent><status>Exercise</status><msgType>Alert</msgType><scope>Public</scope>"
    "</alert>"
)


def cap(identifier: str) -> bytes:
    return CAP.format(id=identifier).encode()


def test_wrong_hub_key_is_reported_clearly(start_hub, make_link, tmp_path):
    hub = start_hub()
    link = make_link(hub.layout, hub.endpoints)
    impostor, _ = zmq.curve_keypair()
    link.close()
    # Re-open the same client pinned to a key the hub does not hold (a different city, or a man in the middle).
    directory = tmp_path / "clients" / "client0"
    write_public_curve(directory / "hub.key", impostor)
    wrong = CityLink.from_directory(directory, hub.endpoints["services"], hub.endpoints["alerts"])
    try:
        rid = wrong.request("hello", durable=False)
        replies = []
        wait_for(lambda: wrong.status is LinkStatus.WRONG_KEY, 10, "wrong-key status",
                 step=lambda: replies.extend(wrong.poll()))
        assert "key" in wrong.status_detail
        assert "키" in text(wrong.status.i18n_key, "ko") and "key" in text(wrong.status.i18n_key, "en")
        assert not any(getattr(e, "request_id", None) == rid for e in replies)
    finally:
        wrong.close()


def test_unknown_client_key_is_refused(start_hub, make_link):
    hub = start_hub(allow_anonymous=False)
    stranger = make_link(hub.layout, hub.endpoints, Role.KIOSK, name="stranger", enrolled=False,
                         retry_refused_after=0.5)
    stranger.request("ticket.create", {"category": "road", "text": "let me in"})
    wait_for(lambda: stranger.status is LinkStatus.REFUSED, 10, "refused status", step=stranger.poll)
    assert "400" in stranger.status_detail
    assert stranger.pending_count == 1  # kept, never executed
    assert hub.query("SELECT COUNT(*) FROM tickets") == [(0,)]
    # The same hub still serves an enrolled kiosk.
    kiosk = make_link(hub.layout, hub.endpoints, Role.KIOSK)
    assert call(kiosk, "hello").result["role"] == "kiosk"
    # Once an operator enrolls the stranger's key, the running link gets in and its kept request goes through.
    enroll(hub.layout.clients, Role.KIOSK, "stranger", stranger.client_keys.public)
    wait_for(lambda: stranger.pending_count == 0, 10, "enrolled stranger's request", step=stranger.poll)
    assert hub.query("SELECT COUNT(*) FROM tickets") == [(1,)]


def test_forged_and_unsigned_alerts_are_never_delivered(make_link, tmp_path, zmq_ctx, caplog):
    """A compromised hub (it holds the hub key but not the authority key) cannot get an alert shown."""
    layout = init_hub_dir(tmp_path / "hubkeys")
    real = load_authority_private(layout.authority_private)
    rogue = Ed25519PrivateKey.generate()
    keys: CurveKeys = layout.hub_keys()
    pub, router = zmq_ctx.socket(zmq.PUB), zmq_ctx.socket(zmq.ROUTER)
    for sock in (pub, router):
        sock.linger, sock.curve_server, sock.curve_secretkey = 0, True, keys.secret
    endpoints = {
        "alerts": f"tcp://127.0.0.1:{pub.bind_to_random_port('tcp://127.0.0.1')}",
        "services": f"tcp://127.0.0.1:{router.bind_to_random_port('tcp://127.0.0.1')}",
    }
    link = make_link(layout, endpoints)
    delivered: list[AlertReceived] = []

    hub_seq = [0]  # what the fake hub's heartbeats announce

    def step() -> None:
        pub.send_multipart([HEARTBEAT_TOPIC, encode_heartbeat(Heartbeat(hub_seq[0], "e1"))])
        delivered.extend(e for e in link.poll() if isinstance(e, AlertReceived))

    wait_for(lambda: link.last_seq == 0, 10, "first heartbeat", step=step)
    real_kid = key_id(real.public_key())
    good = cap("GOOD-4")
    live = [
        (1, real_kid, cap("UNSIGNED-1"), b""),
        (2, real_kid, cap("FORGED-2"), rogue.sign(alertsig.DOMAIN + cap("FORGED-2"))),  # claims the real key
        (3, key_id(rogue.public_key()), cap("ROGUE-3"), alertsig.sign(rogue, cap("ROGUE-3"))[1]),  # unpinned key
        (4, real_kid, cap("TAMPERED-4"), alertsig.sign(real, good)[1]),  # real signature, different document
        (5, real_kid, good, alertsig.sign(real, good)[1]),
    ]
    for seq, kid, xml, sig in live:
        pub.send_multipart([ALERT_TOPIC, encode_alert_header(AlertHeader(seq, "e1", kid)), xml, sig])
    wait_for(lambda: link.last_seq == 5, 10, "live alerts", step=step)
    # Catch-up path: the heartbeat reveals seq 7; the link asks for it and gets one forged and one good alert.
    late = cap("LATE-7")
    hub_seq[0] = 7
    entries = [(6, real_kid, cap("FORGED-6"), rogue.sign(alertsig.DOMAIN + cap("FORGED-6"))),
               (7, real_kid, late, alertsig.sign(real, late)[1])]
    result = {"epoch": "e1", "more": False, "last": 7, "alerts": [
        {"seq": s, "key_id": k, "xml_b64": base64.b64encode(x).decode(), "signature_b64": base64.b64encode(g).decode()}
        for s, k, x, g in entries
    ]}
    asked: list[dict] = []

    def serve_catch_up() -> None:
        step()
        while router.poll(0):  # answer every request, resends included
            identity, raw = router.recv_multipart()
            request = parse_request(raw)
            asked.append({"op": request.op, **request.args})
            router.send_multipart([identity, encode_reply(request.request_id, result)])

    wait_for(lambda: link.last_seq == 7, 10, "catch-up", step=serve_catch_up)
    step()
    assert asked[0] == {"op": "alerts.since", "seq": 5, "limit": 50}
    assert [(a.seq, a.xml) for a in delivered] == [(5, good), (7, late)]
    dropped = [r.getMessage() for r in caplog.records if "dropped alert" in r.getMessage()]
    assert len(dropped) == 5
    pub.close()
    router.close()


def test_oversized_message_is_dropped_and_the_link_recovers(start_hub, make_link, zmq_ctx):
    hub = start_hub()
    link = make_link(hub.layout, hub.endpoints, Role.KIOSK, name="kiosk")
    with pytest.raises(ProtocolError):
        link.request("ticket.create", {"category": "road", "text": "x" * (MAX_REQUEST_BYTES + 1)})
    # A raw socket with the same enrolled key bypasses the client's own check and sends 1 MiB.
    keys = link.client_keys
    raw = zmq_ctx.socket(zmq.DEALER)
    raw.linger, raw.curve_serverkey = 0, link.hub_key
    raw.curve_publickey, raw.curve_secretkey = keys.public, keys.secret
    raw.connect(hub.endpoints["services"])
    huge = json.dumps({"v": 1, "id": "oversized-1", "op": "hello", "args": {"pad": "x" * 2**20}}).encode()
    raw.send(huge)
    assert raw.poll(1000) == 0  # dropped, no answer
    raw.send(encode_request("after-oversize", "hello", {}))
    assert raw.poll(10_000), "the raw client got no answer after reconnecting"
    assert json.loads(raw.recv())["id"] == "after-oversize"
    raw.close()
    # The app's link, on its own connection, was not disturbed.
    assert call(link, "hello").ok
