"""Named linear vertex colours: dancheong pigments, and tints for the textured materials.

Vertex colours multiply the material's texture (see ``mesh``). Wood, plaster, fabric and bronze textures are
near-white, so paint on them carries its full colour: the dancheong swatches of
``reference/korean-architecture.md`` §3 (chart swatch A unless noted). Granite, tile, lime, brick, paving,
grass, water, glass, concrete and asphalt textures already carry their albedo (§4), so their colours here are
tints near white that only vary a block, a tile row or a facade against its neighbours.
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

# tints over textured materials
GRANITE = (0.94, 0.94, 0.94, 1.0)
MORTAR = (0.6, 0.6, 0.6, 1.0)  # joints between ashlar blocks
TILE = (0.92, 0.92, 0.94, 1.0)
TILE_DARK = (0.72, 0.72, 0.74, 1.0)  # ridge caps and finials, a shade darker than the field
LIME = (1.0, 1.0, 1.0, 1.0)
BRICK = (0.95, 0.95, 0.95, 1.0)
NEUTRAL = (1.0, 1.0, 1.0, 1.0)  # a textured material exactly as baked

# paint and metal over near-white textures
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
        base = (0.95, 0.92, 0.91, 1.0)  # pale-pink biotite granite, the texture's own colour
    elif pick < 0.82:
        base = (0.97, 0.97, 0.98, 1.0)  # leucogranite / new Pocheon stone
    else:
        base = (0.96, 0.89, 0.74, 1.0)  # yellowed old block
    return jitter(base, rng, 0.05)
