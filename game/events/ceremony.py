"""The New Year's bell in the street: countdown board at Bosingak, HUD line, strikes heard, captions and ripples.

One task (world logic) follows the hub's clock (:class:`ClockSync` over the city link) and the occurrence's
schedule (``event.schedule``, polled while it matters, which also tells the hub this visitor is still there).
Before midnight it shows the countdown on a board in front of Bosingak and on the HUD, and says it at 10 s; each
strike due on this client's estimate of hub time plays the synthesized bell, attached to the bell in 3D (a visitor
who arrives late hears the strike still ringing from where everyone else is in it; through the visitor's sound
settings), shows the caption ``[보신각 · Bosingak] 종소리 n/33 · bell n/33`` until the next strike (in the caption
style; in a headset by the bell or pointing to it) and sends a ripple out from the bell — flashes held to three a
second. After the last strike the signing avatar signs the New Year's greeting (``assets/ksl/greetings.json``),
captioned in both languages; an alert that needs the panel meanwhile takes it over. What it did is kept in
:meth:`report` for ``--frames N --screenshot OUT.png``.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from direct.gui.OnscreenText import OnscreenText
from direct.showbase.Audio3DManager import Audio3DManager
from panda3d.core import LineSegs, NodePath, Point2, Point3, TextNode, TransparencyAttrib

from game import access_settings, audio_mix, caption_style, captions, tasks
from game.architecture.mesh import box, srgb_to_linear
from game.events import bell, bell_synth, display
from game.events.clock_sync import ClockSync, StrikeScheduler
from game.input.stack import WORLD, Press, dispatch
from game.render.geom import meshes_to_node
from game.signing import templates
from game.signing.timeline import compile_glosses
from game.text import i18n
from net import clock, events
from net.client.link import LinkStatus, ReplyReceived, StatusChanged
from ui import audio, theme
from ui.avatars.node import billboard_label
from ui.caption_line import CaptionLine

SAMPLE_WAIT = 0.005  # seconds a frame may wait for a clock sample's reply (a loopback or LAN round trip)
SCHEDULE_EVERY = 10.0  # seconds between schedule polls while the event matters
BOARD_SHARE = 0.45  # the board stands this far from the bell towards the landmark's viewpoint…
BOARD_ASIDE = 5.0  # …and this many metres to the viewer's right, so it never hides the bell and the log
BOARD_HEIGHT = 2.5
BOARD_SCALE = 0.7
BOARD_BG = (0.42, 0.04, 0.05, 0.92)  # dancheong red, with gold letters
BELL_HEIGHT = 7.5  # where the strike point is when the building does not say (a glTF model)
LOG_LENGTH, LOG_THICKNESS = 2.4, 0.32  # the striking log (당목), metres
CUE_S = 3.0  # seconds before a visitor's own strike when the cue to pull shows
RIPPLE_S, RIPPLE_REACH = 3.0, 40.0
CAPTION_S = 4.0
BEAT_S = 0.15
GREET_AFTER_S = 2.0  # the last strike's caption first, then the greeting


def rehearse_at(when) -> None:
    """``--event E --time T``: the program's one clock (the embedded hub's too) starts at T now, as the ceremony
    opens after the world and the other features, so a rehearsal begins where asked however long they took."""
    os.environ[clock.ENV] = when.isoformat()
    clock.reload()


def _ring(segments: int = 64) -> NodePath:
    lines = LineSegs("bell-ripple")
    lines.setThickness(3.0)
    lines.setColor(*theme.ACCENT)
    for i in range(segments + 1):
        a = 2 * math.pi * i / segments
        (lines.moveTo if i == 0 else lines.drawTo)(math.cos(a), math.sin(a), 0.0)
    return NodePath(lines.create())


class BellCeremony:
    """Install with the city connection; ``forced`` (``--event``) keeps the board up whatever the phase.

    A layer at the street's level of the input stack: ``ring`` (B) asks the hub for the next strike the automatic
    ringer still has; when that strike is near, a cue asks the visitor to pull (B again). The strike sounds at its
    hub time either way — one moment for everyone — and the log swings for every visitor alike."""

    modal = False
    text_focus = False

    def __init__(self, app, city, event_id: str, *, forced: bool = False, speak=None, signing=None,
                 haptic=None, source_caption: Callable[..., Any] | None = None) -> None:
        """``source_caption``: in a headset, makes the captions of a sound source (``(base, source, font, style)``,
        :class:`game.xr.caption.SourceCaption` on the rig's head-locked panel): they then hang by the bell while
        it is in view and are head-locked with an arrow towards it otherwise. The headset's feature hands it in,
        so this module needs nothing of ``game.xr`` (which desktop and kiosk builds leave out)."""
        self.app, self.city, self.forced, self.speak = app, city, forced, speak
        self.signing = signing  # ui.signing.panel.SigningPanel: signs the greeting after the last strike
        self.haptic = haptic  # (hand, amplitude, seconds) in a headset (XrDriver.haptic): each strike felt
        self.spec = events.load_all()[event_id]
        self.sync = ClockSync(send=lambda: city.link.request("time", durable=False))
        self.scheduler: StrikeScheduler | None = None
        self.occ = self.spec.occurrence(clock.timestamp())
        self._schedule_rid: str | None = None
        self._next_poll = float("-inf")
        self.spoken: str | None = None  # what the voice said at 10 s
        self._caption_until = self._beat_until = self._ripple_from = float("-inf")
        self.flashes = display.FlashGate()
        self.heard: list[dict[str, Any]] = []
        self.audio: list[dict[str, Any]] = []
        self.countdowns: list[str] = []
        self._sound_path: Path | None = None
        self._sounds: list[Any] = []
        self._ring_rid: str | None = None
        self.my_beat: int | None = None
        self.pulled: dict[int, float] = {}  # the visitor's strikes pulled, with the pull's force (0..1)
        self._notice: tuple[str, float] | None = None  # (i18n key, shown until: local time)
        self._greet_at: float | None = None  # local time the greeting is due
        self._greeting: Any = None  # the panel's programme while it signs the greeting
        self._signed_to = 0.0  # local time the greeting's signing was last advanced to
        self.greeting: dict[str, Any] | None = None
        self._warming = iter(self._greeting_parts()) if signing is not None else None
        base = app.base
        place = app.landmarks[self.spec.place]
        self.bell_node = self._strike_point(app, place)
        self.log = self.bell_node.attachNewNode(meshes_to_node("dangmok", box(
            (LOG_LENGTH, LOG_THICKNESS, LOG_THICKNESS), (0, 0, -LOG_THICKNESS / 2),
            (*srgb_to_linear("#6b4a2b"), 1.0))))
        app.materials.apply(self.log, "wood")
        self.log_rest = -(self._bell_radius + LOG_LENGTH / 2 + 0.05)
        self.log.setX(self.log_rest)
        cam = app.scene.view(self.spec.place).camera
        dx, dy = cam[0] - place.local[0], cam[1] - place.local[1]
        norm = math.hypot(dx, dy) or 1.0
        self.board, self.board_text = billboard_label(app.world, "bell-board", app.font, theme.ACCENT, BOARD_BG)
        self.board.setPos(place.local[0] + BOARD_SHARE * dx - BOARD_ASIDE * dy / norm,
                          place.local[1] + BOARD_SHARE * dy + BOARD_ASIDE * dx / norm, BOARD_HEIGHT)
        self.board.setScale(BOARD_SCALE)
        self.board.hide()
        self.ripple = _ring()
        self.ripple.reparentTo(self.bell_node)
        self.ripple.setLightOff(1)
        self.ripple.setShaderOff(1)
        self.ripple.setTransparency(TransparencyAttrib.MAlpha)
        self.ripple.hide()
        self.hud = OnscreenText(parent=base.a2dTopCenter, font=app.font, pos=(0, -0.1), scale=0.055,
                                fg=theme.TEXT, bg=(0, 0, 0, 0.55), align=TextNode.ACenter, mayChange=True)
        settings = access_settings.load(app.language.config_dir)  # the visitor's, as the voices and alerts use
        style = caption_style.from_settings(settings)
        if source_caption is None:
            self.caption = CaptionLine(base, app.font, style, bottom=0.22, top=0.3)
        else:  # by the bell, or an arrow to it
            self.caption = source_caption(base, self.bell_node, app.font, style)
        self.cue = OnscreenText(parent=base.a2dTopCenter, font=app.font, pos=(0, -0.18), scale=0.045,
                                fg=theme.ACCENT, bg=(0, 0, 0, 0.55), align=TextNode.ACenter, mayChange=True)
        self.hud.hide()
        self.caption.hide()
        self.cue.hide()
        self.audio3d = Audio3DManager(base.sfxManagerList[0], base.camera, base.render) if base.sfxManagerList else None
        self.mix = audio_mix.from_settings(settings)  # the strikes are effects, in mono if asked
        city.subscribers.append(self._on_link_event)
        self._task = base.taskMgr.add(self._update, "bell-ceremony", sort=tasks.WORLD)
        app.keys.push(self, WORLD)

    def _strike_point(self, app, place) -> NodePath:
        """The bell's striking seat (당좌), in the building's own frame when the building says where its bell is."""
        host = app.scene.landmark_nodes.get(self.spec.place)
        dims = app.scene.buildings[self.spec.place].dims if self.spec.place in app.scene.buildings else {}
        self._bell_radius = dims.get("bell_diameter", 2.3) / 2
        if host is None or "bell_bottom" not in dims:
            node = app.world.attachNewNode("bell")
            node.setPos(place.local[0], place.local[1], BELL_HEIGHT)
            return node
        node = host.attachNewNode("bell")
        node.setPos(0, 0, dims["bell_bottom"] + 0.3 * dims["bell_height"])  # the seat sits low on the body
        return node

    # -- keys ---------------------------------------------------------------------------------------------------

    def on_key(self, press: Press) -> bool:
        return dispatch(press, {"ring": self.ring})

    def on_text(self, ch: str) -> bool:
        return False

    def cue_up(self) -> bool:
        """Whether the visitor's own strike is near and not yet pulled (the cue shows; in VR the rope hangs)."""
        if self.my_beat is None or self.my_beat in self.pulled:
            return False
        return 0 <= self.occ.beats[self.my_beat - 1] - self.hub_now() <= CUE_S

    def ring(self, force: float = 1.0) -> None:
        """B (or a pull on the rope in VR, with its ``force``): pull the log when the cue is up; otherwise ask
        for the next strike still rung automatically."""
        now = self.hub_now()
        if self.my_beat is not None and 0 <= self.occ.beats[self.my_beat - 1] - now <= CUE_S:
            self.pulled[self.my_beat] = force
            self._tell("events.pulled")
            return
        if self.my_beat is not None or self._ring_rid is not None or self.scheduler is None:
            return
        beat = display.next_free_beat(self.scheduler.schedule, now)
        if beat is not None:
            self._ring_rid = self.city.link.request("event.ring", {"event": self.spec.id, "beat": beat},
                                                    durable=False)

    def give_back(self) -> None:
        """Hand one's strike back to the automatic ringer at once (leaving: no need to wait for the hub to notice)."""
        if self.my_beat is not None and self.city.link is not None:
            self.city.link.request("event.unring", {"event": self.spec.id}, durable=False)
        self.my_beat = None

    def _tell(self, key: str, seconds: float = 4.0) -> None:
        self._notice = (key, clock.timestamp() + seconds)

    # -- the hub ------------------------------------------------------------------------------------------------

    def _on_link_event(self, event) -> None:
        if not self.sync.feed([event]):
            return
        if isinstance(event, StatusChanged) and event.status is LinkStatus.CONNECTED:
            self.sync.resync()  # back on the link: the path, and so the delay, may have changed
        if isinstance(event, ReplyReceived) and event.request_id == self._ring_rid:
            self._ring_rid = None
            if event.ok:
                self.my_beat = int(event.result["beat"])
                self._next_poll = float("-inf")  # the schedule now says "you": fetch it
            else:
                self._tell("events.ring_taken" if event.error.get("code") == "conflict" else "events.ring_refused")
        if isinstance(event, ReplyReceived) and event.request_id == self._schedule_rid and event.ok:
            self._schedule_rid = None
            if self.scheduler is None:
                self.scheduler = StrikeScheduler(event.result, self.sync, ring_for=bell_synth.HUM_T60)
            else:
                self.scheduler.update(event.result)
            self.occ = self.spec.occurrence(event.result["starts"])

    def hub_now(self) -> float:
        return self.sync.hub_now() if self.sync.ready else clock.timestamp()

    def menu_entry(self, lang: str) -> tuple[str, str] | None:
        """The teleport menu's entry now: (landmark id, ``New Year's bell — in 8 min``), or None."""
        label = display.menu_label(self.occ, self.hub_now(), lang)
        return None if label is None else (self.spec.place, label)

    # -- every frame --------------------------------------------------------------------------------------------

    def _update(self, task):
        self._warm_greeting()
        link = self.city.link
        if link is None:
            return task.cont
        self.sync.step(self.city.online)
        until = time.monotonic() + SAMPLE_WAIT
        while self.sync.waiting and time.monotonic() < until:
            self.city.poll()  # hands the reply to every subscriber, ours included, at once
        now = self.hub_now()
        if self.occ.phase(now) == "over":
            self.occ = self.spec.occurrence(now)  # next year's (or tomorrow's): start afresh
            self.scheduler, self.spoken, self.my_beat = None, None, None
            self.pulled.clear()
        phase = self.occ.phase(now)
        if self.sync.ready and (phase != "before" or self.occ.start - now <= display.MENU_WITHIN or self.forced):
            local = clock.timestamp()
            if local >= self._next_poll and self._schedule_rid is None:
                self._schedule_rid = link.request("event.schedule", {"event": self.spec.id}, durable=False)
                self._next_poll = local + SCHEDULE_EVERY
        self._show(phase, now)
        if self.scheduler is not None and self.sync.ready:
            for strike in self.scheduler.due():
                self._strike(strike)
        self._animate(now)
        self._prompt(phase, now)
        self._sign_greeting()
        return task.cont

    def _prompt(self, phase: str, now: float) -> None:
        """The line under the countdown: a notice, the visitor's cue, their strike, or how to ask for one."""
        lang, key, fields = self.app.language.value, None, {}
        mine = self.occ.beats[self.my_beat - 1] if self.my_beat is not None else None
        if self._notice is not None and clock.timestamp() < self._notice[1]:
            key = self._notice[0]
        elif mine is not None and 0 <= mine - now <= CUE_S and self.my_beat not in self.pulled:
            key = "events.your_turn"
        elif mine is not None and mine >= now:
            key, fields = "events.your_strike", {"n": self.my_beat}
        elif phase in ("countdown", "beats") and self.scheduler is not None and self.my_beat is None:
            key = "events.ring_hint"
        if key is None:
            self.cue.hide()
        else:
            self.cue.setText(i18n.text(key, lang, **fields))
            self.cue.show()

    def _show(self, phase: str, now: float) -> None:
        lang = self.app.language.value
        line = display.countdown(self.occ, now, lang)
        if line is not None:
            if not self.countdowns or self.countdowns[-1] != line:
                self.countdowns.append(line)
            if self.spoken is None and self.occ.start - now <= self.spec.spoken_countdown_s and self.speak is not None:
                self.spoken = i18n.text("events.spoken", lang, title=self.spec.title[lang])
                self.speak(self.spoken, lang)
                self.caption.show(captions.both("announcer", *(i18n.text("events.spoken", lg, title=self.spec.title[lg])
                                                                for lg in ("ko", "en"))))
                self._caption_until = clock.timestamp() + CAPTION_S
        board = self._board_lines(phase, now)
        if board is None:
            self.board.hide()
        else:
            self.board_text.setText(board)
            self.board.show()
        if line is None:
            self.hud.hide()
        else:
            self.hud.setText(line)
            self.hud.show()

    def _board_lines(self, phase: str, now: float) -> str | None:
        title = f"{self.spec.title['ko']} · {self.spec.title['en']}"
        if phase == "countdown" or (self.forced and phase == "before"):
            return f"{title}\n{display.left_text(self.occ.start - now)}"
        if phase == "beats":
            n = self.occ.beats_done(now)
            return f"{title}\n" + " · ".join(i18n.text("events.board_strike", lg, n=n, total=len(self.occ.beats))
                                             for lg in ("ko", "en"))
        if phase == "after":
            return "\n".join(i18n.text("events.new_year", lg) for lg in ("ko", "en"))
        return None

    # -- a strike -----------------------------------------------------------------------------------------------

    def _strike(self, strike) -> None:
        total = len(self.occ.beats)
        self.heard.append({"n": strike.number, "hub_time": round(strike.hub_time, 3),
                           "local_time": round(strike.local_time, 3), "into_s": round(strike.into, 3),
                           "ringer": strike.ringer, "pulled": strike.number in self.pulled})
        self._play(strike)
        self.caption.show(display.caption(strike.number, total))
        local = clock.timestamp()
        # The bell hums until the next strike: its caption stays up till then (at least CAPTION_S), so a visitor
        # who reads rather than hears always sees where the ringing stands; the last strike's for CAPTION_S.
        after = self.occ.beats[strike.number] - strike.hub_time - strike.into if strike.number < total else 0.0
        self._caption_until = local + max(CAPTION_S, after)
        if strike.number == total and self.greeting is None:
            self._greet_at = local + GREET_AFTER_S
        if self.flashes.allow(local):
            self._beat_until = local + BEAT_S
            self._ripple_from = local - min(strike.into, RIPPLE_S)
            if self.haptic is not None and strike.into < CAPTION_S:  # felt as heard: not a late joiner's backlog
                self.haptic("both", *display.strike_haptic(self.pulled.get(strike.number)))

    def _play(self, strike) -> None:
        path = self._strike_wav()
        volume = display.strike_volume(self.pulled.get(strike.number))
        sound = audio.play(self.app.base.loader, path, "effects", self.mix, path.parent, audio3d=self.audio3d,
                           at=self.bell_node, volume=volume, offset=strike.into)
        if sound is None:
            return
        self._sounds = [s for s in self._sounds if s.status() == s.PLAYING] + [sound]
        self.audio.append({"n": strike.number, "file": path.name, "start_local": round(strike.local_time, 3),
                           "offset_s": round(strike.into, 3),
                           "spatial": self.audio3d is not None and not self.mix.mono,
                           "volume": round(volume * self.mix.volume("effects"), 3)})

    def _sign_greeting(self) -> None:
        """The New Year's greeting: started when due, advanced each frame while the panel is still ours, the card
        hidden when it is done (an alert's signing that took the panel over is left alone)."""
        local = clock.timestamp()
        if self._greet_at is not None and local >= self._greet_at:
            self._greet_at = None
            self._greet(local)
        panel = self.signing
        if self._greeting is None or panel is None:
            return
        if panel.programme is not self._greeting:
            self._greeting = None
        elif panel.playing:
            panel.update(local - self._signed_to)
            self._signed_to = local
        else:
            panel.set_visible(False)
            self._greeting = None

    def _greeting_glosses(self) -> list[str]:
        lex = self.signing.lexicon
        return templates.load_greetings(lex)[templates.GREETINGS[0]].glosses_for(lex)

    def _greeting_parts(self):
        """The greeting's glosses, a fingerspelled word split into its syllables: the pieces to solve ahead."""
        for gloss in self._greeting_glosses():
            yield from (f"#{ch}" for ch in gloss[1:]) if gloss.startswith("#") else (gloss,)

    def _warm_greeting(self) -> None:
        """Solve the greeting's signing a syllable a frame, long before it is due: solved whole on the night it
        would stall the frame the greeting starts (about 0.8 s cold; a syllable costs at most a few tenths)."""
        if self._warming is None:
            return
        part = next(self._warming, None)
        if part is None:
            self._warming = None
        else:
            compile_glosses([part], self.signing.lexicon, self.signing.alphabet, self.signing.speed)

    def _greet(self, local: float) -> None:
        text = display.greeting_caption()
        self.greeting = {"hub_time": round(self.hub_now(), 3), "caption": text, "glosses": [], "signed_s": 0.0}
        duration = 6.0
        if self.signing is not None:
            glosses = self._greeting_glosses()
            self.signing.set_frame(display.greeting_region(self.app.base.getAspectRatio()))
            self.signing.set_visible(True)
            self.signing.play(glosses)
            self._greeting, self._signed_to = self.signing.programme, local
            duration = self._greeting.duration
            self.greeting.update(glosses=glosses, signed_s=round(duration, 2))
        self.caption.show(text)
        self._caption_until = local + duration

    def _strike_wav(self) -> Path:
        """The synthesized strike, written once per cache directory (the sound is deterministic)."""
        if self._sound_path is None:
            self._sound_path = bell.cached_wav(self.app.config.cache_dir, "bell-strike",
                                               lambda: bell_synth.strike(1.0, bell_synth.HUM_T60 * 1.2),
                                               bell_synth.DEFAULT_RATE)
        return self._sound_path

    def _animate(self, now: float) -> None:
        self.log.setX(self.log_rest - display.log_offset(now, self.occ.beats))
        local = clock.timestamp()
        if local > self._caption_until:
            self.caption.hide()
        self.hud["bg"] = (0.95, 0.78, 0.2, 0.8) if local < self._beat_until else (0, 0, 0, 0.55)
        age = local - self._ripple_from
        if 0 <= age < RIPPLE_S:
            self.ripple.show()
            self.ripple.setScale(1 + RIPPLE_REACH * age / RIPPLE_S)
            self.ripple.setAlphaScale(1 - age / RIPPLE_S)
        else:
            self.ripple.hide()

    # -- out ----------------------------------------------------------------------------------------------------

    def report(self) -> dict[str, Any]:
        """For ``--screenshot``'s JSON: the strikes heard, the countdown shown, the audio scheduled."""
        return {"event": self.spec.id, "starts": self.occ.start, "phase": self.occ.phase(self.hub_now()),
                "clock_offset_s": round(self.sync.offset(), 4) if self.sync.ready else None,
                "clock_estimates": self.sync.estimates, "countdown_shown": self.countdowns, "spoken": self.spoken,
                "board": self.board_text.getText() if not self.board.isHidden() else None,
                "board_px": self._board_on_screen(),
                "strikes_heard": self.heard, "audio_scheduled": self.audio, "my_strike": self.my_beat,
                "greeting": self.greeting, "greeting_signing": self._greeting is not None,
                "log_offset_m": round(self.log_rest - self.log.getX(), 3),
                "caption": self.caption.get_text() if self.caption.shown else None}

    def _board_on_screen(self) -> list[int] | None:
        """Where the board's anchor (its first line's baseline, centred) is in the window, pixels from the top left."""
        base = self.app.base
        film = Point2()
        if self.board.isHidden() or not base.camLens.project(base.cam.getRelativePoint(self.board, Point3()), film):
            return None
        w, h = base.win.getXSize(), base.win.getYSize()
        return [round((film.x + 1) / 2 * w), round((1 - film.y) / 2 * h)]

    def release(self) -> None:
        if self._greeting is not None and self.signing.programme is self._greeting:
            self.signing.set_visible(False)
        self.give_back()
        self.app.keys.remove(self)
        self.app.base.taskMgr.remove(self._task)
        if self._on_link_event in self.city.subscribers:
            self.city.subscribers.remove(self._on_link_event)
        for sound in self._sounds:
            sound.stop()
        if self.audio3d is not None:
            self.audio3d.disable()
        self.hud.destroy()
        self.caption.destroy()
        self.cue.destroy()
        self.board.removeNode()
        self.bell_node.removeNode()
