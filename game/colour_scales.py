"""The colour scales for live city states — crowd level and air quality — chosen to survive colour blindness. Pure.

Seoul's real-time city data gives four crowd levels (여유, 보통, 약간 붐빔, 붐빔) and AirKorea's index four air
levels (좋음, 보통, 나쁨, 매우나쁨). Their usual colours (green/yellow/orange/red; blue/green/yellow/red) run
together for dichromats: measured with :mod:`game.colour_vision`, neighbouring levels come as close as ΔE00 5.0
(air, tritanopia) and 8.0 (crowd, deuteranopia). These keep the familiar hue families but also step in lightness
(light = calm, dark = bad), so order and difference survive any one missing cone: every pair stays ≥ 16 ΔE00 under
protanopia, deuteranopia and tritanopia (``python -m game.colour_vision`` prints the figures). Whatever draws
these states (map markers, HUD badges) takes its colours from here and also writes the level as text.
"""

from __future__ import annotations

RGB = tuple[float, float, float]


def hex_rgb(code: str) -> RGB:
    code = code.lstrip("#")
    return (int(code[0:2], 16) / 255, int(code[2:4], 16) / 255, int(code[4:6], 16) / 255)


CROWD: dict[str, RGB] = {"여유": hex_rgb("#B8EBC8"), "보통": hex_rgb("#F2C12E"), "약간 붐빔": hex_rgb("#D9622B"),
                         "붐빔": hex_rgb("#7A1230")}
AIR: dict[str, RGB] = {"좋음": hex_rgb("#1F5FB8"), "보통": hex_rgb("#9FDCC0"), "나쁨": hex_rgb("#F5C342"),
                       "매우나쁨": hex_rgb("#A3242C")}
#: The usual colours, kept only to show in the report what the scales above fix.
USUAL_CROWD: dict[str, RGB] = {"여유": hex_rgb("#1FB35A"), "보통": hex_rgb("#FFC800"), "약간 붐빔": hex_rgb("#FF8C00"),
                               "붐빔": hex_rgb("#E52421")}
USUAL_AIR: dict[str, RGB] = {"좋음": hex_rgb("#3B8CFF"), "보통": hex_rgb("#33B24A"), "나쁨": hex_rgb("#FFB300"),
                             "매우나쁨": hex_rgb("#E52421")}
