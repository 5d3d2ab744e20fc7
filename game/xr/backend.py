"""The small protocol between the Panda3D side and OpenXR, and its pyopenxr implementation.

The driver needs a dozen verbs (poll, wait/begin/end a frame, locate, acquire/release images, read input,
buzz); :class:`OpenXRBackend` composes the one-object-per-module wrappers to provide them, and owns their
destruction order (reverse of creation), so nothing OpenXR outlives the GL context it was bound to.
"""

from __future__ import annotations

import ctypes
from typing import Protocol

import xr

from game.xr.actions import Actions
from game.xr.axes import Pose
from game.xr.glcontext import current_binding
from game.xr.instance import Instance, RuntimeInfo, XrUnavailable
from game.xr.intents import InputFrame
from game.xr.session import FrameTiming, Session
from game.xr.spaces import EyeView, Spaces
from game.xr.swapchain import FORMAT_NAMES, Swapchain, choose_format
from game.xr.system import System


class XrBackend(Protocol):
    runtime: RuntimeInfo
    system_name: str
    graphics: str
    reference_space: str
    eye_sizes: list[tuple[int, int]]
    swapchain_format: str

    @property
    def running(self) -> bool: ...
    @property
    def focused(self) -> bool: ...
    @property
    def done(self) -> bool: ...
    @property
    def lost(self) -> bool: ...
    @property
    def states_seen(self) -> list[str]: ...
    @property
    def exit_requested(self) -> bool: ...
    def poll(self) -> None: ...
    def wait_frame(self) -> FrameTiming: ...
    def begin_frame(self) -> None: ...
    def end_frame(self, display_time: int, views: list[EyeView] | None) -> None: ...
    def locate_views(self, display_time: int) -> list[EyeView] | None: ...
    def locate_head(self, display_time: int) -> Pose | None: ...
    def acquire(self, eye: int) -> int: ...
    def release_all(self) -> None: ...
    def read_input(self, display_time: int) -> InputFrame: ...
    def interaction_profiles(self) -> dict[str, str]: ...
    def haptic(self, hand: str, amplitude: float, duration_s: float) -> None: ...
    def request_exit(self) -> None: ...
    def destroy(self) -> None: ...


class OpenXRBackend:
    """Built in two steps so a missing runtime is found before any window opens.

    ``OpenXRBackend(app_name, graphics)`` creates the instance and finds the headset (no GL needed);
    ``start(reference)`` then shares the OpenGL context current on this thread (Panda3D's) and creates the
    session, spaces, swapchains and actions. ``graphics`` ("egl" or "glx") must match that context's kind.
    """

    def __init__(self, app_name: str, graphics: str) -> None:
        self._owned: list = []
        self.graphics = graphics
        try:
            self.instance = self._own(Instance(app_name, graphics))
            self.runtime = self.instance.runtime
            self.system = System(self.instance)
            self.system_name = self.system.name
        except BaseException:
            self.destroy()
            raise

    def start(self, reference: str) -> None:
        try:
            try:
                kind, binding = current_binding()
            except (RuntimeError, OSError) as exc:
                raise XrUnavailable(f"no current OpenGL context to share with OpenXR ({exc})") from exc
            if kind != self.graphics:
                raise XrUnavailable(f"Panda3D made a {kind.upper()} context but OpenXR was set up for {self.graphics}")
            self.session = self._own(Session(self.instance, self.system, binding))
            self.spaces = self._own(Spaces(self.session, reference))
            self.reference_space = self.spaces.kind.name
            fmt = choose_format(list(xr.enumerate_swapchain_formats(self.session.handle)))
            self.swapchain_format = FORMAT_NAMES[fmt]
            self.swapchains = [self._own(Swapchain(self.session, v.width, v.height, fmt)) for v in self.system.views]
            self.eye_sizes = [(s.width, s.height) for s in self.swapchains]
            self.actions = self._own(Actions(self.session, self.spaces))
        except BaseException:
            self.destroy()
            raise

    def _own(self, obj):
        self._owned.append(obj)
        return obj

    running = property(lambda self: self.session.running)
    focused = property(lambda self: self.session.focused)
    done = property(lambda self: self.session.done)
    lost = property(lambda self: self.session.lost)
    states_seen = property(lambda self: self.session.states_seen)
    exit_requested = property(lambda self: self.session.exit_requested)

    def poll(self) -> None:
        self.session.poll_events()

    def wait_frame(self) -> FrameTiming:
        return self.session.wait_frame()

    def begin_frame(self) -> None:
        self.session.begin_frame()

    def end_frame(self, display_time: int, views: list[EyeView] | None) -> None:
        """Submit one projection layer (both eyes' images with the poses they were rendered from), or none."""
        if views is None:
            self.session.end_frame(display_time, [])
            return
        proj_views = (xr.CompositionLayerProjectionView * len(views))()
        for pv, view, chain in zip(proj_views, views, self.swapchains, strict=True):
            pv.type = xr.StructureType.COMPOSITION_LAYER_PROJECTION_VIEW
            pv.pose, pv.fov = view.raw.pose, view.raw.fov
            pv.sub_image.swapchain = chain.handle
            pv.sub_image.image_rect.offset = xr.Offset2Di(0, 0)
            pv.sub_image.image_rect.extent = xr.Extent2Di(chain.width, chain.height)
        layer = xr.CompositionLayerProjection(space=self.spaces.app, views=proj_views)
        header = ctypes.cast(ctypes.pointer(layer), ctypes.POINTER(xr.CompositionLayerBaseHeader))
        self.session.end_frame(display_time, [header])

    def locate_views(self, display_time: int) -> list[EyeView] | None:
        return self.spaces.locate_views(display_time)

    def locate_head(self, display_time: int) -> Pose | None:
        return self.spaces.locate(self.spaces.view, display_time)

    def acquire(self, eye: int) -> int:
        return self.swapchains[eye].acquire()

    def release_all(self) -> None:
        for chain in self.swapchains:
            chain.release()

    def read_input(self, display_time: int) -> InputFrame:
        return self.actions.read(display_time)

    def interaction_profiles(self) -> dict[str, str]:
        return self.actions.current_profiles()

    def haptic(self, hand: str, amplitude: float, duration_s: float) -> None:
        self.actions.haptic(hand, amplitude, duration_s)

    def request_exit(self) -> None:
        self.session.request_exit()

    def destroy(self) -> None:
        """Destroy in reverse order of creation; safe to call twice and after a failed construction."""
        while self._owned:
            self._owned.pop().destroy()
