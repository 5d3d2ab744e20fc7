"""One caption style for every caption the app shows: size, colour, background opacity and position. Pure.

People read captions differently: larger for low vision or a kiosk seen from a step back, yellow or cyan on dark
for some with low vision or dyslexia, a solid backing when the world behind is busy, at the top when the bottom of
the picture matters (W3C XAUR REQ 19). The visitor sets it once (the ``caption_*`` access settings) and each
caption source — the alert captions, the signing panel's captions — applies it.
Colours are offered only if they keep WCAG AAA contrast (≥ 7:1) on every dark backing the app uses.
"""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[float, float, float]
#: Offered caption colours (the default ``None`` keeps each source's own, e.g. black on the urgent banner).
COLOURS: dict[str, RGB] = {"white": (1.0, 1.0, 1.0), "yellow": (1.0, 0.92, 0.3), "cyan": (0.55, 0.92, 1.0)}
POSITIONS = ("bottom", "top")
BACKING: RGB = (0.0, 0.0, 0.0)  # the card behind the text, at the chosen opacity


@dataclass(frozen=True)
class CaptionStyle:
    size: float = 1.0  # multiplies each source's own text size
    colour: str | None = None  # a key of COLOURS; None: the source's own colour
    background: float = 0.0  # opacity of a black card behind the text, 0–1
    position: str = "bottom"  # where a free-standing caption goes (the signing panel's)

    def rgb(self, own: RGB) -> RGB:
        return COLOURS[self.colour] if self.colour is not None else own

    def card(self) -> tuple[float, float, float, float] | None:
        """The backing card's RGBA, or None for no card."""
        return (*BACKING, self.background) if self.background > 0 else None


DEFAULT = CaptionStyle()


def from_settings(settings) -> CaptionStyle:
    """The style from :class:`game.access_settings.AccessSettings` (each value already validated there)."""
    return CaptionStyle(settings.caption_size, settings.caption_colour, settings.caption_background,
                        settings.caption_position)
