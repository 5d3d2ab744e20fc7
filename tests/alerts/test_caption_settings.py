"""The visitor's caption style on every caption source (alert captions in the job and live overlay, the signing
panel's captions), and the sound kinds' volumes on the alert's cue and voice."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest
from panda3d.core import PNMImage

from game.alert_job import run_alert_job
from game.alerts.parser import parse_file
from game.alerts.policy import AlertPolicy
from game.audio_mix import AudioMix
from game.caption_style import COLOURS, CaptionStyle
from game.config import AppConfig
from tests.alerts.paths import DATA
from tests.alerts.test_render import FakeSpeech
from ui.alerts.controller import AlertController
from ui.alerts.overlay import AlertOverlay
from ui.fonts import load_font
from ui.signing.panel import SigningPanel

pytestmark = pytest.mark.render
NOW = dt.datetime(2026, 7, 10, 23, 0, tzinfo=dt.UTC)
YELLOW = CaptionStyle(colour="yellow", background=0.8)


def _job(showbase, tmp_path, style):
    out = tmp_path / f"{style.colour}.png"
    config = AppConfig(offscreen=True, size=(640, 360), alerts=(DATA / "heavy_rain_urgent.xml",), screenshot=out,
                       cache_dir=tmp_path / "cache")
    assert run_alert_job(showbase, config, caption_style=style) == 0
    screen = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))["screen"]
    image = PNMImage()
    image.read(str(out))
    x0, y0, x1, y1 = screen["caption_box_px"]
    pixels = np.array([[image.get_xel(x, y) for x in range(x0, x1)] for y in range(y0, y1)])
    return screen, pixels


def test_the_caption_colour_and_backing_reach_the_rendered_alert(showbase, tmp_path):
    plain, plain_px = _job(showbase, tmp_path, CaptionStyle())
    styled, styled_px = _job(showbase, tmp_path, YELLOW)
    yellow = np.array(COLOURS["yellow"])

    def yellowish(px):
        return int((np.abs(px - yellow).max(axis=2) < 0.1).sum())

    assert yellowish(plain_px) == 0 and yellowish(styled_px) > 50
    assert styled["caption_lines"] == plain["caption_lines"]
    assert styled["contrast_ratio"] >= 7.0


def test_caption_size_scales_the_alert_captions(showbase):
    font = load_font(showbase.loader, bold=True)
    scales = []
    for size in (1.0, 1.3):
        overlay = AlertOverlay(showbase.aspect2d, showbase.getAspectRatio(), font, "ko",
                               caption_style=CaptionStyle(size=size))
        policy = AlertPolicy(lang="ko")
        overlay.show(policy.receive(parse_file(DATA / "fine_dust_safety.xml"), NOW).presentation)
        scales.append(overlay.caption_np.getScale()[0])
        overlay.clear()
    assert scales[1] > scales[0] * 1.05  # larger, as far as the banner's width lets it


def test_the_signing_panel_caption_follows_the_style(showbase):
    font = load_font(showbase.loader, bold=True)
    plain = SigningPanel(showbase.win, showbase.aspect2d, size=(160, 120), font=font)
    styled = SigningPanel(showbase.win, showbase.aspect2d, size=(160, 120), font=font,
                          caption_style=CaptionStyle(size=1.5, colour="cyan", background=0.9, position="top"))
    try:
        assert plain.caption.getZ() < plain.source_label.getZ()  # default: captions under the picture
        assert styled.caption.getZ() > styled.source_label.getZ()  # top: the caption and the label swap
        assert styled.caption.getScale()[0] == pytest.approx(plain.caption.getScale()[0] * 1.5)
        node = styled.caption.node()
        assert tuple(node.get_text_color())[:3] == pytest.approx(COLOURS["cyan"])
        assert tuple(node.get_card_color()) == pytest.approx((0.0, 0.0, 0.0, 0.9))
    finally:
        plain.destroy()
        styled.destroy()


class RecordingLoader:
    """Stands in for ``base.loader`` (the test audio device is null): records what is loaded and at what volume."""

    class Sound:
        def __init__(self, log, path):
            self.log, self.path = log, path

        def setVolume(self, volume):  # noqa: N802 - Panda3D's name
            self.log.append((self.path, volume))

        def play(self):
            pass

        def stop(self):
            pass

    def __init__(self):
        self.log = []

    def loadSfx(self, path):  # noqa: N802 - Panda3D's name
        return self.Sound(self.log, path)


def test_the_cue_plays_at_the_effects_volume_and_the_voice_at_the_voice_volume(showbase, tmp_path):
    loader = RecordingLoader()
    overlay = AlertOverlay(showbase.aspect2d, showbase.getAspectRatio(), None, "ko")
    controller = AlertController(AlertPolicy(lang="ko"), overlay, tmp_path, audio_loader=loader,
                                 speech=FakeSpeech(tmp_path), mix=AudioMix(voice=0.9, effects=0.25))
    try:
        controller.receive(parse_file(DATA / "earthquake_emergency.xml"), NOW)
        controller.update(5.0)
    finally:
        controller.destroy()
    assert [(path.rsplit("/", 1)[-1].split("-")[0], volume) for path, volume in loader.log] == [
        ("cue", 0.25), ("voice", 0.9)]


def test_every_voice_outside_the_alert_plays_through_the_visitors_mix(showbase, tmp_path, monkeypatch):
    """The voice guide and chat read aloud (``AccessAids.play``): a stereo WAV becomes its mono copy, at the
    voice volume."""
    import wave

    from game.access_aids import AccessAids
    from game.language import settings_file

    settings_file(tmp_path).write_text(json.dumps({"access": {"mono": True, "voice_volume": 0.5}}), encoding="utf-8")
    stereo = tmp_path / "chat.wav"
    with wave.open(str(stereo), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(np.array([[1000, 0]] * 80, "<i2").tobytes())
    loader = RecordingLoader()
    aids = AccessAids(showbase, AppConfig(cache_dir=tmp_path / "cache"), settings_dir=tmp_path)
    monkeypatch.setattr(showbase, "loader", loader)
    try:
        aids.play(stereo, "voice")
    finally:
        monkeypatch.undo()
        aids.release()
    ((path, volume),) = loader.log
    assert "chat-mono-" in path and volume == 0.5
    with wave.open(path, "rb") as played:
        left, right = np.frombuffer(played.readframes(80), "<i2").reshape(-1, 2).T
    assert (left == right).all() and left[0] == 500
