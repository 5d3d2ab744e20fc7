"""The stereo camera rig in the scene graph: play area → head, eyes, hands, and the head-locked panel.

    render ─ xr-rig (locomotion: world position + heading)
               └ xr-tracking (seated: lifted to eye height; standing: floor at 0)
                   ├ xr-head ─ xr-head-panel (alerts, captions, signing: parent them here)
                   ├ xr-eye-left / xr-eye-right (Camera + MatrixLens per eye, OpenXR's asymmetric frusta)
                   └ xr-hand-left / xr-hand-right (controller aim poses)

Tracked poses go onto the nodes under ``xr-tracking`` untouched; locomotion moves only ``xr-rig``.
"""

from __future__ import annotations

from panda3d.core import Camera, LMatrix4, LQuaternion, MatrixLens, NodePath, TransparencyAttrib

from game.xr.axes import Pose, projection_matrix
from game.xr.bindings import HANDS
from game.xr.locomotion import Rig
from game.xr.spaces import EyeView

NEAR_M = 0.05
FAR_M = 4000.0
#: Head-locked panel: 1.2 m ahead and 0.15 m below the eyes; 0.18 m per unit makes an overlay laid out for
#: aspect2d (±1.78 × ±1 units at 16:9) about 0.64 m wide, ~30° of view — readable without turning the head.
PANEL_DISTANCE_M = 1.2
PANEL_DROP_M = 0.15
PANEL_SCALE = 0.18


def _apply(node: NodePath, pose: Pose) -> None:
    node.set_pos(*pose.position)
    node.set_quat(LQuaternion(*pose.orientation))


class StereoRig:
    """Owns the rig's nodes; ``destroy()`` removes them all."""

    def __init__(self, parent: NodePath, eye_height_offset: float) -> None:
        self.root = parent.attach_new_node("xr-rig")
        self.tracking = self.root.attach_new_node("xr-tracking")
        self.tracking.set_z(eye_height_offset)
        self.head = self.tracking.attach_new_node("xr-head")
        self.head_panel = self.head.attach_new_node("xr-head-panel")
        self.head_panel.set_pos(0, PANEL_DISTANCE_M, -PANEL_DROP_M)
        self.head_panel.set_scale(PANEL_SCALE)
        # Alerts must never disappear behind a building: draw last, without depth, unlit.
        self.head_panel.set_bin("fixed", 100)
        self.head_panel.set_depth_test(False)
        self.head_panel.set_depth_write(False)
        self.head_panel.set_light_off(1)
        self.head_panel.set_transparency(TransparencyAttrib.M_alpha)
        self.eyes: list[NodePath] = []
        for name in ("left", "right"):
            lens = MatrixLens()
            self.eyes.append(self.tracking.attach_new_node(Camera(f"xr-eye-{name}", lens)))
        self.hands = {h: self.tracking.attach_new_node(f"xr-hand-{h.rsplit('/', 1)[1]}") for h in HANDS}
        for hand in self.hands.values():
            hand.stash()  # shown once tracked

    def set_rig(self, rig: Rig) -> None:
        self.root.set_pos(rig.x, rig.y, rig.z)
        self.root.set_h(rig.heading)

    def set_head(self, pose: Pose) -> None:
        _apply(self.head, pose)

    def set_views(self, views: list[EyeView]) -> None:
        for eye, view in zip(self.eyes, views, strict=True):
            _apply(eye, view.pose)
            lens = eye.node().get_lens()
            lens.set_user_mat(LMatrix4(*projection_matrix(*view.fov, NEAR_M, FAR_M)))

    def set_hand(self, hand: str, pose: Pose | None) -> None:
        node = self.hands[hand]
        if pose is None:
            node.stash()
            return
        node.unstash()
        _apply(node, pose)

    def destroy(self) -> None:
        self.root.remove_node()
