"""The procedurally drawn logos and slide backgrounds: distinct marks in the company's colour, slides that show
their colour and how far the lecture has got."""

from __future__ import annotations

import numpy as np
import pytest

from game.spaces import catalogue, drawing


def test_each_logo_shape_is_a_distinct_mark_in_its_colour() -> None:
    marks = {}
    for shape in catalogue.LOGO_SHAPES:
        img = drawing.logo(shape, "#1F6CB0", 64)
        assert img.shape == (64, 64, 4) and (img[..., 3] == 255).all()
        inked = (img[..., :3] == (0x1F, 0x6C, 0xB0)).all(axis=-1)
        assert 0.05 < inked.mean() < 0.6, f"{shape}: {inked.mean():.2f} of the tile inked"
        marks[shape] = inked
    shapes = list(marks)
    for i, a in enumerate(shapes):
        for b in shapes[i + 1:]:
            assert (marks[a] != marks[b]).mean() > 0.1, f"{a} and {b} look alike"
    with pytest.raises(ValueError):
        drawing.logo("star", "#000000")


def test_a_slide_shows_its_colour_and_its_progress() -> None:
    first = drawing.slide("#2F4A6B", 0, 4, (256, 144))
    last = drawing.slide("#2F4A6B", 3, 4, (256, 144))
    assert tuple(first[80, 128, :3]) == (0x2F, 0x4A, 0x6B)
    assert first[10, 128, :3].mean() > first[80, 128, :3].mean(), "a lighter title band on top"
    bar_first, bar_last = (first[-2, :, :3] == 255).all(axis=-1), (last[-2, :, :3] == 255).all(axis=-1)
    assert bar_first.sum() == 64 and bar_last.sum() == 256
    assert np.array_equal(first[:100], last[:100])
