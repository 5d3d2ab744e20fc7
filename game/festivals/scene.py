"""The lantern festival in the district: sculptures in Cheonggyecheon, a board on its bank, light on its water.

Built at load for the scene's instant when an edition runs that day (``game.festivals.lantern``), outside the
district's cached geometry (the dates change, the stream does not). The sculptures are two merged meshes with
their own small shader (no PBR, no shadow pass); their panels are see-through (:func:`see_through`) and glow by
night while the festival's lit hours last (:meth:`LanternFestival.set_lit` follows them in hub time),
the stream's water shader spreads their colours on the surface, and soft patches added over the walls beside
each sculpture carry its light there (one more draw call). ``release`` removes everything it made.
"""

from __future__ import annotations

import datetime as dt

from panda3d.core import ColorBlendAttrib, NodePath, TextNode, TransparencyAttrib

from game.architecture.mesh import box, merge
from game.architecture.stream import StreamLayout, layout
from game.festivals import lantern
from game.festivals.lantern import Edition
from game.festivals.sculptures import Dressing, dress_stream, wall_washes
from game.nav.collision import Obstacle
from game.render.geom import meshes_to_node
from game.render.pipeline import cast_no_shadow
from game.render.shaders import load_glsl
from game.text import i18n

SHADER_PRIORITY = 10  # as the district's backdrop and water: above simplepbr, below the tests' mask overrides
WASH_GLOW = 0.35  # how strongly a lit sculpture washes the walls beside it
PANEL_GLOW = 0.7  # linear multiple of a panel's colour it shines with at night (more washes the colour out)
BOARD_SIZE = (6.0, 3.4)  # metres
BOARD_TEXT = 0.27  # metres per text line height
TITLE_COLOUR = (1.0, 0.86, 0.55, 1.0)
TEXT_COLOUR = (0.95, 0.95, 0.95, 1.0)


PANEL_OPACITY = 0.6  # hanji and silk: the share of light a panel stops; the rest of what is behind shows through


def see_through(panels: NodePath, opacity: float = PANEL_OPACITY) -> None:
    """Make the sculptures' panels translucent: premultiplied blending (the shader adds their inner light whole),
    both faces drawn (the far side of a lantern seen through its near side), in the transparent bin without
    writing depth (the ribs inside and the panels behind stay visible)."""
    panels.setShaderInput("opacity", opacity)
    panels.setAttrib(ColorBlendAttrib.make(ColorBlendAttrib.M_add, ColorBlendAttrib.O_one,
                                           ColorBlendAttrib.O_one_minus_incoming_alpha))
    panels.setTwoSided(True)
    panels.setDepthWrite(False)
    panels.setBin("transparent", 0)


class LanternFestival:
    """The festival's nodes under the district's root while ``edition`` runs."""

    def __init__(self, scene, edition: Edition, when: dt.datetime, font=None):
        self.place = lantern.place()  # the landmark it is held on
        lm = scene.landmarks[self.place]
        self.scene = scene
        self.edition = edition
        self.lit = edition.lit_at(when)
        self.layout: StreamLayout = layout(lm.params, lm.local, lm.footprint)
        self.dressing: Dressing = dress_stream(edition, self.layout, lm.local)
        self.root: NodePath = scene.root.attachNewNode("lantern-festival")
        shader = load_glsl("lantern")
        for name, mesh in (("frames", self.dressing.frame), ("panels", self.dressing.panels)):
            node = self.root.attachNewNode(meshes_to_node(f"lantern-festival:{name}", mesh))
            node.setShader(shader, SHADER_PRIORITY)
            node.setShaderInput("glow", 0.0)
            node.setShaderInput("opacity", 1.0)
        self.panels = self.root.find("lantern-festival:panels")
        see_through(self.panels)
        self.board = self._board(lm.local, font)
        w, h = BOARD_SIZE
        self.obstacles = [Obstacle(self.board.getX(), self.board.getY(), self.board.getH(),
                                   ((-w / 2, -0.15, 0.0, w / 2, 0.15, 0.9 + h),))]  # the board: walked round
        cast_no_shadow(self.root)
        # beside, not under, the sculptures' root: a flat-colour mask of the sculptures must not add these in
        self.washes: NodePath = scene.root.attachNewNode(meshes_to_node("lantern-festival:washes",
                                                                        wall_washes(self.dressing, self.layout,
                                                                                    lm.local)))
        self.washes.setShader(load_glsl("wash"), SHADER_PRIORITY)
        self.washes.setAttrib(ColorBlendAttrib.make(ColorBlendAttrib.M_add, ColorBlendAttrib.O_one,
                                                    ColorBlendAttrib.O_one))
        self.washes.setDepthWrite(False)
        self.washes.setBin("fixed", 0)
        cast_no_shadow(self.washes)
        self.set_lit(self.lit)

    def set_lit(self, lit: bool) -> None:
        """Lanterns on or off (the festival's rehearsal crosses the lighting hour): panels, walls and water."""
        self.lit = lit
        self.panels.setShaderInput("glow", PANEL_GLOW if lit else 0.0)
        self.washes.setShaderInput("glow", WASH_GLOW if lit else 0.0)
        self.scene.light_water(list(self.dressing.lights) if lit else [])

    def _board(self, centre: tuple[float, float], font) -> NodePath:
        """A freestanding board on the north pavement just past the stairs, facing the stream: the festival, its
        dates and the year's theme, Korean above English."""
        lay = self.layout
        s = lay.head + lay.stairs_length + 4.0
        t = float(lay.t_at(s)) + lay.half_channel + 1.5
        w, h = BOARD_SIZE
        board = self.root.attachNewNode("lantern-festival:board")
        board.setPos(centre[0] + s, centre[1] + t, 0.0)
        board.setH(lay.heading_at(s))  # its face (-Y) turned to the right of the flow: across the stream
        dark = (0.08, 0.09, 0.12, 1.0)
        legs = [box((0.14, 0.14, 0.9), (side * (w / 2 - 0.4), 0.0, 0.0), dark) for side in (-1.0, 1.0)]
        panel = board.attachNewNode(meshes_to_node("board", merge([box((w, 0.12, h), (0.0, 0.0, 0.9), dark), *legs])))
        panel.setShader(load_glsl("lantern"), SHADER_PRIORITY)
        panel.setShaderInput("glow", 0.0)
        panel.setShaderInput("opacity", 1.0)
        e = self.edition
        lines = [(i18n.text("festival.title", "ko", year=e.year), 1.4), (e.theme["ko"], 1.0),
                 (e.dates_text("ko"), 0.8), (i18n.text("festival.title", "en", year=e.year), 1.1),
                 (e.theme["en"], 0.9), (e.dates_text("en"), 0.7)]
        z = 0.9 + h - 0.3
        for k, (text, size) in enumerate(lines):
            node = TextNode(f"board-line-{k}")
            if font is not None:
                node.setFont(font)
            node.setText(text)
            node.setAlign(TextNode.ACenter)
            node.setWordwrap(w / (BOARD_TEXT * size) - 1.0)
            node.setTextColor(*(TITLE_COLOUR if k % 3 == 0 else TEXT_COLOUR))
            line = board.attachNewNode(node)
            line.setScale(BOARD_TEXT * size)
            line.setPos(0.0, -0.07, z)
            line.setShaderOff(SHADER_PRIORITY + 1)
            line.setLightOff(SHADER_PRIORITY + 1)
            line.setTransparency(TransparencyAttrib.M_alpha)
            z -= BOARD_TEXT * size * (1.5 if k != 2 else 2.2)
        return board

    def release(self) -> None:
        self.scene.light_water([])
        self.washes.removeNode()
        self.root.removeNode()
