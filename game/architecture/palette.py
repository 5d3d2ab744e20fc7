"""Named linear vertex colours: dancheong pigments and the base tints of stone, tile, lime and brick.

Swatches are the sRGB values of ``reference/korean-architecture.md`` §3–4 (chart swatch A unless noted),
converted once here so builders speak in pigment names rather than numbers.
"""

from __future__ import annotations

import numpy as np

from game.architecture.mesh import srgb_to_linear

Color = tuple[float, float, float, float]


def rgba(hex_srgb: str, alpha: float = 1.0) -> Color:
    r, g, b = srgb_to_linear(hex_srgb)
    return (r, g, b, alpha)


SEOKGANJU = rgba("#8A4C44")  # 석간주: columns, verticals, board doors
NOEROK = rgba("#397664")  # 뇌록: ground coat of beams and brackets
JANGDAN = rgba("#E16350")  # 장단: vermilion-orange accents
JUHONG = rgba("#A83A3A")  # 주홍: the chart's #C23352 reads pink, so a deeper red (report §3 note)
YANGNOK = rgba("#31B675")  # 양록: bright green
HAYEOP = rgba("#245441")  # 하엽: dark green
SAMCHEONG = rgba("#5C6EB4")  # 삼청: blue
HWANG = rgba("#F9D537")  # 황: yellow
MEOK = rgba("#1D1E23")  # 먹: black lines
BAEK = rgba("#EDEBE3")  # 백 (호분): white lines

GRANITE = rgba("#BEB4AA")  # pale-pink biotite granite (190,180,170)
TILE = rgba("#46484E")  # reduction-fired clay (70,72,78)
TILE_DARK = rgba("#3A3C41")  # ridge caps and finials, a shade darker than the field
LIME = rgba("#E4E0D6")  # 양성 ridge lime (228,224,214)
BRICK = rgba("#6E6E6C")  # grey fired 전돌 (110,110,108)
BRONZE = rgba("#6B5A3E")
GILT = rgba("#C9A046")
WHITE = (1.0, 1.0, 1.0, 1.0)

#: 머리초 band sequence from a member's end inwards (모로 dancheong: bands at the ends, 뇌록 middle).
MEORICHO_BANDS = (BAEK, SAMCHEONG, JUHONG, YANGNOK, BAEK, HAYEOP)


def jitter(color: Color, rng: np.random.Generator, amount: float) -> Color:
    """The colour scaled by a random factor in [1 - amount, 1 + amount] (per-stone, per-tile variation)."""
    k = 1.0 + rng.uniform(-amount, amount)
    return (min(color[0] * k, 1.0), min(color[1] * k, 1.0), min(color[2] * k, 1.0), color[3])


def granite_stone(rng: np.random.Generator) -> Color:
    """One ashlar block's tint: mostly pale-pink granite, some whiter new stone, some yellowed old stone (S12, S13)."""
    pick = rng.random()
    if pick < 0.56:
        base = GRANITE
    elif pick < 0.82:
        base = rgba("#C9C4BC")  # leucogranite / new Pocheon stone
    else:
        base = rgba("#BDAE92")  # yellowed old block
    return jitter(base, rng, 0.08)
