"""Avatar meshes with colour slots, for drawing every visitor of one outfit in one instanced call. Pure.

An instanced draw shares one mesh, so the colours a visitor chose cannot be baked into it. Each vertex instead
carries a slot (in ``uvs[:, 0]``): 0 keeps the vertex's own colour (hair, eyes, shoes), 1–4 take the visitor's
main colour, accent, skin and cuff from the instance data. The slots are found by building the outfit in looks
that differ in one choice at a time and seeing which vertices change, so they follow ``avatar_mesh`` whatever
it draws, and :func:`recoloured` gives back exactly the per-look mesh (a test holds it to that).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from game.architecture.mesh import Mesh, srgb_to_linear
from game.social.avatar_mesh import PALETTE, SKINS, Look, avatar_still, cuff_colour
from ui.avatars.distant import distant_still

FIXED, MAIN, ACCENT, SKIN, CUFF = range(5)
SLOTS = 5


def look_colours(look: Look) -> np.ndarray:
    """(4, 3) linear RGB for slots MAIN, ACCENT, SKIN and CUFF of ``look``."""
    return np.array([srgb_to_linear(c) for c in (PALETTE[look.colour], PALETTE[look.accent], SKINS[look.skin],
                                                 cuff_colour(look))], np.float32)


@lru_cache(maxsize=8)
def slotted(outfit: str, far: bool = False) -> Mesh:
    """The outfit's still mesh (or its distant stand-in with ``far``) with each vertex's slot in ``uvs[:, 0]``."""
    build = distant_still if far else avatar_still
    base = Look(outfit, 0, 1, 0)
    mesh = build(base)
    slots = np.zeros(len(mesh.positions), np.float32)
    # One choice changed at a time; the cuff last, so a vertex that follows the accent stays an accent.
    for slot, other in ((MAIN, Look(outfit, 2, 1, 0)), (ACCENT, Look(outfit, 0, 3, 0)), (SKIN, Look(outfit, 0, 1, 2)),
                        (CUFF, Look(outfit, 0, 6, 0))):
        changed = np.any(np.abs(build(other).colors - mesh.colors) > 1e-6, axis=1) & (slots == FIXED)
        slots[changed] = slot
    uvs = mesh.uvs.copy()
    uvs[:, 0] = slots
    return Mesh(mesh.positions, mesh.normals, uvs, mesh.colors, mesh.indices)


def recoloured(mesh: Mesh, colours: np.ndarray) -> np.ndarray:
    """The vertex colours an instance with ``colours`` (from :func:`look_colours`) is drawn in: what the shader
    does, in numpy."""
    out = mesh.colors.copy()
    slots = mesh.uvs[:, 0].astype(int)
    for slot in range(MAIN, SLOTS):
        out[slots == slot, :3] = colours[slot - 1]
    return out
