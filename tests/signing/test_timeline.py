"""The pose solver: timing for captions, smooth sampling, markers, fingerspelling and numbers in sequences."""

from __future__ import annotations

import numpy as np
import pytest

from game.signing import fingerspell, lexicon, skeleton, space
from game.signing.timeline import FINAL_HOLD, LEAD_IN, TRANSITION, SigningError, caption_spans, compile_glosses

LEX = lexicon.load()
ALPHABET = fingerspell.load(LEX)
J = skeleton.INDEX


def test_spans_follow_each_other_and_expose_durations() -> None:
    timeline = compile_glosses(["지금", "#서울", "[topic]", "지진", "119"], LEX, ALPHABET)
    assert [(s.gloss, s.kind) for s in timeline.spans] == [("지금", "sign"), ("#서울", "fingerspelling"),
                                                          ("지진", "sign"), ("119", "number")]
    assert timeline.spans[0].start == pytest.approx(LEAD_IN)
    assert timeline.spans[0].duration == pytest.approx(LEX.signs["지금"].duration)
    for a, b in zip(timeline.spans, timeline.spans[1:], strict=False):
        assert a.start < a.end < b.start
    assert timeline.spans[1].end - timeline.spans[1].start > 5 * ALPHABET.duration  # five letters: ㅅㅓㅇㅜㄹ
    assert timeline.duration > timeline.spans[-1].end
    assert timeline.span_at(timeline.spans[2].start + 0.01).gloss == "지진"


def test_speed_scales_the_timing() -> None:
    slow = compile_glosses(["지진", "대피"], LEX, ALPHABET)
    fast = compile_glosses(["지진", "대피"], LEX, ALPHABET, speed=2.0)
    assert fast.spans[-1].end - fast.spans[0].start == pytest.approx((slow.spans[-1].end - slow.spans[0].start) / 2)


def test_starts_and_ends_at_rest_and_samples_continuously() -> None:
    timeline = compile_glosses(["불", "대피"], LEX, ALPHABET)
    np.testing.assert_allclose(timeline.sample(0.0), timeline.sample(timeline.duration))
    frames = timeline.frames(30.0)
    assert len(frames) == int(timeline.duration * 30) + 1
    step = np.abs(np.diff(frames, axis=0))
    arm = [J[f"{side}.{name}"] for side in skeleton.SIDES for name in skeleton.ARM_ANGLES]
    assert step[:, arm].max() < 15.0 and step.max() < 40.0  # degrees per frame at 30 fps: no jumps


def test_expression_markers_set_the_face_until_the_next_marker() -> None:
    timeline = compile_glosses(["[topic]", "지금", "[urgent]", "계단"], LEX, ALPHABET)
    now, stairs = timeline.spans
    topic = timeline.sample((now.start + now.end) / 2)
    urgent = timeline.sample((stairs.start + stairs.end) / 2)
    assert topic[J["brow_raise"]] == pytest.approx(LEX.expressions["topic"]["brow_raise"])
    assert urgent[J["brow_furrow"]] == pytest.approx(LEX.expressions["urgent"]["brow_furrow"])


def test_a_signs_own_face_overrides_the_phrase() -> None:
    timeline = compile_glosses(["[topic]", "폭염"], LEX, ALPHABET)
    (span,) = timeline.spans
    pose = timeline.sample((span.start + span.end) / 2)
    assert pose[J["mouth_open"]] == pytest.approx(LEX.expressions["heat"]["mouth_open"])


def test_headshake_moves_the_head_during_a_negation() -> None:
    timeline = compile_glosses(["하지-마"], LEX, ALPHABET)
    (span,) = timeline.spans
    yaw = [timeline.sample(t)[J["head.yaw"]] for t in np.linspace(span.start, span.end, 40)]
    assert max(yaw) > 8 and min(yaw) < -8


def test_symmetric_signs_mirror_the_hands() -> None:
    timeline = compile_glosses(["지진"], LEX, ALPHABET)
    (span,) = timeline.spans
    world = skeleton.world_transforms(timeline.sample(span.start + 0.3))
    right, left = world["R.wrist"][:3, 3], world["L.wrist"][:3, 3]
    np.testing.assert_allclose(left, space.mirror(right), atol=1e-9)


def test_batched_arm_kinematics_match_the_node_tree() -> None:
    rng = np.random.default_rng(7)
    pose = skeleton.REST.copy()
    arm = rng.uniform(-40, 80, size=len(skeleton.ARM_ANGLES))
    for name, value in zip(skeleton.ARM_ANGLES, arm, strict=True):
        pose[J[f"R.{name}"]] = value
    world = skeleton.world_transforms(pose)
    elbow, hand = skeleton.right_arm_frames(arm)
    np.testing.assert_allclose(world["torso"] @ hand[0], world["R.wrist"], atol=1e-12)
    np.testing.assert_allclose(world["torso"] @ elbow[0], world["R.elbow"], atol=1e-12)


def test_fingerspelled_letters_reach_their_orientation() -> None:
    """ㅏ is index up, palm towards the viewer; ㅗ is index up, back of the hand towards the viewer."""
    for jamo, palm in (("ㅏ", "forward"), ("ㅗ", "back")):
        timeline = compile_glosses([f"#{jamo}"], LEX, ALPHABET)
        (span,) = timeline.spans
        world = skeleton.world_transforms(timeline.sample(span.end))
        hand = world["R.wrist"][:3, :3]
        assert -hand[:, 2] @ space.direction("up") > 0.9
        assert hand[:, 0] @ space.direction(palm) > 0.8


def test_unknown_glosses_are_fingerspelled_and_unsignable_ones_refused() -> None:
    timeline = compile_glosses(["종로"], LEX, ALPHABET)
    assert timeline.spans[0].kind == "fingerspelling"
    with pytest.raises(SigningError, match="no Hangul"):
        compile_glosses(["ABC"], LEX, ALPHABET)
    with pytest.raises(SigningError, match="unknown expression marker"):
        compile_glosses(["[sleepy]", "지진"], LEX, ALPHABET)


@pytest.mark.parametrize(("lang", "words"), [
    ("ko-KR", [("불", "화재"), ("입과 코를 막다",), ("서울",), ("119",)]),
    ("en", [("fire",), ("cover nose and mouth",), ("서울",), ("119",)]),
])
def test_caption_spans_carry_the_words_to_find_in_the_captions(lang, words) -> None:
    lex = lexicon.load()
    timeline = compile_glosses(["불", "입-막다", "#서울", "119"], lex, fingerspell.load(lex))
    spans = caption_spans(timeline, lex, lang)
    assert [s.words for s in spans] == words
    assert [(s.gloss, s.start, s.end) for s in spans] == [(s.gloss, s.start, s.end) for s in timeline.spans]


@pytest.mark.parametrize(("marker", "channel", "value"), [("question", "brow_raise", 1.0),
                                                         ("urgent", "brow_furrow", 0.9)])
def test_a_question_and_a_warning_hold_their_last_sign_with_their_face(marker, channel, value) -> None:
    """Brows up and the head forward through a yes/no question, brows furrowed through a warning, from the first
    sign to the end of a hold on the last one (reference: KSL non-manual features); the next phrase's face after."""
    plain = compile_glosses(["찾다", "돕다", "안전"], LEX, ALPHABET)
    marked = compile_glosses([f"[{marker}]", "찾다", "돕다", "[neutral]", "안전"], LEX, ALPHABET)
    first, last, after = marked.spans
    assert last.duration == pytest.approx(plain.spans[1].duration + FINAL_HOLD[marker])
    hands = [J[n] for n in skeleton.JOINTS if n[:2] in ("R.", "L.")]
    np.testing.assert_allclose(marked.sample(last.end - FINAL_HOLD[marker])[hands], marked.sample(last.end)[hands])
    for t in np.linspace(first.start, last.end, 25):
        pose = marked.sample(t)
        assert pose[J[channel]] == pytest.approx(value)
        assert marker != "question" or pose[J["head.pitch"]] > 3  # the chin forward
    assert marked.sample(first.start - TRANSITION / 2)[J[channel]] > 0.2  # already rising into the first sign
    calm = plain.spans[2]  # the next phrase's face is its own again
    assert marked.sample((after.start + after.end) / 2)[J[channel]] == pytest.approx(
        plain.sample((calm.start + calm.end) / 2)[J[channel]])


def test_a_signs_mouth_gesture_is_timed_with_the_sign() -> None:
    timeline = compile_glosses(["지금", "폭염", "밖"], LEX, ALPHABET)
    before, heat, after = timeline.spans
    mouth = LEX.expressions["heat"]["mouth_open"]

    def opened(span) -> list[float]:
        return [timeline.sample(t)[J["mouth_open"]] for t in np.linspace(span.start, span.end, 8)]

    assert opened(heat) == pytest.approx([mouth] * 8)  # open through the sign that gives it…
    assert opened(before) == pytest.approx([0.0] * 8) and opened(after) == pytest.approx([0.0] * 8)  # …only then
