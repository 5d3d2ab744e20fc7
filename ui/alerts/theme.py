"""Colours, sizes and flash rhythm of each alert level's overlay; plain data so tests can check the contrast.

Text colours against their backgrounds are all ≥ 7:1 (WCAG AAA), checked by the tests from these values and
again from rendered pixels. Flashes only touch the thin frame around the panel, never the whole screen, and
stay at or under 2 per second (limit 3, WCAG 2.3.1).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.alerts.levels import AlertLevel

RGB = tuple[float, float, float]
WHITE: RGB = (1.0, 1.0, 1.0)
BLACK: RGB = (0.0, 0.0, 0.0)
BADGE: RGB = (1.0, 0.84, 0.0)  # drill badge: black text on yellow, like a training vest


def to_linear(rgb: RGB) -> RGB:
    """sRGB → linear, for windows with an sRGB framebuffer, which encode what they are given once more."""
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class LevelStyle:
    top: float  # panel extent in aspect2d height units (-1 bottom … 1 top)
    bottom: float
    background: RGB
    text: RGB
    header: RGB
    header_text: RGB
    flash_lit: RGB
    flash_dim: RGB
    flash_hz: float
    flash_count: int
    border: float  # frame thickness
    header_height: float
    max_caption_scale: float
    captions_below: bool  # full-width captions under the pictogram (takeover) or beside it (banners)


STYLES = {
    AlertLevel.EMERGENCY: LevelStyle(
        top=1.0, bottom=-1.0, background=(0.05, 0.05, 0.05), text=WHITE, header=(0.55, 0.0, 0.0),
        header_text=WHITE, flash_lit=(1.0, 0.12, 0.12), flash_dim=(0.3, 0.0, 0.0), flash_hz=2.0, flash_count=6,
        border=0.06, header_height=0.22, max_caption_scale=0.11, captions_below=True,
    ),
    AlertLevel.URGENT: LevelStyle(
        top=1.0, bottom=-0.15, background=(0.07, 0.07, 0.07), text=WHITE, header=(1.0, 0.69, 0.0),
        header_text=BLACK, flash_lit=(1.0, 0.69, 0.0), flash_dim=(0.3, 0.2, 0.0), flash_hz=1.0, flash_count=3,
        border=0.045, header_height=0.17, max_caption_scale=0.09, captions_below=False,
    ),
    AlertLevel.SAFETY: LevelStyle(
        top=1.0, bottom=0.3, background=(0.03, 0.13, 0.26), text=WHITE, header=(0.05, 0.25, 0.5),
        header_text=WHITE, flash_lit=(0.45, 0.7, 1.0), flash_dim=(0.05, 0.25, 0.5), flash_hz=1.0, flash_count=1,
        border=0.035, header_height=0.14, max_caption_scale=0.075, captions_below=False,
    ),
}
