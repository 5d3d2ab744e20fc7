"""WCAG contrast: the formula, the theme's colours and the pixel measurement."""

from __future__ import annotations

import numpy as np
import pytest

from game.alerts.contrast import AAA_RATIO, contrast_ratio, measured_text_contrast
from ui.alerts.theme import BADGE, BLACK, STYLES


def test_formula_on_known_pairs():
    assert contrast_ratio((0, 0, 0), (1, 1, 1)) == pytest.approx(21.0)
    assert contrast_ratio((0.5, 0.2, 0.9), (0.5, 0.2, 0.9)) == pytest.approx(1.0)
    assert contrast_ratio((0x77 / 255,) * 3, (1, 1, 1)) == pytest.approx(4.48, abs=0.01)  # #777 on white


def test_every_theme_text_pair_is_aaa():
    for style in STYLES.values():
        assert contrast_ratio(style.text, style.background) >= AAA_RATIO
        assert contrast_ratio(style.header_text, style.header) >= AAA_RATIO
    assert contrast_ratio(BLACK, BADGE) >= AAA_RATIO


def test_measured_contrast_uses_the_dominant_colour_as_background():
    img = np.full((20, 60, 3), 20, np.uint8)
    img[5:15, 10:40] = 255
    img[5:15, 40:42] = 128  # anti-aliased edge
    assert measured_text_contrast(img) == pytest.approx(contrast_ratio((1, 1, 1), (20 / 255,) * 3), rel=1e-3)
    low = np.full((20, 60, 3), 120, np.uint8)
    low[5:15, 10:40] = 160
    assert measured_text_contrast(low) < 2
