"""Several hub processes serve one city over one PostgreSQL: kill -9 one of three during a ticket burst, a booking
race and a run of alerts. Clients connect their DEALER to every hub's endpoint (ZeroMQ round-robins and drops the
dead peer) and resend what is unanswered under the same request id: nothing acknowledged is lost, nothing is done
twice, one booking wins, and every subscriber of a surviving process sees every alert once, in sequence."""

from __future__ import annotations

import json
import time
import uuid
from collections import Counter
from datetime import timedelta

import zmq

from net import clock
from net.client.link import AlertReceived, CityLink, LinkStatus, ReplyReceived
from net.hub.layout import HubLayout, init_hub_dir, make_client_dir
from net.keys import load_curve
from net.protocol import ALERT_TOPIC, HEARTBEAT_TOPIC, Role, encode_request, parse_alert_header
from tests.net.conftest import FAST, HubProcess, wait_for
from tests.net.hostile.test_replay import publish_args

HUBS = 3
TICKETS = 240
BOOKERS = 20
ALERTS = 12
WINDOW = 24  # requests in flight per client
RESEND_AFTER = 1.0


class CityClient:
    """A DEALER connected to every hub process; resends unanswered requests under their ids."""

    def __init__(self, ctx: zmq.Context, layout: HubLayout, services: list[str], directory, role: Role) -> None:
        make_client_dir(layout, directory, role, directory.name)
        keys = load_curve(directory / "client.key_secret")
        self.socket = ctx.socket(zmq.DEALER)
        self.socket.linger = 0
        self.socket.immediate = True  # never queue on a connection that is not up
        self.socket.curve_serverkey = layout.hub_keys().public
        self.socket.curve_publickey, self.socket.curve_secretkey = keys.public, keys.secret
        for endpoint in services:
            self.socket.connect(endpoint)
        self.waiting: dict[str, tuple[bytes, float]] = {}  # rid -> (request, last sent)
        self.replies: dict[str, dict] = {}
        self.answers: Counter[str] = Counter()

    def send(self, op: str, args: dict) -> str:
        rid = uuid.uuid4().hex
        self.waiting[rid] = (encode_request(rid, op, args), 0.0)
        self._send(rid)
        return rid

    def _send(self, rid: str) -> None:
        raw, _ = self.waiting[rid]
        try:
            self.socket.send(raw, zmq.NOBLOCK)
        except zmq.Again:
            pass  # no hub connected at this instant: the next step resends
        self.waiting[rid] = (raw, time.monotonic())

    def step(self) -> None:
        while self.socket.poll(0):
            reply = json.loads(self.socket.recv())
            rid = reply["id"]
            if reply.get("error", {}).get("code") in ("unavailable", "rate_limited"):
                continue  # asked again at the next resend
            self.answers[rid] += 1
            if rid in self.waiting:
                del self.waiting[rid]
                self.replies[rid] = reply
        now = time.monotonic()
        for rid, (_, sent) in list(self.waiting.items()):
            if now - sent > RESEND_AFTER:
                self._send(rid)


class Subscriber:
    def __init__(self, ctx: zmq.Context, layout: HubLayout, endpoint: str) -> None:
        self.socket = ctx.socket(zmq.SUB)
        self.socket.linger = 0
        public, secret = zmq.curve_keypair()
        self.socket.curve_serverkey = layout.hub_keys().public
        self.socket.curve_publickey, self.socket.curve_secretkey = public, secret
        self.socket.subscribe(b"")
        self.socket.connect(endpoint)
        self.seqs: list[int] = []
        self.beats = 0

    def step(self) -> None:
        while self.socket.poll(0):
            frames = self.socket.recv_multipart()
            if frames[0] == ALERT_TOPIC:
                self.seqs.append(parse_alert_header(frames[1]).seq)
            elif frames[0] == HEARTBEAT_TOPIC:
                self.beats += 1


def cap(identifier: str) -> bytes:
    return (
        '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
        f"<identifier>{identifier}</identifier><sender>ops@seoul</sender><sent>{clock.now().isoformat()}</sent>"
        "<status>Exercise</status><msgType>Alert</msgType><scope>Public</scope></alert>"
    ).encode()


def test_killing_one_of_three_hub_processes_loses_doubles_and_reorders_nothing(pg_cluster, tmp_path, zmq_ctx):
    url = pg_cluster.new_schema()
    layout = init_hub_dir(tmp_path / "hub")  # one identity (keys, enrolled clients) shared by the processes
    hubs = [HubProcess(layout.root, url) for _ in range(HUBS)]
    try:
        services = [hub.start()["services"] for hub in hubs]
        subscribers = [Subscriber(zmq_ctx, layout, hub.endpoints["alerts"]) for hub in hubs]
        wait_for(lambda: all(s.beats for s in subscribers), 10, "a heartbeat on every subscriber",
                 step=lambda: [s.step() for s in subscribers])
        citizen = CityClient(zmq_ctx, layout, services, tmp_path / "desk", Role.STAFF)  # a desk's rate limits
        staff = CityClient(zmq_ctx, layout, services, tmp_path / "staff", Role.STAFF)
        bookers = [CityClient(zmq_ctx, layout, services, tmp_path / f"booker{i}", Role.CITIZEN)
                   for i in range(BOOKERS)]
        clients = [citizen, staff, *bookers]
        day = (clock.now() + timedelta(days=1)).date().isoformat()
        slot = {"facility_id": "citizens-hall", "day": day, "slot": "10:00"}

        sent_tickets: list[str] = []
        alert_ids: list[str] = []
        killed_at = None
        unanswered_at_kill: set[str] = set()

        def step() -> None:
            nonlocal killed_at
            while len(sent_tickets) < TICKETS and len(citizen.waiting) < WINDOW:
                sent_tickets.append(citizen.send("ticket.create", {"category": "road",
                                                                    "text": f"민원 {len(sent_tickets)}"}))
            if len(alert_ids) < ALERTS and len(citizen.replies) >= len(alert_ids) * TICKETS // ALERTS:
                xml = cap(f"CITY-{len(alert_ids)}")
                alert_ids.append(staff.send("alert.publish", publish_args(layout, xml)))
            if killed_at is None and len(citizen.replies) >= TICKETS // 3:
                for booker in bookers:  # the race starts together with the kill
                    booker.send("booking.create", slot)
                unanswered_at_kill.update(citizen.waiting)
                hubs[0].kill()
                killed_at = time.monotonic()
            for client in clients:
                client.step()
            for subscriber in subscribers[1:]:
                subscriber.step()

        recovered = None

        def all_answered() -> bool:
            nonlocal recovered
            if recovered is None and killed_at is not None and not unanswered_at_kill & set(citizen.waiting):
                recovered = time.monotonic() - killed_at
            return (killed_at is not None and not any(c.waiting for c in clients) and len(sent_tickets) == TICKETS
                    and len(alert_ids) == ALERTS)

        wait_for(all_answered, 90, "every request answered", step=step)
        assert unanswered_at_kill and len(citizen.replies) == TICKETS  # the kill came mid-burst
        print(f"requests in flight at the kill answered by the others within {recovered:.2f} s")
        assert recovered < 2 + RESEND_AFTER

        # Nothing lost, nothing doubled: one ticket per request id, each as first acknowledged.
        rows = dict(hubs[1].query("SELECT request_id, id FROM tickets"))
        assert len(rows) == TICKETS and set(rows) == set(sent_tickets)
        assert all(citizen.replies[rid]["ok"] and citizen.replies[rid]["result"]["ticket_id"] == rows[rid]
                   for rid in sent_tickets)
        # One booking wins; the others are told the slot is taken.
        outcomes = Counter("ok" if r["ok"] else r["error"]["code"] for b in bookers for r in b.replies.values())
        assert outcomes == {"ok": 1, "conflict": BOOKERS - 1}
        assert hubs[1].query("SELECT COUNT(*) FROM bookings WHERE day=? AND cancelled IS NULL", day) == [(1,)]
        # Every alert stored once, every survivor's subscriber saw each once and in sequence.
        seqs = sorted(r["result"]["seq"] for r in staff.replies.values())
        assert len(set(seqs)) == ALERTS and hubs[1].query("SELECT COUNT(*) FROM alerts") == [(ALERTS,)]
        wait_for(lambda: all(len(s.seqs) >= ALERTS for s in subscribers[1:]), 10, "the alerts on every survivor",
                 step=lambda: [s.step() for s in subscribers[1:]])
        for subscriber in subscribers[1:]:
            assert subscriber.seqs == seqs
    finally:
        for hub in hubs:
            hub.stop()


def test_a_city_link_listing_every_hub_process_carries_on_when_one_is_killed(pg_cluster, tmp_path):
    """The app's own link: city.json lists both processes; the one it was using dies; its requests are answered
    by the other within 2 s and it presents each alert once."""
    layout = init_hub_dir(tmp_path / "hub")
    url = pg_cluster.new_schema()
    hubs = [HubProcess(layout.root, url), HubProcess(layout.root, url)]
    try:
        for hub in hubs:
            hub.start()
        directory = make_client_dir(layout, tmp_path / "kiosk", Role.STAFF, "kiosk")
        (directory / "city.json").write_text(json.dumps({key: [hub.endpoints[key] for hub in hubs]
                                                          for key in ("services", "alerts")}))
        link = CityLink.from_directory(directory, **FAST)
        events: list = []
        try:
            wait_for(lambda: link.status is LinkStatus.CONNECTED and len(link.dealer.peers) == 2, 15,
                     "connected to both", step=lambda: events.extend(link.poll()))
            first = [link.request("alert.publish", publish_args(layout, cap(f"LINK-{i}"))) for i in range(2)]
            wait_for(lambda: {e.request_id for e in events if isinstance(e, ReplyReceived)} >= set(first), 10,
                     "the first alerts stored", step=lambda: events.extend(link.poll()))
            hubs[0].kill()
            killed = time.monotonic()
            later = [link.request("ticket.create", {"category": "road", "text": f"민원 {i}"}) for i in range(20)]
            later.append(link.request("alert.publish", publish_args(layout, cap("LINK-2"))))
            wait_for(lambda: {e.request_id for e in events if isinstance(e, ReplyReceived)} >= set(later), 10,
                     "answers from the surviving process", step=lambda: events.extend(link.poll()))
            assert time.monotonic() - killed < 2.0
            wait_for(lambda: len([e for e in events if isinstance(e, AlertReceived)]) >= 3, 10, "three alerts",
                     step=lambda: events.extend(link.poll()))
            replies = [e for e in events if isinstance(e, ReplyReceived)]
            assert all(r.ok for r in replies) and len(replies) == len({r.request_id for r in replies}) == 23
            assert [e.seq for e in events if isinstance(e, AlertReceived)] == [1, 2, 3]
            assert hubs[1].query("SELECT COUNT(*) FROM tickets") == [(20,)]
        finally:
            link.close()
    finally:
        for hub in hubs:
            hub.stop()
