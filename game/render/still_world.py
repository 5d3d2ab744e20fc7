"""The still world: while the view stands still, the static city is drawn once and kept, and each frame draws only
what moves over it.

A visitor reading a panel, a kiosk between visitors, anyone stopped to look: the camera does not move, and the
gates, blocks, ground, mountains and sky look the same frame after frame. The frame then costs the PBR shading of
all of them again (llvmpipe, the square at 640×360: ~25 ms). Here, once the view has been quiet for a frame, the
*held* nodes (what a scene names as static) are drawn into a buffer of their own, colour and depth, and hidden from
the main camera; every frame after, a full-screen quad puts that colour and depth back first thing in simplepbr's
scene pass, and the main camera draws only the rest (people, traffic, water, rain, ceremonies) against that depth.
The tone map and everything after it run as before (~2.5 ms for the same view).

What is not named as held stays live: forgetting to hold something costs time, never a frozen picture. A held node
must not change by itself; whoever changes one calls :meth:`StillWorld.refresh` (the pipeline does for the clock,
the weather and the shadow map, the district for its levels of detail), and the held nodes' net state and
transform are compared every frame as a net for the rest (a highlight, a colour-vision filter, a shader input).

Only without MSAA (``low`` and every software renderer: a multisampled depth buffer cannot be read back this way),
and only while the main camera is the one camera drawing the world: another (a headset's eyes, a photo) sees the
world whole. Camera masks are changed only while holding, so no other camera ever needs to know.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from panda3d.core import (
    BitMask32,
    Camera,
    CardMaker,
    DepthTestAttrib,
    FrameBufferProperties,
    GraphicsOutput,
    GraphicsPipe,
    LightLensNode,
    NodePath,
    OmniBoundingVolume,
    PandaNode,
    SamplerState,
    Texture,
    WindowProperties,
)

from game.render.shaders import load_glsl

#: The held camera's bit: while holding, the world is hidden from it but for the held nodes.
HELD = BitMask32.bit(21)
#: The main camera's bit while holding: the held nodes are hidden from it, live nodes under them shown through.
LIVE = BitMask32.bit(22)
#: Drawn before every opaque bin (the default ``background`` bin is 10; opaque ones start at 19).
QUAD_BIN = "background"
#: Before the sun's shadow buffer (-10, made by the GSG) nothing may draw that samples the map; after it, before
#: simplepbr's scene buffer (-9). The pipeline moves the shadow buffer to :data:`SHADOW_SORT`.
HELD_SORT = -10
SHADOW_SORT = -11
#: Frames the view must be quiet before the world is held: the first quiet frame is drawn as usual, so a view
#: that changes every other frame never pays for a capture it cannot reuse.
QUIET_FRAMES = 2


def _float_rgba() -> FrameBufferProperties:
    props = FrameBufferProperties()
    props.setFloatColor(True)
    props.setSrgbColor(False)
    props.setRgbaBits(16, 16, 16, 16)  # as simplepbr's scene buffer: the held colour is linear HDR
    props.setDepthBits(24)
    return props


def _nearest(tex: Texture) -> Texture:
    tex.setMinfilter(SamplerState.FT_nearest)
    tex.setMagfilter(SamplerState.FT_nearest)
    tex.setWrapU(SamplerState.WM_clamp)
    tex.setWrapV(SamplerState.WM_clamp)
    return tex


@contextmanager
def paused(still: StillWorld | None) -> Iterator[None]:
    """Frames inside are drawn whole, as a walking visitor's are (the tour's and the benchmark's measures);
    ``still`` may be None (a pipeline with MSAA has none)."""
    if still is None:
        yield
        return
    was, still.enabled = still.enabled, False
    try:
        yield
    finally:
        still.enabled = was


class StillWorld:
    """Holds the static world's picture for ``base``'s main camera while the view stands still.

    ``enabled`` (default on) is the switch the benchmark and the tour turn off to measure frames as a walking
    visitor sees them. :attr:`holding` says whether this frame reused the held picture; :attr:`captures` counts the
    frames that drew it.
    """

    def __init__(self, base, world: NodePath):
        self.base = base
        self.world = world
        self.enabled = True
        self.holding = False
        self.captures = 0
        self._held: list[NodePath] = []
        self._live: list[NodePath] = []
        self._quiet = 0
        self._dirty = True
        self._view = None  # (camera transform, lens projection, window size) of the last frame
        self._signature: list = []
        self._buffer: GraphicsOutput | None = None
        self._camera: NodePath | None = None
        self._mask = base.cam.node().getCameraMask()
        self._colour = _nearest(Texture("held-colour"))
        self._depth = _nearest(Texture("held-depth"))
        quad = CardMaker("held-world")
        quad.setFrame(-1, 1, -1, 1)
        self._quad = base.cam.attachNewNode(quad.generate())
        self._quad.node().setBounds(OmniBoundingVolume())
        self._quad.node().setFinal(True)
        self._quad.setBin(QUAD_BIN, 0)
        self._quad.setAttrib(DepthTestAttrib.make(DepthTestAttrib.M_always), 1000)
        self._quad.setDepthWrite(True, 1000)
        self._quad.setShader(load_glsl("held_world"), 1000)
        self._quad.setShaderInput("held_colour", self._colour)
        self._quad.setShaderInput("held_depth", self._depth)
        self._quad.setLightOff(1000)
        self._quad.setFogOff(1000)
        self._quad.hide()

    def hold(self, *nodes: NodePath) -> None:
        """Name ``nodes`` (whole subtrees) static: drawn into the held picture, not by the main camera, while still."""
        self._let_go()
        self._held += [n for n in nodes if not n.isEmpty()]

    def keep_live(self, *nodes: NodePath) -> None:
        """Nodes under a held one that change by themselves (flowing water): drawn live every frame."""
        self._let_go()
        self._live += [n for n in nodes if not n.isEmpty()]

    def forget(self) -> None:
        """Drop every held and live node (a scene being released)."""
        self._let_go()
        self._held, self._live = [], []

    def refresh(self) -> None:
        """Something held has changed: draw the held picture again (or the whole frame, if it keeps changing)."""
        self._dirty = True

    def update(self, shadow_drawn: bool) -> None:
        """Called once a frame after everything that moves the camera or the world, before drawing: hold, capture
        the held picture, or draw the frame as usual. ``shadow_drawn``: the sun's map is drawn this frame (a held
        picture would show the old one)."""
        view = self._current_view()
        signature = self._net_signature()
        quiet = not self._dirty and not shadow_drawn and view == self._view and signature == self._signature
        self._view, self._signature, self._dirty = view, signature, False
        self._quiet = self._quiet + 1 if quiet else 0
        if not self.enabled or not self._held or self._quiet < QUIET_FRAMES or self._other_world_camera():
            self._let_go()
        elif self.holding:
            self._buffer.setActive(False)  # drawn once, kept
        else:
            self._capture(view[2])

    def release(self) -> None:
        """Give the world back whole and free the buffer."""
        self.forget()
        self._quad.removeNode()
        if self._buffer is not None:
            self.base.graphicsEngine.removeWindow(self._buffer)
            self._buffer = None

    def _capture(self, size: tuple[int, int]) -> None:
        buffer = self._ensure_buffer(size)
        if buffer is None:
            self._let_go()
            return
        buffer.setActive(True)
        self.world.hide(HELD)
        for node in self._held:
            node.showThrough(HELD)
            node.hide(LIVE)
        for node in self._live:
            node.hide(HELD)
            node.showThrough(LIVE)
        self._quad.show()
        self._quad.hide(PandaNode.getAllCameraMask() & ~LIVE)  # the main camera's while holding, no other's
        self.base.cam.node().setCameraMask(LIVE)
        self.holding = True
        self.captures += 1

    def _let_go(self) -> None:
        if not self.holding:
            return
        self.base.cam.node().setCameraMask(self._mask)
        self.world.show(HELD)
        for node in self._held + self._live:
            if not node.isEmpty():
                node.show(HELD | LIVE)
        self._quad.hide()
        if self._buffer is not None:
            self._buffer.setActive(False)
        self.holding = False
        self._quiet = 0

    def _ensure_buffer(self, size: tuple[int, int]) -> GraphicsOutput | None:
        if self._buffer is not None:
            if (self._buffer.getXSize(), self._buffer.getYSize()) != size:
                self._buffer.setSize(*size)
            return self._buffer
        win = self.base.win
        buffer = self.base.graphicsEngine.makeOutput(
            self.base.pipe, "held-world", HELD_SORT, _float_rgba(), WindowProperties.size(*size),
            GraphicsPipe.BF_refuse_window | GraphicsPipe.BF_resizeable, win.getGsg(), win)
        if buffer is None:
            return None
        buffer.addRenderTexture(self._colour, GraphicsOutput.RTMBindOrCopy, GraphicsOutput.RTPColor)
        buffer.addRenderTexture(self._depth, GraphicsOutput.RTMBindOrCopy, GraphicsOutput.RTPDepth)
        buffer.setClearColorActive(True)
        buffer.setClearColor(win.getClearColor())
        buffer.setClearDepthActive(True)
        camera = Camera("held-world", self.base.camLens)  # the same lens: a zoom shows at once
        camera.setCameraMask(HELD)
        camera.setScene(self.base.render)
        self._camera = self.base.cam.attachNewNode(camera)
        buffer.makeDisplayRegion().setCamera(self._camera)
        self._buffer = buffer
        return buffer

    def _current_view(self):
        base = self.base
        return (base.cam.getNetTransform(), base.camLens.getProjectionMat(), (base.win.getXSize(),
                                                                               base.win.getYSize()))

    def _net_signature(self) -> list:
        """What the held picture depends on beyond the camera: each held node's net state (materials, shader
        inputs, colour scales, from the node up), its place and whether it is shown at all (our bits aside)."""
        shown = self._mask & ~(HELD | LIVE)
        return [(n.getNetState(), n.getNetTransform(), n.isHidden(shown)) for n in self._held if not n.isEmpty()]

    def _other_world_camera(self) -> bool:
        """True while a display region other than the main camera's and ours draws the world (a headset's eyes, a
        photo): it would see the held nodes hidden. The sun's shadow camera sees them whole (its own mask)."""
        top = self.world.getTop()
        mine = (self.base.cam, self._camera)
        for output in self.base.graphicsEngine.getWindows():
            if not output.isActive():
                continue
            for region in output.getActiveDisplayRegions():
                cam = region.getCamera()
                if cam.isEmpty() or cam in mine or isinstance(cam.node(), LightLensNode):
                    continue
                scene = cam.node().getScene()
                if (cam.getTop() if scene.isEmpty() else scene.getTop()) == top:
                    return True
        return False
