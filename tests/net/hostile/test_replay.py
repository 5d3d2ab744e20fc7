"""Replayed alerts: the hub refuses a (sender, identifier) it has published, stale and expired alerts; a client
never presents the same alert twice, even across a restart and a hub whose alert log was reset."""

from __future__ import annotations

import base64
import threading
from datetime import datetime, timedelta

from net import alertsig, clock
from net.client.link import AlertReceived, CityLink
from net.hub.server import Hub, HubConfig
from net.hub.sources import Incoming
from net.hub.store import DB_NAME
from net.keys import load_authority_private
from net.protocol import Role
from tests.net.conftest import FAST, wait_for

NOW = datetime.fromisoformat("2026-11-25T12:00:00+09:00")


def cap(identifier: str, sent: datetime = NOW, expires: datetime | None = None) -> bytes:
    info = f"<info><event>drill</event><expires>{expires.isoformat()}</expires></info>" if expires else ""
    return (
        '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
        f"<identifier>{identifier}</identifier><sender>ops@seoul</sender><sent>{sent.isoformat()}</sent>"
        f"<status>Exercise</status><msgType>Alert</msgType><scope>Public</scope>{info}</alert>"
    ).encode()


def publish_args(layout, xml: bytes) -> dict:
    kid, signature = alertsig.sign(load_authority_private(layout.authority_private), xml)
    return {"xml_b64": base64.b64encode(xml).decode(), "signature_b64": base64.b64encode(signature).decode(),
            "key_id": kid}


def test_replayed_stale_and_expired_alerts_are_refused(start_hub, raw_client):
    hub = start_hub(clock=NOW.timestamp)
    staff = raw_client(hub.layout, hub.endpoints, Role.STAFF)
    first = publish_args(hub.layout, cap("A-1", expires=NOW + timedelta(hours=1)))
    assert staff.call("alert.publish", first)["result"]["seq"] == 1
    for args, reason in (
        (first, "replay"),  # the same signed document again
        (publish_args(hub.layout, cap("A-1", sent=NOW + timedelta(minutes=1))), "replay"),  # re-signed, new <sent>
        (publish_args(hub.layout, cap("OLD", sent=NOW - timedelta(days=2))), "stale"),
        (publish_args(hub.layout, cap("FUTURE", sent=NOW + timedelta(days=2))), "stale"),
        (publish_args(hub.layout, cap("GONE", expires=NOW - timedelta(minutes=1))), "expired"),
    ):
        reply = staff.call("alert.publish", args)
        assert not reply["ok"] and reply["error"]["reason"] == reason, reply
    assert staff.call("alert.publish", publish_args(hub.layout, cap("A-2")))["result"]["seq"] == 2
    assert hub.query("SELECT identifier FROM alerts ORDER BY seq") == [("A-1",), ("A-2",)]


def test_a_new_clients_catch_up_is_by_sent_and_expires(start_hub, raw_client, make_link):
    now = [NOW.timestamp()]
    hub = start_hub(clock=lambda: now[0])
    staff = raw_client(hub.layout, hub.endpoints, Role.STAFF)
    for xml in (cap("OVER", expires=NOW + timedelta(minutes=5)), cap("ON", expires=NOW + timedelta(hours=5)),
                cap("LONG", sent=NOW - timedelta(hours=3), expires=NOW + timedelta(hours=10)), cap("BARE")):
        assert staff.call("alert.publish", publish_args(hub.layout, xml))["ok"]
    now[0] += 2 * 3600  # two hours on: OVER has expired, BARE (no <expires>) was sent over an hour ago
    link = make_link(hub.layout, hub.endpoints, Role.KIOSK)
    alerts: list[AlertReceived] = []
    wait_for(lambda: link.last_seq == 4, 10, "catch-up",
             step=lambda: alerts.extend(e for e in link.poll() if isinstance(e, AlertReceived)))
    assert [a.seq for a in alerts] == [2, 3]  # in force: ON, and LONG although sent three hours before


def test_a_client_never_presents_an_alert_twice_across_restarts_and_a_reset_hub_log(start_hub, make_link, tmp_path,
                                                                                     request):
    hub = start_hub()
    xml = cap("SEEN-1", sent=clock.now())
    link = make_link(hub.layout, hub.endpoints, Role.KIOSK, name="kiosk")
    alerts: list[AlertReceived] = []

    def step(current) -> None:
        alerts.extend(e for e in current.poll() if isinstance(e, AlertReceived))

    wait_for(lambda: link.last_seq is not None, 10, "first heartbeat", step=lambda: step(link))
    hub.hub.incoming.put_nowait(_trusted(xml))
    wait_for(lambda: len(alerts) == 1, 10, "the alert", step=lambda: step(link))
    link.close()
    # The hub's log is lost (a restore from an old backup): same keys, same endpoints, a new epoch.
    hub.hub.stop()
    hub.thread.join(5)
    for path in hub.layout.root.glob(DB_NAME + "*"):
        path.unlink()
    empty = request.getfixturevalue("pg_cluster").new_schema() if hub.hub.config.store else None
    services, alerts_endpoint = hub.endpoints["services"], hub.endpoints["alerts"]
    reborn = Hub(HubConfig(hub.layout.root, store=empty, services=services, alerts=alerts_endpoint, heartbeat=0.25,
                           presence_in="tcp://127.0.0.1:*", presence_out="tcp://127.0.0.1:*"))
    reborn.bind()
    thread = threading.Thread(target=reborn.run, daemon=True)
    thread.start()
    try:
        reborn.incoming.put_nowait(_trusted(xml))  # the same alert reaches the new log
        reborn.incoming.put_nowait(_trusted(cap("NEW-2", sent=clock.now())))
        again = CityLink.from_directory(tmp_path / "clients" / "kiosk", services, alerts_endpoint, **FAST)
        try:
            fresh: list[AlertReceived] = []
            wait_for(lambda: again.last_seq == 2, 10, "catch-up on the new log",
                     step=lambda: fresh.extend(e for e in again.poll() if isinstance(e, AlertReceived)))
            assert [a.seq for a in fresh] == [2]  # NEW-2 only: SEEN-1 was presented before the restart
        finally:
            again.close()
    finally:
        reborn.stop()
        thread.join(5)


def _trusted(xml: bytes) -> Incoming:
    return Incoming("test", str(hash(xml)), xml)
