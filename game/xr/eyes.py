"""Per-eye render targets that draw straight into the acquired OpenXR swapchain image.

Each eye is a Panda3D offscreen buffer (an FBO sharing the main window's GL context) with three display
regions in sort order: *attach* swaps the FBO's colour attachment for this frame's swapchain texture, *scene*
clears and draws the eye camera through Panda3D's normal path, *post* reads the pixels back when a capture is
armed. Binding the swapchain image directly saves a full-screen copy per eye per frame (render-to-texture then
copy was the alternative); doing the swap in its own region, before the scene region's clear, lets Panda3D's
own clear run on the right image with its state tracking intact. The attach/post regions use a camera on an
empty scene, so they cost no culling.
"""

from __future__ import annotations

from collections.abc import Callable

from panda3d.core import (
    Camera,
    FrameBufferProperties,
    GraphicsOutput,
    GraphicsPipe,
    NodePath,
    PythonCallbackObject,
    WindowProperties,
)

from game.xr.glcontext import GL


class EyeTarget:
    """One eye's buffer; ``image`` is the swapchain texture to draw into this frame (0 = skip the frame)."""

    def __init__(self, base, name: str, camera: NodePath, size: tuple[int, int], sort: int, gl: GL,
                 clear_color: tuple[float, float, float, float]) -> None:  # fmt: skip
        self.gl = gl
        self.size = size
        self.image = 0
        self.capture: bytes | None = None
        self.capture_armed = False
        # Optional probes (benchmarks): run on the draw thread before the eye's first and after its last region.
        self.before_draw: Callable[[], None] | None = None
        self.after_draw: Callable[[], None] | None = None
        self.on_scene_drawn: Callable[[object], None] | None = None
        fbp = FrameBufferProperties()
        fbp.set_rgba_bits(8, 8, 8, 8)
        fbp.set_depth_bits(24)
        fbp.set_srgb_color(True)  # linear shading encoded to sRGB on write, matching the SRGB8_ALPHA8 swapchain
        props = WindowProperties.size(*size)
        flags = GraphicsPipe.BF_refuse_window
        buf = base.graphicsEngine.make_output(base.pipe, name, sort, fbp, props, flags, base.win.get_gsg(), base.win)
        if buf is None:
            raise RuntimeError(f"Panda3D could not create the {name} buffer")
        self.buffer: GraphicsOutput = buf
        buf.disable_clears()
        self._null_root = NodePath(f"{name}-null")
        null_cam = self._null_root.attach_new_node(Camera(f"{name}-null-cam"))
        self.attach_region = self._region(null_cam, -10, self._attach)
        self.scene_region = buf.make_display_region()
        self.scene_region.set_sort(0)
        self.scene_region.set_camera(camera)
        self.scene_region.set_clear_color_active(True)
        self.scene_region.set_clear_color(clear_color)
        self.scene_region.set_clear_depth_active(True)
        self.scene_region.set_draw_callback(PythonCallbackObject(self._draw_scene))
        self.post_region = self._region(null_cam, 10, self._post)
        buf.set_active(False)

    def _region(self, camera: NodePath, sort: int, fn: Callable) -> object:
        dr = self.buffer.make_display_region()
        dr.disable_clears()
        dr.set_sort(sort)
        dr.set_camera(camera)
        dr.set_draw_callback(PythonCallbackObject(fn))
        return dr

    def _attach(self, cbdata) -> None:
        if self.before_draw is not None:
            self.before_draw()
        self.gl.attach_color(self.image)

    def _draw_scene(self, cbdata) -> None:
        cbdata.upcall()
        if self.on_scene_drawn is not None:
            self.on_scene_drawn(cbdata)

    def _post(self, cbdata) -> None:
        if self.capture_armed:
            self.capture = self.gl.read_rgba(*self.size)
            self.capture_armed = False
        if self.after_draw is not None:
            self.after_draw()

    def draw_into(self, image: int) -> None:
        """Render this frame into ``image`` (a swapchain GL texture); ``0`` disables the buffer."""
        self.image = image
        self.buffer.set_active(bool(image))

    def destroy(self, base) -> None:
        self.buffer.remove_all_display_regions()
        base.graphicsEngine.remove_window(self.buffer)
        self._null_root.remove_node()
