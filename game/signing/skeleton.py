"""The signing avatar's skeleton: joint names, bone lengths, and the local transform of every joint. Pure.

One table of nodes (name → parent) and one function from joint angles to local 4×4 transforms serve both the
pose solver (forward kinematics for the IK) and the Panda3D avatar (which sets exactly these matrices on its
nodes), so what the solver aims at is what the viewer sees.

Frame: metres, +Z up, the avatar faces -Y (towards the viewer), so the *signer's* right is -X. Each limb hangs
along -Z at rest; the right hand at rest has fingers down (-Z) and palm facing the body's midline (+X), with
the thumb towards -Y. Every angle is in degrees. The left side is the right side mirrored in the X = 0 plane,
with the same angle values (a symmetric sign uses identical numbers on both arms).
"""

from __future__ import annotations

import numpy as np

SIDES = ("R", "L")
FINGERS = ("index", "middle", "ring", "little")
DIGITS = ("thumb", *FINGERS)

WAIST_HEIGHT = 1.0
CHEST_UP = 0.30  # sternum above the waist: the origin of the sites in the lexicon
SHOULDER = (-0.19, 0.0, 0.45)  # right shoulder relative to the waist
HEAD = (0.0, 0.0, 0.63)  # head centre relative to the waist
UPPER_ARM = 0.28
FOREARM = 0.25
PALM_CENTRE = (0.0, 0.0, -0.055)  # from the wrist, in the hand frame
FINGER_BASES = {"index": (0.0, -0.029, -0.092), "middle": (0.0, -0.009, -0.096),
                "ring": (0.0, 0.010, -0.092), "little": (0.0, 0.027, -0.084)}
FINGER_LENGTHS = {"index": (0.042, 0.026, 0.020), "middle": (0.046, 0.029, 0.021),
                  "ring": (0.043, 0.027, 0.020), "little": (0.033, 0.020, 0.018),
                  "thumb": (0.034, 0.028, 0.024)}
THUMB_BASE = (0.012, -0.030, -0.022)
THUMB_SPLAY = 40.0  # degrees the thumb leaves the palm at rest
SPREAD_SHARE = {"index": -1.0, "middle": -0.3, "ring": 0.4, "little": 1.0}  # of a hand's spread, per finger
FINGER_RADIUS, THUMB_RADIUS = 0.0085, 0.0105  # the avatar's digits are capsules this thick at their base


def digit_radius(digit: str, phalanx: int) -> float:
    """The radius of a digit's phalanx (1 at the base, 3 at the tip): each a little thinner than the last."""
    return (THUMB_RADIUS if digit == "thumb" else FINGER_RADIUS) * (1.0 - 0.08 * phalanx)

_MIRROR = np.diag([-1.0, 1.0, 1.0, 1.0])

#: Arm angles in chain order; together they place and orient the hand.
ARM_ANGLES = ("shoulder.flex", "shoulder.abduct", "shoulder.twist", "elbow.flex", "forearm.pronate",
              "wrist.flex", "wrist.deviate")
#: Comfortable joint ranges (degrees) the solver keeps to.
ARM_LIMITS = {"shoulder.flex": (-40.0, 175.0), "shoulder.abduct": (-45.0, 150.0), "shoulder.twist": (-80.0, 95.0),
              "elbow.flex": (0.0, 150.0), "forearm.pronate": (-110.0, 120.0), "wrist.flex": (-70.0, 85.0),
              "wrist.deviate": (-25.0, 35.0)}
FINGER_ANGLES = ("spread", "1", "2", "3")  # spread and the three flexion hinges (base to tip)
THUMB_ANGLES = ("oppose", "abduct", "1", "2")
FACE_CHANNELS = ("brow_raise", "brow_furrow", "eye_open", "mouth_open", "mouth_wide", "cheek_puff")
HEAD_ANGLES = ("head.pitch", "head.yaw", "head.roll", "torso.lean", "torso.twist")


def _joint_names() -> tuple[str, ...]:
    names: list[str] = [*HEAD_ANGLES, *FACE_CHANNELS]
    for side in SIDES:
        names += [f"{side}.{a}" for a in ARM_ANGLES]
        names += [f"{side}.thumb.{a}" for a in THUMB_ANGLES]
        for finger in FINGERS:
            names += [f"{side}.{finger}.{a}" for a in FINGER_ANGLES]
    return tuple(names)


#: Every animated value, in the order of a pose vector.
JOINTS = _joint_names()
INDEX = {name: i for i, name in enumerate(JOINTS)}
#: Face channel rest values (eyes open, everything else neutral).
REST = np.array([1.0 if name == "eye_open" else 0.0 for name in JOINTS])


def rx(deg: float) -> np.ndarray:
    a = np.radians(deg)
    c, s = np.cos(a), np.sin(a)
    return np.array([[1, 0, 0, 0], [0, c, -s, 0], [0, s, c, 0], [0, 0, 0, 1.0]])


def ry(deg: float) -> np.ndarray:
    a = np.radians(deg)
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, 0, s, 0], [0, 1, 0, 0], [-s, 0, c, 0], [0, 0, 0, 1.0]])


def rz(deg: float) -> np.ndarray:
    a = np.radians(deg)
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, -s, 0, 0], [s, c, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1.0]])


def tr(x: float, y: float, z: float) -> np.ndarray:
    m = np.eye(4)
    m[:3, 3] = (x, y, z)
    return m


def _node_table() -> dict[str, str | None]:
    parents: dict[str, str | None] = {"torso": None, "head": "torso"}
    for side in SIDES:
        parents[f"{side}.shoulder"] = "torso"
        parents[f"{side}.elbow"] = f"{side}.shoulder"
        parents[f"{side}.wrist"] = f"{side}.elbow"
        for digit in DIGITS:
            parents[f"{side}.{digit}.1"] = f"{side}.wrist"
            parents[f"{side}.{digit}.2"] = f"{side}.{digit}.1"
            parents[f"{side}.{digit}.3"] = f"{side}.{digit}.2"
    return parents


#: Skeleton nodes → parent node (``None`` for the root); parents come before their children.
PARENTS = _node_table()


def _arm_right(a: dict[str, float], prefix: str) -> dict[str, np.ndarray]:
    """Local transforms of one arm in right-arm terms (the left arm mirrors these)."""
    g = lambda n: a[f"{prefix}.{n}"]  # noqa: E731 - a local shorthand keeps the chain readable
    out = {
        "shoulder": tr(*SHOULDER) @ rx(-g("shoulder.flex")) @ ry(g("shoulder.abduct")) @ rz(g("shoulder.twist")),
        "elbow": tr(0, 0, -UPPER_ARM) @ rx(-g("elbow.flex")) @ rz(g("forearm.pronate")),
        "wrist": tr(0, 0, -FOREARM) @ ry(-g("wrist.flex")) @ rx(-g("wrist.deviate")),
    }
    for finger in FINGERS:
        spread = g(f"{finger}.spread") * SPREAD_SHARE[finger]
        out[f"{finger}.1"] = tr(*FINGER_BASES[finger]) @ rx(spread) @ ry(-g(f"{finger}.1"))
        out[f"{finger}.2"] = tr(0, 0, -FINGER_LENGTHS[finger][0]) @ ry(-g(f"{finger}.2"))
        out[f"{finger}.3"] = tr(0, 0, -FINGER_LENGTHS[finger][1]) @ ry(-g(f"{finger}.3"))
    # The thumb leaves the palm pointing down and out towards -Y (abduct spreads it further out); opposing swings
    # it about the hand's long axis to the palm side (+X), where its flexion then curls it across the palm.
    out["thumb.1"] = tr(*THUMB_BASE) @ rz(g("thumb.oppose")) @ rx(-THUMB_SPLAY - g("thumb.abduct"))
    out["thumb.2"] = tr(0, 0, -FINGER_LENGTHS["thumb"][0]) @ ry(-g("thumb.1"))
    out["thumb.3"] = tr(0, 0, -FINGER_LENGTHS["thumb"][1]) @ ry(-g("thumb.2"))
    return out


def local_transforms(pose: np.ndarray) -> dict[str, np.ndarray]:
    """Local 4×4 transform (column vectors, parent ← child) of every node in :data:`PARENTS` for ``pose``."""
    a = dict(zip(JOINTS, pose.tolist(), strict=True))
    out = {
        "torso": tr(0, 0, WAIST_HEIGHT) @ rx(-a["torso.lean"]) @ rz(a["torso.twist"]),
        "head": tr(*HEAD) @ rz(a["head.yaw"]) @ rx(-a["head.pitch"]) @ ry(a["head.roll"]),
    }
    for side in SIDES:
        for name, m in _arm_right(a, side).items():
            out[f"{side}.{name}"] = m if side == "R" else _MIRROR @ m @ _MIRROR
    return out


def world_transforms(pose: np.ndarray) -> dict[str, np.ndarray]:
    """World transform of every node (root at the avatar's feet)."""
    local = local_transforms(pose)
    world: dict[str, np.ndarray] = {}
    for name, parent in PARENTS.items():
        world[name] = local[name] if parent is None else world[parent] @ local[name]
    return world


def _rot(axis: int, degrees: np.ndarray) -> np.ndarray:
    """Batched rotations about a coordinate axis: ``(N,)`` degrees → ``(N, 4, 4)``."""
    a = np.radians(degrees)
    c, s = np.cos(a), np.sin(a)
    m = np.zeros((len(a), 4, 4))
    m[:, 3, 3] = 1.0
    i, j = [(1, 2), (2, 0), (0, 1)][axis]
    m[:, axis, axis] = 1.0
    m[:, i, i], m[:, i, j], m[:, j, i], m[:, j, j] = c, -s, s, c
    return m


def right_arm_frames(arm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Batched right elbow and hand frames in the torso frame for arm angle rows ``(N, 7)`` → two ``(N, 4, 4)``.

    The IK calls this many times per solve, so it is vectorised over candidate poses rather than going
    through the general per-node path (:func:`world_transforms` gives the same result, tested).
    """
    arm = np.atleast_2d(arm)
    m = tr(*SHOULDER) @ _rot(0, -arm[:, 0]) @ _rot(1, arm[:, 1]) @ _rot(2, arm[:, 2])
    elbow = m @ tr(0, 0, -UPPER_ARM) @ _rot(0, -arm[:, 3]) @ _rot(2, arm[:, 4])
    return elbow, elbow @ tr(0, 0, -FOREARM) @ _rot(1, -arm[:, 5]) @ _rot(0, -arm[:, 6])


def hand_frames(poses: np.ndarray, side: str) -> dict[str, np.ndarray]:
    """Batched frames of one hand's digit nodes (``"index.1"`` … ``"thumb.3"``) in its wrist frame, in right-hand
    terms, for pose rows ``(N, joints)`` → ``(N, 4, 4)`` each. The left hand is the right mirrored with the same
    angles, so its digits lie alike (distances between them are the same); the arm does not change them. Gives
    the same result as the general path (tested), many poses at a time."""
    poses = np.atleast_2d(poses)
    a = lambda name: poses[:, INDEX[f"{side}.{name}"]]  # noqa: E731 - a local shorthand keeps the chains readable
    out: dict[str, np.ndarray] = {}
    for finger in FINGERS:
        lengths = FINGER_LENGTHS[finger]
        spread = a(f"{finger}.spread") * SPREAD_SHARE[finger]
        m = tr(*FINGER_BASES[finger]) @ _rot(0, spread) @ _rot(1, -a(f"{finger}.1"))
        out[f"{finger}.1"] = m
        out[f"{finger}.2"] = m = m @ tr(0, 0, -lengths[0]) @ _rot(1, -a(f"{finger}.2"))
        out[f"{finger}.3"] = m @ tr(0, 0, -lengths[1]) @ _rot(1, -a(f"{finger}.3"))
    lengths = FINGER_LENGTHS["thumb"]
    m = tr(*THUMB_BASE) @ _rot(2, a("thumb.oppose")) @ _rot(0, -THUMB_SPLAY - a("thumb.abduct"))
    out["thumb.1"] = m
    out["thumb.2"] = m = m @ tr(0, 0, -lengths[0]) @ _rot(1, -a("thumb.1"))
    out["thumb.3"] = m @ tr(0, 0, -lengths[1]) @ _rot(1, -a("thumb.2"))
    return out
