"""The OpenXR session: its life-cycle state machine and the wait/begin/end frame calls.

OpenXR drives the session: the app must begin it on READY, end it on STOPPING, and leave on EXITING or
LOSS_PENDING (the runtime or headset went away). Every state seen is recorded for the capture report; the
driver asks only ``running`` (frames may be submitted), ``focused`` (input is ours) and ``done`` (tear down).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import xr

from game.xr.instance import Instance
from game.xr.system import VIEW_CONFIGURATION, System


@dataclass(frozen=True)
class FrameTiming:
    display_time: int
    period_ns: int
    should_render: bool


class Session:
    """Owns the ``XrSession``; ``binding`` is an OpenGL graphics-binding struct chained as ``next``."""

    def __init__(self, instance: Instance, system: System, binding: ctypes.Structure) -> None:
        self.instance = instance
        self.system = system
        self._binding = binding  # the runtime may read it during creation only, but keep it alive with us
        info = xr.SessionCreateInfo(system_id=system.id, next=ctypes.cast(ctypes.pointer(binding), ctypes.c_void_p))
        self.handle = xr.create_session(instance.handle, info)
        self.state = xr.SessionState.IDLE
        self.states_seen: list[str] = []  # as reported by the runtime, in order
        self.running = False
        self.done = False
        self.lost = False
        self.exit_requested = False
        self.profile_changed = False

    @property
    def focused(self) -> bool:
        return self.state == xr.SessionState.FOCUSED

    def poll_events(self) -> None:
        """Drain the event queue, following state changes as the spec requires."""
        while True:
            try:
                event = xr.poll_event(self.instance.handle)
            except xr.EventUnavailable:
                return
            kind = xr.StructureType(event.type)
            if kind == xr.StructureType.EVENT_DATA_INSTANCE_LOSS_PENDING:
                self.lost = self.done = True
            elif kind == xr.StructureType.EVENT_DATA_INTERACTION_PROFILE_CHANGED:
                self.profile_changed = True
            elif kind == xr.StructureType.EVENT_DATA_SESSION_STATE_CHANGED:
                changed = ctypes.cast(ctypes.byref(event), ctypes.POINTER(xr.EventDataSessionStateChanged)).contents
                self._on_state(xr.SessionState(changed.state))

    def _on_state(self, state: xr.SessionState) -> None:
        self.state = state
        self.states_seen.append(state.name)
        if state == xr.SessionState.READY:
            xr.begin_session(self.handle, xr.SessionBeginInfo(primary_view_configuration_type=VIEW_CONFIGURATION))
            self.running = True
        elif state == xr.SessionState.STOPPING:
            self.running = False
            xr.end_session(self.handle)
        elif state == xr.SessionState.LOSS_PENDING:
            self.running = False
            self.lost = self.done = True
        elif state == xr.SessionState.EXITING:
            self.done = True

    def request_exit(self) -> None:
        """Ask the runtime to wind the session down (it then goes STOPPING → IDLE → EXITING)."""
        if self.running and not self.exit_requested:
            self.exit_requested = True
            xr.request_exit_session(self.handle)

    def wait_frame(self) -> FrameTiming:
        """Block until the runtime wants the next frame: this is what paces the loop, not vsync."""
        state = xr.wait_frame(self.handle, xr.FrameWaitInfo())
        return FrameTiming(state.predicted_display_time, state.predicted_display_period, bool(state.should_render))

    def begin_frame(self) -> None:
        xr.begin_frame(self.handle, xr.FrameBeginInfo())

    def end_frame(self, display_time: int, layers: list) -> None:
        info = xr.FrameEndInfo(display_time=display_time, environment_blend_mode=self.system.blend_mode, layers=layers)
        xr.end_frame(self.handle, info)

    def destroy(self) -> None:
        if self.handle is not None:
            xr.destroy_session(self.handle)
            self.handle = None
