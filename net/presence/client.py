"""The app's side of presence: send our avatar state, hear the others near us, chat, block, report.

Two sockets of its own on the hub's presence channel (a PUB for our states, a SUB for the others'), with the same
CURVE identity as the app's :class:`~net.client.link.CityLink`, so the hub knows whose state each message is
without trusting anything in it. Joining, chat and safety actions are ordinary service requests sent through the
link; the app hands the link's events to :meth:`PresenceClient.feed`, which keeps the replies to its own requests.
Nothing here blocks: call :meth:`set_state`, :meth:`poll` and :meth:`visible` once per frame.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import zmq

from net.client.link import CityLink, LinkEvent, LinkStatus, ReplyReceived, StatusChanged
from net.presence import codec
from net.presence.gate import UpdateGate
from net.presence.grid import CELL_SIZE, Interest, cell_of
from net.presence.interp import DELAY, SnapshotBuffer
from net.protocol import CURVE_OVERHEAD, MAX_STROKE_POINTS

log = logging.getLogger(__name__)

STALE = 5.0  # seconds without a state before a remote avatar is dropped (the keepalive is 2 s)
OUT_OF_RANGE = 1.0  # seconds an avatar last seen outside our cells lingers
PROFILE_RETRY = 2.0
MAX_HELD_CHAT = 8  # chat from an avatar whose profile is on its way


@dataclass(frozen=True)
class Profile:
    avatar_id: int
    name: str  # empty: anonymous (shown as "Visitor <id>")
    look: str
    staff: bool = False
    kiosk: bool = False


@dataclass
class Remote:
    avatar_id: int
    buffer: SnapshotBuffer
    profile: Profile | None = None
    cell: tuple[int, int] | None = None  # unknown until its first state


@dataclass(frozen=True)
class Joined:
    avatar_id: int
    scene: str
    anonymous: bool
    gathering: dict[str, Any] | None


@dataclass(frozen=True)
class ChatMessage:
    message_id: int
    avatar_id: int
    scope: str
    text: str
    mine: bool


@dataclass(frozen=True)
class MessageHidden:
    message_id: int


@dataclass(frozen=True)
class AvatarGone:
    avatar_id: int


@dataclass(frozen=True)
class Refused:
    """A request the hub (or the local check) refused; ``reason`` is e.g. ``profanity``, ``rate_limited``."""

    op: str
    code: str
    reason: str
    retry_after: float = 0.0


@dataclass(frozen=True)
class Removed:
    scene: str
    until: float


@dataclass(frozen=True)
class GatheringChanged:
    state: dict[str, Any]


@dataclass(frozen=True)
class Answered:
    """A successful reply to a safety or moderation request (block, unblock, report, hide, remove, hand)."""

    op: str
    result: dict[str, Any]


@dataclass(frozen=True)
class Blocked:
    """One of our blocks as the hub keeps it: the name and avatar id the other had when we blocked them."""

    block_id: int
    name: str  # empty: they were anonymous (shown as "Visitor <avatar_id>")
    avatar_id: int  # 0: blocked before the hub kept labels
    scene: str
    created: float


@dataclass(frozen=True)
class BlockList:
    """The reply to :meth:`PresenceClient.list_blocks`, newest first."""

    blocks: tuple[Blocked, ...]


@dataclass(frozen=True)
class Stroke:
    """A whiteboard stroke in the scene (issue 20): ``points`` in board coordinates, 0..1 across and up."""

    avatar_id: int
    board: int
    color: int
    points: tuple[tuple[float, float], ...]
    mine: bool


@dataclass(frozen=True)
class BoardWiped:
    """Whiteboard ``board`` wiped by ``avatar_id`` for the scene (revision 6)."""

    avatar_id: int
    board: int
    mine: bool


@dataclass(frozen=True)
class PageShown:
    """``avatar_id`` put a page on the scene's shared screen (revision 7): ``document`` 0 is the room's FAQ
    (``page`` the answer's number), n ≥ 1 its n-th shared document."""

    avatar_id: int
    document: int
    page: int
    mine: bool


PresenceEvent = (Joined | ChatMessage | MessageHidden | AvatarGone | Refused | Removed | GatheringChanged | Answered
                 | BlockList | Stroke | BoardWiped | PageShown)


def relay_for(city: dict[str, Any], client_public: bytes) -> dict[str, str]:
    """The presence relay a visitor attaches to: ``services``, ``presence_in`` and ``presence_out`` endpoints.

    A city of several relay processes lists them in ``city.json`` under ``relays``; the visitor's key picks one,
    so the same visitor comes back to the same relay, and its presence link must send its requests (join, chat,
    blocks) to that relay's own services endpoint, where its session lives. A single hub is its own relay."""
    relays = city.get("relays")
    if not relays:
        return {"services": city["services"], "presence_in": city["presence_in"],
                "presence_out": city["presence_out"]}
    return relays[int.from_bytes(hashlib.sha256(client_public).digest()[:4], "big") % len(relays)]


class PresenceClient:
    """Presence for one visitor over ``link``; :meth:`join` a scene, then drive it every frame."""

    def __init__(self, link: CityLink, presence_in: str, presence_out: str, *, delay: float = DELAY,
                 stale: float = STALE, clock: Callable[[], float] = time.monotonic) -> None:
        self.link, self.clock, self.delay, self.stale = link, clock, delay, stale
        self.pub = self._socket(zmq.PUB)
        self.pub.sndhwm = 10  # a state not sent within a second is worthless: drop, do not queue
        self.pub.connect(presence_in)
        self.sub = self._socket(zmq.SUB)
        self.sub.maxmsgsize = codec.MAX_JSON_BODY * 2 + CURVE_OVERHEAD
        self.sub.connect(presence_out)
        self.gate = UpdateGate()
        self.interest = Interest(CELL_SIZE)
        self.avatar_id: int | None = None
        self.scene: str | None = None
        self.remotes: dict[int, Remote] = {}
        self.hidden: set[int] = set()
        self.muted: set[int] = set()
        self.gathering: dict[str, Any] | None = None
        self._mine: dict[str, str] = {}  # request id -> op
        self._events: list[PresenceEvent] = []
        self._subscribed: set[bytes] = set()
        self._profiles_sent = float("-inf")
        self._profiles_rid: str | None = None
        self._position = (0.0, 0.0)
        self._held_chat: dict[int, list[ChatMessage]] = {}
        self._join_args: dict[str, Any] | None = None

    @classmethod
    def from_directory(cls, directory: Path, link: CityLink, **options: Any) -> PresenceClient:
        """Endpoints from the client directory's ``city.json`` (:func:`relay_for`)."""
        city = json.loads((directory / "city.json").read_text(encoding="utf-8"))
        relay = relay_for(city, link.client_keys.public)
        return cls(link, relay["presence_in"], relay["presence_out"], **options)

    def _socket(self, kind: int) -> zmq.Socket:
        sock = self.link.ctx.socket(kind)
        sock.linger = 0
        sock.curve_serverkey = self.link.hub_key
        sock.curve_publickey = self.link.client_keys.public
        sock.curve_secretkey = self.link.client_keys.secret
        sock.reconnect_ivl, sock.reconnect_ivl_max = 100, 2000
        return sock

    def close(self) -> None:
        self.pub.close(linger=0)
        self.sub.close(linger=0)

    # -- requests ---------------------------------------------------------------------------------------------

    def _request(self, op: str, args: dict[str, Any] | None = None) -> str:
        rid = self.link.request(op, args or {}, durable=False)
        self._mine[rid] = op
        return rid

    def join(self, scene: str, *, name: str = "", look: str = "", anonymous: bool = False) -> str:
        """Enter ``scene``'s shared space; :class:`Joined` follows (or :class:`Refused`)."""
        args: dict[str, Any] = {"scene": scene, "anonymous": int(anonymous)}
        if name and not anonymous:
            args["name"] = name
        if look:
            args["look"] = look
        self._join_args = args
        return self._request("presence.join", args)

    def leave(self) -> None:
        if self.avatar_id is not None:
            self._request("presence.leave")
        self._join_args = None
        self._reset()

    def say(self, text: str, scope: str = "nearby") -> str:
        return self._request("chat.send", {"text": text, "scope": scope})

    def draw(self, board: int, points: list[tuple[float, float]], color: int = 0) -> str:
        """Share a stroke on whiteboard ``board`` (points 0..1, at most 256; the hub relays it to the scene)."""
        packed = ";".join(f"{round(min(max(u, 0.0), 1.0) * 1000)},{round(min(max(v, 0.0), 1.0) * 1000)}"
                          for u, v in points[:MAX_STROKE_POINTS])
        return self._request("board.stroke", {"board": board, "color": color, "points": packed})

    def wipe(self, board: int) -> str:
        """Wipe whiteboard ``board`` for everyone in the scene (those who blocked us keep theirs)."""
        return self._request("board.clear", {"board": board})

    def show_page(self, document: int, page: int) -> str:
        """Put ``page`` of ``document`` on the scene's shared screen for everyone there (see :class:`PageShown`)."""
        return self._request("screen.show", {"document": document, "page": page})

    def block(self, avatar_id: int) -> str:
        """Hide ``avatar_id`` from us and us from them, now and after restarts (the hub keeps it)."""
        self._forget(avatar_id, hide=True)
        return self._request("presence.block", {"avatar_id": avatar_id})

    def list_blocks(self) -> str:
        """Ask for the people we blocked (also those blocked in earlier sessions); :class:`BlockList` follows."""
        return self._request("presence.blocks")

    def unblock(self, block_id: int) -> str:
        """Lift a block from :class:`BlockList`; :class:`Answered` follows, and the other visitor reappears on
        both sides (unless they blocked us too). The hub keeps it, so it holds after restarts."""
        return self._request("presence.unblock", {"block_id": block_id})

    def report(self, avatar_id: int, reason: str, note: str = "") -> str:
        args: dict[str, Any] = {"avatar_id": avatar_id, "reason": reason}
        if note.strip():
            args["note"] = note
        return self._request("presence.report", args)

    def mute(self, avatar_id: int, muted: bool = True) -> None:
        """Stop showing (and reading out) their chat; this device only, until it restarts."""
        (self.muted.add if muted else self.muted.discard)(avatar_id)

    def raise_hand(self, raised: bool = True) -> str:
        return self._request("gathering.hand", {"raised": int(raised)})

    def moderate_hide(self, message_id: int) -> str:
        return self._request("mod.hide", {"message_id": message_id})

    def moderate_remove(self, avatar_id: int, minutes: int = 30) -> str:
        return self._request("mod.remove", {"avatar_id": avatar_id, "minutes": minutes})

    def give_floor(self, avatar_id: int) -> str:
        return self._request("gathering.floor", {"avatar_id": avatar_id})

    def feed(self, events: Iterable[LinkEvent]) -> list[LinkEvent]:
        """Take the replies to our requests out of the link's events; returns the rest for the app."""
        rest: list[LinkEvent] = []
        for event in events:
            if isinstance(event, ReplyReceived) and event.request_id in self._mine:
                self._reply(self._mine.pop(event.request_id), event)
                continue
            if isinstance(event, StatusChanged) and event.status is LinkStatus.CONNECTED and self._join_args:
                # Back after an outage: a restarted hub has forgotten us, and a live one replaces our session.
                self._request("presence.join", self._join_args)
            rest.append(event)
        return rest

    def _reply(self, op: str, reply: ReplyReceived) -> None:
        if reply.request_id == self._profiles_rid:
            self._profiles_rid = None
        if not reply.ok:
            error = reply.error
            self._events.append(Refused(op, str(error.get("code", "")), str(error.get("reason", "")),
                                        float(error.get("retry_after", 0.0))))
            return
        result = reply.result
        if op == "presence.join":
            self._joined(result)
        elif op == "presence.profiles":
            self._profiles(result)
        elif op == "presence.blocks":
            self._events.append(BlockList(tuple(
                Blocked(int(b["block_id"]), str(b["name"]), int(b["avatar_id"]), str(b["scene"]),
                        float(b["created"])) for b in result.get("blocks", ()))))
        elif op != "presence.leave":
            if op == "presence.unblock":
                self.hidden.difference_update(int(i) for i in result.get("shown", ()))
            self._events.append(Answered(op, result))

    def _joined(self, result: dict[str, Any]) -> None:
        self._reset()
        self.avatar_id, self.scene = int(result["avatar_id"]), str(result["scene"])
        self.interest = Interest(float(result["cell_size"]))
        # The hub's list is complete for this session; ids from an earlier session may now be someone else's.
        self.hidden = {int(i) for i in result.get("hidden", ())}
        self._subscribe(codec.scene_topic(self.scene))
        self._subscribe(codec.inbox_topic(bytes.fromhex(result["inbox"])))
        self._move(*self._position)
        self.gathering = result.get("gathering")
        self._events.append(Joined(self.avatar_id, self.scene, bool(result.get("anonymous")), self.gathering))

    def _profiles(self, result: dict[str, Any]) -> None:
        for avatar_id in result.get("hidden", ()):
            self._forget(int(avatar_id), hide=True)
        for p in result.get("profiles", ()):
            remote = self.remotes.get(int(p["avatar_id"]))
            if remote is not None:
                remote.profile = Profile(int(p["avatar_id"]), str(p["name"]), str(p["look"]), bool(p["staff"]),
                                         bool(p["kiosk"]))
                self._events.extend(self._held_chat.pop(remote.avatar_id, ()))

    def _reset(self) -> None:
        for topic in list(self._subscribed):
            self.sub.unsubscribe(topic)
        self._subscribed.clear()
        self.interest.reset()
        self.remotes.clear()
        self._held_chat.clear()
        self.avatar_id = self.scene = self.gathering = None
        self.gate.reset()

    def _subscribe(self, topic: bytes) -> None:
        self.sub.subscribe(topic)
        self._subscribed.add(topic)

    def _move(self, x: float, y: float) -> None:
        added, removed = self.interest.move(x, y)
        assert self.scene is not None
        for cell in removed:
            topic = codec.cell_topic(self.scene, cell)
            self.sub.unsubscribe(topic)
            self._subscribed.discard(topic)
        for cell in added:
            self._subscribe(codec.cell_topic(self.scene, cell))

    # -- per frame --------------------------------------------------------------------------------------------

    def set_state(self, state: codec.AvatarState) -> None:
        """Our avatar this frame; sent when it changed (≤ 10 Hz) or as a keepalive, once joined."""
        self._position = (state.x, state.y)
        if self.scene is None:
            return
        self._move(state.x, state.y)
        raw = self.gate.offer(state, self.clock())
        if raw is not None:
            try:
                self.pub.send(raw, zmq.NOBLOCK)
            except zmq.Again:
                pass  # not connected yet or congested: the next state supersedes this one

    def poll(self, max_messages: int = 256) -> list[PresenceEvent]:
        """What arrived since the last call (bounded), and avatars that timed out."""
        now = self.clock()
        for _ in range(max_messages):
            try:
                topic, body = self.sub.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                break
            except ValueError:
                continue
            try:
                self._handle(topic, body, now)
            except (codec.CodecError, KeyError, TypeError, ValueError) as exc:
                log.warning("dropping malformed presence message: %s", exc)
        self._expire(now)
        self._ask_profiles(now)
        events, self._events = self._events, []
        return events

    def _handle(self, topic: bytes, body: bytes, now: float) -> None:
        kind = body[:1]
        if kind == codec.KIND_STATES:
            for avatar_id, t_ms, state in codec.decode_states(body):
                if avatar_id == self.avatar_id or avatar_id in self.hidden:
                    continue
                remote = self.remotes.get(avatar_id) or self._remote(avatar_id, now)
                remote.buffer.push(t_ms, state, now)
                remote.cell = cell_of(state.x, state.y, self.interest.size)
        elif kind == codec.KIND_CHAT:
            self._chat(codec.decode_json(body), now)
        elif kind == codec.KIND_GONE:
            for avatar_id in codec.decode_ids(body):
                if self.remotes.pop(avatar_id, None) is not None:
                    self._events.append(AvatarGone(avatar_id))
        elif kind == codec.KIND_HIDE:
            self._events.append(MessageHidden(int(codec.decode_json(body)["id"])))
        elif kind == codec.KIND_GATHERING:
            self.gathering = codec.decode_json(body)
            self._events.append(GatheringChanged(self.gathering))
        elif kind == codec.KIND_NOTICE:
            self._notice(codec.decode_json(body))
        elif kind == codec.KIND_STROKE:
            self._stroke(codec.decode_json(body))
        elif kind == codec.KIND_WIPE:
            data = codec.decode_json(body)
            sender = int(data["from"])
            if sender not in self.hidden and sender not in self.muted:
                self._events.append(BoardWiped(sender, int(data["board"]), sender == self.avatar_id))
        elif kind == codec.KIND_PAGE:
            data = codec.decode_json(body)
            sender = int(data["from"])
            if sender not in self.hidden:
                self._events.append(PageShown(sender, int(data["document"]), int(data["page"]),
                                              sender == self.avatar_id))

    def _remote(self, avatar_id: int, now: float) -> Remote:
        remote = self.remotes[avatar_id] = Remote(avatar_id, SnapshotBuffer(self.delay))
        remote.buffer.last_arrival = now
        return remote

    def _chat(self, data: dict[str, Any], now: float) -> None:
        sender = int(data["from"])
        if sender in self.hidden or sender in self.muted:
            return
        message = ChatMessage(int(data["id"]), sender, str(data["scope"]), str(data["text"]), sender == self.avatar_id)
        remote = self.remotes.get(sender)
        if message.mine or (remote is not None and remote.profile is not None):
            self._events.append(message)
            return
        if remote is None:  # a scene-wide message from someone out of range: learn who they are first
            self._remote(sender, now)
        held = self._held_chat.setdefault(sender, [])
        if len(held) < MAX_HELD_CHAT:
            held.append(message)

    def _stroke(self, data: dict[str, Any]) -> None:
        sender = int(data["from"])
        if sender in self.hidden or sender in self.muted:
            return
        flat = [min(max(int(v), 0), 1000) / 1000 for v in data["points"]]
        points = tuple(zip(flat[0::2], flat[1::2], strict=True))
        self._events.append(Stroke(sender, int(data["board"]), int(data["color"]), points, sender == self.avatar_id))

    def _notice(self, data: dict[str, Any]) -> None:
        for avatar_id in data.get("hide", ()):
            self._forget(int(avatar_id), hide=True)
        for avatar_id in data.get("show", ()):  # an unblock: their next states are drawn again
            self.hidden.discard(int(avatar_id))
        if "removed" in data:
            self._join_args = None
            self._reset()
            self._events.append(Removed(str(data["removed"]), float(data["until"])))

    def _forget(self, avatar_id: int, *, hide: bool) -> None:
        if hide:
            self.hidden.add(avatar_id)
            self._held_chat.pop(avatar_id, None)
        if self.remotes.pop(avatar_id, None) is not None:
            self._events.append(AvatarGone(avatar_id))

    def _expire(self, now: float) -> None:
        for remote in list(self.remotes.values()):
            quiet = now - remote.buffer.last_arrival
            out_of_range = remote.cell is not None and remote.cell not in self.interest.cells
            if quiet > self.stale or (quiet > OUT_OF_RANGE and out_of_range):
                self._forget(remote.avatar_id, hide=False)

    def _ask_profiles(self, now: float) -> None:
        if self.avatar_id is None:
            return
        wanted = [r.avatar_id for r in self.remotes.values() if r.profile is None][:100]
        if not wanted or (self._profiles_rid is not None and now - self._profiles_sent < PROFILE_RETRY):
            return
        self._profiles_rid = self._request("presence.profiles", {"ids": ",".join(map(str, wanted))})
        self._profiles_sent = now

    def visible(self, now: float | None = None) -> dict[int, tuple[Profile, codec.AvatarState]]:
        """Every remote avatar to draw now (profile known, not hidden), at its interpolated state."""
        now = self.clock() if now is None else now
        out = {}
        for avatar_id, remote in self.remotes.items():
            if remote.profile is None:
                continue
            state = remote.buffer.sample(now)
            if state is not None:
                out[avatar_id] = (remote.profile, state)
        return out
