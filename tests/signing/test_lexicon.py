"""The lexicon data: loads, rejects malformed records with a clear message, and every sign animates and reaches."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest

from game.signing import fingerspell, ik, lexicon, skeleton, space, templates
from game.signing.lexicon import LexiconError
from game.signing.timeline import compile_glosses

RAW = json.loads(lexicon.LEXICON_PATH.read_text(encoding="utf-8"))
LEX = lexicon.load()
ALPHABET = fingerspell.load(LEX)


def test_lexicon_loads_with_every_section() -> None:
    assert len(LEX.signs) >= 40 and "neutral" in LEX.expressions
    assert all(s.confidence in lexicon.CONFIDENCE for s in LEX.signs.values())


def broken(path: list[str | int], value: object) -> dict:
    doc = copy.deepcopy(RAW)
    node = doc
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return doc


@pytest.mark.parametrize(("path", "value", "message"), [
    (["signs", "지진", "right", 0, "shape"], "flatt", r"sign '지진' right hand keyframe 0: unknown handshape 'flatt'"),
    (["signs", "지진", "right", 0, "site"], "knee", r"sign '지진' right hand keyframe 0: unknown site 'knee'"),
    (["signs", "지진", "right", 0, "fingers"], "sideways", r"'지진' right hand keyframe 0 fingers: unknown direction"),
    (["signs", "지진", "right", 0, "palm"], "forward", r"'지진' right hand keyframe 0: palm direction is .*parallel"),
    (["signs", "지진", "right", 1, "t"], 0.0, r"sign '지진' right hand keyframe 1: t must rise"),
    (["signs", "지진", "duration"], 12, r"sign '지진': duration 12.0 s is outside"),
    (["signs", "지진", "hands"], "three", r"sign '지진': unknown hands value 'three'"),
    (["signs", "지진", "confidence"], KeyError, r"sign '지진': unknown confidence None"),
    (["signs", "지진", "movement", 0, "kind"], "wobble", r"sign '지진' movement 0: unknown movement kind 'wobble'"),
    (["signs", "지진", "face", 0, "expression"], "grin", r"sign '지진' face keyframe 0: unknown expression 'grin'"),
    (["signs", "지진", "meaning"], {"ko": "지진"}, r"sign '지진': 'meaning' needs 'ko' and 'en'"),
    (["signs", "지진", "left"], [], r"sign '지진': 'left' keyframes only make sense"),
    (["handshapes", "flat", "index"], "wiggly", r"handshape 'flat': unknown finger state 'wiggly'"),
    (["expressions", "topic", "eyebrows"], 1.0, r"expression 'topic': unknown face channel 'eyebrows'"),
    (["sites", "chest"], [0, 1], r"site 'chest': expected a list of 3 numbers"),
])
def test_malformed_lexicon_is_refused_naming_the_place(path: list, value: object, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        lexicon.parse(broken(path, value))


def test_a_later_keyframe_inherits_what_it_omits() -> None:
    first, last = LEX.signs["지진"].right
    assert (last.shape, last.site, last.fingers, last.palm) == (first.shape, first.site, first.fingers, first.palm)


def test_every_template_gloss_is_a_sign_a_number_or_fingerspelled() -> None:
    """A word whose KSL sign is unknown is fingerspelled (``#``, a sourced KSL device) rather than invented."""
    for template in templates.load(LEX).values():
        for gloss in template.glosses:
            if gloss.startswith("[") or gloss == templates.PLACE_SLOT or gloss.isdigit():
                continue
            if gloss.startswith("#"):
                assert fingerspell.letters(gloss[1:], ALPHABET), f"{template.category}: {gloss}"
            else:
                assert gloss in LEX, f"{template.category}: {gloss}"


@pytest.mark.parametrize("gloss", sorted(LEX.signs))
def test_every_sign_animates(gloss: str) -> None:
    """Joint angles change while the sign is being made, not only in the transitions around it."""
    timeline = compile_glosses([gloss], LEX, ALPHABET)
    (span,) = timeline.spans
    frames = np.array([timeline.sample(t) for t in np.linspace(span.start, span.end, 12)])
    assert np.ptp(frames, axis=0).max() > 4.0, f"{gloss} does not move"
    # And it is not the rest pose: the hands are up and signing.
    assert np.abs(timeline.sample((span.start + span.end) / 2) - timeline.sample(0.0)).max() > 20.0


def _reach(site: str, offset: tuple[float, float, float], fingers: str, palm: str, side: str) -> tuple[float, float]:
    target = space.site_point(LEX.sites[site], offset, side)
    f = space.direction(fingers, side)
    p = space.orthonormal_palm(f, space.direction(palm, side))
    if side == "L":
        target, f, p = space.mirror(target), space.mirror(f), space.mirror(p)
    pos, got_f, got_p = ik.hand_pose(ik.solve_arm(target, f, p))
    angle = max(np.degrees(np.arccos(np.clip(got_f @ f, -1, 1))), np.degrees(np.arccos(np.clip(got_p @ p, -1, 1))))
    return float(np.linalg.norm(pos - target)), float(angle)


def test_every_keyframe_is_reachable_by_the_arm() -> None:
    """An interpreter's new keyframe that no human arm can make fails here, naming the sign."""
    for gloss, sign in LEX.signs.items():
        for side, keys in (("R", sign.right), ("L", sign.left)):
            for key in keys:
                distance, angle = _reach(key.site, key.offset, key.fingers, key.palm, side)
                where = f"{gloss} {side} t={key.t}"
                assert distance < 0.02 and angle < 50, f"{where}: {distance * 100:.1f} cm, {angle:.0f}°"
    for jamo, form in ALPHABET.letters.items():
        distance, angle = _reach(ALPHABET.site, form.offset, form.fingers, form.palm, "R")
        assert distance < 0.02 and angle < 50, f"letter {jamo}: {distance * 100:.1f} cm, {angle:.0f}°"


def test_pose_vector_covers_the_joints_the_avatar_needs() -> None:
    names = set(skeleton.JOINTS)
    for side in skeleton.SIDES:
        assert {f"{side}.shoulder.flex", f"{side}.elbow.flex", f"{side}.wrist.flex", f"{side}.index.2"} <= names
    assert {"head.pitch", "brow_raise", "brow_furrow", "mouth_open"} <= names
