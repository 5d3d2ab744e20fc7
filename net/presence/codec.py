"""Binary avatar states and the presence channel's topics. Pure.

States go out at up to 10 Hz from every visitor and fan out to everyone near them, so they are packed with
``struct`` rather than JSON: 18 bytes for a walker, 54 for a VR visitor with head and hands (JSON would be ~120 and
~400). Positions are centimetres (int32: the whole district and more), height centimetres (int16), heading in
1/65536 turns, VR poses millimetres and hundredths of a degree relative to the avatar's root. ``t`` is the sender's
own clock in milliseconds (uint32, wrapping): receivers only ever take differences of it, to interpolate at the
pace the sender moved rather than the pace packets happened to arrive.

Messages on the hub's presence PUB are two frames, a topic and a body. Topics are fixed-shape byte strings so a
ZeroMQ prefix subscription selects exactly one cell, one scene or one inbox (scene names cannot contain ``/``):

- ``c<scene>/<cx:int16><cy:int16>``: states and nearby chat in one grid cell;
- ``s<scene>/``: scene-wide chat, departures, hidden messages, the gathering, whiteboard strokes;
- ``u<inbox:16 bytes>``: notices for one visitor (the inbox token is secret, sent in the join reply).

A body starts with its kind (one ASCII byte) and the format version (one byte).
"""

from __future__ import annotations

import json
import math
import re
import struct
from dataclasses import dataclass
from typing import Any

FORMAT = 1
SCENE = re.compile(r"^[a-z0-9_]{1,32}$")

SPEAKING, TYPING, VR = 1, 2, 4
_KNOWN_FLAGS = SPEAKING | TYPING | VR

_BASE = struct.Struct("<BBIiihH")  # format, flags, t, x cm, y cm, z cm, heading
_POSE = struct.Struct("<hhhhhh")  # x, y, z mm; yaw, pitch, roll in 0.01 degrees
_ID = struct.Struct("<I")
_COUNT = struct.Struct("<H")
_CELL = struct.Struct(">hh")
BASE_SIZE = _BASE.size
VR_SIZE = BASE_SIZE + 3 * _POSE.size
MAX_STATE_BYTES = VR_SIZE

KIND_STATES = b"S"
KIND_CHAT = b"C"
KIND_GONE = b"G"
KIND_HIDE = b"H"
KIND_GATHERING = b"E"
KIND_NOTICE = b"N"
KIND_STROKE = b"W"  # a whiteboard stroke (issue 20), scene-wide JSON like chat
KIND_WIPE = b"X"  # a whiteboard wiped (issue 20): its own kind, which clients before revision 6 ignore
KIND_PAGE = b"P"  # the page on a room's shared screen (issue 20, revision 7), scene-wide JSON like a wipe


class CodecError(ValueError):
    """Bytes that are not a valid presence message; the receiver drops them."""


@dataclass(frozen=True)
class Pose:
    """A head or hand relative to the avatar root: metres and degrees."""

    x: float = 0.0
    y: float = 0.0
    z: float = 0.0
    yaw: float = 0.0
    pitch: float = 0.0
    roll: float = 0.0


@dataclass(frozen=True)
class AvatarState:
    """What others see of a visitor: where they stand, which way they face, and what they are doing."""

    x: float
    y: float
    z: float = 0.0
    heading: float = 0.0
    flags: int = 0
    head: Pose | None = None
    left: Pose | None = None
    right: Pose | None = None

    @property
    def vr(self) -> bool:
        return self.head is not None


def _clamp(value: float, low: int, high: int) -> int:
    if not math.isfinite(value):
        raise CodecError("not a finite number")
    return max(low, min(high, round(value)))


def _angle(degrees: float) -> int:
    return _clamp(((degrees + 180.0) % 360.0 - 180.0) * 100, -18000, 18000)


def _pack_pose(p: Pose) -> bytes:
    mm = [_clamp(v * 1000, -32768, 32767) for v in (p.x, p.y, p.z)]
    return _POSE.pack(*mm, _angle(p.yaw), _angle(p.pitch), _angle(p.roll))


def _unpack_pose(raw: bytes, offset: int) -> Pose:
    x, y, z, yaw, pitch, roll = _POSE.unpack_from(raw, offset)
    return Pose(x / 1000, y / 1000, z / 1000, yaw / 100, pitch / 100, roll / 100)


def encode_state(state: AvatarState, t_ms: int) -> bytes:
    """The wire form of ``state`` stamped with the sender's clock ``t_ms``."""
    flags = state.flags & (SPEAKING | TYPING)
    if state.head is not None:
        flags |= VR
    heading = round((state.heading % 360.0) / 360.0 * 65536) % 65536
    out = _BASE.pack(FORMAT, flags, t_ms & 0xFFFFFFFF, _clamp(state.x * 100, -2**31, 2**31 - 1),
                     _clamp(state.y * 100, -2**31, 2**31 - 1), _clamp(state.z * 100, -32768, 32767), heading)
    if flags & VR:
        out += b"".join(_pack_pose(p or Pose()) for p in (state.head, state.left, state.right))
    return out


def state_size(raw: bytes, offset: int = 0) -> int:
    """Length of the state starting at ``offset`` (checks format, flags and that the bytes are there)."""
    if len(raw) - offset < BASE_SIZE:
        raise CodecError("short state")
    fmt, flags = raw[offset], raw[offset + 1]
    if fmt != FORMAT:
        raise CodecError(f"state format {fmt}")
    if flags & ~_KNOWN_FLAGS:
        raise CodecError("unknown state flags")
    size = VR_SIZE if flags & VR else BASE_SIZE
    if len(raw) - offset < size:
        raise CodecError("short state")
    return size


def decode_state(raw: bytes, offset: int = 0) -> tuple[int, AvatarState]:
    """``(t_ms, state)`` from the state at ``offset``."""
    size = state_size(raw, offset)
    _, flags, t, x, y, z, heading = _BASE.unpack_from(raw, offset)
    head = left = right = None
    if size == VR_SIZE:
        head, left, right = (_unpack_pose(raw, offset + BASE_SIZE + i * _POSE.size) for i in range(3))
    state = AvatarState(x / 100, y / 100, z / 100, heading / 65536 * 360.0, flags & (SPEAKING | TYPING),
                        head, left, right)
    return t, state


def position_of(raw: bytes) -> tuple[float, float]:
    """The x, y of an encoded state (metres) without decoding the rest: what the hub needs to place it."""
    _, _, _, x, y, _, _ = _BASE.unpack_from(raw, 0)
    return x / 100, y / 100


def encode_states(entries: list[tuple[int, bytes]]) -> bytes:
    """A batch of ``(avatar_id, encoded state)``: the body the hub publishes for one cell per tick."""
    parts = [KIND_STATES, bytes([FORMAT]), _COUNT.pack(len(entries))]
    for avatar_id, raw in entries:
        parts += [_ID.pack(avatar_id), raw]
    return b"".join(parts)


def state_entries(body: bytes) -> list[tuple[int, bytes]]:
    """``(avatar_id, encoded state)`` for each entry of a states body, the states left encoded (a relay passing a
    batch on, or splitting it between viewers, has no use for the decoded values)."""
    if len(body) < 4 or body[:1] != KIND_STATES or body[1] != FORMAT:
        raise CodecError("not a states body")
    (count,) = _COUNT.unpack_from(body, 2)
    offset, out = 4, []
    for _ in range(count):
        if len(body) - offset < _ID.size:
            raise CodecError("short batch")
        (avatar_id,) = _ID.unpack_from(body, offset)
        offset += _ID.size
        size = state_size(body, offset)
        out.append((avatar_id, body[offset:offset + size]))
        offset += size
    if offset != len(body):
        raise CodecError("trailing bytes")
    return out


def decode_states(body: bytes) -> list[tuple[int, int, AvatarState]]:
    """``(avatar_id, t_ms, state)`` for each entry of a states body."""
    return [(avatar_id, *decode_state(raw)) for avatar_id, raw in state_entries(body)]


def cell_of_topic(topic: bytes) -> tuple[int, int]:
    """The cell of a cell topic (:func:`cell_topic`)."""
    if topic[:1] != b"c" or len(topic) < 2 + _CELL.size:
        raise CodecError("not a cell topic")
    return _CELL.unpack_from(topic, len(topic) - _CELL.size)


def encode_ids(kind: bytes, ids: list[int]) -> bytes:
    """A departures body (``KIND_GONE``): avatar ids as uint32."""
    return kind + bytes([FORMAT]) + b"".join(_ID.pack(i) for i in ids)


def decode_ids(body: bytes) -> list[int]:
    if len(body) < 2 or body[1] != FORMAT or (len(body) - 2) % _ID.size:
        raise CodecError("not an id list")
    return [v for (v,) in _ID.iter_unpack(body[2:])]


MAX_JSON_BODY = 8 * 1024


def encode_json(kind: bytes, payload: dict[str, Any]) -> bytes:
    """Chat, notices and the gathering: rare, small and textual, so JSON after the kind and version bytes."""
    return kind + bytes([FORMAT]) + json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def decode_json(body: bytes) -> dict[str, Any]:
    if len(body) < 2 or body[1] != FORMAT or len(body) > MAX_JSON_BODY:
        raise CodecError("not a JSON body")
    try:
        data = json.loads(body[2:].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise CodecError("malformed JSON body") from None
    if not isinstance(data, dict):
        raise CodecError("JSON body is not an object")
    return data


def cell_topic(scene: str, cell: tuple[int, int]) -> bytes:
    return b"c" + scene.encode("ascii") + b"/" + _CELL.pack(*cell)


def scene_topic(scene: str) -> bytes:
    return b"s" + scene.encode("ascii") + b"/"


def inbox_topic(token: bytes) -> bytes:
    return b"u" + token


# -- between relay processes (net/presence/cellbus.py): the broker's channels and framing ---------------------

PREFIX = b"mseoul:p:"  # broker channel = PREFIX + presence topic
CONTROL = b"mseoul:ctl"  # blocks across relays, resend requests
_BUS_HEAD = struct.Struct("<8sH")
_BUS_ENTRY = struct.Struct("<I8s")


def channel(topic: bytes) -> bytes:
    return PREFIX + topic


def pack(origin: bytes, tags: list[tuple[int, bytes]], body: bytes) -> bytes:
    """``origin (8 bytes) | count (uint16) | count × (avatar id uint32, sender tag 8 bytes) | body``."""
    return _BUS_HEAD.pack(origin, len(tags)) + b"".join(_BUS_ENTRY.pack(a, t) for a, t in tags) + body


def unpack(payload: bytes) -> tuple[bytes, dict[int, bytes], bytes]:
    """``(origin, {avatar id: tag}, body)``; CodecError for bytes that are not a broker message."""
    try:
        origin, count = _BUS_HEAD.unpack_from(payload, 0)
        offset = _BUS_HEAD.size + count * _BUS_ENTRY.size
        if len(payload) < offset:
            raise CodecError("short broker message")
        tags = dict(_BUS_ENTRY.iter_unpack(payload[_BUS_HEAD.size:offset]))
    except struct.error as exc:
        raise CodecError(f"not a broker message: {exc}") from None
    return origin, tags, payload[offset:]
