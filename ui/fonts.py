"""Find and load a font that has Hangul, because Panda3D's built-in font draws Korean as empty boxes.

Looks in the usual fontconfig directories for Debian's ``fonts-nanum`` and ``fonts-noto-cjk`` (both OFL),
then any Nanum/Noto CJK file below those directories, so it works on a stock Debian/Ubuntu without calling
fontconfig. ``MSEOUL_FONT`` (a path) overrides the search, for kiosks with a house font.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts",
             Path.home() / ".fonts", Path("/Library/Fonts"), Path("C:/Windows/Fonts"))
REGULAR = ("truetype/nanum/NanumGothic.ttf", "truetype/nanum/NanumBarunGothic.ttf",
           "opentype/noto/NotoSansCJK-Regular.ttc", "NanumGothic.ttf", "malgun.ttf")
BOLD = ("truetype/nanum/NanumGothicBold.ttf", "truetype/nanum/NanumBarunGothicBold.ttf",
        "opentype/noto/NotoSansCJK-Bold.ttc", "NanumGothicBold.ttf", "malgunbd.ttf")
PATTERNS = ("**/NanumGothic*.ttf", "**/Nanum*.ttf", "**/NotoSansCJK*.tt[cf]", "**/NotoSansKR*.[ot]tf")


def find_korean_font(bold: bool = False) -> Path | None:
    """Path of a Hangul-capable font file, bold when asked and available, else None."""
    override = os.environ.get("MSEOUL_FONT")
    if override and Path(override).is_file():
        return Path(override)
    names = (BOLD + REGULAR) if bold else REGULAR
    for name in names:
        for base in FONT_DIRS:
            if (base / name).is_file():
                return base / name
    for pattern in PATTERNS:
        for base in FONT_DIRS:
            if base.is_dir():
                found = sorted(base.glob(pattern))
                if found:
                    return found[0]
    return None


def load_font(loader: Any, bold: bool = False, pixels_per_unit: int = 64) -> Any | None:
    """Load the Hangul font through a Panda3D ``Loader``; None when none is installed (the caller falls back).

    A higher ``pixels_per_unit`` than Panda3D's default keeps large alert text crisp.
    """
    from panda3d.core import Filename

    path = find_korean_font(bold)
    if path is None:
        return None
    font = loader.loadFont(Filename.fromOsSpecific(str(path)).getFullpath())
    if font is None or not font.isValid():
        return None
    if font.getPixelsPerUnit() != pixels_per_unit:
        # The font pool shares one font per file; once glyphs are cached its resolution is fixed, so
        # change it on a private copy rather than on the shared font.
        if font.getNumPages():
            font = font.makeCopy()
        font.setPixelsPerUnit(pixels_per_unit)
    return font
