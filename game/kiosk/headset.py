"""Kiosk mode in the headset (``--kiosk --xr``): the desktop kiosk's idle timer and visit wipe around the XR driver.

While idle, a KO/EN start prompt sits on the head-locked panel; any controller input (trigger, teleport, turn
stick, menu, recentre) starts a visit; ``idle_timeout_s`` without input ends it: the rig goes back to where and
how the kiosk started, the comfort settings back to the operator's, the menu closes. Alerts target the kiosk's
physical location in the site's languages (:func:`game.kiosk.settings.alert_options`). Visit starts and ends go to
the driver's event log (``events`` in ``xr.json``) as ``{"frame": n, "kiosk": "visit_start" | "visit_end", ...}``.

:func:`has_input` and :func:`comfort_changes` are pure; :class:`HeadsetKiosk` needs a driver.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, fields
from typing import Any

from game.kiosk.idle import IdleTimer
from game.kiosk.settings import KioskSettings
from game.kiosk.visit import Visit, wipe
from game.xr.comfort import ComfortSettings
from game.xr.intents import InputFrame

log = logging.getLogger(__name__)

STICK_DEADZONE = 0.25  # a resting stick drifts; a deliberate push goes well past this
MAX_DT_S = 0.25  # a stalled frame must not wipe a visit in one step
PROMPT_Z = -0.35  # below the centre of view on the head panel, clear of the alert banner at the top
PROMPT_SCALE = 0.07


def has_input(frame: InputFrame) -> bool:
    """Did the visitor do anything this frame: a button held or a stick pushed on either controller."""
    if frame.menu or frame.recentre:
        return True
    for hand in (frame.left, frame.right):
        if hand.teleport or hand.select or max(abs(hand.stick[0]), abs(hand.stick[1])) > STICK_DEADZONE:
            return True
    return False


def comfort_changes(defaults: ComfortSettings, current: ComfortSettings) -> dict[str, object]:
    """The comfort settings the visitor changed (name -> their value)."""
    return {f.name: getattr(current, f.name) for f in fields(defaults)
            if getattr(current, f.name) != getattr(defaults, f.name)}  # fmt: skip


class HeadsetKiosk:
    """Attract (prompt shown) ↔ visit, driven by the driver's controller input and the frame clock."""

    def __init__(self, driver: Any, settings: KioskSettings, font: Any = None) -> None:
        self.driver, self.settings = driver, settings
        self.languages = settings.languages
        self.idle = IdleTimer(settings.idle_timeout_s)
        self.visit = Visit(self.languages[0])
        self.home = driver.rig_state  # where and how the kiosk stands: every visit starts here
        self.defaults: ComfortSettings = driver.settings  # the operator's comfort settings
        self.in_visit = False
        self.visits = 0
        self._input = False
        self.prompt = self._build_prompt(font)
        self._task = driver.base.taskMgr.add(self._update, "kiosk-headset", sort=_sort_after_sync())

    def _build_prompt(self, font: Any) -> Any:
        from panda3d.core import TextNode

        from game.text import i18n

        node = TextNode("kiosk-start-prompt")
        node.set_text("\n".join(i18n.text("kiosk.start_prompt", lang) for lang in self.languages))
        node.set_align(TextNode.A_center)
        node.set_text_color(1, 1, 1, 1)
        node.set_card_color(0, 0, 0, 0.6)
        node.set_card_as_margin(0.4, 0.4, 0.2, 0.2)
        if font is not None:
            node.set_font(font)
        np = self.driver.head_panel.attach_new_node(node)
        np.set_scale(PROMPT_SCALE)
        np.set_pos(0, 0, PROMPT_Z)
        np.set_bin("fixed", 60)
        np.set_depth_test(False)
        np.set_depth_write(False)
        return np

    def filter(self, index: int, frame: InputFrame) -> InputFrame:
        """An ``input_filter`` for :func:`game.xr.run.run_xr`: notes whether the visitor did anything."""
        self._input = self._input or has_input(frame)
        return frame

    def _update(self, task: Any) -> int:
        dt = min(max(self.driver.base.clock.get_dt(), 0.0), MAX_DT_S)
        touched, self._input = self._input, False
        if touched:
            if not self.in_visit:
                self.start_visit()
            self.idle.touch()
        elif self.in_visit and self.idle.advance(dt):
            self.end_visit()
        return task.cont

    def start_visit(self) -> None:
        self.in_visit = True
        self.visits += 1
        self.idle.start()
        self.prompt.hide()
        self._event("visit_start")

    def end_visit(self) -> None:
        d = self.driver
        r = d.rig_state
        if (r.x, r.y, r.z, r.heading) != (self.home.x, self.home.y, self.home.z, self.home.heading):
            self.visit.position = (r.x, r.y, r.heading)
        self.visit.settings = comfort_changes(self.defaults, d.settings)
        self.visit, report = wipe(self.visit, self.languages[0])
        d.rig_state = self.home
        d.rig.set_rig(self.home)
        if d.settings != self.defaults:
            d.set_settings(self.defaults)
        d.menu.root.hide()
        d.visuals.show_arc(None)
        self.in_visit = False
        self.idle.stop()
        self.prompt.show()
        log.info("visit ended: moved=%s, reset settings %s", report.moved, ", ".join(report.reset_settings) or "-")
        self._event("visit_end", moved=report.moved, reset_settings=list(report.reset_settings),
                    rig=asdict(self.home))

    def _event(self, what: str, **extra: Any) -> None:
        self.driver.events.append({"frame": self.driver.frame_index, "kiosk": what, **extra})

    def release(self) -> None:
        self.driver.base.taskMgr.remove(self._task)
        self.prompt.remove_node()


def _sort_after_sync() -> int:
    from game.xr.driver import XR_SYNC_SORT

    return XR_SYNC_SORT + 1  # input of this frame is read; the rig reset is drawn this frame
