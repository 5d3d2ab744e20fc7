"""Captions for every sound that carries meaning name their source in both languages, and the one caption style
(size, colour, backing, position) shapes each caption source alike: the bell and the drum, the ceremony's
spoken countdown, easy mode's guide, the kiosk's attract narration, the exhibition's audio guide. Built on bare
nodes (no window)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from panda3d.core import NodePath

from game import captions
from game.caption_style import COLOURS, DEFAULT, CaptionStyle
from game.events import display
from game.landmarks import catalogue
from game.text import i18n
from ui.caption_line import CaptionLine
from ui.easy_view import EasyView
from ui.kiosk.attract_view import AttractView

STYLE = CaptionStyle(size=1.5, colour="yellow", background=0.9, position="top")
CORNERS = ("aspect2d", "a2dTopCenter", "a2dBottomCenter", "a2dBottomRight", "a2dBottomLeft", "a2dTopLeft")


@pytest.fixture
def base():
    root = NodePath("screen")
    return SimpleNamespace(**{name: root.attachNewNode(name) for name in CORNERS})


def _styled(text, own_scale: float, style: CaptionStyle = STYLE) -> None:
    node = text.textNode
    assert text.getScale()[0] == pytest.approx(own_scale * style.size)
    assert tuple(node.getTextColor())[:3] == pytest.approx(COLOURS[style.colour])
    assert tuple(node.getCardColor()) == pytest.approx((0, 0, 0, style.background))


def test_every_source_has_a_label_in_both_languages_and_labels_lead_the_caption() -> None:
    for source in captions.SOURCES:
        ko, en = captions.label(source, "ko"), captions.label(source, "en")
        assert ko and en and ko != en
    assert captions.labelled("audio_guide", "돈의문은…", "ko") == "[오디오 가이드] 돈의문은…"
    assert display.caption(1, 33) == "[보신각 · Bosingak] 종소리 1/33 · bell 1/33"
    assert captions.both_of("drum", "events.drum") == "[수문장 교대식 · Guard ceremony] 북소리 · drum"
    with pytest.raises(ValueError):
        captions.label("music", "en")


@pytest.mark.parametrize("text", [display.caption(12, 33), captions.both_of("drum", "events.drum"),
                                  captions.both("announcer", "보신각 타종까지 십 초", "Bosingak bell in ten seconds")])
def test_the_ceremonies_captions_take_the_style_and_its_place(base, text) -> None:
    line = CaptionLine(base, None, STYLE, scale=0.05)
    line.show(text)
    _styled(line.text, 0.05)
    assert line.text.getParent() == base.a2dTopCenter and line.get_text() == text
    plain = CaptionLine(base, None, DEFAULT, scale=0.05)
    assert plain.text.getParent() == base.a2dBottomCenter and plain.text.getScale()[0] == pytest.approx(0.05)


def test_easy_modes_guide_is_labelled_and_styled(base) -> None:
    view = EasyView(base, None, "en", lambda: None, lambda: None, style=STYLE)
    view.say("Gyeongbokgung, the main palace.", "en")
    assert view.caption.getText() == "[Guide] Gyeongbokgung, the main palace."
    _styled(view.caption, 0.055)


def test_the_kiosk_narrations_caption_is_labelled_in_each_language_and_styled(base) -> None:
    view = AttractView(base.aspect2d, base.a2dBottomLeft, base.a2dTopLeft, None, "Seoul", ("ko", "en"), STYLE)
    landmark = next(iter(catalogue.load().values()))
    view.show_landmark(landmark)
    text = view.caption.getText()
    for lang in ("ko", "en"):
        assert f"[{i18n.text('captions.narrator', lang)}] {landmark.name(lang)}" in text
    node = view.caption.textNode
    assert view.caption.getScale()[0] == pytest.approx(0.045 * STYLE.size)
    assert tuple(node.getTextColor())[:3] == pytest.approx(COLOURS["yellow"])
    assert tuple(view.band["frameColor"]) == pytest.approx((0, 0, 0, 0.9))
    assert view.bottom.getParent() == base.a2dTopLeft and view.corner.getParent() == base.a2dBottomLeft  # on top
    plain = AttractView(base.aspect2d, base.a2dBottomLeft, base.a2dTopLeft, None, "Seoul", ("ko", "en"))
    assert plain.bottom.getParent() == base.a2dBottomLeft and plain.corner.getParent() == base.a2dTopLeft


def test_the_audio_guides_caption_takes_the_style_and_other_panel_lines_do_not(base) -> None:
    from ui.civic.panel import OUTPUT_SCALE, Item, Panel

    panel = Panel(base, None, "en", "civic.title_exhibition", [Item(lambda lang: "play", action=lambda: None)])
    panel.show(captions.labelled("audio_guide", "Donuimun was the west gate.", "en"), speak=False, style=STYLE)
    assert panel.output.getText().startswith("[Audio guide] ")
    _styled(panel.output, OUTPUT_SCALE)
    panel.show("Booked.", speak=False)  # a result, not a caption: the panel's own look
    assert panel.output.getScale()[0] == pytest.approx(OUTPUT_SCALE)
    assert not panel.output.textNode.hasCard()


def test_chat_read_aloud_is_captioned_by_the_log_with_its_speaker_in_the_style(base) -> None:
    from ui.social.chat import SCALE, ChatPanel

    panel = ChatPanel(base, None, "en", lambda text, scope: None, style=STYLE)
    said = i18n.text("social.says", "en", name="Minji", text="The drum starts at two")
    panel.show_lines([said])
    assert panel.log.getText() == said  # what the voice reads, led by who said it
    assert panel.log.getScale()[0] == pytest.approx(SCALE * STYLE.size)
    assert tuple(panel.log.textNode.getTextColor())[:3] == pytest.approx(COLOURS["yellow"])
    assert tuple(panel.frame["frameColor"]) == pytest.approx((0, 0, 0, 0.9))  # the panel is the log's card
