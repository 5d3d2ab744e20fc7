"""A sound's caption in a headset: in the world just above its source while the visitor can see the source, else
on the head-locked panel with an arrow showing which way to turn (the placement maths: game/xr/caption_place).
Drawn in the visitor's caption style (size, colour, backing; the head-locked line at the bottom or the top), its
colours made linear for the headset's sRGB framebuffer."""

from __future__ import annotations

import math

from panda3d.core import (
    Geom,
    GeomNode,
    GeomTriangles,
    GeomVertexData,
    GeomVertexFormat,
    GeomVertexWriter,
    NodePath,
    TextNode,
    TransparencyAttrib,
)

from game.caption_style import CaptionStyle
from game.xr import caption_place
from ui import theme
from ui.alerts.theme import to_linear

OWN_BG = (0.0, 0.0, 0.0, 0.7)  # the line's own backing when the style asks for none
WRAP = 36.0  # characters a line holds at size 1
BOTTOM_DEG, TOP_DEG = -14.0, 10.0  # the head-locked line's height, as an angle from the panel's centre
ARROW_GAP = 1.0  # the arrow's distance from the caption's card, in text lines
ARROW_LINES = 1.6  # the arrow's height, in text lines


def _triangle(name: str, colour, size: float) -> GeomNode:
    data = GeomVertexData(name, GeomVertexFormat.getV3c4(), Geom.UHStatic)
    pos, col = GeomVertexWriter(data, "vertex"), GeomVertexWriter(data, "color")
    for x, z in ((-0.45, -0.5), (0.45, -0.5), (0.0, 0.5)):
        pos.addData3(x * size, 0.0, z * size)
        col.addData4(*colour)
    tris = GeomTriangles(Geom.UHStatic)
    tris.addVertices(0, 1, 2)
    geom = Geom(data)
    geom.addPrimitive(tris)
    node = GeomNode(name)
    node.addGeom(geom)
    return node


def _arrow(colour) -> NodePath:
    """A triangle pointing up (+z), one unit tall, centred on its origin, on a black one that keeps it visible
    over a bright world."""
    arrow = NodePath("caption-arrow")
    for i, (name, rgba, size) in enumerate((("outline", (0.0, 0.0, 0.0, 1.0), 1.4), ("fill", colour, 1.0))):
        arrow.attachNewNode(_triangle(f"caption-arrow-{name}", rgba, size)).setBin("fixed", 111 + i)
    return arrow


def _text_node(name: str, font, style: CaptionStyle) -> TextNode:
    """The caption's text; colours made linear, as the headset's framebuffer encodes sRGB on output."""
    node = TextNode(name)
    if font is not None:
        node.setFont(font)
    node.setAlign(TextNode.ACenter)
    node.setWordwrap(WRAP / style.size)
    node.setTextColor(*to_linear(style.rgb(theme.TEXT[:3])), 1.0)
    card = style.card() or OWN_BG
    node.setCardColor(*to_linear(card[:3]), card[3])
    node.setCardAsMargin(0.3, 0.3, 0.15, 0.15)
    return node


class SourceCaption:
    """The caption of sounds from ``source`` (a node in the world) for a visitor whose head carries ``head_panel``
    (the rig's head-locked panel). The same calls as :class:`ui.caption_line.CaptionLine`; :meth:`place` (each
    frame while shown, from its own task) chooses the world or the panel."""

    def __init__(self, base, head_panel: NodePath, source: NodePath, font, style: CaptionStyle) -> None:
        self.base, self.source, self.style = base, source, style
        self.head = head_panel.getParent()
        self.world = source.getTop().attachNewNode(_text_node("caption-world", font, style))
        self.world.setBillboardPointEye()
        self.panel = head_panel.attachNewNode(_text_node("caption-head", font, style))
        distance, metres = head_panel.getY(), head_panel.getSx()  # the panel's distance, and one unit of it
        unit = caption_place.world_scale(distance) * style.size / metres  # a line, in panel units
        deg = TOP_DEG if style.position == "top" else BOTTOM_DEG
        self.panel.setPos(0, 0, distance * math.tan(math.radians(deg)) / metres)
        self.panel.setScale(unit)
        self.arrow = _arrow((*to_linear(style.rgb(theme.ACCENT[:3])), 1.0))
        self.arrow.reparentTo(self.panel)
        self.arrow.setScale(ARROW_LINES)
        for np in (self.world, self.panel):
            np.setLightOff(1)
            np.setShaderOff(1)
            np.setDepthTest(False)
            np.setDepthWrite(False)
            np.setBin("fixed", 110)
            np.setTransparency(TransparencyAttrib.MAlpha)
        self.in_world, self.shown = False, False
        self._task = base.taskMgr.add(self._place_task, "xr-caption-place")
        self.hide()

    def show(self, text: str) -> None:
        for np in (self.world, self.panel):
            np.node().setText(text)
        self.shown = True
        self.place()

    def hide(self) -> None:
        self.shown = False
        self.world.hide()
        self.panel.hide()

    def get_text(self) -> str:
        return self.panel.node().getText()

    def place(self) -> None:
        """Beside the source when it is in view (its size kept as an angle), else head-locked with the arrow."""
        if not self.shown:
            return
        rel = self.source.getPos(self.head)
        self.in_world = caption_place.in_view((rel.x, rel.y, rel.z))
        if self.in_world:
            distance = rel.length()
            at = self.source.getPos(self.world.getParent())
            self.world.setPos(at.x, at.y, at.z + caption_place.world_lift(distance))
            self.world.setScale(caption_place.world_scale(distance) * self.style.size)
            self.world.show()
            self.panel.hide()
        else:
            angle = caption_place.arrow_deg((rel.x, rel.y, rel.z))
            left, right, bottom, top = self.panel.node().getCardActual()  # the text's card, in line heights
            rx, rz = (right - left) / 2 + ARROW_GAP, (top - bottom) / 2 + ARROW_GAP
            a = math.radians(angle)
            self.arrow.setPos((left + right) / 2 + rx * math.sin(a), 0, (bottom + top) / 2 + rz * math.cos(a))
            self.arrow.setR(angle)  # just outside the card, on the side to turn to
            self.panel.show()
            self.world.hide()

    def _place_task(self, task):
        self.place()
        return task.cont

    def destroy(self) -> None:
        self.base.taskMgr.remove(self._task)
        self.world.removeNode()
        self.panel.removeNode()
