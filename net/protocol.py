"""Typed, versioned messages between clients and the hub (see ``net/PROTOCOL.md``).

Every message is one UTF-8 JSON object with a version ``v``. Requests name an operation from :data:`OPS`; each
operation declares its fields with type, length and enum limits, and :func:`parse_request` refuses anything else
(unknown fields included), so the hub's services only ever see checked values. JSON only: no pickle, no eval.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

VERSION = 1
# Revisions of version 1 only add ops or optional result fields (``hello`` reports it): 2 added the opinion box's
# report-and-hide ops and private messages to the mayor (issue 7); 3 added listing and lifting one's own blocks
# (``presence.blocks``, ``presence.unblock``); 4 added the hub's clock (``time``) and the catalogue events'
# schedules and ringer queue (``event.schedule``, ``event.ring``, ``event.unring``, issue 17), and the economy and
# education spaces' sessions, matching, courses and lectures and the shared whiteboard (``board.stroke``, issue 20);
# 5 added Seoul's real-time city data as the hub last polled it (``city.data``, issue 16); 6 added wiping a shared
# whiteboard (``board.clear``, issue 20); 7 added the page on a room's shared screen (``screen.show``, Invest
# Seoul's documents, issue 20). An older hub answers newer ops ``bad_request``.
REVISION = 7

# Payload limits. The receiving sockets' MAXMSGSIZE adds CURVE_OVERHEAD on top: libzmq checks the size of the
# frame as it arrives, and a CURVE MESSAGE command wraps the payload in a 33-byte box (command name, nonce, MAC).
MAX_REQUEST_BYTES = 16 * 1024
MAX_REPLY_BYTES = 1024 * 1024
MAX_ALERT_BYTES = 64 * 1024
MAX_HEADER_BYTES = 1024
CURVE_OVERHEAD = 1024
# Bounds on what JSON may hold, checked while parsing (so no hostile number or nesting reaches Python's own
# limits, which raise ValueError, OverflowError or RecursionError): integers of at most MAX_INT_DIGITS digits,
# finite floats, at most MAX_DEPTH nested containers, strings of at most MAX_STRING characters and valid Unicode.
MAX_INT_DIGITS = 20
MAX_DEPTH = 8
MAX_STRING = 1024 * 1024

ALERT_TOPIC = b"alert"
HEARTBEAT_TOPIC = b"hb"

REQUEST_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLOT = re.compile(r"^\d{2}:00$")
ISO_MINUTE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")
FACILITY_ID = re.compile(r"^[a-z0-9-]{1,40}$")
EVENT_KEY = re.compile(r"^[a-z0-9-]{1,40}$")  # a catalogue event's id (``net.events``)


class Role(StrEnum):
    """What a client may do; decided by the hub's ZAP handler from the client's CURVE key."""

    ANONYMOUS = "anonymous"  # unknown key: read public data and receive alerts
    CITIZEN = "citizen"  # enrolled desktop
    KIOSK = "kiosk"  # enrolled public kiosk
    STAFF = "staff"  # city staff and operators


class ErrorCode(StrEnum):
    BAD_REQUEST = "bad_request"
    UNSUPPORTED_VERSION = "unsupported_version"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    RATE_LIMITED = "rate_limited"
    UNAVAILABLE = "unavailable"  # storage busy or full: nothing was done, try again after ``retry_after``
    INTERNAL = "internal"


TICKET_CATEGORIES = ("road", "traffic", "parking", "cleaning", "noise", "safety", "welfare", "environment", "other")
TICKET_STATUSES = ("received", "in_progress", "answered", "closed")


@dataclass(frozen=True)
class Field:
    """One argument of an operation and its limits."""

    kind: type
    required: bool = True
    max_len: int = 0
    enum: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    low: float | None = None
    high: float | None = None


WRITERS = frozenset({Role.CITIZEN, Role.KIOSK, Role.STAFF})
EVERYONE = frozenset(Role)
STAFF_ONLY = frozenset({Role.STAFF})


@dataclass(frozen=True)
class Op:
    """An operation: its fields, who may call it, and whether it changes state (then its reply is stored)."""

    fields: dict[str, Field] = field(default_factory=dict)
    roles: frozenset[Role] = EVERYONE
    writes: bool = False


def _id() -> Field:
    return Field(int, low=1, high=2**53)


# Presence (issue 8): join/leave a scene's shared space, chat, safety and moderation, gatherings. The states
# themselves travel on the presence PUB/SUB channel in binary (``net.presence.codec``), not through these ops.
SCENE_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
AVATAR_IDS = re.compile(r"^\d{1,10}(,\d{1,10}){0,99}$")
LOOK = re.compile(r"^(hanbok|casual)(:\d{1,2}){3}$")
CHAT_SCOPES = ("nearby", "scene")
REPORT_REASONS = ("harassment", "hate", "spam", "inappropriate", "impersonation", "other")
MAX_CHAT = 300
MAX_STROKE_POINTS = 256
STROKE_POINTS = re.compile(r"^\d{1,4},\d{1,4}(;\d{1,4},\d{1,4}){1,255}$")


def _avatar() -> Field:
    return Field(int, low=1, high=2**32 - 1)


PRESENCE_OPS: dict[str, Op] = {
    "presence.join": Op({
        "scene": Field(str, pattern=SCENE_NAME),
        "name": Field(str, required=False, max_len=24),
        "look": Field(str, required=False, pattern=LOOK),
        "anonymous": Field(int, required=False, low=0, high=1),
    }),
    "presence.leave": Op(),
    "presence.profiles": Op({"ids": Field(str, pattern=AVATAR_IDS)}),
    "presence.block": Op({"avatar_id": _avatar()}, writes=True),
    "presence.blocks": Op(),
    "presence.unblock": Op({"block_id": _id()}, writes=True),
    "presence.report": Op(
        {"avatar_id": _avatar(), "reason": Field(str, enum=REPORT_REASONS),
         "note": Field(str, required=False, max_len=500)},
        writes=True,
    ),
    "chat.send": Op({"text": Field(str, max_len=MAX_CHAT), "scope": Field(str, enum=CHAT_SCOPES)}, WRITERS),
    "mod.queue": Op({}, STAFF_ONLY),
    "mod.hide": Op({"message_id": _id()}, STAFF_ONLY, writes=True),
    "mod.remove": Op({"avatar_id": _avatar(), "minutes": Field(int, required=False, low=1, high=1440)},
                     STAFF_ONLY, writes=True),
    "gathering.open": Op(
        {
            "scene": Field(str, pattern=SCENE_NAME),
            "title_ko": Field(str, max_len=120),
            "title_en": Field(str, max_len=120),
            "starts": Field(str, pattern=ISO_MINUTE),
            "ends": Field(str, pattern=ISO_MINUTE),
            "spot_x": Field(float, low=-1e5, high=1e5),
            "spot_y": Field(float, low=-1e5, high=1e5),
        },
        STAFF_ONLY,
        writes=True,
    ),
    "gathering.hand": Op({"raised": Field(int, low=0, high=1)}),
    # A whiteboard stroke (issue 20): ``points`` "u,v;u,v;…" in thousandths of the board, 2–256 points.
    "board.stroke": Op({"board": Field(int, low=0, high=15), "color": Field(int, low=0, high=7),
                        "points": Field(str, max_len=MAX_STROKE_POINTS * 10, pattern=STROKE_POINTS)}, WRITERS),
    # Wiping a whiteboard for everyone in the scene (issue 20, revision 6).
    "board.clear": Op({"board": Field(int, low=0, high=15)}, WRITERS),
    # The page on a room's shared screen, for everyone in the scene (issue 20, revision 7): ``document`` 0 is the
    # room's FAQ (``page``: the answer's number), n ≥ 1 the room's n-th shared document (``page``: its page).
    "screen.show": Op({"document": Field(int, low=0, high=63), "page": Field(int, low=0, high=9999)}, WRITERS),
    "gathering.floor": Op(
        {"avatar_id": Field(int, low=0, high=2**32 - 1), "scene": Field(str, required=False, pattern=SCENE_NAME)},
        STAFF_ONLY,
    ),
}


# Opinion box safety and the mayor's inbox (issue 7, revision 2). Reports count once per citizen per item; enough
# distinct reporters hide an item pending review; staff hide or restore with a reason. Messages to the mayor are
# private: only their sender and staff read them.
OPINION_ITEMS = ("proposal", "comment")
OPINION_REPORT_REASONS = ("spam", "abuse", "hate", "privacy", "off_topic", "other")
MAX_MODERATION_REASON = 300
MAX_MAYOR_MESSAGE = 2000


def _item() -> dict[str, Field]:
    return {"kind": Field(str, enum=OPINION_ITEMS), "item_id": _id()}


CIVIC_SAFETY_OPS: dict[str, Op] = {
    "opinion.report": Op({**_item(), "reason": Field(str, enum=OPINION_REPORT_REASONS)}, WRITERS, writes=True),
    "opinion.hide": Op({**_item(), "reason": Field(str, max_len=MAX_MODERATION_REASON)}, STAFF_ONLY, writes=True),
    "opinion.restore": Op({**_item(), "reason": Field(str, max_len=MAX_MODERATION_REASON)}, STAFF_ONLY, writes=True),
    "opinion.review": Op({}, STAFF_ONLY),
    "mayor.message": Op({"text": Field(str, max_len=MAX_MAYOR_MESSAGE)}, WRITERS, writes=True),
    "mayor.mine": Op({}, WRITERS),
    "mayor.inbox": Op({"unanswered": Field(int, required=False, low=0, high=1)}, STAFF_ONLY),
    "mayor.answer": Op({"message_id": _id(), "text": Field(str, max_len=4000)}, STAFF_ONLY, writes=True),
}


# The economy and education spaces (issue 20, revision 4): sessions with a consultant or mentor, business
# matching, enrolment, lecture attendance (net/hub/spaces.py).
SESSION_SPACES = ("invest-seoul", "seoul-learn")
SPACE_ITEM = re.compile(r"^[a-z0-9-]{1,40}$")  # a consultant, mentor, company, course or lecture id


def _space_item() -> Field:
    return Field(str, pattern=SPACE_ITEM)


SPACES_OPS: dict[str, Op] = {
    "session.slots": Op({"space": Field(str, enum=SESSION_SPACES), "host": _space_item(),
                         "day": Field(str, pattern=DAY)}),
    "session.book": Op(
        {"space": Field(str, enum=SESSION_SPACES), "host": _space_item(), "day": Field(str, pattern=DAY),
         "slot": Field(str, pattern=SLOT), "note": Field(str, required=False, max_len=300)},
        WRITERS, writes=True),
    "session.cancel": Op({"session_id": _id()}, WRITERS, writes=True),
    "session.list": Op({"host": Field(str, required=False, pattern=SPACE_ITEM)}, WRITERS),
    "match.request": Op({"company": _space_item(), "text": Field(str, max_len=1000)}, WRITERS, writes=True),
    "match.list": Op({}, STAFF_ONLY),
    "course.enrol": Op({"course": _space_item()}, WRITERS, writes=True),
    "course.enrolments": Op({}, STAFF_ONLY),
    "lecture.attend": Op({"lecture": _space_item(), "slides": Field(int, low=1, high=1000),
                          "of": Field(int, low=1, high=1000)}, WRITERS, writes=True),
    "lecture.attendance": Op({}, STAFF_ONLY),
}


OPS: dict[str, Op] = {
    "hello": Op(),
    "ticket.create": Op(
        {
            "category": Field(str, enum=TICKET_CATEGORIES),
            "text": Field(str, max_len=2000),
            "lat": Field(float, required=False, low=-90, high=90),
            "lon": Field(float, required=False, low=-180, high=180),
            "place": Field(str, required=False, max_len=200),
        },
        WRITERS,
        writes=True,
    ),
    "ticket.status": Op({"ticket_id": _id()}, WRITERS),
    "ticket.mine": Op({}, WRITERS),
    "ticket.answer": Op(
        {"ticket_id": _id(), "answer": Field(str, max_len=2000), "status": Field(str, enum=TICKET_STATUSES)},
        STAFF_ONLY,
        writes=True,
    ),
    "facility.list": Op(),
    "facility.slots": Op({"facility_id": Field(str, pattern=FACILITY_ID), "day": Field(str, pattern=DAY)}),
    "booking.create": Op(
        {
            "facility_id": Field(str, pattern=FACILITY_ID),
            "day": Field(str, pattern=DAY),
            "slot": Field(str, pattern=SLOT),
        },
        WRITERS,
        writes=True,
    ),
    "booking.cancel": Op({"booking_id": _id()}, WRITERS, writes=True),
    "booking.mine": Op({}, WRITERS),
    "opinion.propose": Op({"title": Field(str, max_len=120), "body": Field(str, max_len=4000)}, WRITERS, writes=True),
    "opinion.list": Op({}),
    "opinion.get": Op({"proposal_id": _id()}),
    "opinion.vote": Op({"proposal_id": _id()}, WRITERS, writes=True),
    "opinion.comment": Op({"proposal_id": _id(), "text": Field(str, max_len=1000)}, WRITERS, writes=True),
    "opinion.answer": Op({"proposal_id": _id(), "text": Field(str, max_len=4000)}, STAFF_ONLY, writes=True),
    "event.list": Op({"from_day": Field(str, required=False, pattern=DAY)}),
    "event.create": Op(
        {
            "title_ko": Field(str, max_len=120),
            "title_en": Field(str, max_len=120),
            "place": Field(str, max_len=120),
            "starts": Field(str, pattern=ISO_MINUTE),
            "ends": Field(str, pattern=ISO_MINUTE),
            "description": Field(str, required=False, max_len=2000),
        },
        STAFF_ONLY,
        writes=True,
    ),
    "time": Op(),
    "city.data": Op(),
    "event.schedule": Op({"event": Field(str, pattern=EVENT_KEY),
                          "at": Field(float, required=False, low=0, high=2**33)}),
    "event.ring": Op({"event": Field(str, pattern=EVENT_KEY), "beat": Field(int, low=1, high=200)}, WRITERS),
    "event.unring": Op({"event": Field(str, pattern=EVENT_KEY)}, WRITERS),
    "alerts.since": Op({
        "seq": Field(int, low=0, high=2**53),
        "limit": Field(int, required=False, low=1, high=100),
        "max_age": Field(int, required=False, low=1, high=7 * 86400),
    }),
    "alert.publish": Op(
        {
            "xml_b64": Field(str, max_len=(MAX_ALERT_BYTES * 4) // 3 + 4),
            "signature_b64": Field(str, max_len=100),
            "key_id": Field(str, max_len=32),
        },
        STAFF_ONLY,
        writes=True,
    ),
    **PRESENCE_OPS,
    **CIVIC_SAFETY_OPS,
    **SPACES_OPS,
}


class ProtocolError(ValueError):
    """A message that breaks the protocol; ``code`` says which kind of refusal to send back."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Request:
    request_id: str
    op: str
    args: dict[str, Any]


def _check_field(name: str, spec: Field, value: Any) -> Any:
    # bool is a subclass of int in Python; refuse it where a number is meant.
    if spec.kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, spec.kind) or isinstance(value, bool):
        raise ProtocolError(ErrorCode.BAD_REQUEST, f"{name}: expected {spec.kind.__name__}")
    if isinstance(value, str):
        if not value.strip():
            raise ProtocolError(ErrorCode.BAD_REQUEST, f"{name}: empty")
        if spec.max_len and len(value) > spec.max_len:
            raise ProtocolError(ErrorCode.BAD_REQUEST, f"{name}: longer than {spec.max_len}")
        if spec.enum and value not in spec.enum:
            raise ProtocolError(ErrorCode.BAD_REQUEST, f"{name}: not one of {', '.join(spec.enum)}")
        if spec.pattern and not spec.pattern.fullmatch(value):
            raise ProtocolError(ErrorCode.BAD_REQUEST, f"{name}: malformed")
    else:
        too_low = spec.low is not None and value < spec.low
        too_high = spec.high is not None and value > spec.high
        if value != value or too_low or too_high:  # value != value: NaN
            raise ProtocolError(ErrorCode.BAD_REQUEST, f"{name}: out of range")
    return value


def check_args(op: str, args: Any) -> dict[str, Any]:
    """The arguments of ``op`` after type, length, enum and range checks; unknown names are refused."""
    spec = OPS.get(op)
    if spec is None:
        raise ProtocolError(ErrorCode.BAD_REQUEST, f"unknown op {op!r}")
    if not isinstance(args, dict):
        raise ProtocolError(ErrorCode.BAD_REQUEST, "args must be an object")
    unknown = set(args) - set(spec.fields)
    if unknown:
        raise ProtocolError(ErrorCode.BAD_REQUEST, f"unknown fields: {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    for name, fspec in spec.fields.items():
        if name not in args or args[name] is None:
            if fspec.required:
                raise ProtocolError(ErrorCode.BAD_REQUEST, f"{name}: required")
            continue
        out[name] = _check_field(name, fspec, args[name])
    return out


def _refuse(message: str) -> ProtocolError:
    return ProtocolError(ErrorCode.BAD_REQUEST, message)


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _refuse("number too long")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > 64:
        raise _refuse("number too long")
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _refuse("number out of range")
    return value


def _parse_constant(text: str) -> float:
    raise _refuse(f"{text} is not JSON")


_DECODER = json.JSONDecoder(parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_tree(value: Any, depth: int = 0) -> None:
    """Refuse nesting deeper than MAX_DEPTH and strings that are too long or hold lone UTF-16 surrogates."""
    if depth > MAX_DEPTH:
        raise _refuse("nested too deeply")
    if isinstance(value, str):
        if len(value) > MAX_STRING or _SURROGATE.search(value):
            raise _refuse("bad string")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_tree(key, depth + 1)
            _check_tree(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_tree(item, depth + 1)


def _load(raw: bytes, limit: int) -> dict[str, Any]:
    """One JSON object within every bound above, or :class:`ProtocolError` (never any other exception)."""
    if len(raw) > limit:
        raise _refuse("message too large")
    try:
        data = _DECODER.decode(raw.decode("utf-8"))
    except ProtocolError:
        raise
    except (ValueError, RecursionError, OverflowError, MemoryError):
        raise _refuse("not UTF-8 JSON") from None
    if not isinstance(data, dict):
        raise _refuse("not a JSON object")
    _check_tree(data)
    return data


def request_id_of(raw: bytes) -> str | None:
    """The request id of a possibly invalid request, so a refusal can still be matched by the sender."""
    try:
        data = _load(raw, MAX_REQUEST_BYTES)
    except ProtocolError:
        return None
    rid = data.get("id")
    return rid if isinstance(rid, str) and REQUEST_ID.fullmatch(rid) else None


def parse_request(raw: bytes) -> Request:
    """A checked request, or :class:`ProtocolError`."""
    data = _load(raw, MAX_REQUEST_BYTES)
    if data.get("v") != VERSION:
        raise ProtocolError(ErrorCode.UNSUPPORTED_VERSION, f"protocol version {VERSION} only")
    rid, op = data.get("id"), data.get("op")
    if not isinstance(rid, str) or not REQUEST_ID.fullmatch(rid):
        raise ProtocolError(ErrorCode.BAD_REQUEST, "bad request id")
    if not isinstance(op, str) or op not in OPS:
        raise ProtocolError(ErrorCode.BAD_REQUEST, "unknown op")
    if set(data) - {"v", "id", "op", "args"}:
        raise ProtocolError(ErrorCode.BAD_REQUEST, "unknown envelope fields")
    return Request(rid, op, check_args(op, data.get("args", {})))


def encode_request(request_id: str, op: str, args: dict[str, Any]) -> bytes:
    return _dump({"v": VERSION, "id": request_id, "op": op, "args": args})


def encode_reply(request_id: str, result: dict[str, Any]) -> bytes:
    return _dump({"v": VERSION, "id": request_id, "ok": True, "result": result})


def encode_error(request_id: str | None, code: ErrorCode, message: str, **extra: Any) -> bytes:
    error = {"code": str(code), "message": message, **extra}
    return _dump({"v": VERSION, "id": request_id, "ok": False, "error": error})


@dataclass(frozen=True)
class Reply:
    request_id: str
    ok: bool
    result: dict[str, Any]
    error: dict[str, Any]


def parse_reply(raw: bytes) -> Reply:
    data = _load(raw, MAX_REPLY_BYTES)
    if data.get("v") != VERSION:
        raise ProtocolError(ErrorCode.UNSUPPORTED_VERSION, "reply version")
    rid, ok = data.get("id"), data.get("ok")
    if not isinstance(rid, str) or not isinstance(ok, bool):
        raise ProtocolError(ErrorCode.BAD_REQUEST, "malformed reply")
    result, error = data.get("result", {}), data.get("error", {})
    if not isinstance(result, dict) or not isinstance(error, dict):
        raise ProtocolError(ErrorCode.BAD_REQUEST, "malformed reply")
    return Reply(rid, ok, result, error)


@dataclass(frozen=True)
class AlertHeader:
    """Envelope of a published alert: hub sequence, store epoch, and which authority key signed it."""

    seq: int
    epoch: str
    key_id: str


@dataclass(frozen=True)
class Heartbeat:
    seq: int
    epoch: str


def encode_alert_header(header: AlertHeader) -> bytes:
    return _dump({"v": VERSION, "seq": header.seq, "epoch": header.epoch, "key": header.key_id})


def encode_heartbeat(beat: Heartbeat) -> bytes:
    return _dump({"v": VERSION, "seq": beat.seq, "epoch": beat.epoch})


def _seq_epoch(data: dict[str, Any]) -> tuple[int, str]:
    seq, epoch = data.get("seq"), data.get("epoch")
    if data.get("v") != VERSION or not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise ProtocolError(ErrorCode.BAD_REQUEST, "bad sequence")
    if not isinstance(epoch, str) or not 0 < len(epoch) <= 64:
        raise ProtocolError(ErrorCode.BAD_REQUEST, "bad epoch")
    return seq, epoch


def parse_alert_header(raw: bytes) -> AlertHeader:
    data = _load(raw, MAX_HEADER_BYTES)
    seq, epoch = _seq_epoch(data)
    key_id = data.get("key")
    if not isinstance(key_id, str) or not 0 < len(key_id) <= 32:
        raise ProtocolError(ErrorCode.BAD_REQUEST, "bad key id")
    return AlertHeader(seq, epoch, key_id)


def parse_heartbeat(raw: bytes) -> Heartbeat:
    seq, epoch = _seq_epoch(_load(raw, MAX_HEADER_BYTES))
    return Heartbeat(seq, epoch)


def _dump(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
