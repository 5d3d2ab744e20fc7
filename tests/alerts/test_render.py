"""The overlay as rendered offscreen: contrast and flash rate measured from pixels, pictograms, keys and hooks."""

from __future__ import annotations

import datetime as dt
import wave
from pathlib import Path

import numpy as np
import pytest

from game.alert_job import settle_and_measure
from game.alerts.contrast import AAA_RATIO
from game.alerts.hooks import GlossSpan
from game.alerts.parser import parse_file
from game.alerts.pictograms import PICTOGRAMS, shapes
from game.alerts.policy import AlertPolicy
from tests.alerts.paths import DATA
from ui.alerts.controller import AlertController
from ui.alerts.geometry import shapes_node
from ui.alerts.measure import crop, frame_rgb, region_px
from ui.alerts.overlay import AlertOverlay
from ui.fonts import load_font
from ui.signing.panel import SigningPanel

pytestmark = pytest.mark.render
NOW = dt.datetime(2026, 7, 10, 23, 0, tzinfo=dt.UTC)


class FakeSpeech:
    def __init__(self, tmp: Path) -> None:
        self.tmp, self.said = tmp, []

    def say(self, text: str, lang: str) -> Path:
        self.said.append((text, lang))
        path = self.tmp / f"voice-{len(self.said)}.wav"
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(8000)
            w.writeframes(np.zeros(800, "<i2").tobytes())
        return path


class FakeSigning:
    """Signs every gloss for 1 s after a 0.35 s lead-in, 0.2 s apart, then 0.45 s back to rest."""

    def __init__(self) -> None:
        self.played = []
        self.time = 0.0
        self.frames = []
        self.visible = None

    def glosses_for(self, category: str, lang: str, text: str = "") -> list[str]:
        return [category.upper(), "대피"]

    def play(self, glosses) -> None:
        self.played.append(tuple(glosses))
        self.time = 0.0

    def timing(self, lang: str) -> tuple[tuple[GlossSpan, ...], float]:
        glosses = self.played[-1]
        spans = tuple(GlossSpan(g, 0.35 + 1.2 * i, 1.35 + 1.2 * i, (g,)) for i, g in enumerate(glosses))
        return spans, spans[-1].end + 0.45

    def seek(self, t: float) -> None:
        self.time = t

    def set_frame(self, frame) -> None:
        self.frames.append(tuple(frame))

    def set_visible(self, visible: bool) -> None:
        self.visible = visible


def _controller(base, tmp_path, names, lang="ko", **kw):
    overlay = AlertOverlay(base.aspect2d, base.getAspectRatio(), load_font(base.loader, bold=True), lang)
    policy = AlertPolicy(lang=lang)
    for name in names:
        policy.receive(parse_file(DATA / name), NOW)
    controller = AlertController(policy, overlay, tmp_path, audio_loader=base.loader, **kw)
    controller.refresh()
    return controller


@pytest.mark.parametrize(("name", "level", "flash_hz"), [
    ("earthquake_emergency.xml", "emergency", 2), ("heavy_rain_urgent.xml", "urgent", 1),
    ("fine_dust_safety.xml", "safety", 1), ("exercise_air_raid.xml", "emergency", 2),
])
def test_rendered_overlay_contrast_and_flash_rate_are_measured(showbase, tmp_path, name, level, flash_hz):
    controller = _controller(showbase, tmp_path, [name])
    try:
        screen = settle_and_measure(showbase, controller)
        showbase.win.saveScreenshot(str(Path("/tmp") / f"alert-{name[:-4]}.png"))
        frame = frame_rgb(showbase.win)
    finally:
        controller.destroy()
    assert screen["level"] == level
    assert screen["contrast_ratio"] >= AAA_RATIO
    assert screen["flash_rate_hz"] == flash_hz <= 3
    assert 1 <= len(screen["caption_lines"]) <= 2 and all(len(line) <= 42 for line in screen["caption_lines"])
    x0, y0, x1, y1 = screen["caption_box_px"]
    assert x1 - x0 > 100 and y1 - y0 > 10
    assert len(np.unique(frame[y0:y1, x0:x1].reshape(-1, 3), axis=0)) > 5  # real glyphs, not an empty box
    top_row = frame[2, 320]
    assert not np.allclose(top_row, [140, 178, 217], atol=3)  # the banner covers the sky-blue background


def test_every_pictogram_renders_distinct_visible_geometry(showbase):
    root = showbase.aspect2d.attachNewNode("grid")
    for i, pid in enumerate(PICTOGRAMS):
        node = shapes_node(shapes(pid), pid)
        node.reparentTo(root)
        node.setScale(0.28)
        node.setPos(-1.5 + (i % 6) * 0.6, 0, 0.45 - (i // 6) * 0.75)
    try:
        for _ in range(2):
            showbase.taskMgr.step()
        showbase.win.saveScreenshot("/tmp/alert-pictograms.png")
        frame = frame_rgb(showbase.win)
    finally:
        root.removeNode()
    cells = []
    for i in range(len(PICTOGRAMS)):
        cx = int((((-1.5 + (i % 6) * 0.6) / showbase.getAspectRatio()) + 1) / 2 * 640)
        cy = int((1 - (0.45 - (i // 6) * 0.75)) / 2 * 360)
        cell = frame[cy - 40 : cy + 40, cx - 40 : cx + 40]
        _, counts = np.unique(cell.reshape(-1, 3), axis=0, return_counts=True)
        assert len(counts) >= 2 and counts.max() < 0.9 * counts.sum(), PICTOGRAMS[i]  # a drawing, not a blank
        cells.append(cell.astype(int))
    for i in range(len(cells)):
        for j in range(i + 1, len(cells)):
            assert np.abs(cells[i] - cells[j]).mean() > 5, (PICTOGRAMS[i], PICTOGRAMS[j])


def test_buttons_replay_and_acknowledge(showbase, tmp_path):
    controller = _controller(showbase, tmp_path, ["fine_dust_safety.xml"])
    try:
        controller.update(5.0)
        replay = controller.overlay.buttons[1]
        replay.commandFunc(None)
        assert controller.overlay.elapsed == 0.0
        ack = controller.overlay.buttons[0]
        ack.commandFunc(None)
        assert controller.shown is None and controller.overlay.buttons == []
    finally:
        controller.destroy()


def test_speech_and_signing_hooks_get_the_alert(showbase, tmp_path):
    speech, signing = FakeSpeech(tmp_path), FakeSigning()
    controller = _controller(showbase, tmp_path, ["earthquake_emergency.xml"], lang="en", speech=speech,
                             signing=signing)
    try:
        assert speech.said[0][1] == "en" and speech.said[0][0].startswith("[KMA] Magnitude 6.1")
        assert signing.played == [("EARTHQUAKE", "대피")] and controller.glosses == ("EARTHQUAKE", "대피")
        assert controller.wav_paths[0].name.startswith("cue-emergency") and controller.wav_paths[1] == speech.tmp / \
            "voice-1.wav"
        controller.update(0.5)
        assert controller._pending_voice is not None  # the voice waits for the cue to finish
        controller.update(3.0)
        assert controller._pending_voice is None
        # The avatar moves with the alert's clock: two glosses over three pages, the first signed by 1.69 s at
        # the slowest comfortable rate, then held while its page is still read (3.53 s). 대피 is not in the
        # English text, so it goes where the schedule is shortest: the last page, with the hold back to rest.
        assert [p.glosses for p in controller.sync.pages] == [("EARTHQUAKE",), (), ("대피",)]
        assert controller.sync.pages[0].rate == 0.8 and controller.sync.pages[0].seconds > 3.5
        assert signing.time == pytest.approx(1.35)
        assert signing.visible is False and signing.frames == []  # this overlay reserved no region for it
    finally:
        controller.destroy()


def test_captions_page_while_time_passes(showbase, tmp_path):
    controller = _controller(showbase, tmp_path, ["fine_dust_safety.xml"])
    try:
        overlay = controller.overlay
        first = overlay.caption_lines()
        overlay.update(overlay.presentation.pages[0].seconds + 0.01)
        assert overlay.page == 1 and overlay.caption_lines() != first
        assert overlay._caption.getText() == "\n".join(overlay.caption_lines())
        assert overlay._pager.getText() == "2/2"
    finally:
        controller.destroy()


@pytest.mark.parametrize(("name", "drill"), [("exercise_air_raid.xml", "훈련"), ("heavy_rain_urgent.xml", None)])
def test_drills_are_badged_and_real_alerts_are_not(showbase, tmp_path, name, drill):
    controller = _controller(showbase, tmp_path, [name])
    try:
        root = controller.overlay.root
        badge = root.find("**/badge-text")
        if drill is None:
            assert badge.isEmpty() and root.find("**/drill-notice").isEmpty()
        else:
            assert badge.node().getText() == drill
            assert root.find("**/drill-notice").node().getText() == "실제 상황이 아닙니다"
            showbase.taskMgr.step()
            box = region_px(root.find("**/badge"), showbase.render2d, 640, 360)
            pixels = crop(frame_rgb(showbase.win), box).reshape(-1, 3)
            assert (np.abs(pixels.astype(int) - [255, 214, 0]).sum(axis=1) < 12).mean() > 0.3  # yellow badge
    finally:
        controller.destroy()


@pytest.mark.parametrize("name", ["earthquake_emergency.xml", "heavy_rain_urgent.xml", "fine_dust_safety.xml"])
def test_signing_region_is_on_screen_and_clear_of_text_and_buttons(showbase, name):
    overlay = AlertOverlay(showbase.aspect2d, showbase.getAspectRatio(), load_font(showbase.loader, bold=True),
                           "en", signing_panel=True)
    overlay.show(AlertPolicy(lang="en").receive(parse_file(DATA / name), NOW).presentation)
    try:
        x0, x1, z0, z1 = overlay.signing_region
        ar = showbase.getAspectRatio()
        assert -ar <= x0 < x1 <= ar and -1 <= z0 < z1 <= 1 and (x1 - x0) > 0.5
        boxes = {}
        for node in [*overlay.root.findAllMatches("**/+TextNode"), overlay.pictogram_np]:
            lo, hi = node.getTightBounds(showbase.aspect2d)
            boxes[node.getName()] = (lo.x, lo.z, hi.x, hi.z)
        for button in overlay.buttons:  # DirectGUI frames are not scene geometry: use the widget's own frame
            left, right, bottom, top = button.getBounds()
            pos, scale = button.getPos(showbase.aspect2d), button.getScale(showbase.aspect2d).x
            boxes[button["text"]] = (pos.x + left * scale, pos.z + bottom * scale, pos.x + right * scale,
                                     pos.z + top * scale)
        assert len(boxes) >= 8
        for label, (bx0, bz0, bx1, bz1) in boxes.items():
            assert not (bx0 < x1 and bx1 > x0 and bz0 < z1 and bz1 > z0), label
    finally:
        overlay.clear()
    assert overlay.signing_region is None


def test_caption_page_turns_when_the_signer_has_signed_its_glosses(showbase, tmp_path):
    """The real signing panel on the overlay, stepped through the controller at 10 frames a second."""
    font = load_font(showbase.loader, bold=True)
    panel = SigningPanel(showbase.win, showbase.aspect2d, size=(160, 120), font=font, lang="ko")
    overlay = AlertOverlay(showbase.aspect2d, showbase.getAspectRatio(), font, "ko", signing_panel=True)
    policy = AlertPolicy(lang="ko")
    policy.receive(parse_file(DATA / "earthquake_emergency.xml"), NOW)
    controller = AlertController(policy, overlay, tmp_path, signing=panel)
    try:
        controller.refresh()
        plan = controller.sync
        assert [len(p.glosses) for p in plan.pages] == [10, 4]  # with the alert's numbers: 10 km, 규모 6.1
        assert plan.pages[0].glosses[3:7] == ("10", "#킬로", "#규모", "6.1")
        assert [p.seconds for p in overlay.pages] == [p.seconds for p in plan.pages]
        assert overlay.pages[0].seconds > controller.shown.presentation.pages[0].seconds  # waits for the signer
        last = next(s for s in panel.spans if s.gloss == plan.pages[0].glosses[-1])  # 머리-보호
        log = []
        while overlay.page == 0:
            controller.update(0.1)
            log.append((overlay.elapsed, overlay.page, panel.time, panel.caption.node().get_text()))
        *_, (before_t, _, before_signing, before_label), (turn_t, _, turn_signing, _) = log
        # Up to the last frame of page 1 the hands are still on its last gloss; the page turns on the frame
        # they finish it, and the next gloss only starts after that.
        assert before_label == "머리-보호" and before_signing < last.end <= turn_signing
        assert turn_signing < next(s.start for s in panel.spans if s.gloss == plan.pages[1].glosses[0])
        assert before_t < plan.pages[0].seconds <= turn_t
        assert overlay._caption.getText() == "\n".join(plan.pages[1].lines)
        controller.update(1.0)
        showbase.taskMgr.step()
        showbase.win.saveScreenshot("/tmp/alert-signing-synced.png")
        assert panel.caption.node().get_text() == "엘리베이터"
        controller.update(plan.total - overlay.elapsed + 0.5)  # the captions loop; the signer starts again
        assert overlay.page == 0 and panel.time == pytest.approx(0.5 * plan.pages[0].rate)
        controller.replay()
        assert overlay.elapsed == 0.0 and overlay.page == 0 and panel.time == 0.0
        controller.update(0.1)
        assert panel.time == pytest.approx(0.1 * plan.pages[0].rate)
        controller.acknowledge()
        assert controller.sync is None and panel.card.is_hidden()
    finally:
        controller.destroy()
        panel.destroy()
