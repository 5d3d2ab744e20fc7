"""CityLink: the app's non-blocking connection to a hub, driven by calling :meth:`CityLink.poll` once per frame.

``poll`` never blocks: one ``Poller.poll(0)`` over the two data sockets and their monitors, then at most
``max_messages`` messages handled, then timers (heartbeat silence, resends, catch-up). It returns events:
:class:`StatusChanged`, :class:`AlertReceived` (verified CAP XML bytes, in sequence order, for ``game.alerts``) and
:class:`ReplyReceived`. Requests go through the on-disk outbox and are retried until answered.

Failure modes it turns into status instead of silence: a wrong pinned hub key (CURVE handshake fails — seen only on
the socket monitor), a refused client key (ZAP 400), a dead or unreachable hub (no heartbeat), a lost alert
subscription (a SUB does not notice by itself: silence makes it reconnect) and lost alerts (sequence gaps, which
are filled from the hub's alert log).
"""

from __future__ import annotations

import base64
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import zmq
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from zmq.utils.monitor import parse_monitor_message

from net import alertsig, clock
from net.capinfo import CapError, summarise
from net.client.outbox import Outbox, Pending, new_request_id
from net.keys import CurveKeys, load_curve, load_pinned_authorities
from net.protocol import (
    ALERT_TOPIC,
    CURVE_OVERHEAD,
    HEARTBEAT_TOPIC,
    MAX_ALERT_BYTES,
    MAX_REPLY_BYTES,
    MAX_REQUEST_BYTES,
    ErrorCode,
    ProtocolError,
    check_args,
    encode_request,
    parse_alert_header,
    parse_heartbeat,
    parse_reply,
)

log = logging.getLogger(__name__)

CATCH_UP = "alerts.since"


class LinkStatus(StrEnum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    OFFLINE = "offline"  # hub unreachable or silent; requests wait in the outbox
    WRONG_KEY = "wrong_key"  # the hub does not hold the key we pinned: not our city, or a man in the middle
    REFUSED = "refused"  # the hub does not accept our client key

    @property
    def i18n_key(self) -> str:
        """Catalogue key of the user-facing text (``game.text.i18n.text(status.i18n_key, lang)``)."""
        return f"net.status_{self.value}"


@dataclass(frozen=True)
class StatusChanged:
    status: LinkStatus
    detail: str


@dataclass(frozen=True)
class AlertReceived:
    seq: int
    xml: bytes
    key_id: str


@dataclass(frozen=True)
class ReplyReceived:
    request_id: str
    op: str
    ok: bool
    result: dict[str, Any]
    error: dict[str, Any]


LinkEvent = StatusChanged | AlertReceived | ReplyReceived

_USER_ERRORS = frozenset({"conflict", "rate_limited", "forbidden", "not_found", "bad_request"})


def error_i18n_key(code: str) -> str:
    """Catalogue key for a refused request's ``error["code"]``; others use ``net.request_failed`` (``{reason}``)."""
    return f"net.error_{code}" if code in _USER_ERRORS else "net.request_failed"


def _endpoints(value: str | list[str] | None) -> str | None:
    return ",".join(value) if isinstance(value, list) else value


@dataclass
class _Channel:
    """One data socket with its monitor and what the monitor told us."""

    socket: zmq.Socket
    monitor: zmq.Socket
    state: str = "connecting"  # connecting | up | down | wrong_key | refused
    detail: str = ""
    since: float = 0.0
    ever_up: bool = False
    peers: set[bytes] = field(default_factory=set)  # endpoints with a live session (a city has several hubs)


@dataclass
class _Inflight:
    op: str
    sent: float = 0.0
    retry_at: float = 0.0
    args: dict[str, Any] = field(default_factory=dict)


class CityLink:
    """Connects on construction; call :meth:`poll` from one task and :meth:`close` at shutdown."""

    def __init__(
        self,
        services: str,
        alerts: str,
        hub_key: bytes,
        client_keys: CurveKeys,
        authorities: dict[str, Ed25519PublicKey],
        data_dir: Path,
        *,
        heartbeat_timeout: float = 3.5,
        resend_after: float = 5.0,
        max_inflight: int = 64,
        fresh_window: int = 3600,
        retry_refused_after: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        context: zmq.Context | None = None,
    ) -> None:
        self.services_endpoint, self.alerts_endpoint = services, alerts
        self.hub_key, self.client_keys, self.authorities = hub_key, client_keys, authorities
        self.heartbeat_timeout, self.resend_after, self.max_inflight = heartbeat_timeout, resend_after, max_inflight
        self.fresh_window = fresh_window  # seconds of alert history a first-time client is shown
        self.retry_refused_after = retry_refused_after
        self.clock = clock
        self.outbox = Outbox(data_dir)
        self._closed = False
        self._queued: dict[str, Pending] = {p.request_id: p for p in self.outbox.pending(1_000_000)}
        self._ephemeral: dict[str, _Inflight] = {}
        self._inflight: dict[str, _Inflight] = {}
        self._catch_up_id: str | None = None
        self._catch_up_sent = 0.0
        last = self.outbox.get_state("last_seq")
        self.last_seq: int | None = int(last) if last is not None else None
        self._fresh = False  # True until the first catch-up after a first contact has finished
        self.epoch: str | None = self.outbox.get_state("epoch")
        self.hub_seq = 0
        # Many links in one process (tests, the bench) share a context: one I/O thread instead of one each.
        self._own_ctx = context is None
        self.ctx = context or zmq.Context()
        now = clock()
        self._last_alert_msg = now
        self.dealer = self._open(zmq.DEALER, services, now)
        self.sub = self._open(zmq.SUB, alerts, now)
        self.status = LinkStatus.CONNECTING
        self.status_detail = ""

    @classmethod
    def from_directory(
        cls, directory: Path, services: str | None = None, alerts: str | None = None, **options: Any
    ) -> CityLink:
        """A link from a provisioned client directory (``client.key_secret``, ``hub.key``, ``authorities/``,
        optional ``city.json`` with default endpoints); the outbox lives there too."""
        city_file = directory / "city.json"
        city = json.loads(city_file.read_text(encoding="utf-8")) if city_file.exists() else {}
        # A city of several hub processes lists them all (a JSON list or a comma-separated string).
        services, alerts = (services or _endpoints(city.get("services")), alerts or _endpoints(city.get("alerts")))
        if not services or not alerts:
            raise ValueError(f"no endpoints given and no city.json in {directory}")
        return cls(
            services, alerts, load_curve(directory / "hub.key").public, load_curve(directory / "client.key_secret"),
            load_pinned_authorities(directory / "authorities"), directory, **options,
        )

    # -- sockets ----------------------------------------------------------------------------------------------

    def _open(self, kind: int, endpoint: str, now: float) -> _Channel:
        sock = self.ctx.socket(kind)
        sock.linger = 0
        sock.curve_serverkey = self.hub_key
        sock.curve_publickey = self.client_keys.public
        sock.curve_secretkey = self.client_keys.secret
        sock.reconnect_ivl = 100
        sock.reconnect_ivl_max = 2000
        if kind == zmq.DEALER:
            sock.maxmsgsize = MAX_REPLY_BYTES + CURVE_OVERHEAD
            sock.immediate = True  # never queue a request on a connection that is not up; the outbox holds it
        else:
            sock.maxmsgsize = MAX_ALERT_BYTES + CURVE_OVERHEAD
            sock.subscribe(b"")
        monitor = sock.get_monitor_socket()
        for one in endpoint.split(","):  # several hub processes of one city: ZeroMQ round-robins and fails over
            sock.connect(one.strip())
        return _Channel(sock, monitor, since=now)

    def _close_channel(self, channel: _Channel) -> None:
        channel.socket.disable_monitor()
        channel.monitor.close(linger=0)
        channel.socket.close(linger=0)

    def close(self) -> None:
        """Close sockets and the outbox; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        for channel in (self.dealer, self.sub):
            self._close_channel(channel)
        if self._own_ctx:
            self.ctx.term()
        self.outbox.close()

    # -- public API -------------------------------------------------------------------------------------------

    def request(self, op: str, args: dict[str, Any] | None = None, *, durable: bool = True) -> str:
        """Queue a request and return its id; the answer arrives later as a :class:`ReplyReceived`.

        Arguments are checked here (``ProtocolError`` at once, for a form to show). Durable requests survive a
        restart of the app; ``durable=False`` is for reads that are worthless later.
        """
        checked = check_args(op, args or {})
        if len(encode_request("x" * 32, op, checked)) > MAX_REQUEST_BYTES:
            raise ProtocolError(ErrorCode.BAD_REQUEST, "request too large")
        if durable:
            rid = self.outbox.add(op, checked, clock.timestamp())
            self._queued[rid] = Pending(rid, op, checked)
        else:
            rid = new_request_id()
            self._ephemeral[rid] = _Inflight(op, args=checked)
        self._flush(self.clock())
        return rid

    @property
    def pending_count(self) -> int:
        """Durable requests not yet answered."""
        return len(self._queued)

    def poll(self, max_messages: int = 32) -> list[LinkEvent]:
        """Handle what has arrived (at most ``max_messages`` data messages) without blocking."""
        now = self.clock()
        events: list[LinkEvent] = []
        self._drain_monitor(self.dealer, now)
        self._drain_monitor(self.sub, now)
        budget = max_messages
        while budget > 0:
            handled = 0
            if self._recv_alert(events, now):
                handled += 1
            if budget - handled > 0 and self._recv_reply(events, now):
                handled += 1
            if not handled:
                break
            budget -= handled
        self._check_subscription(now)
        self._retry_refused(now)
        self._flush(now)
        self._maybe_catch_up(now)
        self._update_status(events)
        return events

    # -- monitors and status ----------------------------------------------------------------------------------

    def _drain_monitor(self, channel: _Channel, now: float) -> None:
        while channel.monitor.poll(0):
            event = parse_monitor_message(channel.monitor.recv_multipart())
            kind = event["event"]
            if kind == zmq.EVENT_HANDSHAKE_SUCCEEDED:
                channel.peers.add(event["endpoint"])
                channel.state, channel.detail, channel.ever_up = "up", "", True
                if channel is self.dealer:
                    self._inflight.clear()  # resend whatever was unanswered on the previous connection
                    self._catch_up_id = None
            elif kind in (zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL, zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL):
                channel.state, channel.detail = "wrong_key", "CURVE handshake failed: hub key is not the pinned one"
            elif kind == zmq.EVENT_HANDSHAKE_FAILED_AUTH:
                channel.state, channel.detail = "refused", f"hub refused this client key (ZAP {event['value']})"
            elif kind in (zmq.EVENT_DISCONNECTED, zmq.EVENT_CLOSED) and event["endpoint"] in channel.peers:
                channel.peers.discard(event["endpoint"])
                if channel is self.dealer:
                    self._inflight.clear()  # what went to the lost peer is resent (to another, if one is up)
                if not channel.peers:
                    channel.state, channel.detail = "down", "connection lost"
            channel.since = now

    def _update_status(self, events: list[LinkEvent]) -> None:
        channels = (self.dealer, self.sub)
        detail = ""
        if any(c.state == "wrong_key" for c in channels):
            status = LinkStatus.WRONG_KEY
            detail = next(c.detail for c in channels if c.state == "wrong_key")
        elif any(c.state == "refused" for c in channels):
            status = LinkStatus.REFUSED
            detail = next(c.detail for c in channels if c.state == "refused")
        elif all(c.state == "up" for c in channels):
            status = LinkStatus.CONNECTED
        elif not any(c.ever_up for c in channels) and all(c.state == "connecting" for c in channels):
            status = LinkStatus.CONNECTING
        else:
            status = LinkStatus.OFFLINE
            detail = "hub unreachable; requests are kept and sent on reconnect"
        if status != self.status:
            self.status, self.status_detail = status, detail
            log.info("city link %s %s", status, detail)
            events.append(StatusChanged(status, detail))

    def _check_subscription(self, now: float) -> None:
        """Silence past the heartbeat timeout: assume the subscription is dead and make a new one."""
        if now - self._last_alert_msg < self.heartbeat_timeout or self.sub.state in ("wrong_key", "refused"):
            return
        ever_up = self.sub.ever_up
        self._close_channel(self.sub)
        self.sub = self._open(zmq.SUB, self.alerts_endpoint, now)
        self.sub.state, self.sub.ever_up = ("down" if ever_up else "connecting"), ever_up
        self._last_alert_msg = now

    def _retry_refused(self, now: float) -> None:
        """libzmq gives up on a connection the hub's ZAP refused; try again now and then, so enrolling this key
        at the hub lets a running kiosk in without a restart."""
        if self.dealer.state != "refused" or now - self.dealer.since < self.retry_refused_after:
            return
        self._close_channel(self.dealer)
        self.dealer = self._open(zmq.DEALER, self.services_endpoint, now)
        self.dealer.state, self.dealer.detail = "refused", "hub refused this client key; retrying"

    # -- alerts -----------------------------------------------------------------------------------------------

    def _recv_alert(self, events: list[LinkEvent], now: float) -> bool:
        try:
            frames = self.sub.socket.recv_multipart(zmq.NOBLOCK)
        except zmq.Again:
            return False
        self._last_alert_msg = now
        if self.sub.state != "up":
            self.sub.state = "up"
        try:
            if frames[0] == HEARTBEAT_TOPIC and len(frames) == 2:
                beat = parse_heartbeat(frames[1])
                self._hub_position(beat.epoch, beat.seq)
            elif frames[0] == ALERT_TOPIC and len(frames) == 4:
                header = parse_alert_header(frames[1])
                self._hub_position(header.epoch, header.seq - 1)
                self._accept_alert(header.seq, header.key_id, frames[2], frames[3], events)
            else:
                log.warning("dropping malformed message on the alert channel")
        except ProtocolError as exc:
            log.warning("dropping malformed alert-channel message: %s", exc)
        return True

    def _hub_position(self, epoch: str, seq: int) -> None:
        """Learn where the hub's alert log stands. A first contact (or a new log: another epoch) starts from
        zero but asks only for recent alerts, so a kiosk switched on during an alert still shows it."""
        if epoch != self.epoch:
            if self.epoch is not None:
                log.info("hub alert log changed (epoch %s); catching up on its recent alerts", epoch)
            self.epoch, self.last_seq, self.hub_seq = epoch, None, 0
            self.outbox.set_state("epoch", epoch)
        if self.last_seq is None:
            self.last_seq, self._fresh = 0, True
        self.hub_seq = max(self.hub_seq, seq)

    def _accept_alert(self, seq: int, kid: str, xml: bytes, signature: bytes, events: list[LinkEvent]) -> None:
        """Deliver the next alert in sequence if its signature verifies; anything else is dropped and logged."""
        assert self.last_seq is not None
        if seq <= self.last_seq:
            return  # already seen (catch-up and live overlap)
        if seq > self.last_seq + 1:
            self.hub_seq = max(self.hub_seq, seq)
            return  # a gap: catch-up delivers in order
        problem = alertsig.verify(self.authorities, kid, xml, signature)
        if problem:
            log.warning("dropped alert seq %d: %s", seq, problem)
        elif self._first_sight(seq, xml):
            events.append(AlertReceived(seq, xml, kid))
        self.last_seq = seq
        self.outbox.set_state("last_seq", str(seq))

    def _first_sight(self, seq: int, xml: bytes) -> bool:
        try:
            cap = summarise(xml)
        except CapError as exc:
            log.warning("dropped alert seq %d: %s", seq, exc)
            return False
        if self.outbox.first_sight(cap.sender, cap.identifier, clock.timestamp()):
            return True
        log.info("alert %s from %s (seq %d) was presented before; not again", cap.identifier, cap.sender, seq)
        return False

    def _maybe_catch_up(self, now: float) -> None:
        if self._fresh and self.last_seq is not None and self.hub_seq <= self.last_seq:
            self._fresh = False  # nothing to catch up on: current from here
        if self.last_seq is None or self.hub_seq <= self.last_seq or self.dealer.state != "up":
            return
        if self._catch_up_id is not None and now - self._catch_up_sent < self.resend_after:
            return
        rid = new_request_id()
        args = {"seq": self.last_seq, "limit": 50, **({"max_age": self.fresh_window} if self._fresh else {})}
        if self._send(rid, CATCH_UP, args):
            self._catch_up_id, self._catch_up_sent = rid, now

    def _apply_catch_up(self, result: dict[str, Any], events: list[LinkEvent]) -> None:
        if result.get("epoch") != self.epoch or not isinstance(result.get("alerts"), list):
            return
        for item in result["alerts"]:
            try:
                xml = base64.b64decode(item["xml_b64"], validate=True)
                signature = base64.b64decode(item["signature_b64"], validate=True)
                seq, kid = int(item["seq"]), str(item["key_id"])
            except (KeyError, TypeError, ValueError) as exc:
                log.warning("malformed catch-up entry: %s", exc)
                continue
            if self.last_seq is not None and seq > self.last_seq + 1:
                if not self._fresh:
                    log.warning("hub alert log skips from %d to %d", self.last_seq, seq)
                self.last_seq = seq - 1
            self._accept_alert(seq, kid, xml, signature, events)
        last = result.get("last")
        if isinstance(last, int):
            self.hub_seq = max(self.hub_seq, last)
            if self._fresh and not result.get("more"):
                # Older alerts are history: continue from the log's end.
                self.last_seq, self._fresh = max(self.last_seq or 0, last), False
                self.outbox.set_state("last_seq", str(self.last_seq))

    # -- requests ---------------------------------------------------------------------------------------------

    def _send(self, rid: str, op: str, args: dict[str, Any]) -> bool:
        try:
            self.dealer.socket.send(encode_request(rid, op, args), zmq.NOBLOCK)
        except zmq.Again:
            return False
        return True

    def _flush(self, now: float) -> None:
        if self.dealer.state != "up":
            return
        for rid, pending in self._queued.items():
            if not self._send_if_due(rid, pending.op, pending.args, now):
                return
        for rid, entry in self._ephemeral.items():
            if not self._send_if_due(rid, entry.op, entry.args, now):
                return

    def _send_if_due(self, rid: str, op: str, args: dict[str, Any], now: float) -> bool:
        """Send unless in flight and recent; False to stop the flush (window full or socket not ready)."""
        entry = self._inflight.get(rid)
        if entry is not None and (now < entry.retry_at or now - entry.sent < self.resend_after):
            return True
        if entry is None and len(self._inflight) >= self.max_inflight:
            return False
        if not self._send(rid, op, args):
            return False
        self._inflight[rid] = _Inflight(op, sent=now)
        return True

    def _recv_reply(self, events: list[LinkEvent], now: float) -> bool:
        try:
            raw = self.dealer.socket.recv(zmq.NOBLOCK)
        except zmq.Again:
            return False
        try:
            reply = parse_reply(raw)
        except ProtocolError as exc:
            log.warning("dropping malformed reply: %s", exc)
            return True
        if reply.request_id == self._catch_up_id:
            self._catch_up_id = None
            if reply.ok:
                self._apply_catch_up(reply.result, events)
            return True
        if not reply.ok and reply.error.get("code") in (ErrorCode.RATE_LIMITED, ErrorCode.UNAVAILABLE):
            entry = self._inflight.get(reply.request_id)
            if entry is not None:
                entry.retry_at = now + float(reply.error.get("retry_after", 1.0))
                entry.sent = 0.0
            return True
        self._inflight.pop(reply.request_id, None)
        pending = self._queued.pop(reply.request_id, None)
        if pending is not None:
            self.outbox.done(reply.request_id)
            op = pending.op
        else:
            ephemeral = self._ephemeral.pop(reply.request_id, None)
            if ephemeral is None:
                return True  # a duplicate answer to a resent request: already delivered once
            op = ephemeral.op
        events.append(ReplyReceived(reply.request_id, op, reply.ok, reply.result, reply.error))
        return True
