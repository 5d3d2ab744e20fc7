"""The hub's side of presence: sessions, per-cell batching, timeouts, chat, blocks, reports, moderation, gatherings.

No sockets here. The hub hands in each state message with the sender's authenticated key (:meth:`receive`),
routes the ``presence.*``, ``chat.*``, ``mod.*`` and ``gathering.*`` requests to :meth:`handle` inside its
transaction, and publishes what :meth:`drain` returns. States are not relayed one by one: each tick the latest
state of every avatar that moved is gathered into one message per cell, so 200 visitors in one square cost
the hub 20 messages per subscriber per second instead of 2,000 (and CURVE boxes each message once per subscriber).

Blocks (with the name the other had when blocked, so a visitor can list and lift them), reports, scene bans,
moderator actions and gatherings are rows in the hub's store; positions, chat and raised hands are only
in memory (chat is kept just long enough to be evidence in a report). Whiteboard strokes and wipes and the page
on a room's shared screen go to the scene at once, under the same blocks as chat.

Alone (the embedded hub, the desktop, the kiosk) the relay is all there is. In a city of several relay processes
each is given a :class:`~net.presence.cellbus.CellBus` (``bus``): what it publishes also goes to the broker, it
hears the broker's cells around its own visitors, and what arrives from other relays is passed to its visitors
under the same rules (:meth:`arrive`: blocks, interest). Gatherings (raised hands, the floor) and moderators'
"hide" stay with the relay where they were made.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
import unicodedata
from collections import Counter, OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from net.hub.database import Database
from net.hub.ratelimit import Limit, RateLimiter
from net.hub.services import Caller, ServiceError
from net.presence.codec import (
    CONTROL,
    KIND_CHAT,
    KIND_GATHERING,
    KIND_GONE,
    KIND_HIDE,
    KIND_NOTICE,
    KIND_PAGE,
    KIND_STATES,
    KIND_STROKE,
    KIND_WIPE,
    MAX_STATE_BYTES,
    PREFIX,
    CodecError,
    cell_of_topic,
    cell_topic,
    channel,
    decode_ids,
    decode_json,
    encode_ids,
    encode_json,
    encode_states,
    inbox_topic,
    pack,
    position_of,
    scene_topic,
    state_entries,
    state_size,
    unpack,
)
from net.presence.grid import CELL_SIZE, cell_of, cells_around
from net.protocol import ErrorCode, Role

if TYPE_CHECKING:
    from net.presence.cellbus import CellBus

log = logging.getLogger(__name__)

KST = timezone(timedelta(hours=9))
EVIDENCE = 20  # messages of a visitor kept as report evidence
KNOWN = 10_000  # recent avatar ids remembered after they left, so a report still finds who it was
MAX_BODY = 8 * 1024
MAX_BLOCKS = 200  # listed per visitor (reply size); nobody scrolls further on a kiosk

#: Chat messages per second (sustained, burst) by role; anonymous keys cannot chat at all (see PROTOCOL.md).
CHAT_LIMITS: dict[Role, Limit] = {
    Role.ANONYMOUS: Limit(0.001, 1),
    Role.CITIZEN: Limit(1, 5),
    Role.KIOSK: Limit(2, 8),
    Role.STAFF: Limit(10, 50),
}


# Whiteboard strokes per second (sustained, burst): a quick sketch is a few strokes a second. Anonymous keys
# cannot draw at all (``board.stroke`` is open to writers only): a shared board is written on as someone.
STROKE_LIMITS: dict[Role, Limit] = {
    Role.ANONYMOUS: Limit(0.001, 1),
    Role.CITIZEN: Limit(5, 20),
    Role.KIOSK: Limit(5, 20),
    Role.STAFF: Limit(20, 80),
}


# Reports per key (per minute, with a small burst), and for anonymous keys one bucket shared by all of them: a
# throw-away key costs nothing, so 200 of them must not fill the moderators' queue (issue 13).
REPORT_LIMITS: dict[Role, Limit] = {
    Role.ANONYMOUS: Limit(10 / 60, 10),
    Role.CITIZEN: Limit(3 / 60, 5),
    Role.KIOSK: Limit(10 / 60, 10),
    Role.STAFF: Limit(60 / 60, 60),
}
ANONYMOUS_REPORTERS = "anonymous"  # the shared bucket's key


INBOX_BYTES = 16  # a visitor's private notice topic is b"u" + this many secret random bytes


def display_name(raw: str) -> str:
    """A visitor's name as others will see it: NFC, inner whitespace runs as one space, no control, format or
    private-use characters (invisible joiners and direction overrides make look-alike names); bad_request else."""
    name = " ".join(unicodedata.normalize("NFC", raw).split())
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs", "Cn") for ch in name):
        raise ServiceError(ErrorCode.BAD_REQUEST, "name: invisible or control characters", reason="name")
    return name


def subscription_allowed(topic: bytes) -> bool:
    """Which presence subscriptions the hub honours: a scene or cell topic (public), or one whole inbox topic.

    ZeroMQ subscriptions match prefixes, so without this a subscriber to b"u" (or to everything) would receive
    every visitor's private notices; a whole inbox topic holds a secret only its visitor was told."""
    kind = topic[:1]
    if kind in (b"s", b"c"):
        return len(topic) > 2
    return kind == b"u" and len(topic) == 1 + INBOX_BYTES


@dataclass
class RelayConfig:
    tick: float = 0.05  # seconds between batches
    timeout: float = 10.0  # seconds without a state before a visitor is removed
    cell_size: float = CELL_SIZE
    state_rate: Limit = field(default_factory=lambda: Limit(12, 24))  # states per second per visitor
    chat_limits: dict[Role, Limit] = field(default_factory=lambda: dict(CHAT_LIMITS))
    stroke_limits: dict[Role, Limit] = field(default_factory=lambda: dict(STROKE_LIMITS))
    report_limits: dict[Role, Limit] = field(default_factory=lambda: dict(REPORT_LIMITS))


@dataclass
class Session:
    client: str
    role: Role
    avatar_id: int
    scene: str
    inbox: bytes
    name: str
    look: str
    last_seen: float
    hidden: set[str] = field(default_factory=set)  # keys in a block either way
    blocked: set[str] = field(default_factory=set)  # keys this visitor blocked: the only hides it is told of
    cell: tuple[int, int] | None = None
    state: bytes = b""  # the latest, resent to visitors who newly come within range
    tokens: float = 0.0
    token_time: float = 0.0


@dataclass
class Stats:
    states_in: int = 0
    states_dropped: int = 0
    entries_out: int = 0
    messages_out: int = 0
    bytes_out: int = 0


@dataclass
class _Gathering:
    gathering_id: int
    hands: list[int] = field(default_factory=list)
    speaker: int = 0


Profanity = Callable[[str], bool]


class PresenceRelay:
    def __init__(self, config: RelayConfig, is_profane: Profanity,
                 clock: Callable[[], float] = time.monotonic, bus: CellBus | None = None) -> None:
        self.config, self.clock, self.bus = config, clock, bus
        self.is_profane = is_profane
        self.sessions: dict[str, Session] = {}
        self.by_id: dict[int, Session] = {}
        self.known: OrderedDict[int, tuple[str, str, str]] = OrderedDict()  # id -> (client, name, scene)
        self.chat_limiter = RateLimiter(config.chat_limits)
        self.stroke_limiter = RateLimiter(config.stroke_limits)
        self.report_limiter = RateLimiter(config.report_limits)
        self.recent: dict[str, deque[dict[str, Any]]] = {}
        self.messages: OrderedDict[int, tuple[str, str]] = OrderedDict()  # message id -> (client, scene)
        self.gatherings: dict[int, _Gathering] = {}
        self.stats = Stats()
        self._pending: dict[bytes, dict[int, bytes]] = {}
        self._occupants: dict[tuple[str, tuple[int, int]], set[int]] = {}
        self._out: list[tuple[bytes, bytes]] = []
        self._heard: Counter[bytes] = Counter()  # broker topics our visitors hear, and how many of them
        self._bus_out: list[tuple[bytes, bytes]] = []
        # Other relays' latest states by cell topic (avatar id -> state, sender tag, when), for our visitors who
        # newly come within range, as _enter does for our own.
        self._remote: dict[bytes, dict[int, tuple[bytes, bytes, float]]] = {}
        self._shunned_cache: dict[bytes, str] | None = None
        # Chat heard from other relays' visitors, by avatar id: the evidence a report here attaches.
        self.remote_recent: OrderedDict[int, deque[dict[str, Any]]] = OrderedDict()
        self._next_avatar = secrets.randbelow(1000) + 1
        self._next_message = 1
        self.next_tick = 0.0

    # -- states -----------------------------------------------------------------------------------------------

    def receive(self, client: str, raw: bytes, now: float) -> None:
        """One state from ``client`` (its authenticated key): checked, rate limited, queued for its cell."""
        self.stats.states_in += 1
        session = self.sessions.get(client)
        if session is None or len(raw) > MAX_STATE_BYTES or not self._take_state_token(session, now):
            self.stats.states_dropped += 1
            return
        try:
            if state_size(raw) != len(raw):
                raise CodecError("trailing bytes")
        except CodecError:
            self.stats.states_dropped += 1
            return
        cell = cell_of(*position_of(raw), self.config.cell_size)
        if cell != session.cell:
            self._enter(session, cell)
        session.last_seen, session.state = now, raw
        self._pending.setdefault(cell_topic(session.scene, cell), {})[session.avatar_id] = raw

    def _enter(self, s: Session, cell: tuple[int, int]) -> None:
        """Move ``s`` to ``cell``, and resend the states of whoever stands in the cells it newly hears, so a
        visitor who arrives sees the people standing still there at once rather than at their next keepalive."""
        old = cells_around(s.cell) if s.cell is not None else set()
        self._vacate(s)
        s.cell = cell
        self._occupants.setdefault((s.scene, cell), set()).add(s.avatar_id)
        self._hear([cell_topic(s.scene, c) for c in cells_around(cell)], 1)
        now = self.clock()
        for near in cells_around(cell) - old:
            ids = self._occupants.get((s.scene, near), ())
            if ids:
                pending = self._pending.setdefault(cell_topic(s.scene, near), {})
                for avatar_id in ids:
                    other = self.by_id[avatar_id]
                    pending.setdefault(avatar_id, other.state)
            remote = self._remote.get(cell_topic(s.scene, near))
            if remote:
                fresh = [(a, raw, tag) for a, (raw, tag, seen) in remote.items() if now - seen <= self.config.timeout]
                self._pass_states(cell_topic(s.scene, near), fresh)

    def _vacate(self, s: Session) -> None:
        if s.cell is not None:
            self._hear([cell_topic(s.scene, c) for c in cells_around(s.cell)], -1)
            ids = self._occupants.get((s.scene, s.cell))
            if ids is not None:
                ids.discard(s.avatar_id)
                if not ids:
                    del self._occupants[(s.scene, s.cell)]

    def _take_state_token(self, s: Session, now: float) -> bool:
        limit = self.config.state_rate
        s.tokens = min(limit.burst, s.tokens + (now - s.token_time) * limit.rate)
        s.token_time = now
        if s.tokens < 1.0:
            return False
        s.tokens -= 1.0
        return True

    def drain(self, now: float) -> list[tuple[bytes, bytes]]:
        """Everything to publish now: batched states (when a tick is due), departures, chat and notices."""
        if now >= self.next_tick:
            self.next_tick = now + self.config.tick
            self._batch()
            self._expire(now)
        out, self._out = self._out, []
        if self._bus_out:
            bus_out, self._bus_out = self._bus_out, []
            self.bus.publish(bus_out)
        self.stats.messages_out += len(out)
        self.stats.bytes_out += sum(len(t) + len(b) for t, b in out)
        return out

    def _batch(self) -> None:
        for topic, states in self._pending.items():
            public = []
            for avatar_id, raw in states.items():
                s = self.by_id.get(avatar_id)
                if s is not None and self._cloaked(s):
                    for viewer in self._viewers(s):
                        self._out.append((inbox_topic(viewer.inbox), encode_states([(avatar_id, raw)])))
                else:
                    public.append((avatar_id, raw))
            entries, size = [], 4
            for avatar_id, raw in public:
                if entries and size + 4 + len(raw) > MAX_BODY:
                    self._out.append((topic, encode_states(entries)))
                    entries, size = [], 4
                entries.append((avatar_id, raw))
                size += 4 + len(raw)
            if entries:
                self._out.append((topic, encode_states(entries)))
            self.stats.entries_out += len(states)
            if self.bus is not None:
                self._to_bus(topic, [(a, raw, self.by_id[a].client) for a, raw in states.items() if a in self.by_id])
        self._pending.clear()

    def _to_bus(self, topic: bytes, states: list[tuple[int, bytes, str]]) -> None:
        """Our visitors' states for the other relays, cloaked or not: each relay applies its own visitors' blocks."""
        assert self.bus is not None
        size, batch = 4, []
        for i, (avatar_id, raw, client) in enumerate(states):
            batch.append((avatar_id, raw, self.bus.tag(client)))
            size += 4 + len(raw)
            if i == len(states) - 1 or size + 4 + len(states[i + 1][1]) > MAX_BODY:
                body = encode_states([(a, r) for a, r, _ in batch])
                self._bus_out.append((channel(topic), pack(self.bus.origin, [(a, g) for a, _, g in batch], body)))
                size, batch = 4, []

    def _cloaked(self, s: Session) -> bool:
        """Whether someone in ``s``'s scene must not see ``s`` (a block either way). Such a visitor's states and
        chat go to each other viewer's private inbox instead of the shared cell topic, so the one who was blocked
        simply stops hearing of the blocker, as after a lost connection, and is never told who blocked them."""
        return any((o := self.sessions.get(k)) is not None and o.scene == s.scene for k in s.hidden)

    def _viewers(self, s: Session) -> list[Session]:
        """Who may see ``s`` and stands in the cells around it (a subscriber hears the cells around its own, and
        that relation is symmetric)."""
        cells = cells_around(s.cell) if s.cell is not None else set()
        ids = set().union(*(self._occupants.get((s.scene, c), ()) for c in cells)) if cells else set()
        return [o for i in ids if (o := self.by_id.get(i)) is not None and o is not s and o.client not in s.hidden]

    def _publish(self, s: Session, topic: bytes, body: bytes, near: bool) -> None:
        """``body`` from ``s`` on ``topic``; while ``s`` is cloaked, to the inbox of ``s`` and of each visitor who may
        see it instead: those around it (``near``) or everyone in the scene."""
        self._bus_publish(topic, body, s)
        if not self._cloaked(s):
            self._out.append((topic, body))
            return
        viewers = self._viewers(s) if near else [o for o in self.sessions.values()
                                                 if o.scene == s.scene and o is not s and o.client not in s.hidden]
        self._out.extend((inbox_topic(o.inbox), body) for o in (s, *viewers))

    def _bus_publish(self, topic: bytes, body: bytes, sender: Session | None = None) -> None:
        if self.bus is not None:
            tags = [(sender.avatar_id, self.bus.tag(sender.client))] if sender is not None else []
            self._bus_out.append((channel(topic), pack(self.bus.origin, tags, body)))

    def _hear(self, topics: list[bytes], delta: int) -> None:
        """Count our visitors hearing each broker topic; subscribe on the first, unsubscribe after the last."""
        if self.bus is None:
            return
        changed = []
        for topic in topics:
            self._heard[topic] += delta
            if self._heard[topic] == (1 if delta > 0 else 0):
                changed.append(topic)
            if self._heard[topic] <= 0:
                del self._heard[topic]
                self._remote.pop(topic, None)
        (self.bus.want if delta > 0 else self.bus.drop)(changed)

    # -- other relays -----------------------------------------------------------------------------------------

    def arrive(self, channel_name: bytes, payload: bytes) -> None:
        """A message from another relay (through the broker): passed to our visitors who may see it."""
        assert self.bus is not None
        try:
            origin, tags, body = unpack(payload)
            if origin == self.bus.origin:
                return
            if channel_name == CONTROL:
                self._control(json.loads(body))
                return
            topic = channel_name[len(PREFIX):]
            if body[:1] == KIND_STATES:
                self._arrive_states(topic, [(a, raw, tags.get(a, b"")) for a, raw in state_entries(body)])
            elif body[:1] in (KIND_CHAT, KIND_STROKE, KIND_WIPE, KIND_PAGE):
                self._arrive_from_one(topic, body, next(iter(tags.values()), b""))
            else:
                if body[:1] == KIND_GONE:
                    for cell in self._remote.values():
                        for avatar_id in decode_ids(body):
                            cell.pop(avatar_id, None)
                self._out.append((topic, body))
        except (ValueError, KeyError, TypeError) as exc:  # CodecError is a ValueError
            log.warning("presence broker: dropped a malformed message (%s)", exc)

    def _arrive_states(self, topic: bytes, states: list[tuple[int, bytes, bytes]]) -> None:
        now = self.clock()
        cache = self._remote.setdefault(topic, {})
        for avatar_id, raw, tag in states:
            cache[avatar_id] = (raw, tag, now)
        self._pass_states(topic, states)

    def _shunned(self) -> dict[bytes, str]:
        """Sender tag -> client key for everyone one of our visitors is hidden from or hides (a block either way);
        kept until a session or a block changes (:meth:`_blocks_changed`), as every arrival asks."""
        assert self.bus is not None
        if self._shunned_cache is None:
            self._shunned_cache = {self.bus.tag(k): k for s in self.sessions.values() for k in s.hidden}
        return self._shunned_cache

    def _blocks_changed(self) -> None:
        self._shunned_cache = None

    def _pass_states(self, topic: bytes, states: list[tuple[int, bytes, bytes]]) -> None:
        """Other relays' states on ``topic`` to our visitors: publicly, or, for a sender one of our visitors is
        hidden from, to the inbox of each of ours who may see it (as :meth:`_batch` does for our own)."""
        if not states:
            return
        shunned = self._shunned()
        public = [(a, raw) for a, raw, tag in states if tag not in shunned]
        for avatar_id, raw, tag in states:
            if tag in shunned:
                for viewer in self._remote_viewers(topic, shunned[tag], near=True):
                    self._out.append((inbox_topic(viewer.inbox), encode_states([(avatar_id, raw)])))
        for start in range(0, len(public), MAX_BODY // (4 + MAX_STATE_BYTES)):
            self._out.append((topic, encode_states(public[start:start + MAX_BODY // (4 + MAX_STATE_BYTES)])))

    def _arrive_from_one(self, topic: bytes, body: bytes, tag: bytes) -> None:
        if body[:1] == KIND_CHAT:
            message = decode_json(body)
            scene = topic[1:topic.index(b"/")].decode("ascii")
            self.remote_recent.setdefault(int(message["from"]), deque(maxlen=EVIDENCE)).append({**message,
                                                                                                 "scene": scene})
            while len(self.remote_recent) > KNOWN:
                self.remote_recent.popitem(last=False)
        shunned = self._shunned()
        if tag not in shunned:
            self._out.append((topic, body))
            return
        for viewer in self._remote_viewers(topic, shunned[tag], near=topic[:1] == b"c"):
            self._out.append((inbox_topic(viewer.inbox), body))

    def _remote_viewers(self, topic: bytes, sender: str, near: bool) -> list[Session]:
        """Our visitors who may see ``sender`` (of another relay) publishing on ``topic``."""
        scene = topic[1:topic.index(b"/")].decode("ascii")
        if near:
            cells = cells_around(cell_of_topic(topic))
            ids = set().union(*(self._occupants.get((scene, c), ()) for c in cells))
            candidates = [o for i in ids if (o := self.by_id.get(i)) is not None]
        else:
            candidates = [o for o in self.sessions.values() if o.scene == scene]
        return [o for o in candidates if sender not in o.hidden]

    def _control(self, message: dict[str, Any]) -> None:
        """Blocks made or lifted on another relay, and requests to resend the states in newly heard cells."""
        for key in ("hide", "show"):
            if key in message:
                a, b = message[key]
                for mine, other in ((a, b), (b, a)):
                    s = self.sessions.get(mine)
                    if s is None:
                        continue
                    if key == "hide":
                        s.hidden.add(other)
                    else:
                        s.hidden.discard(other)
                        self._resend(s)
                    self._blocks_changed()
        for hexed in message.get("resend", ()):
            topic = bytes.fromhex(hexed)
            scene = topic[1:topic.index(b"/")].decode("ascii")
            for avatar_id in self._occupants.get((scene, cell_of_topic(topic)), ()):
                self._resend(self.by_id[avatar_id])

    def _expire(self, now: float) -> None:
        stale = [s for s in self.sessions.values() if now - s.last_seen > self.config.timeout]
        for s in stale:
            self._drop(s)

    # -- sessions ---------------------------------------------------------------------------------------------

    def end_sessions(self, still_allowed: Callable[[str, Role], bool]) -> list[str]:
        """Drop the sessions whose key may no longer act in its role (revoked); the clients dropped."""
        gone = [s for s in self.sessions.values() if not still_allowed(s.client, s.role)]
        for s in gone:
            self._drop(s)
        return [s.client for s in gone]

    def _drop(self, s: Session) -> None:
        self._blocks_changed()
        self._vacate(s)
        self.sessions.pop(s.client, None)
        self.by_id.pop(s.avatar_id, None)
        self._hear([scene_topic(s.scene)], -1)
        if self.bus is not None and s.name:
            self.bus.release_name(s.scene, s.name)
        for g in self.gatherings.values():
            if s.avatar_id in g.hands or g.speaker == s.avatar_id:
                g.hands = [h for h in g.hands if h != s.avatar_id]
                g.speaker = 0 if g.speaker == s.avatar_id else g.speaker
        self._out.append((scene_topic(s.scene), encode_ids(KIND_GONE, [s.avatar_id])))
        self._bus_publish(scene_topic(s.scene), encode_ids(KIND_GONE, [s.avatar_id]))

    def _session(self, c: Caller) -> Session:
        s = self.sessions.get(c.client)
        if s is None:
            raise ServiceError(ErrorCode.FORBIDDEN, "join a scene first")
        return s

    def _target(self, avatar_id: int) -> tuple[str, str, str]:
        known = self.known.get(avatar_id)
        if known is None and self.bus is not None:  # a visitor of another relay
            found = self.bus.recall([avatar_id]).get(avatar_id)
            known = (found["client"], found["name"], found["scene"]) if found else None
        if known is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "no such visitor")
        return known

    def _notice(self, s: Session, payload: dict[str, Any]) -> None:
        self._out.append((inbox_topic(s.inbox), encode_json(KIND_NOTICE, payload)))

    def join(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        scene = args["scene"]
        banned = db.execute("SELECT MAX(until) FROM scene_bans WHERE client=? AND scene=? AND until>?",
                            (c.client, scene, c.now)).fetchone()[0]
        if banned is not None:
            raise ServiceError(ErrorCode.FORBIDDEN, "removed from this scene by a moderator", until=banned)
        anonymous = bool(args.get("anonymous", 0)) or c.role is Role.ANONYMOUS
        name = "" if anonymous else display_name(args.get("name", ""))
        if name and self.is_profane(name):
            raise ServiceError(ErrorCode.BAD_REQUEST, "name: not allowed", reason="profanity")
        old = self.sessions.get(c.client)
        if old is not None:
            self._drop(old)
        name = self._unique_name(name, scene)
        rows = db.execute("SELECT client, blocked FROM blocks WHERE client=? OR blocked=?",
                          (c.client, c.client)).fetchall()
        hidden = {a if b == c.client else b for a, b in rows}
        blocked = {b for a, b in rows if a == c.client}
        if self.bus is not None:
            avatar_id = self.bus.next_avatar_id()
            self.bus.remember(avatar_id, {"client": c.client, "name": name, "look": args.get("look", ""),
                                          "scene": scene, "staff": c.role is Role.STAFF, "kiosk": c.role is Role.KIOSK})
        else:
            avatar_id, self._next_avatar = self._next_avatar, self._next_avatar + 1
        now = self.clock()
        s = Session(c.client, c.role, avatar_id, scene, secrets.token_bytes(INBOX_BYTES), name, args.get("look", ""),
                    last_seen=now, hidden=hidden, blocked=blocked, tokens=self.config.state_rate.burst,
                    token_time=now)
        self.sessions[c.client], self.by_id[avatar_id] = s, s
        self._hear([scene_topic(scene)], 1)
        self.known[avatar_id] = (c.client, name, scene)
        while len(self.known) > KNOWN:
            self.known.popitem(last=False)
        others = [o for o in self.sessions.values() if o.client in hidden and o is not s]
        for o in others:
            o.hidden.add(c.client)
            if c.client in o.blocked:
                self._notice(o, {"hide": [avatar_id]})
        self._blocks_changed()
        return {
            "avatar_id": avatar_id, "inbox": s.inbox.hex(), "scene": scene, "cell_size": self.config.cell_size,
            "timeout": self.config.timeout, "anonymous": anonymous,
            "hidden": [o.avatar_id for o in others if o.scene == scene and o.client in blocked],
            "gathering": self._gathering_state(db, scene, c.now),
        }

    def _unique_name(self, name: str, scene: str) -> str:
        """``name``, or ``name (2)``, ``name (3)`` … if someone in the scene already shows it (case-insensitive),
        so no visitor can pass for another by taking the same name."""
        if not name:
            return name
        taken = {o.name.casefold() for o in self.sessions.values() if o.scene == scene and o.name}
        candidate, n = name, 1
        while candidate.casefold() in taken or (self.bus is not None and not self.bus.claim_name(scene, candidate)):
            n += 1
            candidate = f"{name} ({n})"
        return candidate

    def leave(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        s = self.sessions.get(c.client)
        if s is not None:
            self._drop(s)
        return {"left": s is not None}

    def profiles(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        me = self._session(c)
        out, hidden = [], []
        ids = [int(v) for v in args["ids"].split(",")]
        found = {i: {"client": o.client, "name": o.name, "look": o.look, "staff": o.role is Role.STAFF,
                     "kiosk": o.role is Role.KIOSK} for i in ids if (o := self.by_id.get(i)) is not None}
        if self.bus is not None:  # visitors of other relays
            found.update(self.bus.recall([i for i in ids if i not in found]))
        for avatar_id in ids:
            o = found.get(avatar_id)
            if o is None:
                continue
            if o["client"] in me.blocked:
                hidden.append(avatar_id)
                continue
            if o["client"] in me.hidden:  # they blocked the caller: as if they were not here
                continue
            out.append({"avatar_id": avatar_id, "name": o["name"], "look": o["look"], "staff": o["staff"],
                        "kiosk": o["kiosk"]})
        return {"profiles": out, "hidden": hidden}

    # -- chat -------------------------------------------------------------------------------------------------

    def chat(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        s = self._session(c)
        wait = self.chat_limiter.take(c.client, c.role, c.now)
        if wait:
            raise ServiceError(ErrorCode.RATE_LIMITED, "slow down", retry_after=round(wait, 3))
        text = " ".join(args["text"].split())
        if self.is_profane(text):
            raise ServiceError(ErrorCode.BAD_REQUEST, "text: not allowed", reason="profanity")
        mid, self._next_message = self._next_message, self._next_message + 1
        scope = args["scope"]
        message = {"id": mid, "from": s.avatar_id, "scope": scope, "text": text, "time": c.now}
        near = scope != "scene" and s.cell is not None
        self._publish(s, cell_topic(s.scene, s.cell) if near else scene_topic(s.scene), encode_json(KIND_CHAT, message),
                      near)
        self.recent.setdefault(c.client, deque(maxlen=EVIDENCE)).append({**message, "scene": s.scene})
        self.messages[mid] = (c.client, s.scene)
        while len(self.messages) > KNOWN:
            self.messages.popitem(last=False)
        return {"message_id": mid}

    def stroke(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        """A whiteboard stroke to everyone in the scene, published at once (not batched with the states): the
        others see it while the drawer's hand is still moving. Strokes follow blocks as chat does (:meth:`_publish`)."""
        s = self._session(c)
        wait = self.stroke_limiter.take(c.client, c.role, c.now)
        if wait:
            raise ServiceError(ErrorCode.RATE_LIMITED, "slow down", retry_after=round(wait, 3))
        points = [int(v) for pair in args["points"].split(";") for v in pair.split(",")]
        if max(points) > 1000:
            raise ServiceError(ErrorCode.BAD_REQUEST, "points: beyond the board")
        sid, self._next_message = self._next_message, self._next_message + 1
        stroke = {"id": sid, "from": s.avatar_id, "board": args["board"], "color": args["color"], "points": points}
        self._publish(s, scene_topic(s.scene), encode_json(KIND_STROKE, stroke), near=False)
        return {"stroke_id": sid}

    def wipe(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        """Wipe whiteboard ``board`` for the scene: as a stroke is, at once, limited with the strokes (a wipe
        is drawing), and not for those who blocked the wiper (:meth:`_publish`)."""
        s = self._session(c)
        wait = self.stroke_limiter.take(c.client, c.role, c.now)
        if wait:
            raise ServiceError(ErrorCode.RATE_LIMITED, "slow down", retry_after=round(wait, 3))
        self._publish(s, scene_topic(s.scene), encode_json(KIND_WIPE, {"from": s.avatar_id, "board": args["board"]}),
                      near=False)
        return {"board": args["board"], "wiped": True}

    def show_page(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        """Put a page on the scene's shared screen for everyone there (Invest Seoul's consultant and visitor turn
        the pages together): as a wipe is, at once, limited with the strokes, not to those who blocked the caller."""
        s = self._session(c)
        wait = self.stroke_limiter.take(c.client, c.role, c.now)
        if wait:
            raise ServiceError(ErrorCode.RATE_LIMITED, "slow down", retry_after=round(wait, 3))
        page = {"from": s.avatar_id, "document": args["document"], "page": args["page"]}
        self._publish(s, scene_topic(s.scene), encode_json(KIND_PAGE, page), near=False)
        return {"document": args["document"], "page": args["page"]}

    # -- safety -----------------------------------------------------------------------------------------------

    def block(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        me = self._session(c)
        target, name, scene = self._target(args["avatar_id"])
        if target == c.client:
            raise ServiceError(ErrorCode.BAD_REQUEST, "cannot block yourself")
        # The name and avatar id are kept as they were now: the blocked visitor may leave, or come back under
        # another id, and the blocker's list must still say whom they blocked.
        db.execute("INSERT INTO blocks (client, blocked, name, avatar_id, scene, created) VALUES (?, ?, ?, ?, ?, ?)"
                   " ON CONFLICT (client, blocked) DO NOTHING",
                   (c.client, target, name, args["avatar_id"], scene, c.now))
        me.hidden.add(target)
        me.blocked.add(target)
        self._blocks_changed()
        other = self.sessions.get(target)
        if other is not None:
            other.hidden.add(c.client)  # no notice: their view of the caller just stops (see _cloaked)
        elif self.bus is not None:
            self.bus.control({"hide": [c.client, target]})  # they may be on another relay
        return {"hidden": args["avatar_id"]}

    def blocks(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        """The caller's own blocks, newest first; never who blocked the caller (that would tell a blocked
        visitor whom to pester elsewhere)."""
        rows = db.execute("SELECT id, name, avatar_id, scene, created FROM blocks WHERE client=?"
                          " ORDER BY id DESC LIMIT ?", (c.client, MAX_BLOCKS))
        keys = ("block_id", "name", "avatar_id", "scene", "created")
        return {"blocks": [dict(zip(keys, r, strict=True)) for r in rows]}

    def unblock(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        """Lift one of the caller's blocks. The two see each other again at once if both are here and the other
        has not blocked the caller too (a block either way hides both ways)."""
        row = db.execute("SELECT blocked FROM blocks WHERE id=? AND client=?",
                         (args["block_id"], c.client)).fetchone()
        if row is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "no such block")
        target = row[0]
        db.execute("DELETE FROM blocks WHERE id=?", (args["block_id"],))
        if db.execute("SELECT 1 FROM blocks WHERE client=? AND blocked=?", (target, c.client)).fetchone():
            return {"unblocked": args["block_id"], "shown": []}
        me, other = self.sessions.get(c.client), self.sessions.get(target)
        if me is not None:
            me.hidden.discard(target)
            me.blocked.discard(target)
        self._blocks_changed()
        if other is not None:
            other.hidden.discard(c.client)
        elif self.bus is not None:
            self.bus.control({"show": [c.client, target]})  # they may be on another relay
        if me is None or other is None:
            return {"unblocked": args["block_id"], "shown": []}
        if c.client in other.blocked:
            return {"unblocked": args["block_id"], "shown": []}
        self._notice(me, {"show": [other.avatar_id]})
        if me.scene == other.scene:
            # Each dropped the other's states while hidden; a standing visitor sends only a keepalive every 2 s.
            self._resend(me)
            self._resend(other)
        return {"unblocked": args["block_id"], "shown": [other.avatar_id]}

    def _resend(self, s: Session) -> None:
        """Relay ``s``'s latest state again with the next batch (notices go out before batches)."""
        if s.cell is not None and s.state:
            self._pending.setdefault(cell_topic(s.scene, s.cell), {}).setdefault(s.avatar_id, s.state)

    def report(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        """Only a visitor who is here reports; reporting someone again while the first report is open counts once;
        reports are rate-limited per key, and anonymous keys share one bucket."""
        self._session(c)
        target, name, scene = self._target(args["avatar_id"])
        if target == c.client:
            raise ServiceError(ErrorCode.BAD_REQUEST, "cannot report yourself")
        open_report = db.execute("SELECT id FROM reports WHERE reporter=? AND reported=? AND status='open'",
                                 (c.client, target)).fetchone()
        if open_report is not None:
            return {"report_id": open_report[0], "evidence": 0, "duplicate": True}
        bucket = ANONYMOUS_REPORTERS if c.role is Role.ANONYMOUS else c.client
        wait = self.report_limiter.take(bucket, c.role, c.now)
        if wait:
            raise ServiceError(ErrorCode.RATE_LIMITED, "too many reports", retry_after=round(wait, 3))
        evidence = list(self.recent.get(target, ()) or self.remote_recent.get(args["avatar_id"], ()))
        report = db.execute(
            "INSERT INTO reports (reporter, reported, avatar_id, name, scene, reason, note, evidence, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (c.client, target, args["avatar_id"], name, scene, args["reason"], args.get("note", ""),
             _json(evidence), c.now),
        ).fetchone()[0]
        return {"report_id": report, "evidence": len(evidence)}

    def queue(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        rows = db.execute("SELECT id, avatar_id, name, scene, reason, note, evidence, created FROM reports"
                          " WHERE status='open' ORDER BY id LIMIT 100")
        keys = ("report_id", "avatar_id", "name", "scene", "reason", "note", "evidence", "created")
        return {"reports": [dict(zip(keys, r, strict=True)) for r in rows]}

    def hide(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        found = self.messages.get(args["message_id"])
        if found is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "no such recent message")
        author, scene = found
        for message in self.recent.get(author, ()):
            if message["id"] == args["message_id"]:
                message["hidden"] = True
        self._audit(db, c, "hide", author, str(args["message_id"]))
        self._out.append((scene_topic(scene), encode_json(KIND_HIDE, {"id": args["message_id"]})))
        return {"hidden": args["message_id"]}

    def remove(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        target = self.by_id.get(args["avatar_id"])
        if target is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "visitor not present")
        until = c.now + 60 * args.get("minutes", 30)
        db.execute("INSERT INTO scene_bans VALUES (?, ?, ?, ?)", (target.client, target.scene, until, c.client))
        self._audit(db, c, "remove", target.client, target.scene)
        self._drop(target)
        self._notice(target, {"removed": target.scene, "until": until})
        return {"removed": args["avatar_id"], "until": until}

    def _audit(self, db: Database, c: Caller, action: str, target: str, detail: str) -> None:
        db.execute("INSERT INTO moderation_actions (staff, action, target, detail, created) VALUES (?, ?, ?, ?, ?)",
                   (c.client, action, target, detail, c.now))

    # -- gatherings -------------------------------------------------------------------------------------------

    def _active(self, db: Database, scene: str, now: float) -> tuple | None:
        minute = datetime.fromtimestamp(now, KST).strftime("%Y-%m-%dT%H:%M")
        return db.execute(
            "SELECT id, title_ko, title_en, starts, ends, spot_x, spot_y FROM gatherings"
            " WHERE scene=? AND starts<=? AND ends>=? ORDER BY starts LIMIT 1", (scene, minute, minute)
        ).fetchone()

    def _gathering_state(self, db: Database, scene: str, now: float) -> dict[str, Any] | None:
        row = self._active(db, scene, now)
        if row is None:
            return None
        gid, title_ko, title_en, starts, ends, x, y = row
        g = self.gatherings.setdefault(gid, _Gathering(gid))
        return {"gathering_id": gid, "title_ko": title_ko, "title_en": title_en, "starts": starts, "ends": ends,
                "spot": [x, y], "hands": list(g.hands), "speaker": g.speaker}

    def _publish_gathering(self, db: Database, scene: str, now: float) -> dict[str, Any]:
        state = self._gathering_state(db, scene, now)
        if state is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "no gathering now in this scene")
        self._out.append((scene_topic(scene), encode_json(KIND_GATHERING, state)))
        return state

    def announce_gatherings(self, db: Database, scenes: list[str], now: float) -> None:
        """Tell each of ``scenes`` of the gathering the hub opened there on schedule: who is in the room sees the
        lecture begin."""
        for scene in scenes:
            self._publish_gathering(db, scene, now)

    def scene_heard(self, db: Database, scenes: list[str], now: float) -> None:
        """A visitor's subscription to each of ``scenes`` reached the hub: send the scene's gathering (when one is
        on) again. The join's reply carried it as it was, and the client subscribes once it has read that
        reply, so a hand raised or a floor given in between went to a topic the newcomer did not hear yet."""
        for scene in scenes:
            state = self._gathering_state(db, scene, now)
            if state is not None:
                self._out.append((scene_topic(scene), encode_json(KIND_GATHERING, state)))

    def gathering_open(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        if args["ends"] < args["starts"]:
            raise ServiceError(ErrorCode.BAD_REQUEST, "ends before starts")
        gathering = db.execute(
            "INSERT INTO gatherings (scene, title_ko, title_en, starts, ends, spot_x, spot_y, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (args["scene"], args["title_ko"], args["title_en"], args["starts"], args["ends"], args["spot_x"],
             args["spot_y"], c.now),
        ).fetchone()[0]
        active = self._active(db, args["scene"], c.now)
        if active is not None and active[0] == gathering:
            self._publish_gathering(db, args["scene"], c.now)
        return {"gathering_id": gathering}

    def hand(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        s = self._session(c)
        row = self._active(db, s.scene, c.now)
        if row is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "no gathering now in this scene")
        g = self.gatherings.setdefault(row[0], _Gathering(row[0]))
        g.hands = [h for h in g.hands if h != s.avatar_id] + ([s.avatar_id] if args["raised"] else [])
        return self._publish_gathering(db, s.scene, c.now)

    def floor(self, db: Database, c: Caller, args: dict[str, Any]) -> dict[str, Any]:
        """Give the speaker spot to ``avatar_id`` (0: nobody) in ``scene``, or in the host's own scene."""
        scene = args.get("scene") or self._session(c).scene
        row = self._active(db, scene, c.now)
        if row is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "no gathering now in this scene")
        g = self.gatherings.setdefault(row[0], _Gathering(row[0]))
        g.speaker = args["avatar_id"]
        g.hands = [h for h in g.hands if h != g.speaker]
        return self._publish_gathering(db, scene, c.now)

    def handle(self, db: Database, c: Caller, op: str, args: dict[str, Any]) -> dict[str, Any]:
        return OPS[op](self, db, c, args)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


OPS: dict[str, Callable[[PresenceRelay, Database, Caller, dict[str, Any]], dict[str, Any]]] = {
    "presence.join": PresenceRelay.join,
    "presence.leave": PresenceRelay.leave,
    "presence.profiles": PresenceRelay.profiles,
    "presence.block": PresenceRelay.block,
    "presence.blocks": PresenceRelay.blocks,
    "presence.unblock": PresenceRelay.unblock,
    "presence.report": PresenceRelay.report,
    "chat.send": PresenceRelay.chat,
    "mod.queue": PresenceRelay.queue,
    "mod.hide": PresenceRelay.hide,
    "mod.remove": PresenceRelay.remove,
    "gathering.open": PresenceRelay.gathering_open,
    "gathering.hand": PresenceRelay.hand,
    "gathering.floor": PresenceRelay.floor,
    "board.stroke": PresenceRelay.stroke,
    "board.clear": PresenceRelay.wipe,
    "screen.show": PresenceRelay.show_page,
}
