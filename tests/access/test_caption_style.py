"""One caption style from the settings; every colour it offers keeps WCAG AAA contrast where captions are drawn."""

from __future__ import annotations

import pytest

from game import access_settings, caption_style
from game.alerts.contrast import AAA_RATIO, contrast_ratio
from ui.alerts.theme import STYLES


@pytest.mark.parametrize("colour", sorted(caption_style.COLOURS))
def test_every_offered_colour_keeps_aaa_contrast_on_every_alert_background_and_the_dark_card(colour):
    rgb = caption_style.COLOURS[colour]
    for level, style in STYLES.items():
        assert contrast_ratio(rgb, style.background) >= AAA_RATIO, level
    assert contrast_ratio(rgb, caption_style.BACKING) >= AAA_RATIO


def test_the_style_comes_from_the_settings_with_defaults_for_bad_values():
    settings = access_settings.parse({"caption_size": 1.5, "caption_colour": "yellow", "caption_background": 0.6,
                                      "caption_position": "top"})
    style = caption_style.from_settings(settings)
    assert style == caption_style.CaptionStyle(1.5, "yellow", 0.6, "top")
    assert style.rgb((1.0, 1.0, 1.0)) == caption_style.COLOURS["yellow"] and style.card() == (0.0, 0.0, 0.0, 0.6)
    default = caption_style.from_settings(access_settings.parse({"caption_size": 5, "caption_colour": "pink"}))
    assert default == caption_style.DEFAULT and default.rgb((0.1, 0.2, 0.3)) == (0.1, 0.2, 0.3)
    assert default.card() is None
