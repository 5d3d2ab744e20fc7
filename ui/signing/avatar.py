"""The signing avatar: an upper body, articulated arms and fingers, and a face for the non-manual signals.

Built procedurally from the skeleton in :mod:`game.signing.skeleton`: one NodePath per skeleton node, each
given exactly the local matrix the pose solver computed, so the avatar shows what the solver aimed at.
Design choices follow sign-language video practice: plain dark clothing and a light background so the hands
(skin-coloured) stand out, and a face with large, high-contrast brows, eyes and mouth, because Deaf viewers
judged an earlier Korean avatar's non-manual signals too weak to read.
"""

from __future__ import annotations

import numpy as np
from panda3d.core import LMatrix4f, NodePath

from game.architecture.mesh import Mesh, box, merge
from game.signing import skeleton
from ui.signing.geometry import geom_node
from ui.signing.meshes import capsule, ellipsoid

SKIN = (0.93, 0.76, 0.62, 1.0)
SHIRT = (0.12, 0.16, 0.26, 1.0)
HAIR = (0.08, 0.07, 0.07, 1.0)
DARK = (0.10, 0.07, 0.06, 1.0)
LIPS = (0.62, 0.24, 0.24, 1.0)
WHITE = (0.97, 0.97, 0.95, 1.0)
_MIRROR = np.diag([-1.0, 1.0, 1.0, 1.0])


def _panda(m: np.ndarray) -> LMatrix4f:
    """Column-vector 4×4 → Panda3D's row-vector matrix."""
    return LMatrix4f(*m.T.astype(np.float64).flatten().tolist())


def _right_parts() -> dict[str, Mesh]:
    """Geometry per right-side node, in that node's local frame (the left side is these, mirrored)."""
    parts = {
        "shoulder": merge([ellipsoid((0.055, 0.055, 0.055), color=SHIRT),
                           capsule(skeleton.UPPER_ARM, 0.047, SHIRT, radius_end=0.041)]),
        "elbow": capsule(skeleton.FOREARM - 0.01, 0.04, SHIRT, radius_end=0.032),
        "wrist": merge([ellipsoid((0.02, 0.043, 0.052), (0.0, 0.0, -0.055), SKIN),
                        capsule(0.03, 0.024, SKIN)]),
    }
    for digit in skeleton.DIGITS:
        lengths = skeleton.FINGER_LENGTHS[digit]
        for i, length in enumerate(lengths, start=1):
            parts[f"{digit}.{i}"] = capsule(length, skeleton.digit_radius(digit, i), SKIN)
    return parts


def _torso() -> Mesh:
    return merge([
        ellipsoid((0.165, 0.10, 0.34), (0.0, 0.0, 0.12), SHIRT),
        ellipsoid((0.19, 0.105, 0.16), (0.0, 0.0, 0.33), SHIRT),
        ellipsoid((0.215, 0.09, 0.06), (0.0, 0.0, 0.43), SHIRT),
        capsule(0.12, 0.045, SKIN).transformed(np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0.56], [0, 0, 0, 1.0]])),
    ])


class Avatar:
    """The avatar's node tree under ``root``; :meth:`apply` poses it from a pose vector."""

    def __init__(self, root: NodePath) -> None:
        self.root = root
        self.nodes: dict[str, NodePath] = {}
        for name, parent in skeleton.PARENTS.items():
            holder = root if parent is None else self.nodes[parent]
            self.nodes[name] = holder.attach_new_node(name)
        self.nodes["torso"].attach_new_node(geom_node(_torso(), "torso-geom"))
        for name, mesh in _right_parts().items():
            self.nodes[f"R.{name}"].attach_new_node(geom_node(mesh, f"R.{name}-geom"))
            self.nodes[f"L.{name}"].attach_new_node(geom_node(mesh.transformed(_MIRROR), f"L.{name}-geom"))
        self._build_face(self.nodes["head"])
        self.apply(skeleton.REST)

    def _build_face(self, head: NodePath) -> None:
        head.attach_new_node(geom_node(merge([
            ellipsoid((0.082, 0.092, 0.112), color=SKIN),
            ellipsoid((0.086, 0.09, 0.06), (0.0, 0.02, 0.08), HAIR),
            ellipsoid((0.013, 0.02, 0.022), (-0.083, 0.0, 0.0), SKIN),
            ellipsoid((0.013, 0.02, 0.022), (0.083, 0.0, 0.0), SKIN),
            ellipsoid((0.012, 0.018, 0.026), (0.0, -0.093, -0.005), SKIN),
        ]), "head-geom"))
        self.eyes, self.brows, self.cheeks = [], [], []
        for x in (-0.032, 0.032):
            eye = head.attach_new_node("eye")
            eye.set_pos(x, -0.08, 0.012)
            eye.attach_new_node(geom_node(merge([ellipsoid((0.016, 0.008, 0.011), color=WHITE),
                                                  ellipsoid((0.007, 0.004, 0.007), (0.0, -0.007, 0.0), DARK)]),
                                          "eye-geom"))
            self.eyes.append(eye)
            brow = head.attach_new_node("brow")
            brow.set_pos(x, -0.087, 0.036)
            brow.attach_new_node(geom_node(box((0.032, 0.008, 0.007), (0.0, 0.0, -0.0035), DARK), "brow-geom"))
            self.brows.append(brow)
            cheek = head.attach_new_node("cheek")
            cheek.set_pos(x * 1.3, -0.045, -0.035)  # inside the head until puffed
            cheek.attach_new_node(geom_node(ellipsoid((0.022, 0.018, 0.02), color=SKIN), "cheek-geom"))
            self.cheeks.append(cheek)
        self.mouth = head.attach_new_node("mouth")
        self.mouth.set_pos(0.0, -0.086, -0.052)
        self.mouth.attach_new_node(geom_node(ellipsoid((0.022, 0.007, 0.006), color=LIPS), "mouth-geom"))

    def apply(self, pose: np.ndarray) -> None:
        """Set every joint from a pose vector (order :data:`skeleton.JOINTS`) and the face channels."""
        for name, matrix in skeleton.local_transforms(pose).items():
            self.nodes[name].set_mat(_panda(matrix))
        value = {name: float(pose[skeleton.INDEX[name]]) for name in skeleton.FACE_CHANNELS}
        for side, (eye, brow, cheek) in enumerate(zip(self.eyes, self.brows, self.cheeks, strict=True)):
            sign = -1.0 if side == 0 else 1.0  # side 0 is at -X: the signer's right
            eye.set_scale(1.0, 1.0, max(0.08, value["eye_open"]))
            # Raised brows go up; furrowed brows drop and slant down towards the nose.
            brow.set_z(0.036 + 0.013 * value["brow_raise"] - 0.006 * value["brow_furrow"])
            brow.set_x(sign * (0.032 - 0.005 * value["brow_furrow"]))
            brow.set_r(sign * 18.0 * value["brow_furrow"])
            cheek.set_scale(1.0 + 0.6 * value["cheek_puff"])
            cheek.set_y(-0.045 - 0.03 * value["cheek_puff"])
        self.mouth.set_scale(1.0 + 0.45 * value["mouth_wide"], 1.0, 1.0 + 3.5 * value["mouth_open"])
