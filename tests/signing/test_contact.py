"""Fingers that never pass through each other: every handshape alone, and every frame of every alert template
(with its place fingerspelled and its numbers signed), keeps the digits' surfaces apart."""

from __future__ import annotations

import numpy as np
import pytest

from game.signing import contact, fingerspell, lexicon, skeleton, templates, timeline

LEX = lexicon.load()
ALPHABET = fingerspell.load(LEX)
FPS = 15.0


def _gaps_mm(poses: np.ndarray) -> np.ndarray:
    return 1000 * np.minimum(contact.digit_gaps(poses, "R").min(axis=1), contact.digit_gaps(poses, "L").min(axis=1))


def test_batched_hand_frames_match_the_node_tree() -> None:
    rng = np.random.default_rng(7)
    poses = skeleton.REST + rng.uniform(-60, 90, (5, len(skeleton.JOINTS)))
    frames = {side: skeleton.hand_frames(poses, side) for side in skeleton.SIDES}
    mirror = np.diag([-1.0, 1.0, 1.0, 1.0])
    for n, pose in enumerate(poses):
        world = skeleton.world_transforms(pose)
        for side in skeleton.SIDES:
            wrist = np.linalg.inv(world[f"{side}.wrist"])
            for digit in skeleton.DIGITS:
                for i in (1, 2, 3):
                    local = wrist @ world[f"{side}.{digit}.{i}"]
                    expected = local if side == "R" else mirror @ local @ mirror
                    np.testing.assert_allclose(frames[side][f"{digit}.{i}"][n], expected, atol=1e-9)


def test_digits_that_cross_are_measured_as_overlapping() -> None:
    pose = skeleton.REST.copy()
    for finger in skeleton.FINGERS:  # a fist, and the thumb folded straight into it
        for i, angle in enumerate(LEX.finger_states["curled"], start=1):
            pose[skeleton.INDEX[f"R.{finger}.{i}"]] = angle
    for name, angle in zip(skeleton.THUMB_ANGLES, (75, -10, 40, 30), strict=True):
        pose[skeleton.INDEX[f"R.thumb.{name}"]] = angle
    assert contact.digit_gaps(pose, "R").min() < -0.005


def _shape_pose(shape: str) -> np.ndarray:
    pose = skeleton.REST.copy()
    for name, angle in timeline._hand_angles(LEX, shape).items():
        pose[skeleton.INDEX[f"R.{name}"]] = angle
    return pose


@pytest.mark.parametrize("shape", sorted(LEX.handshapes))
def test_each_handshape_keeps_its_digits_apart(shape) -> None:
    assert contact.digit_gaps(_shape_pose(shape), "R").min() >= timeline.CLEARANCE


def test_no_frame_of_any_template_has_fingers_passing_through_each_other(capsys) -> None:
    worst = {}
    for category, template in templates.load(LEX).items():
        frames = timeline.compile_glosses(template.glosses_for(LEX), LEX, ALPHABET).frames(FPS)
        worst[category] = float(_gaps_mm(frames).min())
    with capsys.disabled():
        print("\nclosest digits per template (mm):", {c: round(g, 1) for c, g in worst.items()})
    assert min(worst.values()) >= 1000 * timeline.CLEARANCE, worst


def test_changing_handshapes_move_the_thumb_out_of_the_way() -> None:
    """'1' then 'V': the middle finger opens under the thumb lying across it. Straight from one shape to the
    other it would cut through the thumb; the way goes round, through a key with the thumb moved out."""
    one, vee = (_shape_pose(name) for name in ("1", "V"))
    straight = np.linspace(one, vee, 33)
    assert _gaps_mm(straight).min() < 0
    keys = timeline._clear_handshape_changes([(0.0, one, False), (0.3, vee, False)],
                                             np.array(LEX.thumb_states["out"], float))
    assert [(t, smooth) for t, _, smooth in keys] == [(0.0, False), (0.15, True), (0.3, False)]
    times, poses, smooth = (np.array(c) for c in zip(*keys, strict=True))
    way = timeline.Timeline(times, poses, smooth, ()).frames(100.0)
    assert _gaps_mm(way).min() >= 1000 * timeline.CLEARANCE
