"""The speech worker and the signing avatar, started once per app and shared by every alert path.

Voice (pyttsx3/espeak-ng in a spawned worker) and the KSL picture-in-picture panel are what make an alert
understandable to blind and Deaf visitors. Neither delays the first frame: the worker starts and the signing
templates are solved after it, one sign per frame. An alert that comes sooner is still shown at once with
captions and pictogram (the panel solves that one template on demand, the voice starts its worker).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import platformdirs

from game import access_settings, audio_mix, caption_style, tasks
from game.assistive import AssistiveOutput
from game.signing import clips
from game.signing.placement import place
from game.speech.service import SpeechService
from ui import audio
from ui.layers import alert_layer
from ui.signing.panel import SigningPanel

log = logging.getLogger("mseoul.access")
#: How long leaving waits for the speech worker to exit by itself before it is terminated.
QUICK_EXIT_S = 0.1


class WaitingSpeech:
    """A :class:`game.alerts.hooks.Speech` for batch jobs (``--alert … --screenshot``): returns only once the WAV
    exists, so the report never names a file that is not there yet. Never used in the frame loop."""

    def __init__(self, service: SpeechService, timeout: float = 60.0):
        self.service = service
        self.timeout = timeout

    def say(self, text: str, lang: str) -> Path | None:
        return self.service.say_and_wait(text, lang, self.timeout)


def assistive_output(settings: access_settings.AccessSettings) -> AssistiveOutput:
    """The assistive-technology output the settings ask for (``at_output``, speech-dispatcher)."""
    at_path = settings.at_output
    return AssistiveOutput(Path(at_path).expanduser() if at_path else None, settings.at_speech_dispatcher)


def signing_panel(base, settings: access_settings.AccessSettings, font, lang: str, parent=None) -> SigningPanel:
    """The signing panel, hidden until an alert: the settings' interpreter clips, caption style, size and corner.
    ``parent``: the XR head-locked panel, which keeps its own layout; None: the desktop's alert layer."""
    placement = None if parent is not None else partial(place, aspect_ratio=base.getAspectRatio(),
                                                         height=settings.signing_panel_height,
                                                         corner=settings.signing_panel_corner)
    panel = SigningPanel(base.win, parent or alert_layer(base), font=font, lang=lang, library=_clips(settings),
                         placement=placement, caption_style=caption_style.from_settings(settings))
    panel.set_visible(False)
    return panel


def _clips(settings: access_settings.AccessSettings) -> clips.ClipLibrary:
    """The recorded interpreter clips; a broken manifest is logged and the avatar signs everything."""
    folder = clips.folder(settings.signing_clips_dir)
    try:
        return clips.load(folder)
    except clips.ClipError as exc:
        log.error("interpreter clips in %s not used: %s", folder, exc)
        return clips.EMPTY


class AccessAids:
    """``parent`` is where the signing panel's card goes: the alert layer on the desktop (above every menu), the
    head-locked panel in XR (the same node the alert overlay is drawn under). ``settings_dir`` holds the
    visitor's settings.json (its ``access`` settings: the clips folder, the panel's size and corner)."""

    def __init__(self, base, config, font=None, parent=None, lang: str | None = None,
                 settings_dir: Path | None = None):
        self.base = base
        cache = config.cache_dir or Path(platformdirs.user_cache_dir("metaverse-seoul"))
        self.settings = access_settings.load(settings_dir)
        self.assistive = assistive_output(self.settings)
        self.announce = self.assistive.announce  # every presented alert, as a line for assistive technology
        self.mix = audio_mix.from_settings(self.settings)  # mono and the voice/effects/ambience volumes
        self.caption_style = caption_style.from_settings(self.settings)  # for every caption source
        self._audio_cache = cache / "audio"
        self.speech = SpeechService(cache / "speech")
        self.signing = signing_panel(base, self.settings, font, lang or config.language, parent)
        self._to_play: set[int] = set()
        self._sounds: list = []
        self._task = base.taskMgr.add(self._poll, "speech-poll", sort=tasks.NET_POLL)
        self._warm_up: Iterator[str] | None = self.signing.warm_up()
        self._frames = 0  # frames drawn since the aids were installed
        self._start = base.taskMgr.add(self._start_up, "access-aids-start", sort=tasks.BACKGROUND)

    @property
    def ready(self) -> bool:
        """The worker is started and every signing template solved (the background start-up is over)."""
        return self._warm_up is None

    def _start_up(self, task):
        """After the first frame: start the speech worker, then solve one sign of the templates per frame
        (≤ 0.15 s each, cold) so neither the first frame nor an alert's pays for the whole set (~2 s)."""
        self._frames += 1
        if self._frames == 1:  # the first frame has just been drawn; the next ones carry the work
            return task.cont
        if self._frames == 2:
            self.speech.start()
            return task.cont
        if next(self._warm_up, None) is None:
            self._warm_up = None
            return task.done
        return task.cont

    def speak(self, text: str, lang: str) -> None:
        """The voice guide: say ``text`` as soon as it is synthesised, through the app's audio; never blocks."""
        self._to_play.add(self.speech.submit(text, lang))

    @property
    def speaking(self) -> bool:
        """Something said is still being synthesised or playing (a guide waits before saying the next thing)."""
        return bool(self._to_play) or any(s.status() == s.PLAYING for s in self._sounds)

    def _poll(self, task):
        for result in self.speech.poll():  # polling also restarts a worker that died
            if result.request_id in self._to_play:
                self._to_play.discard(result.request_id)
                if result.path is not None:
                    self.play(result.path, "voice")
        return task.cont

    def play(self, path: Path, kind: str):
        """Play a WAV as the visitor set sounds of ``kind`` (mono, its volume); every voice outside the alert path
        (the guide, chat read aloud) goes through here. Returns the sound, or None if it would not load."""
        sound = audio.play(self.base.loader, path, kind, self.mix, self._audio_cache)
        if sound is not None:
            self._sounds = [s for s in self._sounds if s.status() == s.PLAYING] + [sound]
        return sound

    def release(self) -> None:
        self.base.taskMgr.remove(self._task)
        self.base.taskMgr.remove(self._start)
        for sound in self._sounds:
            sound.stop()
        self.signing.destroy()
        self.close_worker()

    def close_worker(self) -> None:
        """Stop the speech worker without waiting on it (a request in flight is written under a temporary name,
        so cutting it short leaves no broken WAV): safe after the ShowBase is gone (XR teardown)."""
        self.speech.shutdown(QUICK_EXIT_S)
