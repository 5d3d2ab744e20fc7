"""The pose solver: a gloss sequence becomes a timed track of joint angles the avatar samples each frame. Pure.

Each gloss is looked up in the lexicon (or fingerspelled, or signed digit by digit), its keyframes are
expanded with their movements (a shake or a circle becomes samples a quarter-cycle apart), every hand target
is solved to arm angles once, and the result is a list of (time, pose vector) keys. Sampling blends keys
with ease-in/out at authored keys (the hand stops where the sign says so) and smooth Catmull-Rom tangents
through movement samples (a shake does not stutter). Phrase-level non-manual signals come from markers in the
gloss list — ``"[topic]"``, ``"[urgent]"`` — and hold until the next marker; a sign's own face keys override
them. A question's or an urgent phrase's last sign is held, with its face, before the next phrase. Spans give
each gloss's start and end so captions can follow the hands.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, replace

import numpy as np

from game.alerts.hooks import GlossSpan
from game.signing import contact, ik, numbers, skeleton, space
from game.signing.fingerspell import Alphabet, Letter, letters
from game.signing.lexicon import FaceKey, HandKey, Lexicon, Movement, Sign

LEAD_IN = 0.35  # from rest to the first sign
TRANSITION = 0.2  # between two signs
LETTER_TRANSITION = 0.08  # between fingerspelled letters of one word
HOLD_OUT = 0.45  # last sign held, then back to rest
#: Phrases whose last sign is held, face and hands, before the next phrase (reference/korean-sign-language.md,
#: NMF: a yes/no question holds on its last sign; an urgent instruction ends in a firm final hold).
FINAL_HOLD = {"question": 0.3, "urgent": 0.3}
REST_KEY = HandKey(0.0, "flat", "rest", (0.0, 0.0, 0.0), "forward", "in")
CLEARANCE = 0.0005  # metres between two digits' surfaces that every moment of a change of handshape keeps
THUMB_AWAY = (0.25, 0.5, 0.75, 1.0)  # how far a crossing thumb is tried towards the open ("out") thumb, in turn
MIDWAY = np.linspace(0.0, 1.0, 9)[1:-1]  # where a change of handshape is checked
_THUMB_WAY: dict[tuple[str, bytes, bytes], np.ndarray | None] = {}  # a hand's change of digits → its thumb midway
_DIGIT_COLUMNS = {side: np.array([skeleton.INDEX[n] for n in skeleton.JOINTS
                                  if n.startswith(f"{side}.") and n.split(".")[1] in skeleton.DIGITS])
                  for side in skeleton.SIDES}
_THUMB_COLUMNS = {side: np.array([skeleton.INDEX[f"{side}.thumb.{a}"] for a in skeleton.THUMB_ANGLES])
                  for side in skeleton.SIDES}


class SigningError(ValueError):
    """A gloss sequence cannot be signed (an unknown expression marker, or nothing signable in a token)."""


@dataclass(frozen=True)
class Span:
    """Where one gloss sits on the timeline, for caption sync."""

    gloss: str
    start: float
    end: float
    kind: str  # "sign", "fingerspelling" or "number"

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class _Unit:
    """One thing the hands do: a lexicon sign or one fingerspelled letter."""

    sign: Sign
    expression: str
    token: int  # index of the span it belongs to


class Timeline:
    """Keyed poses over time; :meth:`sample` gives the pose vector (order :data:`skeleton.JOINTS`) at ``t``."""

    def __init__(self, times: np.ndarray, poses: np.ndarray, smooth: np.ndarray, spans: tuple[Span, ...]) -> None:
        self.times, self.poses, self.spans = times, poses, spans
        self.duration = float(times[-1])
        # Hermite tangents: zero at authored keys (the hand arrives and stops), Catmull-Rom through movement samples.
        tangents = np.zeros_like(poses)
        for k in range(1, len(times) - 1):
            if smooth[k]:
                tangents[k] = (poses[k + 1] - poses[k - 1]) / (times[k + 1] - times[k - 1])
        self._tangents = tangents

    def sample(self, t: float) -> np.ndarray:
        if t <= self.times[0]:
            return self.poses[0].copy()
        if t >= self.duration:
            return self.poses[-1].copy()
        k = bisect_right(self.times, t) - 1
        t0, t1 = self.times[k], self.times[k + 1]
        h = t1 - t0
        s = (t - t0) / h
        h00, h10, h01, h11 = 2 * s**3 - 3 * s**2 + 1, s**3 - 2 * s**2 + s, -2 * s**3 + 3 * s**2, s**3 - s**2
        return (h00 * self.poses[k] + h10 * h * self._tangents[k] + h01 * self.poses[k + 1]
                + h11 * h * self._tangents[k + 1])

    def frames(self, fps: float) -> np.ndarray:
        """Poses at ``fps`` from 0 to the end (inclusive), one row per frame."""
        count = int(math.floor(self.duration * fps)) + 1
        return np.array([self.sample(i / fps) for i in range(count)])

    def span_at(self, t: float) -> Span | None:
        return next((s for s in self.spans if s.start <= t < s.end), None)


# -- building poses --------------------------------------------------------------------------------------------
def _hand_angles(lex: Lexicon, shape_name: str) -> dict[str, float]:
    shape = lex.handshapes[shape_name]
    out = dict(zip(skeleton.THUMB_ANGLES, lex.thumb_states[shape.thumb], strict=True))
    values = {f"thumb.{k}": v for k, v in out.items()}
    for finger in skeleton.FINGERS:
        joints = lex.finger_states[shape.fingers[finger]]
        values[f"{finger}.spread"] = shape.spread
        for i, angle in enumerate(joints, start=1):
            values[f"{finger}.{i}"] = angle
    return values


def _blend(a: float, b: float, s: float) -> float:
    return a + (b - a) * s


def _key_at(keys: tuple[HandKey, ...], u: float) -> tuple[HandKey, HandKey, float]:
    """The authored keys around ``u`` (a fraction of the sign) and the blend between them."""
    if u <= keys[0].t:
        return keys[0], keys[0], 0.0
    for a, b in zip(keys, keys[1:], strict=False):
        if u <= b.t:
            return a, b, (u - a.t) / (b.t - a.t)
    return keys[-1], keys[-1], 0.0


def _cycle(m: Movement, u: float) -> float | None:
    """Phase (in cycles) of movement ``m`` at ``u``, or None outside its span."""
    if not m.start <= u <= m.end:
        return None
    return m.repeat * (u - m.start) / (m.end - m.start)


#: The authored keyframes around a moment of a sign and how far the moment is between them (0–1).
Blend = tuple[HandKey, HandKey, float]
REST_BLEND: Blend = (REST_KEY, REST_KEY, 0.0)


class _Solver:
    def __init__(self, lex: Lexicon, alphabet: Alphabet) -> None:
        self.lex, self.alphabet = lex, alphabet
        self.rest = self._pose_for(REST_BLEND, REST_BLEND, (), 0.0, "neutral", (), None)[0]

    def _hand_target(self, blend: Blend, side: str, moves: tuple[Movement, ...],
                     u: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        a, b, s = blend
        site_a, site_b = self.lex.sites[a.site], self.lex.sites[b.site]
        pos = (1 - s) * space.site_point(site_a, a.offset, side) + s * space.site_point(site_b, b.offset, side)
        fingers = (1 - s) * space.direction(a.fingers, side) + s * space.direction(b.fingers, side)
        palm = (1 - s) * space.direction(a.palm, side) + s * space.direction(b.palm, side)
        hand = "right" if side == "R" else "left"
        for m in moves:
            phase = _cycle(m, u)
            if phase is None or m.hand not in (hand, "both"):
                continue
            axis = space.direction(m.axis, side)
            if m.kind == "shake":
                pos = pos + m.size * math.sin(2 * math.pi * phase) * axis
            elif m.kind == "circle":
                ref = np.array([0.0, 0.0, 1.0]) if abs(axis[2]) < 0.9 else np.array([0.0, 1.0, 0.0])
                e1 = np.cross(axis, ref)
                e1 /= np.linalg.norm(e1)
                e2 = np.cross(axis, e1)
                angle = 2 * math.pi * phase
                pos = pos + m.size * (math.cos(angle) - 1.0) * e1 + m.size * math.sin(angle) * e2
        fingers = fingers / np.linalg.norm(fingers)
        return pos, fingers, space.orthonormal_palm(fingers, palm)

    def _set_hand(self, pose: np.ndarray, side: str, blend: Blend, moves: tuple[Movement, ...], u: float,
                  seed: np.ndarray | None) -> np.ndarray:
        """Write one hand's arm and finger angles into ``pose``; returns the arm angles (the next solve's seed)."""
        a, b, s = blend
        pos, fingers, palm = self._hand_target(blend, side, moves, u)
        if side == "L":  # solve the left arm as the mirrored right arm
            pos, fingers, palm = space.mirror(pos), space.mirror(fingers), space.mirror(palm)
        arm = ik.solve_arm(pos, fingers, palm, seed)
        for name, value in zip(skeleton.ARM_ANGLES, arm, strict=True):
            pose[skeleton.INDEX[f"{side}.{name}"]] = value
        shape_a, shape_b = _hand_angles(self.lex, a.shape), _hand_angles(self.lex, b.shape)
        hand = "right" if side == "R" else "left"
        flutter = [m for m in moves if m.kind == "flutter" and m.hand in (hand, "both")]
        for name, va in shape_a.items():
            value = _blend(va, shape_b[name], s)
            for m in flutter:
                phase = _cycle(m, u)
                if phase is not None and not name.startswith("thumb") and name.endswith(".1"):
                    finger = skeleton.FINGERS.index(name.split(".")[0])
                    # Flex only (never bend a finger backwards), each finger a quarter-cycle after the previous.
                    value += m.size * 0.5 * (1.0 - math.cos(2 * math.pi * phase + finger * math.pi / 2))
            pose[skeleton.INDEX[f"{side}.{name}"]] = value
        return arm

    def _face(self, pose: np.ndarray, phrase: str, face: tuple[FaceKey, ...], moves: tuple[Movement, ...],
              u: float) -> None:
        values = dict(self.lex.expressions[phrase])
        current = [k for k in face if k.t <= u]
        if current:
            values.update(self.lex.expressions[current[-1].expression])
        for channel, value in values.items():
            pose[skeleton.INDEX[channel]] = value
        for m in moves:
            phase = _cycle(m, u)
            if phase is not None and m.kind in ("nod", "headshake"):
                channel = "head.pitch" if m.kind == "nod" else "head.yaw"
                pose[skeleton.INDEX[channel]] += m.size * math.sin(2 * math.pi * phase)

    def _pose_for(self, right: Blend, left: Blend | None, moves: tuple[Movement, ...], u: float, phrase: str,
                  face: tuple[FaceKey, ...], seeds: tuple[np.ndarray, np.ndarray] | None,
                  ) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
        """The pose at ``u``; ``left=None`` mirrors the right hand (a symmetric sign). Returns the arm angles too,
        to seed the next moment's solves so consecutive poses stay on the same arm posture."""
        pose = skeleton.REST.copy()
        self._face(pose, phrase, face, moves, u)
        right_arm = self._set_hand(pose, "R", right, moves, u, None if seeds is None else seeds[0])
        if left is None:
            for name in skeleton.JOINTS:
                if name.startswith("R."):
                    pose[skeleton.INDEX["L." + name[2:]]] = pose[skeleton.INDEX[name]]
            return pose, (right_arm, right_arm)
        left_arm = self._set_hand(pose, "L", left, moves, u, None if seeds is None else seeds[1])
        return pose, (right_arm, left_arm)

    def unit_keys(self, unit: _Unit, start: float) -> list[tuple[float, np.ndarray, bool]]:
        """(time, pose, smooth) keys of one sign placed at ``start``."""
        sign = unit.sign
        moves = sign.movements
        times = {0.0, 1.0, *(k.t for k in sign.right), *(k.t for k in sign.left), *(k.t for k in sign.face)}
        sampled: set[float] = set()
        for m in moves:
            steps = 4 * m.repeat
            sampled |= {round(m.start + (m.end - m.start) * i / steps, 6) for i in range(steps + 1)}
        authored = set(times)
        keys = []
        seeds = None
        for u in sorted(times | sampled):
            left: Blend | None = REST_BLEND  # a one-handed sign: the other hand rests
            if sign.hands == "both":
                left = _key_at(sign.left, u)
            elif sign.hands == "symmetric":
                left = None
            pose, seeds = self._pose_for(_key_at(sign.right, u), left, moves, u, unit.expression, sign.face, seeds)
            keys.append((start + u * sign.duration, pose, u not in authored))
        return keys

    def letter_sign(self, letter: Letter) -> Sign:
        """A one-handed sign for a fingerspelled letter: hold the letter, with the tense move or final drop."""
        form = self.alphabet.letters[letter.jamo]
        out, forward, up = form.offset
        up -= self.alphabet.final_drop if letter.final else 0.0
        first = HandKey(0.0, form.shape, self.alphabet.site, (out, forward, up), form.fingers, form.palm)
        keys = [first]
        if letter.tense:
            keys.append(HandKey(0.7, form.shape, self.alphabet.site, (out + self.alphabet.tense_shift_out, forward, up),
                                form.fingers, form.palm))
        keys.append(HandKey(1.0, *(keys[-1].shape, keys[-1].site, keys[-1].offset, keys[-1].fingers, keys[-1].palm)))
        return Sign(letter.source, {"ko": letter.source, "en": letter.source}, "fingerspelling", "sourced", None,
                    "right", self.alphabet.duration, tuple(keys), (), (), ())


def _hooked(sign: Sign) -> Sign:
    """A digit's sign with its handshapes bent: the tens digit of a number from 10 to 99."""
    return replace(sign, gloss=sign.gloss + numbers.HOOKED,
                   right=tuple(replace(k, shape=k.shape + numbers.HOOKED) for k in sign.right))


def _units(glosses: list[str], solver: _Solver) -> tuple[list[_Unit], list[tuple[str, str]]]:
    lex = solver.lex
    units: list[_Unit] = []
    tokens: list[tuple[str, str]] = []
    expression = "neutral"
    for gloss in glosses:
        if gloss.startswith("[") and gloss.endswith("]"):
            expression = gloss[1:-1]
            if expression not in lex.expressions:
                raise SigningError(f"unknown expression marker {gloss!r} (known: {', '.join(lex.expressions)})")
            continue
        token = len(tokens)
        if gloss in lex.signs:
            units.append(_Unit(lex.signs[gloss], expression, token))
            tokens.append((gloss, "sign"))
        elif numbers.is_number(gloss):
            units += [_Unit(_hooked(lex.signs[d]) if hooked else lex.signs[d], expression, token)
                      for d, hooked in numbers.hand_units(gloss)]
            tokens.append((gloss, "number"))
        else:
            spelled = letters(gloss.removeprefix("#"), solver.alphabet)
            if not spelled:
                raise SigningError(f"gloss {gloss!r} is not in the lexicon and has no Hangul to fingerspell")
            units += [_Unit(solver.letter_sign(letter), expression, token) for letter in spelled]
            tokens.append((gloss, "fingerspelling"))
    return units, tokens


def compile_glosses(glosses: list[str], lex: Lexicon, alphabet: Alphabet, speed: float = 1.0) -> Timeline:
    """Solve a gloss sequence into a :class:`Timeline`; ``speed`` > 1 signs faster (durations divide by it)."""
    solver = _Solver(lex, alphabet)
    units, tokens = _units(glosses, solver)
    keys: list[tuple[float, np.ndarray, bool]] = [(0.0, solver.rest, False)]
    t = LEAD_IN
    bounds: dict[int, list[float]] = {}
    previous: _Unit | None = None
    for n, unit in enumerate(units):
        if previous is not None:
            same_word = previous.token == unit.token and previous.sign.source == "fingerspelling"
            t += (LETTER_TRANSITION if same_word else TRANSITION) / speed
        scaled = replace(unit, sign=replace(unit.sign, duration=unit.sign.duration / speed))
        unit_keys = solver.unit_keys(scaled, t)
        phrase_ends = n + 1 == len(units) or units[n + 1].expression != unit.expression
        if phrase_ends and unit.expression in FINAL_HOLD:  # the last pose again, later: hands and face held
            end, pose, _ = unit_keys[-1]
            unit_keys.append((end + FINAL_HOLD[unit.expression] / speed, pose.copy(), False))
        keys += unit_keys
        bounds.setdefault(unit.token, [t, t])[1] = unit_keys[-1][0]
        t = unit_keys[-1][0]
        previous = unit
    keys.append((t + HOLD_OUT, solver.rest, False))
    # Keys that coincide (a sign's end and a repeated time) keep the later one; times must strictly rise.
    kept: list[tuple[float, np.ndarray, bool]] = []
    for key in keys:
        if kept and key[0] <= kept[-1][0] + 1e-6:
            kept.pop()
        kept.append(key)
    kept = _clear_handshape_changes(kept, np.array(lex.thumb_states["out"], float))
    times, poses, smooth = (np.array(column) for column in zip(*kept, strict=True))
    spans = tuple(Span(gloss, bounds[i][0], bounds[i][1], kind) for i, (gloss, kind) in enumerate(tokens))
    return Timeline(times, poses, smooth, spans)


def _crossing(p0: np.ndarray, p1: np.ndarray, side: str) -> bool:
    """Whether the straight way between two poses brings two digits of ``side`` closer than :data:`CLEARANCE`."""
    between = p0 + np.outer(MIDWAY, p1 - p0)
    return bool(contact.digit_gaps(between, side).min() < CLEARANCE)


def _clear_handshape_changes(keys: list[tuple[float, np.ndarray, bool]],
                             thumb_out: np.ndarray) -> list[tuple[float, np.ndarray, bool]]:
    """Where a hand changes shape, the joint angles move in a straight line, and a thumb across the palm can pass
    through a finger curling or opening under it (each shape alone is clear; a test sweeps every frame). For each
    such change, a key is added midway with the thumb moved out of the way (as a signer's does), as little as
    keeps both halves of the way clear; the hand passes through it without stopping."""
    out = keys[:1]
    for (t0, p0, _), (t1, p1, s1) in zip(keys, keys[1:], strict=False):
        mid = (p0 + p1) / 2
        changed = False
        for side in skeleton.SIDES:
            digits = _DIGIT_COLUMNS[side]
            if np.allclose(p0[digits], p1[digits]):
                continue
            memo = (side, p0[digits].tobytes(), p1[digits].tobytes())
            if memo not in _THUMB_WAY:  # the same change recurs (letters, digits, a sign's own keys): solved once
                _THUMB_WAY[memo] = _thumb_way(p0, p1, side, thumb_out)
            thumb = _THUMB_WAY[memo]
            if thumb is not None:
                mid[_THUMB_COLUMNS[side]] = thumb
                changed = True
        if changed:
            out.append(((t0 + t1) / 2, mid, True))
        out.append((t1, p1, s1))
    return out


def _thumb_way(p0: np.ndarray, p1: np.ndarray, side: str, thumb_out: np.ndarray) -> np.ndarray | None:
    """The thumb's angles midway that keep the change from ``p0`` to ``p1`` clear (None: clear as it is)."""
    if not _crossing(p0, p1, side):
        return None
    mid = (p0 + p1) / 2
    thumb = _THUMB_COLUMNS[side]
    start = mid[thumb].copy()
    for w in THUMB_AWAY:
        mid[thumb] = start + w * (thumb_out - start)
        if not _crossing(p0, mid, side) and not _crossing(mid, p1, side):
            break
    return mid[thumb].copy()


def caption_spans(timeline: Timeline, lex: Lexicon, lang: str) -> tuple[GlossSpan, ...]:
    """The timeline's glosses as the alert captions need them: spans with the written words each stands for in
    ``lang`` (the lexicon's meaning, alternatives split at commas; a fingerspelled name or a number is its own
    word), so each gloss can be found in the caption page that says it."""
    key = "ko" if lang.split("-")[0].casefold() == "ko" else "en"
    out = []
    for span in timeline.spans:
        sign = lex.signs.get(span.gloss) if span.kind == "sign" else None
        meaning = sign.meaning[key] if sign is not None else span.gloss.removeprefix("#")
        out.append(GlossSpan(span.gloss, span.start, span.end,
                             tuple(w.strip() for w in meaning.split(",") if w.strip())))
    return tuple(out)

