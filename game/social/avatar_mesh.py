"""Stylised, friendly visitor avatars built from lathes and spheres: a hanbok or casual outfit in chosen colours.

Pure numpy (``game.architecture.mesh.Mesh``), four parts so VR visitors can move their head and hands from
their tracked poses while everyone else's stay at rest: ``body`` (root at the feet, facing +Y like a walker at
heading 0), ``head``, ``left`` and ``right`` (hands), each centred on its own pivot. About 1,500 triangles in four
draw calls: fifty visitors stay cheap on a software renderer. No faces, no skin-tone guessing from names: the
visitor picks a skin tone like any other colour.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.architecture.mesh import Mesh, box, merge, srgb_to_linear, translate
from game.architecture.primitives import lathe

OUTFITS = ("hanbok", "casual")
#: Outfit colours (sRGB): 오방색-inspired reds, yellows and blues, then softer modern ones.
PALETTE = ("#c8102e", "#f2a900", "#0057b8", "#2e8b57", "#f4a6c0", "#7a4fa3", "#f5f1e6", "#1f2a44", "#ff7f50",
           "#40b5ad")
SKINS = ("#f1c9a5", "#e0ac69", "#c68642", "#8d5524")
HAIR = "#1b1b1f"

HEAD_PIVOT = (0.0, 0.0, 1.55)
HAND_PIVOTS = {"left": (-0.26, 0.04, 0.86), "right": (0.26, 0.04, 0.86)}
HEIGHT = 1.70


@dataclass(frozen=True)
class Look:
    """What a visitor chose; travels as ``outfit:colour:accent:skin`` (``presence.join``'s ``look``)."""

    outfit: str = "hanbok"
    colour: int = 0
    accent: int = 1
    skin: int = 0

    def wire(self) -> str:
        return f"{self.outfit}:{self.colour}:{self.accent}:{self.skin}"

    @staticmethod
    def parse(text: str) -> Look:
        """The look in ``text``; anything unknown falls back to the default rather than failing a visitor."""
        parts = text.split(":")
        if len(parts) != 4 or parts[0] not in OUTFITS or not all(p.isdigit() for p in parts[1:]):
            return Look()
        colour, accent, skin = (int(p) for p in parts[1:])
        return Look(parts[0], colour % len(PALETTE), accent % len(PALETTE), skin % len(SKINS))


def _rgba(hex_colour: str) -> tuple[float, float, float, float]:
    return (*srgb_to_linear(hex_colour), 1.0)


def sphere(radius: float, centre: tuple[float, float, float], colour: tuple[float, float, float, float],
           rings: int = 8, segments: int = 12, squash: float = 1.0) -> Mesh:
    phi = np.linspace(0.0, np.pi, rings + 1)
    radii = radius * np.sin(phi)
    heights = -radius * squash * np.cos(phi)
    return lathe(radii, heights, centre, colour, segments)


def _head(look: Look) -> Mesh:
    skin = _rgba(SKINS[look.skin])
    # Hair: a slightly larger sphere set back and up, so it shows over the crown, the back and the sides while
    # its front stays inside the face.
    hair = sphere(0.137, (0.0, -0.03, 0.015), _rgba(HAIR), 6, 10)
    eyes = [sphere(0.017, (x, 0.118, 0.015), _rgba("#202020"), 3, 4) for x in (-0.045, 0.045)]
    return merge([sphere(0.13, (0.0, 0.0, 0.0), skin, 7, 10, squash=1.08), hair, *eyes])


def _hand(look: Look) -> Mesh:
    return sphere(0.05, (0.0, 0.0, 0.0), _rgba(SKINS[look.skin]), 4, 6)


def cuff_colour(look: Look) -> str:
    """The hanbok's cuffs and collar: ivory, or red on an ivory jacket (where ivory would not show)."""
    return "#f5f1e6" if look.accent != 6 else "#c8102e"


def _hanbok(look: Look) -> Mesh:
    chima, jeogori = _rgba(PALETTE[look.colour]), _rgba(PALETTE[look.accent])
    cuff = _rgba(cuff_colour(look))
    skirt = lathe([0.42, 0.38, 0.3, 0.22, 0.17, 0.0], [0.0, 0.35, 0.75, 1.02, 1.12, 1.121], (0, 0, 0), chima, 16)
    jacket = lathe([0.2, 0.21, 0.2, 0.16, 0.07], [1.0, 1.12, 1.3, 1.4, 1.45], (0, 0, 0), jeogori, 14)
    ribbon = box((0.05, 0.03, 0.26), (0.03, 0.2, 0.94), chima)  # 고름, the jacket tie, in the skirt colour
    sleeves = [lathe([0.075, 0.07, 0.06], [0.0, 0.25, 0.45], (x, 0.02, 0.92), jeogori, 8) for x in (-0.25, 0.25)]
    cuffs = [lathe([0.078, 0.078], [0.0, 0.05], (x, 0.02, 0.9), cuff, 8) for x in (-0.25, 0.25)]
    neck = lathe([0.05, 0.05], [0.0, 0.12], (0, 0, 1.4), _rgba(SKINS[look.skin]), 8)
    collar = lathe([0.075, 0.07], [0.0, 0.03], (0, 0, 1.41), cuff, 10)
    return merge([skirt, jacket, ribbon, *sleeves, *cuffs, neck, collar])


def _casual(look: Look) -> Mesh:
    shirt, trousers = _rgba(PALETTE[look.colour]), _rgba(PALETTE[look.accent])
    shoes = _rgba("#2b2b2b")
    legs = [lathe([0.08, 0.075, 0.09], [0.0, 0.5, 0.82], (x, 0, 0.05), trousers, 10) for x in (-0.1, 0.1)]
    feet = [box((0.1, 0.2, 0.07), (x, 0.03, 0.0), shoes) for x in (-0.1, 0.1)]
    hips = lathe([0.19, 0.2], [0.0, 0.1], (0, 0, 0.78), trousers, 14)
    torso = lathe([0.19, 0.2, 0.21, 0.18, 0.08], [0.0, 0.2, 0.45, 0.58, 0.64], (0, 0, 0.86), shirt, 14)
    arms = [lathe([0.055, 0.06, 0.065], [0.0, 0.3, 0.46], (x, 0.02, 0.9), shirt, 8) for x in (-0.25, 0.25)]
    neck = lathe([0.05, 0.05], [0.0, 0.12], (0, 0, 1.4), _rgba(SKINS[look.skin]), 8)
    return merge([*legs, *feet, hips, torso, *arms, neck])


def avatar_parts(look: Look) -> dict[str, Mesh]:
    """The four parts of an avatar, each in its own pivot's frame (see :data:`HEAD_PIVOT`, :data:`HAND_PIVOTS`)."""
    body = _hanbok(look) if look.outfit == "hanbok" else _casual(look)
    hand = _hand(look)
    return {"body": body, "head": _head(look), "left": hand, "right": hand}


def avatar_still(look: Look) -> Mesh:
    """All four parts at rest in one mesh: one draw call for everyone who is not in VR."""
    parts = avatar_parts(look)
    placed = [parts["body"], parts["head"].transformed(translate(*HEAD_PIVOT))]
    placed += [parts[side].transformed(translate(*pivot)) for side, pivot in HAND_PIVOTS.items()]
    return merge(placed)


def raised_hand(look: Look) -> Mesh:
    """A raised right arm for gatherings, centred on the hand: the sleeve reaches down to the shoulder (0.5 m
    below), in the outfit's upper colour, so it reads as this visitor's own arm rather than a floating icon."""
    sleeve = _rgba(PALETTE[look.accent if look.outfit == "hanbok" else look.colour])
    arm = lathe([0.065, 0.06, 0.055], [0.0, 0.3, 0.45], (-0.04, -0.03, -0.5), sleeve, 8)
    return merge([arm, sphere(0.06, (0.0, 0.0, 0.0), _rgba(SKINS[look.skin]), 4, 6)])
