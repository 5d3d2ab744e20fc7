"""Cherry trees along Gyeongbokgung's west wall (Hyoja-ro) and their season: pink in early April. Pure.

Hyoja-ro, the road along the palace's west wall from Gwanghwamun to Cheong Wa Dae, is one of central Seoul's
known cherry-blossom streets (왕벚나무, Yoshino cherry); the row here stands on the pavement outside the wall.
Its extent and spacing are estimated from maps and photographs, not surveyed.

Bloom: the Korea Meteorological Administration dates Seoul's flowering by its standard tree at the Seoul weather
station (Songwol-dong, Jongno-gu): flowering when one branch has three open flowers, normal date 8 April
(1991–2020 normal), full bloom about a week later [S: KMA announcements as reported by the press]. Recent springs
flowered earlier (2020 the earliest since records began in 1922), so the crowns here are pink from 1 to 15 April
[E]: the normal flowering date's week of full bloom and the earlier recent years, before the petals fall.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from game.architecture.mesh import srgb_to_linear

BLOOM = ((4, 1), (4, 15))  # (month, day) first and last day of pink crowns [E], see the module's docstring
BLOSSOM = srgb_to_linear("#f3b3c8")  # Yoshino cherry in full bloom, seen from the street: pale pink
LEAVES_SPRING = srgb_to_linear("#86b04c")  # the leaves that follow the petals in late April
LEAVES = srgb_to_linear("#4f7a35")
AUTUMN = srgb_to_linear("#b5482a")  # cherries colour early, red-orange in October, and stand bare by November
ROW_FROM, ROW_TO = 40.0, 620.0  # metres north of Gwanghwamun along the west wall [E]
SPACING = 9.0  # metres between trees [E]
OUTSIDE = 4.5  # metres from the wall's outer face into Hyoja-ro's pavement [E]
POSITION_TAG = "estimated"


def in_bloom(when: dt.date) -> bool:
    """Whether the cherries stand in blossom on ``when`` (:data:`BLOOM`)."""
    (m0, d0), (m1, d1) = BLOOM
    return (m0, d0) <= (when.month, when.day) <= (m1, d1)


def crown(when: dt.date) -> tuple[float, float, float] | None:
    """Linear colour of a cherry's crown on ``when``: blossom, then fresh and summer leaves, red in October; None
    (bare) from November to March."""
    if in_bloom(when):
        return BLOSSOM
    return (None, None, None, LEAVES_SPRING, LEAVES_SPRING, LEAVES, LEAVES, LEAVES, LEAVES, AUTUMN, None,
            None)[when.month - 1]


def spots(wall: dict, seed: int = 37) -> np.ndarray:
    """(x, y, height) of the cherries in Gwanghwamun's own frame (+Y north behind the gate, -X west), from its
    ``palace_wall`` params: one row outside the west wall, clear of Yeongchumun's gate house."""
    rng = np.random.default_rng(seed)
    x = -float(wall["west"]) - float(wall["thickness"]) / 2 - OUTSIDE
    gates = [float(g["at"]) for g in wall.get("gates", ()) if g["side"] == "west"]
    ys = [y for y in np.arange(ROW_FROM, ROW_TO, SPACING) if all(abs(y - at) > 14.0 for at in gates)]
    return np.asarray([(x + rng.uniform(-0.6, 0.6), y, rng.uniform(6.0, 8.0)) for y in ys],
                      np.float64).reshape(-1, 3)
