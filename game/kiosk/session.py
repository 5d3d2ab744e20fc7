"""Kiosk mode wired to the app: attract loop ↔ visits, idle wipe, the alert feed in every site language, the
offline badge, the visitor's help request, and the window locked against leaving.

States (the app's one :class:`game.flow.Flow`): ``attract`` (camera tour, captions, narration, start prompt) →
any button → ``explore`` (a visit; teleport/info panels as on the desktop) → idle timeout → back to ``attract``
with the visit wiped. Alerts are an overlay above either state, so an alert arriving during the attract loop is
shown to passers-by and one arriving during a visit does not throw the visitor out. Visitors cannot quit: Escape
and the window's close button do nothing; only the operator's key combination (settings ``exit_keys``) exits,
with status 0, which the watchdog takes as "stop".
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from direct.showbase.DirectObject import DirectObject

from game import access_aids, audio_mix, caption_style, tasks
from game.alerts.model import Alert
from game.input.stack import WORLD, Press
from game.kiosk.attract import AttractLoop
from game.kiosk.feed import LastContact
from game.kiosk.idle import IdleTimer
from game.kiosk.settings import KioskSettings, exit_event
from game.kiosk.settings import data_dir as kiosk_data_dir
from game.kiosk.visit import Visit, wipe
from game.text import i18n
from net.clock import timestamp

log = logging.getLogger("mseoul.kiosk")

MOUSE_MOVE_EPS = 0.01  # a touch drag or mouse move counts as activity during a visit
TOAST_S = 5.0


class _NarrationSpeech:
    """The alert controller's :class:`game.alerts.hooks.Speech` on the kiosk's one speech worker: non-blocking,
    returns where the WAV will be, which the controller plays once it exists."""

    def __init__(self, service: Any) -> None:
        self.service = service

    def say(self, text: str, lang: str) -> Path | None:
        self.service.submit(text, lang)
        return self.service.wav_path(text, lang)


class KioskAids:
    """The kiosk's voice and signing (the ``kiosk_aids`` feature; :class:`game.live_alerts.LiveAlerts` takes it as
    ``aids``): one speech worker for the attract narration and the alerts (none offscreen or in a frozen build,
    where captions carry the words), the signing avatar beside the alert, solved a sign a frame after the first
    frame (an alert sooner still shows captions and pictogram at once, and signs what is solved), and the
    operator's access settings (sound mix, caption style, assistive-technology output)."""

    def __init__(self, app: Any, settings: KioskSettings, *, narrate: bool) -> None:
        self.base = app.base
        access = settings.access
        self.service = _start_speech(kiosk_data_dir(settings) / "cache" / "speech") if narrate else None
        self.speech = _NarrationSpeech(self.service) if self.service is not None else None
        self.signing = access_aids.signing_panel(app.base, access, app.font, settings.languages[0])
        self.mix = audio_mix.from_settings(access)
        self.caption_style = caption_style.from_settings(access)
        self.announce = access_aids.assistive_output(access).announce
        self._warm_up = self.signing.warm_up()
        self._warm_task = app.base.taskMgr.add(self._warm_step, "kiosk-signing-warm-up", sort=tasks.BACKGROUND)

    def _warm_step(self, task):
        """One sign of the templates per frame, from the second frame on (the first is drawn before any)."""
        if task.frame < 1:
            return task.cont
        return task.cont if next(self._warm_up, None) is not None else task.done

    def release(self) -> None:
        self.base.taskMgr.remove(self._warm_task)
        self.signing.destroy()
        if self.service is not None:
            self.service.shutdown()


def _start_speech(cache: Path) -> Any:
    if getattr(sys, "frozen", False):
        return None  # a frozen build cannot spawn a Python worker process; captions carry the words
    try:
        from game.speech.service import SpeechService

        service = SpeechService(cache)
        service.start()
        return service
    except Exception as exc:  # noqa: BLE001 - narration is a nicety; the kiosk runs without it
        log.warning("narration unavailable: %s", exc)
        return None


class KioskSession(DirectObject):
    """The ``kiosk_session`` feature: the attract loop, visits, the help request and the locked window, over the
    kiosk's voice (``speech``, the worker or None), its alerts (``alerts``, from the ``kiosk_alerts`` feature) and
    the city's services (``desk``, from ``civic_desk``; None offline with no city link)."""

    def __init__(self, app: Any, settings: KioskSettings, data_dir: Path, *, speech: Any, alerts: Any,
                 desk: Any = None, clock: Callable[[], float] = timestamp) -> None:
        super().__init__()
        self.app, self.base, self.settings = app, app.base, settings
        self.languages = settings.languages
        self.clock = clock
        self.visit = Visit(self.languages[0])
        self.idle = IdleTimer(settings.idle_timeout_s)
        self.loop = AttractLoop.over([(lid, app.scene.view(lid)) for lid in app.landmarks], settings.attract_stop_s)
        self.contact = LastContact(data_dir / "live" / "city-contact.json")
        self.cache_dir = data_dir / "cache"
        self.explore: Any = None
        self.easy: Any = None  # game.easy_mode.EasyMode during a visit
        self.mix = audio_mix.from_settings(settings.access)  # narration and alert voices, mono and volume
        self.form: Any = None
        self.toast: Any = None
        self._toast_t = 0.0
        self.stats = {"frames": 0, "visits": 0, "wipes": 0, "alerts_received": 0, "alerts_shown": 0,
                      "requests": 0, "shots": 0, "narrations": 0, "alert_voices": 0, "refused_exits": 0}
        self.speech, self.alerts = speech, alerts
        self.desk = desk  # game.civic.desk.CivicDesk: a visit reaches City Hall's rooms and the spaces through it
        self._narration_id: int | None = None
        self._alert_voice_id: int | None = None  # an alert read out in a further site language, on its turn
        self._sounds: list[Any] = []  # attract narration
        self._alert_sounds: list[Any] = []  # alert voices in further languages
        self._mouse: tuple[float, float] | None = None
        self._devices: list[Any] = []  # gamepads attached to the data graph (Panda3D objects: no hashing)
        self._operator_exit = self.base.userExit
        self._build_views()

    # -- set-up ------------------------------------------------------------------------------------------------
    def _build_views(self) -> None:
        from ui.kiosk.attract_view import AttractView
        from ui.kiosk.badge import StatusBadge

        b = self.base
        self.attract_view = AttractView(b.aspect2d, b.a2dBottomLeft, b.a2dTopLeft, self.app.font,
                                        self.settings.site_name, self.languages,
                                        caption_style.from_settings(self.settings.access))
        self.badge = StatusBadge(b.a2dTopRight, self.app.font, self.languages)

    def lock_window(self) -> None:
        """Undecorated window covering the display (a "windowed fullscreen": no mode switch, instant restarts),
        cursor hidden, close button ignored."""
        from panda3d.core import WindowProperties

        win = self.base.win
        if self.app.config.offscreen or not hasattr(win, "setCloseRequestEvent"):
            return  # an offscreen buffer has no window to lock
        win.setCloseRequestEvent("kiosk-close-request")
        self.accept("kiosk-close-request", self._refuse_exit)
        props = WindowProperties()
        props.setUndecorated(True)
        props.setOrigin(0, 0)
        pipe = self.base.pipe
        if pipe.getDisplayWidth() > 0:
            props.setSize(pipe.getDisplayWidth(), pipe.getDisplayHeight())
        props.setCursorHidden(True)
        win.requestProperties(props)

    def start(self) -> None:
        """Lock the window, listen to every input device, enter the attract loop (the city link, opened with the
        session, connects in the background and never blocks)."""
        self.lock_window()
        self.base.userExit = self._refuse_exit  # the window's close button etc.: visitors cannot leave
        self._attach_gamepads()
        self.app.keys.observers.append(self.on_input)
        self.app.keys.push(self, WORLD)  # under the visit's street layer: H asks for help
        self.accept("connect-device", self._device_connected)
        self.app.flow.on_enter("attract", lambda _a, _b: self._enter_attract())
        self.app.flow.go("attract")
        self.base.taskMgr.add(self._update, "kiosk-update", sort=WORLD + 1)

    def _attach_gamepads(self) -> None:
        from panda3d.core import InputDevice

        for device in self.base.devices.getDevices(InputDevice.DeviceClass.gamepad):
            self._devices.append(device)
            self.base.attachInputDevice(device, prefix="gamepad")
        self.app.input.attach()

    def _device_connected(self, device: Any) -> None:
        """A gamepad plugged in while running: its buttons start a visit too."""
        from panda3d.core import InputDevice

        if device.device_class == InputDevice.DeviceClass.gamepad and device not in self._devices:
            self._devices.append(device)
            self.base.attachInputDevice(device, prefix="gamepad")
            self.app.input.attach()

    # -- input and exits ---------------------------------------------------------------------------------------
    def _refuse_exit(self) -> None:
        self.stats["refused_exits"] += 1

    def operator_exit(self) -> None:
        log.info("operator exit")
        self._operator_exit()

    modal = False
    text_focus = False

    def on_input(self, press: Press) -> None:
        """Every press of every device is seen here first: the operator's chord exits, any other starts a visit
        from the attract loop (unless an alert on screen takes it) or keeps the visit alive."""
        if press.key == exit_event(self.settings.exit_keys):
            self.operator_exit()
        elif self.app.flow.state == "attract" and not self.alerts.shown:
            self.start_visit()
        else:
            self.idle.touch()

    def on_key(self, press: Press) -> bool:
        if "help-request" in press:
            self.open_request()
            return True
        return False

    def on_text(self, ch: str) -> bool:
        return False

    # -- visits ------------------------------------------------------------------------------------------------
    def start_visit(self) -> None:
        from game.easy_mode import EasyMode
        from game.explore import Explore

        self._stop_narration()
        self.app.flow.go("explore")
        self.explore = Explore(self.app, self.loop.shot.landmark_id, refuse_quit=self._refuse_exit)
        self.explore.set_help("kiosk.visit_help", self.languages)
        if self.desk is not None:  # the teleport menu and E reach City Hall's rooms and the spaces (issue 20)
            self.explore.city = (self.desk, None)
        self.easy = EasyMode(self.app, self.explore, default=self.settings.easy_mode)  # the operator's default
        self.idle.start()
        self.stats["visits"] += 1
        log.info("visit started")

    def open_request(self) -> None:
        """The visitor's help request form (explore state only): a focused text field on the input stack, so typed
        keys reach nothing else."""
        from ui.kiosk.request_form import RequestForm

        if self.explore is None or self.form is not None or self.app.flow.state != "explore":
            return
        lang = self.explore.lang
        self.form = RequestForm(self.base.aspect2d, self.app.font, lang, self._submit_request, self._close_request,
                                keys=self.app.keys)
        self.explore._open("info", self.form)

    def _submit_request(self, text: str) -> None:
        lat, lon = self.settings.location
        args = {"category": "other", "text": text, "lat": lat, "lon": lon,
                "place": self.settings.site_name or "kiosk"}
        rid = self.alerts.request("ticket.create", args)
        self._close_request()
        if rid is not None:
            self.visit.requests.append(rid)
            self.stats["requests"] += 1
            self._show_toast(i18n.text("kiosk.request_saved", self.explore.lang, id=rid[:8]))

    def _close_request(self) -> None:
        if self.form is not None and self.explore is not None:
            self.form = None
            self.explore._close()  # destroys the form (the explore panel) and rebinds explore's keys

    def end_visit(self) -> None:
        """Idle timeout: forget everything about this visitor and go back to the attract loop."""
        ex = self.explore
        if ex is not None:
            w = ex.walker
            self.visit.position = (w.x, w.y, w.heading)
            if ex.lang != self.languages[0]:
                self.visit.settings["language"] = ex.lang
        if self.form is not None:
            self.visit.typed = self.form.typed
            self.form = None
        if self.app.flow.state in ("teleport", "info"):
            self.app.flow.go("explore")
        if ex is not None and ex.visit is not None:
            ex.leave_room()  # a visitor gone from inside a room: out to the street, then the wipe
        if ex is not None:
            self.easy.release()
            ex.release()
            self.explore = None
        self.visit, report = wipe(self.visit, self.languages[0])
        self.stats["wipes"] += 1
        log.info("visit wiped: %s", report)
        self._hide_toast()
        self.app.flow.go("attract")

    def _enter_attract(self) -> None:
        self.idle.stop()
        self.loop.restart()
        self._new_shot()

    def _new_shot(self) -> None:
        lm = self.app.landmarks[self.loop.shot.landmark_id]
        self.attract_view.show_landmark(lm)
        self.stats["shots"] += 1
        if self.speech is not None:
            lang = self.languages[self.stats["shots"] % len(self.languages)]
            text = i18n.text("kiosk.narration", lang, name=lm.name(lang), description=lm.description[lang])
            self._stop_narration()
            self._narration_id = self.speech.submit(text, lang)

    def _stop_narration(self) -> None:
        self._narration_id = None
        for sound in self._sounds:
            sound.stop()
        self._sounds = []

    def _show_toast(self, text: str) -> None:
        from direct.gui.DirectGui import OnscreenText

        self._hide_toast()
        self.toast = OnscreenText(parent=self.base.aspect2d, text=text, font=self.app.font, pos=(0, -0.6),
                                  scale=0.05, fg=(1, 1, 1, 1), bg=(0.05, 0.3, 0.12, 0.9))
        self._toast_t = TOAST_S

    def _hide_toast(self) -> None:
        if self.toast is not None:
            self.toast.destroy()
            self.toast = None

    # -- alerts ------------------------------------------------------------------------------------------------
    def received(self, alert: Alert, source: str, outcomes: set[str]) -> None:
        self.stats["alerts_received"] += 1
        self._stop_narration()  # the alert's cue and voice must not compete with a landmark's story
        log.info("alert %s from %s: %s", alert.identifier, source, ", ".join(sorted(outcomes)))
        if "presented" in outcomes:
            self.stats["alerts_shown"] += 1

    def alert_turn(self, lang: str, controller: Any) -> None:
        """A further site language's turn (the first one's controller voices it with the attention cue): the
        alert read out in that language."""
        if self.speech is not None:
            p = controller.shown.presentation
            for sound in self._alert_sounds:
                sound.stop()
            self._alert_sounds = []
            self._alert_voice_id = self.speech.submit(p.caption_text, p.lang)

    @property
    def alert_on_screen(self) -> str | None:
        """Language of the alert overlay currently visible, or None."""
        return self.alerts.on_screen

    # -- the frame ---------------------------------------------------------------------------------------------
    def _update(self, task: Any) -> int:
        dt_s = min(self.base.clock.getDt(), 0.25)
        now = self.clock()
        self.stats["frames"] += 1
        self.contact.update(self.alerts.online, dt_s, now)
        active = bool(self.alerts.active_languages)
        # The alert covers the screen; the attract captions, prompt and badge would only clutter it.
        self.attract_view.set_visible(self.app.flow.state == "attract" and not active)
        self.badge.set_visible(not active)  # the alert's own header (level, drill label) takes that corner
        state = self.app.flow.state
        if state == "attract":
            if self.loop.advance(dt_s):
                self._new_shot()
            camera, target = self.loop.pose()
            self.app.look(camera, target)
            self.attract_view.update(dt_s)
        elif self.explore is not None:
            self._track_visit()
            if self.idle.advance(dt_s):
                self.end_visit()
        if self.toast is not None:
            self._toast_t -= dt_s
            if self._toast_t <= 0:
                self._hide_toast()
        self.badge.update(dt_s, self.contact.live, lambda: self.alerts.pending, now)
        self._play_narration()
        return task.cont

    def _track_visit(self) -> None:
        if self.form is not None:
            self.visit.typed = self.form.typed
        watcher = self.base.mouseWatcherNode
        if watcher is not None and watcher.hasMouse():
            pos = (watcher.getMouseX(), watcher.getMouseY())
            if self._mouse is not None and max(abs(pos[0] - self._mouse[0]), abs(pos[1] - self._mouse[1])) \
                    > MOUSE_MOVE_EPS:
                self.idle.touch()
            self._mouse = pos

    def _play_narration(self) -> None:
        """Play finished speech: the attract narration while still attracting, an alert's voice at once."""
        if self.speech is None:
            return
        for result in self.speech.poll():
            if result.path is None:
                continue
            if result.request_id == self._alert_voice_id:
                self._alert_voice_id = None
                self._play(result.path, "alert_voices")
            elif result.request_id == self._narration_id and self.app.flow.state == "attract" \
                    and self.alert_on_screen is None:
                self._play(result.path, "narrations")

    def _play(self, path: Path, counter: str) -> None:
        from ui import audio

        sound = audio.play(self.base.loader, path, "voice", self.mix, self.cache_dir / "audio")
        if sound is not None:
            (self._sounds if counter == "narrations" else self._alert_sounds).append(sound)
            self.stats[counter] += 1

    # -- shutdown ----------------------------------------------------------------------------------------------
    def release(self) -> None:
        self.base.taskMgr.remove("kiosk-update")
        self.ignoreAll()
        self.app.keys.remove(self)
        if self.on_input in self.app.keys.observers:
            self.app.keys.observers.remove(self.on_input)
        self.base.userExit = self._operator_exit
        if self.explore is not None:
            self.easy.release()
            self.explore.release()
            self.explore = None
        self._hide_toast()
        self._stop_narration()
        for sound in self._alert_sounds:
            sound.stop()
        self.attract_view.destroy()
        self.badge.destroy()
