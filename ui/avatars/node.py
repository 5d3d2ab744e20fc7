"""One remote visitor in the scene: body, head and hands from ``avatar_mesh``, a name tag and a chat bubble.

With a :class:`~ui.avatars.crowd.Crowd` (the presence task has one), a visitor who is not in VR and not fading
is drawn there, instanced with everyone in the same outfit. Otherwise geometry is built once per look; each avatar
copies the prototype's nodes, which share its Geoms. A visitor who is not in VR is then one Geom, and beyond
:data:`~ui.avatars.distant.FAR` a coarse one (an ``LODNode`` switches in C++ during cull, nothing per frame in
Python); VR visitors get separate head and hands that follow their poses. The
name tag and bubble billboard towards the camera, draw on top of the world (no depth test, fixed bin) and are hidden
beyond a distance by the presence task, and past a cap by :func:`~ui.avatars.tags.cap_name_tags`.

Avatars stay out of the sun's shadow pass (:func:`~game.render.pipeline.cast_no_shadow`): the map is drawn only
when the sun or the view moves, and a walking visitor would leave a frozen shadow behind.
"""

from __future__ import annotations

from functools import lru_cache

from panda3d.core import LODNode, NodePath, TextNode, TransparencyAttrib

from game.render.geom import meshes_to_node
from game.render.pipeline import cast_no_shadow
from game.social.avatar_mesh import HAND_PIVOTS, Look, avatar_parts, avatar_still, raised_hand
from game.social.gathering import RAISED_HAND
from net.presence.codec import AvatarState, Pose
from ui import theme
from ui.avatars.crowd import Crowd
from ui.avatars.distant import FAR, distant_still

TAG_HEIGHT = 1.95
BUBBLE_HEIGHT = 2.3
TAG_SCALE = 0.16
BUBBLE_WRAP = 14.0  # em


@lru_cache(maxsize=64)
def _still(wire: str) -> NodePath:
    """The whole avatar at rest as one Geom, per look, and its coarse stand-in for beyond :data:`FAR`: one draw
    call for a visitor who is not in VR."""
    look = Look.parse(wire)
    lod = NodePath(LODNode("still"))
    lod.attachNewNode(meshes_to_node("near", avatar_still(look)))
    lod.attachNewNode(meshes_to_node("far", distant_still(look)))
    lod.node().addSwitch(FAR, 0.0)
    lod.node().addSwitch(1e6, FAR)
    return lod


@lru_cache(maxsize=64)
def _hand(wire: str) -> NodePath:
    """The raised arm of a look, shared by every avatar in it that raises a hand."""
    return NodePath(meshes_to_node("raised-hand", raised_hand(Look.parse(wire))))


@lru_cache(maxsize=64)
def _parts(wire: str) -> NodePath:
    """Body, head and hands as separate nodes, per look, for VR visitors."""
    root = NodePath("parts")
    for name, mesh in avatar_parts(Look.parse(wire)).items():
        root.attachNewNode(meshes_to_node(name, mesh))
    return root


def billboard_label(parent: NodePath, name: str, font, fg, bg, wrap: float = 0.0) -> tuple[NodePath, TextNode]:
    """Text on a card that faces the camera and draws over the world: readable from any side of a crowd."""
    text = TextNode(name)
    if font is not None:
        text.setFont(font)
    text.setAlign(TextNode.ACenter)
    text.setTextColor(fg)
    text.setCardColor(bg)
    text.setCardAsMargin(0.3, 0.3, 0.15, 0.15)
    text.setCardDecal(True)
    if wrap:
        text.setWordwrap(wrap)
    path = parent.attachNewNode(text)
    path.setBillboardPointEye()
    path.setLightOff(1)
    path.setShaderOff(1)
    path.setDepthTest(False)
    path.setDepthWrite(False)
    path.setBin("fixed", 40)
    path.setScale(TAG_SCALE)
    return path, text


class AvatarNode:
    """Create under the world node; :meth:`apply` a state each frame; :meth:`destroy` when they leave."""

    def __init__(self, parent: NodePath, look: str, label: str, font=None, crowd: Crowd | None = None) -> None:
        """``crowd``: draw the body there while the visitor is plain (not in VR, not fading), instanced with
        everyone else's; without one the body is always this avatar's own nodes."""
        self.root = parent.attachNewNode("avatar")
        cast_no_shadow(self.root)
        self.body = self.root.attachNewNode("body")
        self.wire = Look.parse(look).wire()
        self.crowd = crowd
        self.vr = False
        self._place = (0.0, 0.0, 0.0, 0.0)
        self.still: NodePath | None = None  # built when first drawn outside the crowd
        self.parts: NodePath | None = None  # built when the visitor first shows up in VR
        self.hand: NodePath | None = None  # built when the visitor first raises a hand at a gathering
        self.tag, self.tag_text = billboard_label(self.root, "name-tag", font, theme.TEXT, (0.05, 0.06, 0.09, 0.75))
        self.tag.setZ(TAG_HEIGHT)
        self.tag_text.setText(label)
        self.tag_wanted = True
        self.bubble, self.bubble_text = billboard_label(self.root, "bubble", font, theme.HIGHLIGHT_TEXT,
                                                        (1, 1, 1, 0.92), BUBBLE_WRAP)
        self.bubble.setZ(BUBBLE_HEIGHT)
        self.bubble.hide()
        self._alpha = 1.0
        if crowd is None:
            self._sync_body()

    def apply(self, state: AvatarState) -> None:
        """Place the avatar; a VR visitor's head and hands follow their tracked poses."""
        self.root.setPos(state.x, state.y, state.z)
        self.root.setH(state.heading)
        self._place = (state.x, state.y, state.z, state.heading)
        self.vr = state.head is not None
        self._sync_body()
        if not self.vr:
            if self.parts is not None:
                self.parts.hide()
            return
        if self.parts is None:
            self.parts = _parts(self.wire).copyTo(self.body)
        self.parts.show()
        self._pose(self.parts.find("head"), state.head)
        self._pose(self.parts.find("left"), state.left or Pose(*HAND_PIVOTS["left"]))
        self._pose(self.parts.find("right"), state.right or Pose(*HAND_PIVOTS["right"]))

    def _sync_body(self) -> None:
        """Where the body at rest is drawn: in the crowd while plain, else as this avatar's own node."""
        if self.crowd is not None and not self.vr and self._alpha >= 0.99:
            self.crowd.place(self, self.wire, *self._place)
            if self.still is not None:
                self.still.hide()
            return
        if self.crowd is not None:
            self.crowd.remove(self)
        if self.vr:
            if self.still is not None:
                self.still.hide()
            return
        if self.still is None:
            self.still = _still(self.wire).copyTo(self.body)
        self.still.show()

    @staticmethod
    def _pose(node: NodePath, pose: Pose) -> None:
        node.setPosHpr(pose.x, pose.y, pose.z, pose.yaw, pose.pitch, pose.roll)

    def set_alpha(self, alpha: float) -> None:
        """Fade (the personal-space bubble); fully transparent avatars are hidden so they cost no draw calls."""
        if abs(alpha - self._alpha) < 0.01:
            return
        self._alpha = alpha
        self._sync_body()
        if alpha <= 0.01:
            self.body.hide()
        elif alpha >= 0.99:  # opaque again: back to the opaque bin, where early depth tests skip hidden pixels
            self.body.show()
            self.body.clearTransparency()
            self.body.clearColorScale()
        else:
            self.body.show()
            self.body.setTransparency(TransparencyAttrib.M_alpha)
            self.body.setAlphaScale(alpha)

    def set_hand(self, raised: bool) -> None:
        """Show the raised arm (a gathering's raised hands) over the body, in the body's fade."""
        if raised and self.hand is None:
            self.hand = _hand(self.wire).copyTo(self.body)
            self.hand.setPos(*RAISED_HAND)
        if self.hand is not None:
            (self.hand.show if raised else self.hand.hide)()

    def set_label(self, label: str, visible: bool) -> None:
        """``visible``: whether the tag may show (near enough, not faded out); the cap may still hide it."""
        if self.tag_text.getText() != label:
            self.tag_text.setText(label)
        self.tag_wanted = visible
        (self.tag.show if visible else self.tag.hide)()

    def tag_place(self) -> tuple[float, float]:
        return self.root.getX(), self.root.getY()

    def show_tag(self, shown: bool) -> None:
        """The cap's say (``ui.avatars.tags``), over a tag that :meth:`set_label` allowed."""
        (self.tag.show if shown and self.tag_wanted else self.tag.hide)()

    def set_bubble(self, text: str | None) -> None:
        if text:
            if self.bubble_text.getText() != text:
                self.bubble_text.setText(text)
                # Text grows downwards from its first line: lift a wrapped bubble clear of the name tag.
                rows = self.bubble_text.getNumRows()
                self.bubble.setZ(BUBBLE_HEIGHT + (rows - 1) * self.bubble_text.getLineHeight() * TAG_SCALE)
            self.bubble.show()
        else:
            self.bubble.hide()

    def destroy(self) -> None:
        if self.crowd is not None:
            self.crowd.remove(self)
        self.root.removeNode()
