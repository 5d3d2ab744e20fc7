"""The hub: alerts on a PUB socket, city services on a ROUTER socket, one single-threaded loop.

One thread owns both sockets, the ZAP handler and the store, so there are no locks in the process and the
services see requests in one order. Requests are drained in batches and committed together (group commit): one
fsync per batch instead of per request, and still nothing is acknowledged before it is on disk.

The store is SQLite in the data directory (embedded: desktop, kiosk, tests) or PostgreSQL (``store`` URL), which
several hub processes may share: the rules that must hold across them live in the database (a unique index per
booked slot, one row per request id) and in named locks (a request id while it is served, the alert log while an
alert takes its sequence number), so a retry that lands on another process is still answered once. Every
process publishes every alert, its own and the others' (``net.hub.alertfeed``: LISTEN/NOTIFY), in sequence.
With a ``broker`` (Redis), the process's presence relay is one of several: visitors attached to different
processes see each other through the broker's per-cell channels (``net.presence.cellbus``).
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import zmq

from net import alertsig, citydata, events
from net.clock import timestamp
from net.hub import citydata_poller, database, mayor, opinion_safety, services, spaces, store
from net.hub.alertfeed import CHANNEL, SWEEP, AlertFeed
from net.hub.auth import ALERTS_DOMAIN, PRESENCE_DOMAIN, SERVICES_DOMAIN, ClientRegistry, ZapHandler
from net.hub.cap import CapError, check_cap
from net.hub.layout import HubLayout, init_hub_dir
from net.hub.presence_relay import OPS as PRESENCE_HANDLERS
from net.hub.presence_relay import PresenceRelay, RelayConfig, subscription_allowed
from net.hub.ratelimit import REPLY_BYTES, Limit, RateLimiter
from net.hub.ringers import RingerQueue
from net.hub.services import BookingRules
from net.hub.sources import DISASTER_API_URL, DisasterApiPoller, DropFolder, Incoming
from net.hub.storage import Storage, StorageDown
from net.keys import load_authority_private, load_pinned_authorities, private_file
from net.moderation import is_profane
from net.presence.codec import MAX_STATE_BYTES
from net.protocol import (
    ALERT_TOPIC,
    CURVE_OVERHEAD,
    HEARTBEAT_TOPIC,
    MAX_REQUEST_BYTES,
    OPS,
    AlertHeader,
    ErrorCode,
    Heartbeat,
    ProtocolError,
    Request,
    Role,
    encode_alert_header,
    encode_error,
    encode_heartbeat,
    encode_reply,
    parse_request,
    request_id_of,
)

log = logging.getLogger(__name__)


@dataclass
class HubConfig:
    data_dir: Path
    store: str | None = None  # a PostgreSQL URL; None: SQLite in data_dir
    services: str = "tcp://127.0.0.1:5570"
    alerts: str = "tcp://127.0.0.1:5571"
    presence_in: str | None = None  # SUB for visitors' states; None: services host, port + 2 (or any port)
    presence_out: str | None = None  # PUB for relayed states, chat, notices (never the alerts PUB); port + 3
    presence: RelayConfig = field(default_factory=RelayConfig)
    broker: str | None = None  # redis://… (or unix://…): presence shared with other relay processes; None: alone
    allow_anonymous: bool = True
    heartbeat: float = 1.0
    limits: dict[Role, Limit] | None = None
    reply_bytes: dict[Role, Limit] = field(default_factory=lambda: dict(REPLY_BYTES))  # read-reply bytes per second
    reply_queue: int = 128  # replies queued per peer (ZMQ_SNDHWM); a reader that does not read loses the rest
    alert_queue: int = 200  # alert-channel messages queued per subscriber; gaps are caught up by sequence number
    watch_dropbox: bool = True
    disaster_api_key: str | None = None
    disaster_api_url: str = DISASTER_API_URL
    disaster_api_interval: float = 60.0
    disaster_api_region: str | None = None
    city_data_key: str | None = None  # Seoul Open API key; None: MSEOUL_SEOUL_API_KEY, else no city data poller
    city_data_url: str = citydata.BASE_URL
    city_data_interval: float = 300.0
    city_data_areas: tuple[str, ...] = citydata_poller.DISTRICT_AREAS
    batch: int = 256
    hide_after: int = opinion_safety.DEFAULT_HIDE_AFTER  # distinct citizens' reports that hide an opinion item
    bookings: BookingRules = field(default_factory=BookingRules)
    alert_max_age: float = 24 * 3600.0  # seconds: an alert sent longer ago is refused as stale (replay window)
    alert_clock_skew: float = 600.0  # seconds an alert's <sent> may lie ahead of the hub's clock
    clock: Callable[[], float] = timestamp  # the program's clock for alert windows and records (tests pin it)
    ringer_absent_after: float = 30.0  # seconds of silence that give a visitor's strike back to the automatic ringer


def beside(endpoint: str, offset: int) -> str:
    """``tcp://host:port`` moved ``offset`` ports on (``tcp://host:*`` stays any port), so a hub started with
    only ``--services`` (the embedded hub, tests) puts its presence sockets next to it without more flags."""
    host, _, port = endpoint.rpartition(":")
    return endpoint if port == "*" else f"{host}:{int(port) + offset}"


class Hub:
    """Create, :meth:`bind`, then :meth:`run` (blocks until :meth:`stop` from any thread)."""

    def __init__(self, config: HubConfig) -> None:
        self.config = config
        self.layout: HubLayout = init_hub_dir(config.data_dir)
        self.db: database.Database = store.open_store(config.data_dir, config.store)
        self.epoch = store.epoch(self.db)
        self.storage = Storage()
        self.storage.attach(self.db)
        self._published = store.last_seq(self.db)  # the newest alert this process has put on its PUB
        self._held: list[Incoming] = []  # trusted alerts waiting for the store to take writes again
        self.signer = load_authority_private(self.layout.authority_private)
        self.authorities = load_pinned_authorities(self.layout.authorities)
        self.limiter = RateLimiter(config.limits)
        self.reply_budget = RateLimiter(config.reply_bytes)
        self.ringers = RingerQueue(absent_after=config.ringer_absent_after)
        self.handlers = {**services.HANDLERS, **opinion_safety.handlers(config.hide_after), **mayor.HANDLERS,
                         **services.event_handlers(self.ringers),
                         **spaces.HANDLERS, "city.data": citydata_poller.city_data,
                         "booking.create": functools.partial(services.booking_create, rules=config.bookings),
                         "session.book": functools.partial(spaces.session_book, rules=config.bookings)}
        self.incoming: queue.Queue[Incoming] = queue.Queue()
        self._stop = threading.Event()
        self.ctx = zmq.Context()
        self.zap = ZapHandler(self.ctx, ClientRegistry(self.layout.clients), config.allow_anonymous)
        keys = self.layout.hub_keys()
        self.router = self._curve_socket(zmq.ROUTER, keys.secret, SERVICES_DOMAIN)
        self.router.maxmsgsize = MAX_REQUEST_BYTES + CURVE_OVERHEAD
        self.router.sndhwm = config.reply_queue
        self.pub = self._curve_socket(zmq.PUB, keys.secret, ALERTS_DOMAIN)
        self.pub.sndhwm = config.alert_queue
        # Presence has its own pair of sockets: a burst of states must never fill the alerts PUB's queues.
        self.bus = None
        if config.broker:
            from net.presence.cellbus import CellBus  # the city's alone: redis-py is in the 'city' extra

            self.bus_in = self.ctx.socket(zmq.PULL)
            self.bus_in.linger = 0
            bus_endpoint = f"inproc://cell-bus-{id(self):x}"
            self.bus_in.bind(bus_endpoint)
            self.bus = CellBus(config.broker, self.ctx, bus_endpoint)
        self.presence = PresenceRelay(config.presence, is_profane, bus=self.bus)
        self.presence_in = self._curve_socket(zmq.SUB, keys.secret, PRESENCE_DOMAIN)
        self.presence_in.maxmsgsize = MAX_STATE_BYTES + CURVE_OVERHEAD
        self.presence_in.subscribe(b"")
        # XPUB in manual mode: the hub sees each subscription and honours only those a visitor may have (no
        # prefix that would match other visitors' private notice topics).
        self.presence_out = self._curve_socket(zmq.XPUB, keys.secret, PRESENCE_DOMAIN)
        self.presence_out.setsockopt(zmq.XPUB_MANUAL, 1)
        self.dropbox = DropFolder(self.layout.dropbox) if config.watch_dropbox else None
        self.api: DisasterApiPoller | None = None
        if config.disaster_api_key:
            self.api = DisasterApiPoller(
                config.disaster_api_url, config.disaster_api_key, self.incoming,
                interval=config.disaster_api_interval, region=config.disaster_api_region,
            )
        self.feed: AlertFeed | None = None
        if self.db.dialect == "postgresql":  # other hub processes may store alerts: hear of them
            self.feed_in = self.ctx.socket(zmq.PULL)
            self.feed_in.linger = 0
            endpoint = f"inproc://alert-feed-{id(self):x}"
            self.feed_in.bind(endpoint)
            self.feed = AlertFeed(config.store, self.db.channel(CHANNEL), self.ctx, endpoint)
        self.city_snapshots: queue.Queue[citydata_poller.Snapshot] = queue.Queue()
        city_key = config.city_data_key or os.environ.get(citydata_poller.KEY_ENV)
        self.city_poller = citydata_poller.CityDataPoller(
            city_key, self.city_snapshots, areas=config.city_data_areas, base_url=config.city_data_url,
            interval=config.city_data_interval, wall=config.clock, alerts=self.incoming) if city_key else None
        self.endpoints: dict[str, str] = {}
        self._gatherings_opened: set[tuple[str, str]] = set()  # (scene, starts) of scheduled gatherings seen open

    def _curve_socket(self, kind: int, secret: bytes, domain: bytes) -> zmq.Socket:
        sock = self.ctx.socket(kind)
        sock.linger = 0
        sock.curve_server = True
        sock.curve_secretkey = secret
        sock.zap_domain = domain
        return sock

    def bind(self) -> dict[str, str]:
        """Bind both sockets (``tcp://host:*`` picks a free port) and record the real endpoints."""
        self.router.bind(self.config.services)
        self.pub.bind(self.config.alerts)
        self.presence_in.bind(self.config.presence_in or beside(self.config.services, 2))
        self.presence_out.bind(self.config.presence_out or beside(self.config.services, 3))
        self.endpoints = {
            "services": self.router.getsockopt_string(zmq.LAST_ENDPOINT),
            "alerts": self.pub.getsockopt_string(zmq.LAST_ENDPOINT),
            "presence_in": self.presence_in.getsockopt_string(zmq.LAST_ENDPOINT),
            "presence_out": self.presence_out.getsockopt_string(zmq.LAST_ENDPOINT),
        }
        private_file(self.layout.endpoints_file).write_text(json.dumps(self.endpoints), encoding="utf-8")
        return self.endpoints

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        """Serve until stopped; closes everything on the way out."""
        if not self.endpoints:
            self.bind()
        if self.api:
            self.api.start()
        if self.city_poller:
            self.city_poller.start()
        poller = zmq.Poller()
        if self.feed:
            self.feed.start()
            poller.register(self.feed_in, zmq.POLLIN)
        if self.bus:
            self.bus.start()
            poller.register(self.bus_in, zmq.POLLIN)
        poller.register(self.router, zmq.POLLIN)
        poller.register(self.zap.socket, zmq.POLLIN)
        poller.register(self.presence_in, zmq.POLLIN)
        poller.register(self.presence_out, zmq.POLLIN)
        next_beat = next_scan = 0.0
        try:
            while not self._stop.is_set():
                wait = min(100, max(0, int((self.presence.next_tick - time.monotonic()) * 1000) + 1))
                ready = dict(poller.poll(wait))
                now = time.monotonic()
                self._guarded(self._turn, ready, now, now >= next_scan, now >= next_beat)
                if now >= next_scan:
                    next_scan = now + 0.5
                if now >= next_beat:
                    next_beat = now + self.config.heartbeat
        finally:
            self.close()

    def _turn(self, ready: dict, now: float, scan: bool, beat: bool) -> None:
        while self.zap.socket.poll(0):
            self.zap.handle()
        if self.presence_in in ready:
            self._receive_states()
        if self.bus and self.bus_in in ready:
            self._bus_arrivals()
        if self.presence_out in ready:
            self._subscriptions()
        if scan:
            for client in self.presence.end_sessions(self.zap.registry.still_allowed):
                log.warning("presence session of revoked key %s ended", client[:8])
        if self.router in ready:
            self._serve_batch()
        if self.feed and self.feed_in in ready:
            self._feed_arrivals()
        self._publish_presence(now)
        self._drain_incoming()
        while not self.city_snapshots.empty():
            citydata_poller.store(self.db, self.city_snapshots.get_nowait())
        if self.dropbox and scan:
            self._scan_dropbox()
        if scan:
            self._open_gatherings()
        if beat:
            self.pub.send_multipart([HEARTBEAT_TOPIC, encode_heartbeat(Heartbeat(self.last_seq, self.epoch))])

    def _guarded(self, step: Callable[..., None], *args: object) -> None:
        """Run one turn of the loop; an unexpected error is logged and the hub goes on (never half a transaction)."""
        try:
            step(*args)
        except Exception:  # noqa: BLE001 - the hub outlives any one bug; the log says what happened
            log.exception("hub loop step failed")
            self.storage.rollback(self.db)

    @property
    def last_seq(self) -> int:
        """What heartbeats announce: the log's newest alert; with several processes, the newest this one has
        published (announcing one it has not sent yet would send clients to catch up on every alert)."""
        return self._published if self.feed else store.last_seq(self.db)

    def close(self) -> None:
        if self.api:
            self.api.stop()
        if self.feed:
            self.feed.stop()
            self.feed_in.close(linger=0)
        if self.city_poller:
            self.city_poller.stop()
        if self.bus:
            self.bus.stop()
            self.bus_in.close(linger=0)
        self.zap.close()
        self.router.close(linger=0)
        self.pub.close(linger=0)
        self.presence_in.close(linger=0)
        self.presence_out.close(linger=0)
        self.ctx.term()
        self.db.close()

    # -- services ---------------------------------------------------------------------------------------------

    def _serve_batch(self) -> None:
        batch: list[list[zmq.Frame]] = []
        while len(batch) < self.config.batch:
            try:
                batch.append(self.router.recv_multipart(zmq.NOBLOCK, copy=False))
            except zmq.Again:
                break
        writable = self.storage.begin(self.db, time.monotonic())
        replies: list[tuple[bytes, str | None, bytes]] = []
        published: list[int] = []
        for frames in batch:
            if len(frames) != 2:
                log.warning("dropping request with %d frames", len(frames))
                continue
            identity, payload = frames
            rid, reply = self._serve_one(payload, published, writable)
            replies.append((identity.bytes, rid, reply))
        if not self.storage.commit(self.db, writable, time.monotonic()):
            # Nothing of this batch reached the disk: no answer may say it did (reads included, as they may have
            # seen the rolled-back writes), and nothing is published.
            published.clear()
            replies = [(ident, rid, self._unavailable(rid)) for ident, rid, _ in replies]
        self._announce(published)
        self._publish_presence(time.monotonic())
        for identity, _, reply in replies:
            self._send_reply(identity, reply)

    def _unavailable(self, rid: str | None) -> bytes:
        return encode_error(rid, ErrorCode.UNAVAILABLE, "storage unavailable", retry_after=self.storage.retry_after)

    def _send_reply(self, identity: bytes, reply: bytes) -> None:
        try:
            self.router.send_multipart([identity, reply], zmq.NOBLOCK)
        except zmq.Again:
            log.debug("reply dropped: peer's queue is full")  # a stuck reader; its link resends when it reads again

    def _serve_one(self, payload: zmq.Frame, published: list[int], writable: bool) -> tuple[str | None, bytes]:
        """(request id, reply) for one request; nothing a client sends escapes as an exception."""
        raw = payload.bytes
        try:
            role_name, _, client = payload.get("User-Id").partition(":")
            role = Role(role_name)
            if not self.zap.registry.still_allowed(client, role):
                # Revoked while connected: the role was fixed at the handshake, so it is checked per request.
                return request_id_of(raw), encode_error(request_id_of(raw), ErrorCode.FORBIDDEN, "client key revoked",
                                                        reason="revoked")
            request = parse_request(raw)
            caller = services.Caller(client, role, request.request_id, self.config.clock())
            self.ringers.seen(client, caller.now)  # any request says the visitor is still there
        except ProtocolError as exc:
            return request_id_of(raw), encode_error(request_id_of(raw), exc.code, str(exc))
        except Exception:  # noqa: BLE001 - the last line of defence: one bad frame never stops the hub
            log.exception("unparseable request")
            return None, encode_error(None, ErrorCode.BAD_REQUEST, "bad request")
        try:
            return request.request_id, self._serve_request(request, caller, published, writable)
        except database.StoreFault as exc:
            log.warning("%s: storage: %s", request.op, exc)
            self.storage.failed(time.monotonic())
            return request.request_id, self._unavailable(request.request_id)
        except Exception:  # noqa: BLE001
            log.exception("%s failed", request.op)
            return request.request_id, encode_error(request.request_id, ErrorCode.INTERNAL, "internal error")

    def _serve_request(self, request: Request, caller: services.Caller, published: list[int], writable: bool) -> bytes:
        op, role, client = OPS[request.op], caller.role, caller.client
        if role not in op.roles:
            return encode_error(request.request_id, ErrorCode.FORBIDDEN, f"{request.op} is not open to {role}")
        if op.writes:
            self.db.lock(f"request:{client}:{request.request_id}")  # the same retry on another hub process waits
            row = self.db.execute(
                "SELECT reply FROM requests WHERE client=? AND request_id=?", (client, request.request_id)
            ).fetchone()
            if row is not None:
                return bytes(row[0])  # a retry: the first answer, and nothing done twice
            if not writable:
                return self._unavailable(request.request_id)
        wait = self.limiter.take(client, role, time.monotonic())
        if wait:
            return encode_error(request.request_id, ErrorCode.RATE_LIMITED, "slow down", retry_after=round(wait, 3))
        self.db.execute("SAVEPOINT request")
        try:
            if request.op == "alert.publish":
                result = self._publish_request(request.args, published)
            elif request.op in PRESENCE_HANDLERS:
                result = self.presence.handle(self.db, caller, request.op, request.args)
            else:
                result = self.handlers[request.op](self.db, caller, request.args)
            reply = encode_reply(request.request_id, result)
            wait = 0.0 if op.writes else self.reply_budget.take(client, role, time.monotonic(), len(reply))
            if wait:
                reply = encode_error(request.request_id, ErrorCode.RATE_LIMITED, "reply budget spent",
                                     retry_after=round(wait, 3))
            if op.writes:
                row = (client, request.request_id, request.op, reply, caller.now)
                self.db.execute("INSERT INTO requests VALUES (?, ?, ?, ?, ?)", row)
        except services.ServiceError as exc:
            self.db.execute("ROLLBACK TO SAVEPOINT request")
            reply = encode_error(request.request_id, exc.code, str(exc), **exc.extra)
        except BaseException:
            self.db.execute("ROLLBACK TO SAVEPOINT request")
            self.db.execute("RELEASE SAVEPOINT request")
            raise
        self.db.execute("RELEASE SAVEPOINT request")
        return reply

    # -- presence ---------------------------------------------------------------------------------------------

    def _receive_states(self, limit: int = 4096) -> None:
        """Take the avatar states that have arrived (bounded, so requests and ticks still get their turn)."""
        now = time.monotonic()
        for _ in range(limit):
            try:
                frame = self.presence_in.recv(zmq.NOBLOCK, copy=False)
            except zmq.Again:
                return
            self.presence.receive(frame.get("User-Id").partition(":")[2], frame.bytes, now)

    def _bus_arrivals(self, limit: int = 4096) -> None:
        """What other relay processes published in the cells our visitors hear (bounded like the states)."""
        for _ in range(limit):
            try:
                channel, payload = self.bus_in.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                return
            self.presence.arrive(channel, payload)

    def _subscriptions(self, limit: int = 4096) -> None:
        """Honour the presence subscriptions that are allowed (XPUB_MANUAL applies them to the peer that sent
        the message just received); refused ones are logged and have no effect. A scene's subscriber (a visitor
        who has just joined) is sent the scene's gathering again (:meth:`PresenceRelay.scene_heard`)."""
        scenes: list[str] = []
        for _ in range(limit):
            try:
                message = self.presence_out.recv(zmq.NOBLOCK)
            except zmq.Again:
                break
            if not message or message[0] not in (0, 1):
                continue
            topic = message[1:]
            if message[0] == 0:
                self.presence_out.setsockopt(zmq.UNSUBSCRIBE, topic)
            elif subscription_allowed(topic):
                self.presence_out.setsockopt(zmq.SUBSCRIBE, topic)
                if topic[:1] == b"s" and topic[1:-1].decode("ascii", "replace") not in scenes:
                    scenes.append(topic[1:-1].decode("ascii", "replace"))
            else:
                log.warning("refused presence subscription to %r", topic[:8])
        if scenes and not self.storage.down(time.monotonic()):
            self.db.begin(write=False)
            try:
                self.presence.scene_heard(self.db, scenes, self.config.clock())
            finally:
                self.storage.end_read(self.db)
            self._publish_presence(time.monotonic())

    def _publish_presence(self, now: float) -> None:
        for topic, body in self.presence.drain(now):
            self.presence_out.send_multipart([topic, body])

    # -- alerts -----------------------------------------------------------------------------------------------

    def _publish_request(self, args: dict, published: list[int]) -> dict:
        try:
            xml = base64.b64decode(args["xml_b64"], validate=True)
            signature = base64.b64decode(args["signature_b64"], validate=True)
        except binascii.Error:
            raise services.ServiceError(ErrorCode.BAD_REQUEST, "not base64") from None
        seq = self._record_alert(xml, args["key_id"], signature, "operator")
        published.append(seq)
        return {"seq": seq}

    def _record_alert(self, xml: bytes, kid: str, signature: bytes, source: str) -> int:
        """Store a verified, new, current alert (caller's transaction); refuse the others before they get a number.

        New: its (sender, identifier) was never published here (an Update or Cancel carries its own identifier and
        references the original). Current: not expired, and, except from the operator's own drop folder (prepared
        exercise files), sent within ``alert_max_age`` and not in the future beyond ``alert_clock_skew``."""
        problem = alertsig.verify(self.authorities, kid, xml, signature)
        if problem:
            log.warning("refusing alert from %s: %s", source, problem)
            raise services.ServiceError(ErrorCode.FORBIDDEN, f"alert signature: {problem}")
        try:
            cap = check_cap(xml)
        except CapError as exc:
            raise services.ServiceError(ErrorCode.BAD_REQUEST, f"alert: {exc}") from None
        now = self.config.clock()
        # Sequence numbers commit in the order they are taken, whichever hub process takes them.
        self.db.lock("alerts")
        if self.db.execute("SELECT 1 FROM alerts WHERE sender=? AND identifier=?",
                           (cap.sender, cap.identifier)).fetchone():
            raise services.ServiceError(ErrorCode.CONFLICT, "alert: already published", reason="replay")
        if cap.expires is not None and cap.expires <= now:
            raise services.ServiceError(ErrorCode.BAD_REQUEST, "alert: expired", reason="expired")
        if source != "drop":
            if cap.sent is None:
                raise services.ServiceError(ErrorCode.BAD_REQUEST, "alert: no readable <sent>", reason="stale")
            if not now - self.config.alert_max_age <= cap.sent <= now + self.config.alert_clock_skew:
                raise services.ServiceError(ErrorCode.BAD_REQUEST, "alert: <sent> outside the accepted window",
                                            reason="stale")
        seq = self.db.execute(
            "INSERT INTO alerts (identifier, key_id, xml, signature, source, received, sender, sent, expires)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
            (cap.identifier, kid, xml, signature, source, now, cap.sender, cap.sent, cap.expires),
        ).fetchone()[0]
        self.db.notify(CHANNEL, str(seq))  # delivered to every hub process when (and if) this commits
        log.info("alert %s from %s is seq %d", cap.identifier, source, seq)
        return seq

    def _announce(self, seqs: list[int]) -> None:
        """Publish alerts this process has just committed. Alone on its store: exactly these. Beside other
        processes: every alert up to the newest of them, in sequence (the others' may have committed between)."""
        if self.feed is None:
            for seq in seqs:
                self._publish_stored(seq)
        elif seqs:
            self._publish_through(max(seqs))

    def _feed_arrivals(self) -> None:
        upto = 0
        while True:
            try:
                seq = int(self.feed_in.recv_string(zmq.NOBLOCK))
            except zmq.Again:
                break
            upto = max(upto, store.last_seq(self.db) if seq == SWEEP else seq)
        self._publish_through(upto)

    def _publish_through(self, upto: int) -> None:
        """Publish, in order, the stored alerts after the last one this process published, up to ``upto``."""
        if upto <= self._published:
            return
        rows = self.db.execute("SELECT seq, key_id, xml, signature FROM alerts WHERE seq > ? AND seq <= ?"
                               " ORDER BY seq", (self._published, upto)).fetchall()
        for seq, kid, xml, signature in rows:
            self._send_alert(seq, kid, xml, signature)
        self._published = upto

    def _publish_stored(self, seq: int) -> None:
        query = "SELECT key_id, xml, signature FROM alerts WHERE seq=?"
        kid, xml, signature = self.db.execute(query, (seq,)).fetchone()
        self._send_alert(seq, kid, xml, signature)

    def _send_alert(self, seq: int, kid: str, xml: bytes, signature: bytes) -> None:
        header = encode_alert_header(AlertHeader(seq, self.epoch, kid))
        self.pub.send_multipart([ALERT_TOPIC, header, bytes(xml), bytes(signature)])
        self._published = max(self._published, seq)

    def publish_trusted(self, item: Incoming) -> int | None:
        """Sign and publish an alert from a trusted source once; ``None`` if seen before or refused. A disaster text
        counts as seen when its fingerprint is, from whichever source (:mod:`net.hub.sources`).

        Raises :class:`StorageDown` when the store cannot take it now (the caller keeps the item for later)."""
        kid, signature = alertsig.sign(self.signer, item.xml)
        if not self.storage.begin(self.db, time.monotonic()):
            self.storage.end_read(self.db)
            raise StorageDown(self.storage.retry_after)
        try:
            inserted = [self.db.execute("INSERT INTO source_seen VALUES (?, ?) ON CONFLICT DO NOTHING", key).rowcount
                        for key in item.seen_keys]  # every key recorded, even when one was seen before
            seq = None if 0 in inserted else self._record_alert(item.xml, kid, signature, item.source)
        except services.ServiceError as exc:
            self.storage.rollback(self.db)
            log.warning("alert from %s (%s) refused: %s", item.source, item.key, exc)
            return None
        except database.StoreFault:
            self.storage.rollback(self.db)
            self.storage.failed(time.monotonic())
            raise StorageDown(self.storage.retry_after) from None
        except BaseException:
            self.storage.rollback(self.db)
            raise
        if not self.storage.commit(self.db, True, time.monotonic()):
            raise StorageDown(self.storage.retry_after)
        if seq is not None:
            self._announce([seq])
        return seq

    def _open_gatherings(self) -> None:
        """Scheduled lectures and talks open their room's gathering at their start, in hub time (net/hub/spaces.py);
        each once per process (the store decides between processes)."""
        now = self.config.clock()
        due = [g for g in spaces.due_gatherings(now, events.load_all())
               if (g["scene"], g["starts"]) not in self._gatherings_opened]
        if not due or self.storage.down(time.monotonic()):
            return
        if not self.storage.begin(self.db, time.monotonic()):
            self.storage.end_read(self.db)
            return
        scenes = spaces.open_due_gatherings(self.db, due, now)
        if not self.storage.commit(self.db, True, time.monotonic()):
            return  # tried again on the next scan
        self._gatherings_opened.update((g["scene"], g["starts"]) for g in due)
        if scenes:  # told once it is stored, as a visitor joining later would find it
            self.db.begin(write=False)
            try:
                self.presence.announce_gatherings(self.db, scenes, now)
            finally:
                self.storage.end_read(self.db)
            self._publish_presence(time.monotonic())

    def _drain_incoming(self) -> None:
        while self._held or not self.incoming.empty():
            if self.storage.down(time.monotonic()):
                return
            item = self._held.pop(0) if self._held else self.incoming.get_nowait()
            try:
                self.publish_trusted(item)
            except StorageDown:
                self._held.insert(0, item)  # kept, in order, until the store takes writes again
                return

    def _scan_dropbox(self) -> None:
        assert self.dropbox is not None
        for path, item in self.dropbox.scan(time.time()):  # real time: compared with the files' mtimes
            if self.storage.down(time.monotonic()):
                return  # the files stay in the folder and are read again once the store takes writes
            try:
                accepted = self.publish_trusted(item) is not None
            except StorageDown:
                return
            self.dropbox.archive(path, accepted)  # logs and goes on if the file vanished meanwhile
