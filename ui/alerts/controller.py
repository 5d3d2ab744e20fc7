"""Connects the pure policy queue to what people see, hear and watch: overlay, sound cue, voice, signing.

Everything it talks to is passed in: the overlay, a Panda3D ``Loader`` for sounds, and the
optional :class:`game.alerts.hooks.Speech` / :class:`game.alerts.hooks.Signing`. Time comes in via
:meth:`update` (``dt``) and :meth:`tick` (the caller's clock), never from globals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.alerts import cue, sync
from game.alerts.hooks import Signing, Speech
from game.alerts.model import Alert
from game.alerts.policy import AlertPolicy, Record
from game.alerts.presentation import Presentation, present
from game.alerts.sync import SyncPlan
from game.audio_mix import DEFAULT as DEFAULT_MIX
from game.audio_mix import AudioMix
from ui import audio
from ui.alerts.overlay import AlertOverlay


class AlertController:
    def __init__(self, policy: AlertPolicy, overlay: AlertOverlay, cache_dir: Path, *, audio_loader: Any = None,
                 speech: Speech | None = None, signing: Signing | None = None,
                 on_change: Callable[[Presentation | None], None] | None = None,
                 announce: Callable[[Presentation], object] | None = None, mix: AudioMix = DEFAULT_MIX) -> None:
        """``on_change`` hears each change of what is on screen (None: nothing), e.g. to let the app flow
        enter its ``alert`` state for a takeover and leave it when the alert is acknowledged. ``announce`` hears
        every alert the policy presents (on screen now or queued behind a higher one), once: the assistive-
        technology output (:class:`game.assistive.AssistiveOutput`). ``mix``: the visitor's mono and volume settings
        (the cue is an effect, the alert's voice is voice)."""
        self.mix = mix
        self.policy = policy
        self.overlay = overlay
        self.cache_dir = cache_dir
        self.audio_loader = audio_loader
        self.speech = speech
        self.signing = signing
        self.on_change = on_change
        self.announce = announce
        self.shown: Record | None = None
        self.glosses: tuple[str, ...] = ()
        self.sync: SyncPlan | None = None  # which glosses go with which caption page, and the pages' times
        self.wav_paths: list[Path] = []
        self._since_shown = 0.0
        self._cue_seconds = 0.0
        self._pending_voice: Path | None = None
        self._sounds: list[Any] = []
        overlay.on_acknowledge = self.acknowledge
        overlay.on_replay = self.replay

    def receive(self, alert: Alert, now: dt.datetime) -> Record:
        record = self.policy.receive(alert, now)
        if self.announce is not None and record.news:
            self.announce(record.presentation)
        self.refresh()
        return record

    def tick(self, now: dt.datetime) -> None:
        if self.policy.tick(now):
            self.refresh()

    def refresh(self) -> None:
        """Show the policy's current alert if it is not already on screen; clear when there is none."""
        current = self.policy.current()
        if current is self.shown:
            return
        if current is None:
            self.overlay.clear()
            self.shown = None
            self.sync = None
            if self.signing is not None:
                self.signing.set_visible(False)
            if self.on_change is not None:
                self.on_change(None)
        else:
            self._present(current)

    def set_language(self, lang: str) -> None:
        """Show everything in ``lang`` from now on, the alert on screen included (its frame, buttons and, where the
        message carries that language, its text); the cue and voice are not repeated."""
        self.policy.lang = lang
        self.overlay.ui_lang = lang
        for record in self.policy.live():
            info = record.alert.info_for(lang)
            if info is not None:
                record.presentation = present(record.alert, info)
        if self.shown is not None and self.shown.presentation is not None:
            self.overlay.show(self.shown.presentation)

    def acknowledge(self) -> None:
        if self.shown is not None:
            self.policy.acknowledge()
            self.refresh()

    def replay(self) -> None:
        record = self.policy.replay()
        if record is not None:
            self._present(record)

    def update(self, dt: float) -> None:
        """Per frame: flash and captions advance, the signer follows the captions' clock (so it holds while a
        page is read, and restarts when the captions loop); the voice starts once the attention cue has sounded."""
        self.overlay.update(dt)
        if self.signing is not None and self.sync is not None:
            self.signing.seek(self.sync.signing_time(self.overlay.elapsed))
        self._since_shown += dt
        if self._pending_voice is not None and self._since_shown >= self._cue_seconds \
                and self._pending_voice.exists():
            self._play(self._pending_voice, "voice")
            self._pending_voice = None

    def destroy(self) -> None:
        for sound in self._sounds:
            sound.stop()
        self.overlay.clear()

    def _present(self, record: Record) -> None:
        p = record.presentation
        assert p is not None  # the policy only makes presented records current
        self.shown = record
        self.overlay.show(p)
        for sound in self._sounds:
            sound.stop()
        self._sounds = []
        cue_wav = cue.cue_path(p.level, self.cache_dir)
        self._cue_seconds = cue.duration(p.level)
        self._since_shown = 0.0
        self._play(cue_wav, "effects")
        self.wav_paths = [cue_wav]
        self._pending_voice = self.speech.say(p.caption_text, p.lang) if self.speech is not None else None
        if self._pending_voice is not None:
            self.wav_paths.append(self._pending_voice)
        self.glosses = tuple(self.signing.glosses_for(p.pictogram, p.lang, p.caption_text)) \
            if self.signing is not None else ()
        self.sync = None
        if self.signing is not None:
            region = self.overlay.signing_region  # the overlay lays out first, then the panel takes its place
            if region is not None:
                self.signing.set_frame(region)
            self.signing.set_visible(region is not None)
            self.signing.play(self.glosses)
            self.sync = sync.plan(p.pages, *self.signing.timing(p.lang))
            self.overlay.retime(self.sync.caption_pages())
        if self.on_change is not None:
            self.on_change(p)

    def _play(self, path: Path, kind: str) -> None:
        if self.audio_loader is None:
            return
        sound = audio.play(self.audio_loader, path, kind, self.mix, self.cache_dir)
        if sound is not None:
            self._sounds.append(sound)
