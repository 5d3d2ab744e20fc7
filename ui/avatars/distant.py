"""A visitor seen from afar: the outfit's silhouette and colours in about a tenth of the triangles. Pure.

Beyond :data:`FAR` metres an avatar covers a few dozen pixels, where the full body's ~800 triangles (lathed sleeves,
cuffs, eyes) cost a software rasterizer as much as a building; this stand-in keeps what reads at that size: the
skirt or trousers, the jacket or shirt, the head in skin and hair.
"""

from __future__ import annotations

from game.architecture.mesh import Mesh, merge, srgb_to_linear
from game.architecture.primitives import lathe
from game.social.avatar_mesh import HAIR, HEAD_PIVOT, PALETTE, SKINS, Look, sphere

#: Metres from the camera beyond which an avatar is drawn with :func:`distant_still`.
FAR = 14.0
SEGMENTS = 6


def _rgba(hex_colour: str) -> tuple[float, float, float, float]:
    return (*srgb_to_linear(hex_colour), 1.0)


def distant_still(look: Look) -> Mesh:
    """The whole avatar at rest, coarse: same height, outline and colours as ``avatar_still``."""
    main, accent, skin = _rgba(PALETTE[look.colour]), _rgba(PALETTE[look.accent]), _rgba(SKINS[look.skin])
    if look.outfit == "hanbok":
        lower = lathe([0.42, 0.3, 0.17, 0.0], [0.0, 0.75, 1.12, 1.121], (0, 0, 0), main, SEGMENTS)
        upper = lathe([0.26, 0.2, 0.07], [1.0, 1.3, 1.45], (0, 0, 0), accent, SEGMENTS)
    else:
        lower = lathe([0.2, 0.18, 0.2], [0.0, 0.5, 0.86], (0, 0, 0), accent, SEGMENTS)
        upper = lathe([0.24, 0.26, 0.08], [0.86, 1.3, 1.5], (0, 0, 0), main, SEGMENTS)
    hx, hy, hz = HEAD_PIVOT
    head = sphere(0.13, (hx, hy, hz), skin, 3, SEGMENTS, squash=1.08)
    hair = sphere(0.137, (hx, hy - 0.03, hz + 0.015), _rgba(HAIR), 3, SEGMENTS)
    return merge([lower, upper, head, hair])
