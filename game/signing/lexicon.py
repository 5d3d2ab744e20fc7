"""Load and validate the KSL gloss lexicon (``assets/ksl/lexicon.json``). Pure.

Signs are data so a Korean Sign Language interpreter can correct one without touching code (see
``assets/ksl/README.md``). Each sign is written the way sign notation describes it — handshape, location,
orientation, movement and non-manual signals — as timed keyframes. The loader checks every field and names the
sign, hand, keyframe and field in its error, so a typo fails loudly when the file is loaded rather than
producing a silently wrong sign in front of a Deaf visitor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from game.signing import numbers, skeleton, space

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "ksl"
LEXICON_PATH = ASSETS / "lexicon.json"
HANDS = ("right", "symmetric", "both")
CONFIDENCE = ("sourced", "medium", "low", "unknown-form")
#: The confidence of a placeholder: a form its authors made up because the KSL sign is unknown to them.
PLACEHOLDER = "unknown-form"
MOVEMENTS = ("shake", "circle", "flutter", "nod", "headshake")
HOOKED = numbers.HOOKED  # suffix of a handshape's derived bent variant (see :func:`_hooked`)
FACE_KEYS = (*skeleton.FACE_CHANNELS, *skeleton.HEAD_ANGLES)


class LexiconError(ValueError):
    """The lexicon (or fingerspelling/template) data is malformed; the message says where and why."""


@dataclass(frozen=True)
class Handshape:
    thumb: str
    fingers: dict[str, str]  # finger → finger state
    spread: float  # degrees between neighbouring fingers


@dataclass(frozen=True)
class HandKey:
    """One keyframe of one hand; ``t`` is a fraction (0–1) of the sign's duration."""

    t: float
    shape: str
    site: str
    offset: tuple[float, float, float]  # [right, forward, up] metres added to the site
    fingers: str  # direction the extended fingers (the hand's long axis) point
    palm: str  # direction the palm faces


@dataclass(frozen=True)
class Movement:
    kind: str
    hand: str  # "right", "left" or "both" (hand movements); ignored by head movements
    axis: str  # shake direction, or the normal of a circle's plane
    size: float  # metres (shake, circle) or degrees (flutter, nod, headshake)
    repeat: int
    start: float  # fraction of the duration
    end: float


@dataclass(frozen=True)
class FaceKey:
    t: float
    expression: str


@dataclass(frozen=True)
class Sign:
    gloss: str
    meaning: dict[str, str]
    source: str
    confidence: str
    verified_by: str | None
    hands: str
    duration: float
    right: tuple[HandKey, ...]
    left: tuple[HandKey, ...]  # empty unless ``hands == "both"``
    movements: tuple[Movement, ...]
    face: tuple[FaceKey, ...]

    @property
    def placeholder(self) -> bool:
        """A stand-in form (see :data:`PLACEHOLDER`): it must be replaced, and reports name it wherever it is signed."""
        return self.confidence == PLACEHOLDER


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: it is loaded once and used as a cache key
class Lexicon:
    sites: dict[str, tuple[float, float, float]]
    finger_states: dict[str, tuple[float, float, float]]
    thumb_states: dict[str, tuple[float, float, float, float]]
    handshapes: dict[str, Handshape]
    expressions: dict[str, dict[str, float]]
    signs: dict[str, Sign]

    def __contains__(self, gloss: str) -> bool:
        return gloss in self.signs


def _need(obj: dict, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in obj:
        raise LexiconError(f"{where}: missing {key!r}")
    value = obj[key]
    if kind is float:
        kind = (int, float)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise LexiconError(f"{where}: {key!r} must be {getattr(kind, '__name__', kind)}, got {value!r}")
    return value


def _numbers(value: Any, n: int, where: str) -> tuple[float, ...]:
    if not (isinstance(value, list) and len(value) == n and all(isinstance(v, int | float) for v in value)):
        raise LexiconError(f"{where}: expected a list of {n} numbers, got {value!r}")
    return tuple(float(v) for v in value)


def _choice(value: Any, known: Any, what: str, where: str) -> str:
    if value not in known:
        raise LexiconError(f"{where}: unknown {what} {value!r} (known: {', '.join(sorted(known))})")
    return value


def check_direction(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise LexiconError(f"{where}: a direction must be a string, got {value!r}")
    try:
        space.direction(value)
    except space.SpaceError as exc:
        raise LexiconError(f"{where}: {exc}") from None
    return value


def _inherit(item: dict, prev: HandKey | None, name: str, where: str) -> Any:
    """A keyframe field, or the previous keyframe's value when omitted (authors write only what changes)."""
    if name in item:
        return item[name]
    if prev is None:
        raise LexiconError(f"{where}: the first keyframe needs {name!r}")
    return getattr(prev, name)


def _hand_keys(raw: Any, lex: dict[str, Any], where: str) -> tuple[HandKey, ...]:
    if not isinstance(raw, list) or not raw:
        raise LexiconError(f"{where}: needs a non-empty list of keyframes")
    keys: list[HandKey] = []
    prev: HandKey | None = None
    for i, item in enumerate(raw):
        at = f"{where} keyframe {i}"
        if not isinstance(item, dict):
            raise LexiconError(f"{at}: must be an object")
        unknown = set(item) - {"t", "shape", "site", "offset", "fingers", "palm"}
        if unknown:
            raise LexiconError(f"{at}: unknown field(s) {sorted(unknown)}")
        t = float(_need(item, "t", float, at))
        if not 0.0 <= t <= 1.0 or (prev is not None and t <= prev.t):
            raise LexiconError(f"{at}: t must rise from 0 to 1, got {t}")

        shape = _choice(_inherit(item, prev, "shape", at), lex["handshapes"], "handshape", at)
        site = _choice(_inherit(item, prev, "site", at), lex["sites"], "site", at)
        offset = _numbers(item.get("offset", [0, 0, 0]), 3, f"{at} offset")
        fingers = check_direction(_inherit(item, prev, "fingers", at), f"{at} fingers")
        palm = check_direction(_inherit(item, prev, "palm", at), f"{at} palm")
        try:
            space.orthonormal_palm(space.direction(fingers), space.direction(palm))
        except space.SpaceError as exc:
            raise LexiconError(f"{at}: {exc} ({fingers!r} / {palm!r})") from None
        prev = HandKey(t, shape, site, offset, fingers, palm)  # type: ignore[arg-type]
        keys.append(prev)
    return tuple(keys)


def _movement(raw: Any, where: str) -> Movement:
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: must be an object")
    kind = _choice(raw.get("kind"), MOVEMENTS, "movement kind", where)
    hand = _choice(raw.get("hand", "right"), ("right", "left", "both"), "movement hand", where)
    axis = check_direction(raw.get("axis", "up"), f"{where} axis")
    size = float(_need(raw, "size", float, where))
    repeat = _need(raw, "repeat", int, where)
    start, end = float(raw.get("from", 0.0)), float(raw.get("to", 1.0))
    if repeat < 1 or not 0.0 <= start < end <= 1.0:
        raise LexiconError(f"{where}: needs repeat ≥ 1 and 0 ≤ from < to ≤ 1")
    return Movement(kind, hand, axis, size, repeat, start, end)


def _sign(gloss: str, raw: Any, lex: dict[str, Any]) -> Sign:
    where = f"sign {gloss!r}"
    if not isinstance(raw, dict):
        raise LexiconError(f"{where}: must be an object")
    meaning = _need(raw, "meaning", dict, where)
    if any(not isinstance(meaning.get(lang), str) for lang in ("ko", "en")):
        raise LexiconError(f"{where}: 'meaning' needs 'ko' and 'en' strings")
    hands = _choice(raw.get("hands"), HANDS, "hands value", where)
    duration = float(_need(raw, "duration", float, where))
    if not 0.1 <= duration <= 5.0:
        raise LexiconError(f"{where}: duration {duration} s is outside 0.1–5 s")
    right = _hand_keys(raw.get("right"), lex, f"{where} right hand")
    left: tuple[HandKey, ...] = ()
    if hands == "both":
        left = _hand_keys(raw.get("left"), lex, f"{where} left hand")
    elif "left" in raw:
        raise LexiconError(f"{where}: 'left' keyframes only make sense with \"hands\": \"both\"")
    movements = tuple(_movement(m, f"{where} movement {i}") for i, m in enumerate(raw.get("movement", [])))
    face = []
    for i, f in enumerate(raw.get("face", [])):
        at = f"{where} face keyframe {i}"
        face.append(FaceKey(float(_need(f, "t", float, at)), _choice(f.get("expression"), lex["expressions"],
                                                                          "expression", at)))
    verified = raw.get("verified_by")
    if verified is not None and not isinstance(verified, str):
        raise LexiconError(f"{where}: 'verified_by' must be a name or null")
    return Sign(gloss, dict(meaning), _need(raw, "source", str, where),
                _choice(raw.get("confidence"), CONFIDENCE, "confidence", where), verified, hands, duration,
                right, left, movements, tuple(face))


def _hooked(shape: Handshape) -> Handshape:
    """The bent variant of a handshape (extended fingers and an extended thumb hooked): the tens of a digit,
    20 = bent index+middle (reference sheet §3), derived so every digit has one without more data to keep."""
    thumb = "hooked" if shape.thumb == "out" else shape.thumb
    return Handshape(thumb, {f: "hooked" if st == "straight" else st for f, st in shape.fingers.items()},
                     shape.spread)


def parse(data: Any) -> Lexicon:
    """Validate a lexicon document (already JSON-decoded) and build the typed lexicon."""
    if not isinstance(data, dict):
        raise LexiconError("lexicon: the top level must be an object")
    for section in ("sites", "finger_states", "thumb_states", "handshapes", "expressions", "signs"):
        _need(data, section, dict, "lexicon")
    sites = {k: _numbers(v, 3, f"site {k!r}") for k, v in data["sites"].items()}
    fingers = {k: _numbers(v, 3, f"finger state {k!r}") for k, v in data["finger_states"].items()}
    thumbs = {k: _numbers(v, 4, f"thumb state {k!r}") for k, v in data["thumb_states"].items()}
    shapes = {}
    for name, raw in data["handshapes"].items():
        where = f"handshape {name!r}"
        thumb = _choice(_need(raw, "thumb", str, where), thumbs, "thumb state", where)
        states = {f: _choice(_need(raw, f, str, where), fingers, "finger state", where) for f in skeleton.FINGERS}
        shapes[name] = Handshape(thumb, states, float(raw.get("spread", 0.0)))
    for name in ("hooked",):
        if name not in fingers or name not in thumbs:
            raise LexiconError(f"lexicon: needs a {name!r} finger state and thumb state (the tens of numbers)")
    shapes |= {name + HOOKED: _hooked(shape) for name, shape in shapes.items()}
    expressions = {}
    for name, raw in data["expressions"].items():
        where = f"expression {name!r}"
        if not isinstance(raw, dict):
            raise LexiconError(f"{where}: must be an object of channel values")
        for channel in raw:
            _choice(channel, FACE_KEYS, "face channel", where)
            _need(raw, channel, float, where)
        expressions[name] = {k: float(v) for k, v in raw.items()}
    if "neutral" not in expressions:
        raise LexiconError("lexicon: needs a 'neutral' expression")
    lex = {"sites": sites, "handshapes": shapes, "expressions": expressions}
    signs = {gloss: _sign(gloss, raw, lex) for gloss, raw in data["signs"].items()}
    return Lexicon(sites, fingers, thumbs, shapes, expressions, signs)  # type: ignore[arg-type]


@lru_cache(maxsize=2)
def load(path: Path = LEXICON_PATH) -> Lexicon:
    """Load and validate the lexicon file; cached because it does not change while running."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{path.name}: not valid JSON ({exc})") from None
    return parse(data)
