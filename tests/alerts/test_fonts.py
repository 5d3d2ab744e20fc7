"""The Hangul font lookup shared with the rest of the UI."""

from __future__ import annotations

import pytest

from ui.fonts import find_korean_font, load_font


def test_override_and_search(tmp_path, monkeypatch):
    own = tmp_path / "house.ttf"
    own.write_bytes(b"not really a font")
    monkeypatch.setenv("MSEOUL_FONT", str(own))
    assert find_korean_font() == own
    monkeypatch.delenv("MSEOUL_FONT")
    found = find_korean_font()
    if found is None:
        pytest.skip("no Hangul font installed (apt-get install fonts-nanum)")
    assert found.is_file() and found.suffix in (".ttf", ".ttc", ".otf")


@pytest.mark.render
def test_loaded_font_has_hangul_glyphs(showbase):
    font = load_font(showbase.loader, bold=True)
    if font is None:
        pytest.skip("no Hangul font installed (apt-get install fonts-nanum)")
    from panda3d.core import TextNode

    node = TextNode("probe")
    node.setFont(font)
    assert node.hasCharacter("재") and node.hasCharacter("A")
    assert font.getPixelsPerUnit() == 64
    assert load_font(showbase.loader, bold=True, pixels_per_unit=32).getPixelsPerUnit() == 32
