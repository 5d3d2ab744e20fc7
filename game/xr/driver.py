"""Runs XR inside Panda3D's task loop: one frame of OpenXR per Panda3D frame, paced by xrWaitFrame.

Two tasks bracket Panda3D's render task (``igLoop``, sort 50): *xr-sync* polls events, waits for the runtime's
frame slot, locates the eyes, head and hands, turns input into locomotion and acquires both swapchain images;
Panda3D then draws each eye straight into its image (see :mod:`game.xr.eyes`); *xr-submit* releases the images
and ends the frame with the poses the eyes were rendered from. Frames the runtime says not to render (or with
no tracking) are ended with no layers, as the spec requires.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import replace

from panda3d.core import NodePath

from game.tasks import XR_SUBMIT, XR_SYNC
from game.xr.arc import ArcResult, SegmentQuery, cast_arc, ground_plane, sample_arc
from game.xr.axes import Pose, heading_deg, position_to_xr, quat_to_xr, srgb_to_linear
from game.xr.backend import XrBackend
from game.xr.bindings import HANDS, LEFT, RIGHT
from game.xr.comfort import ComfortSettings, Vignette
from game.xr.eyes import EyeTarget
from game.xr.glcontext import GL
from game.xr.intents import InputFrame, IntentMapper, Intents
from game.xr.locomotion import Rig, recentre, teleport_to, turn_about
from game.xr.panels import Pointable, WorldPanel, menu_buttons
from game.xr.raycast import nearest_hit
from game.xr.rig import StereoRig
from game.xr.visuals import Visuals

XR_SYNC_SORT = XR_SYNC  # after world logic and UI updates, before Panda3D renders (igLoop is 50)
LASER_LENGTH_M = 4.0
#: The menu opens 1 m ahead and 0.3 m below the eyes, where a tablet would be held: easy to read and to point at.
MENU_DISTANCE_M = 1.0
MENU_DROP_M = 0.3

SKY_LINEAR = srgb_to_linear((0.55, 0.7, 0.9, 1.0))  # behind everything when the scene has no sky of its own

InputFilter = Callable[[int, InputFrame], InputFrame]


class XrDriver:
    """Owns the rig, eye targets, visuals and the two tasks; ``destroy()`` releases them (not the backend)."""

    def __init__(self, base, backend: XrBackend, world: NodePath, settings: ComfortSettings, *,
                 collide: SegmentQuery | None = None, frames: int | None = None, capture: bool = False,
                 text: Callable[[str], str] = str, font=None, input_filter: InputFilter | None = None,
                 clear_color: tuple[float, float, float, float] = SKY_LINEAR) -> None:  # fmt: skip
        self.base, self.backend, self.world, self.settings = base, backend, world, settings
        self.collide = collide or ground_plane(0.0)
        self.frames, self.capture, self.text, self.input_filter = frames, capture, text, input_filter
        self.gl = GL()
        eye_offset = settings.seated_eye_height_m if backend.reference_space == "LOCAL" else 0.0
        self.rig = StereoRig(world, eye_offset)
        self.eyes = [
            EyeTarget(base, f"xr-eye-{i}", cam, size, -100 + i, self.gl, clear_color)
            for i, (cam, size) in enumerate(zip(self.rig.eyes, backend.eye_sizes, strict=True))
        ]
        self.visuals = Visuals(world, self.rig.head)
        self.mapper = IntentMapper(settings)
        self.vignette = Vignette(settings)
        self.rig_state = Rig()
        self.anchor = Rig()
        self.menu = WorldPanel(world, "xr-menu", 0.8, 0.55, menu_buttons(), self._menu_click, font)
        self._refresh_menu()
        self.pointables: list[Pointable] = [self.menu]
        self.frame_index = 0
        self.profiles: dict[str, str] = {}
        self.frames_submitted = 0
        self.head_poses: list[dict] = []
        self.events: list[dict] = []
        self.cpu_ms: list[float] = []
        self.period_ns = 0
        self._open = None
        self._views = None
        self._last_display_time = 0
        self._aim: ArcResult | None = None
        self.pressed_frame = -1  # the last frame the laser pressed a panel (a trigger pull is the laser's there)
        # Features that read the hands every frame (the bell's pull, game.xr.bell_pull): (input, dt) after locomotion
        self.gestures: list[Callable[[InputFrame, float], None]] = []
        self._head: Pose | None = None
        self._held_haptic: tuple[str, float, float] | None = None  # an alert's pulse waiting for focus
        self._t0 = 0.0
        # The desktop window shows nothing in XR (the headset is the display): skip its scene pass, and any
        # off-screen pass that renders through the desktop camera (e.g. simplepbr's post-processing input).
        for dr in base.win.get_display_regions():
            dr.set_active(False)
        base.cam.node().set_active(False)
        self._tasks = [
            base.taskMgr.add(self._sync, "xr-sync", sort=XR_SYNC_SORT),
            base.taskMgr.add(self._submit, "xr-submit", sort=XR_SUBMIT),
        ]

    # --- public API -------------------------------------------------------------------------------------
    @property
    def head_panel(self) -> NodePath:
        """Head-locked node for the alert overlay, captions and signing panel (aspect2d-like units)."""
        return self.rig.head_panel

    @property
    def finished(self) -> bool:
        return self.backend.done

    def haptic(self, hand: str = "both", amplitude: float = 0.8, duration_s: float = 0.2, *,
               hold: bool = False) -> None:  # fmt: skip
        """Buzz one controller (LEFT/RIGHT path) or both. The runtime takes haptics only while the session is
        focused; out of focus (the runtime's own menu is up, the headset just put on) a pulse is dropped, or with
        ``hold`` (an alert, which the visitor must feel) kept and given as soon as focus returns."""
        if not self.backend.focused:
            if hold:
                self._held_haptic = (hand, amplitude, duration_s)
            return
        for h in HANDS if hand == "both" else (hand,):
            self.backend.haptic(h, amplitude, duration_s)
            self.events.append({"frame": self.frame_index, "haptic": h})

    def give_held_haptic(self) -> None:
        """The pulse :meth:`haptic` held while out of focus, now (called each focused frame)."""
        if self._held_haptic is not None and self.backend.focused:
            held, self._held_haptic = self._held_haptic, None
            self.haptic(*held)

    def register(self, panel: Pointable) -> None:
        """Make a world-space panel operable with the laser pointer."""
        self.pointables.append(panel)

    def place_at(self, anchor: Rig) -> None:
        """Stand the visitor's head at ``anchor`` (its position on the floor, its facing), wherever they stand in
        the play area, and make it where recentring returns to (entering a room, coming back out)."""
        self.anchor = anchor
        if self._head is None:
            self.rig_state = anchor
        else:
            head_local = self._head_local(self._head)
            self.rig_state = recentre(self.rig_state, head_local, heading_deg(self._head.orientation), anchor)
        self.rig.set_rig(self.rig_state)
        self.vignette.pulse()

    def set_settings(self, settings: ComfortSettings) -> None:
        self.settings = settings
        self.mapper.turner.settings = settings
        self.vignette.settings = settings
        self._refresh_menu()

    # --- frame loop -------------------------------------------------------------------------------------
    def _sync(self, task):
        self.backend.poll()
        if self.backend.done or not self.backend.running:
            time.sleep(0.005)  # idle/stopping: nothing paces us, so do not spin
            return task.cont
        timing = self.backend.wait_frame()
        self._t0 = time.perf_counter()
        self.backend.begin_frame()
        self._open = timing
        self.period_ns = timing.period_ns
        self._views = None
        dt = (timing.display_time - self._last_display_time) / 1e9 if self._last_display_time else 0.0
        dt = min(max(dt, 0.0), 0.1)
        self._last_display_time = timing.display_time
        views = self.backend.locate_views(timing.display_time) if timing.should_render else None
        head = self.backend.locate_head(timing.display_time) if views else None
        if views is None or head is None:
            for eye in self.eyes:
                eye.draw_into(0)
            return task.cont
        self._head = head
        self.rig.set_head(head)
        self.rig.set_views(views)
        if self.backend.focused:
            self.give_held_haptic()
            if not self.profiles or "" in self.profiles.values():
                self.profiles = self.backend.interaction_profiles()
            frame = self.backend.read_input(timing.display_time)
            if self.input_filter is not None:
                frame = self.input_filter(self.frame_index, frame)
            for hand, state in ((LEFT, frame.left), (RIGHT, frame.right)):
                self.rig.set_hand(hand, state.aim)
            self._act(self.mapper.update(frame, dt), head, dt)
            for gesture in self.gestures:
                gesture(frame, dt)
        self.visuals.set_vignette(self.vignette.strength)
        self.rig.set_rig(self.rig_state)
        # The desktop camera follows the head: the scene's view-dependent inputs (simplepbr's camera position,
        # shadow focus) and the 3D audio listener read it.
        self.base.camera.set_mat(self.base.render, self.rig.head.get_mat(self.base.render))
        last = self.frames is not None and self.frames_submitted + 1 >= self.frames
        for i, eye in enumerate(self.eyes):
            eye.capture_armed = self.capture and last
            eye.draw_into(self.backend.acquire(i))
        self._views = views
        self.head_poses.append(_pose_record(self.frame_index, head))
        return task.cont

    def _submit(self, task):
        if self._open is None:
            return task.cont
        self.backend.release_all()
        self.backend.end_frame(self._open.display_time, self._views)
        self._open = None
        if self._views is not None:
            self.frames_submitted += 1
            self.cpu_ms.append((time.perf_counter() - self._t0) * 1000)
        self.frame_index += 1
        if self.frames is not None and self.frames_submitted >= self.frames:
            self.backend.request_exit()
        return task.cont

    # --- input → locomotion and UI ----------------------------------------------------------------------
    def _head_local(self, head: Pose) -> tuple[float, float, float]:
        x, y, z = head.position
        return (x, y, z + self.rig.tracking.get_z())

    def _act(self, intents: Intents, head: Pose, dt: float) -> None:
        head_local = self._head_local(head)
        if intents.turn_deg:
            self.rig_state = turn_about(self.rig_state, head_local, intents.turn_deg)
            self.events.append({"frame": self.frame_index, "turn_deg": intents.turn_deg})
            if not self.settings.smooth_turn:
                self.vignette.pulse()
        turn_rate = intents.turn_deg / dt if (dt and self.settings.smooth_turn) else 0.0
        self.vignette.update(0.0, turn_rate, dt)
        self.rig.set_rig(self.rig_state)
        left = self.rig.hands[LEFT]
        if intents.aiming and not left.is_stashed():
            origin = left.get_pos(self.world)
            direction = self.world.get_relative_vector(left, (0, 1, 0))
            points = sample_arc(tuple(origin), tuple(direction))
            self._aim = cast_arc(points, self.collide, self.settings.teleport_max_slope_deg)
            self.visuals.show_arc(self._aim)
        elif not intents.teleport_commit:
            self.visuals.show_arc(None)
        if intents.teleport_commit:
            self.visuals.show_arc(None)
            if self._aim is not None and self._aim.valid:
                target = self._aim.hit.point
                self.rig_state = teleport_to(self.rig_state, head_local, target)
                self.events.append({"frame": self.frame_index, "teleport_to": [round(c, 3) for c in target]})
                self.vignette.pulse()
                self.haptic(LEFT, 0.5, 0.05)
            self._aim = None
        if intents.recentre_pressed:
            self.rig_state = recentre(self.rig_state, head_local, heading_deg(head.orientation), self.anchor)
            self.events.append({"frame": self.frame_index, "recentre": True})
        if intents.menu_pressed:
            self._toggle_menu()
            self.events.append({"frame": self.frame_index, "menu": self.menu.visible})
        self.rig.set_rig(self.rig_state)
        self._point(intents.select_pressed)

    def _point(self, select: bool) -> None:
        right = self.rig.hands[RIGHT]
        if right.is_stashed():
            self.visuals.show_laser(None, None)
            return
        origin = tuple(right.get_pos(self.world))
        direction = tuple(self.world.get_relative_vector(right, (0, 1, 0)))
        rects = [(p, r) for p in self.pointables if (r := p.rect(self.world)) is not None]
        if not rects:
            self.visuals.show_laser(None, None)
            return
        hit = nearest_hit(origin, direction, [r for _, r in rects])
        end = hit.point if hit else tuple(o + d * LASER_LENGTH_M for o, d in zip(origin, direction, strict=True))
        self.visuals.show_laser(origin, end)
        if hit and select:
            panel = next(p for p, r in rects if r.name == hit.name)
            button = panel.click(hit.u, hit.v)
            self.pressed_frame = self.frame_index
            self.events.append({"frame": self.frame_index, "click": hit.name, "button": button,
                                "uv": [round(hit.u, 3), round(hit.v, 3)]})  # fmt: skip

    def _toggle_menu(self) -> None:
        if self.menu.visible:
            self.menu.root.hide()
            return
        head = self.rig.head
        fwd = self.world.get_relative_vector(head, (0, 1, 0))
        fwd.z = 0
        if fwd.length() < 1e-3:
            fwd.set(0, 1, 0)
        fwd.normalize()
        pos = head.get_pos(self.world) + fwd * MENU_DISTANCE_M
        pos.z -= MENU_DROP_M
        self.menu.root.set_pos(self.world, pos)
        self.menu.root.set_h(self.world, math.degrees(math.atan2(-fwd.x, fwd.y)))
        self.menu.root.show()

    def _menu_click(self, key: str) -> None:
        s = self.settings
        if key == "recentre" and self._head is not None:
            head_local = self._head_local(self._head)
            self.rig_state = recentre(self.rig_state, head_local, heading_deg(self._head.orientation), self.anchor)
        elif key == "snap":
            steps = (30.0, 45.0, 90.0)
            nxt = steps[(steps.index(s.snap_turn_deg) + 1) % len(steps)] if s.snap_turn_deg in steps else 45.0
            self.set_settings(replace(s, snap_turn_deg=nxt))
        elif key == "smooth":
            self.set_settings(replace(s, smooth_turn=not s.smooth_turn))
        elif key == "vignette":
            self.set_settings(replace(s, vignette=not s.vignette))
        elif key == "close":
            self.menu.root.hide()

    def _refresh_menu(self) -> None:
        on_off = {True: self.text("xr.on"), False: self.text("xr.off")}
        self.menu.set_label("recentre", self.text("xr.recentre"))
        self.menu.set_label("snap", self.text("xr.snap_turn").format(deg=int(self.settings.snap_turn_deg)))
        self.menu.set_label("smooth", self.text("xr.smooth_turn").format(state=on_off[self.settings.smooth_turn]))
        self.menu.set_label("vignette", self.text("xr.vignette").format(state=on_off[self.settings.vignette]))
        self.menu.set_label("close", self.text("xr.close"))

    def report(self) -> dict:
        return {
            "frames_submitted": self.frames_submitted,
            "head_poses": self.head_poses,
            "events": self.events,
            "rig": {"x": self.rig_state.x, "y": self.rig_state.y, "z": self.rig_state.z,
                    "heading": self.rig_state.heading},
            "cpu_ms_per_frame": self.cpu_ms,
        }  # fmt: skip

    def destroy(self) -> None:
        # llvmpipe (and real drivers) may still be rasterising the last frame into a swapchain texture; the
        # runtime frees those textures when the swapchains go, so finish all GL work before that can happen.
        self.gl.finish()
        for task in self._tasks:
            self.base.taskMgr.remove(task)
        for eye in self.eyes:
            eye.destroy(self.base)
        self.menu.destroy()
        self.visuals.destroy()
        self.rig.destroy()


def _pose_record(frame: int, pose: Pose) -> dict:
    """A head pose for the report, in OpenXR's own axes (what the runtime gave) and Panda3D's (what drew)."""
    return {
        "frame": frame,
        "panda": {"position": [round(c, 5) for c in pose.position],
                  "quat_wxyz": [round(c, 5) for c in pose.orientation]},
        "openxr": {"position": [round(c, 5) for c in position_to_xr(*pose.position)],
                   "quat_xyzw": [round(c, 5) for c in quat_to_xr(*pose.orientation)]},
    }  # fmt: skip
