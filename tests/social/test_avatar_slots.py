"""The instanced avatar mesh draws every look exactly as the per-look mesh does. Pure."""

from __future__ import annotations

import itertools
import random

import numpy as np

from game.social.avatar_mesh import OUTFITS, PALETTE, SKINS, Look, avatar_still
from ui.avatars.distant import distant_still
from ui.avatars.slots import ACCENT, CUFF, FIXED, MAIN, SKIN, look_colours, recoloured, slotted


def test_every_slot_is_used_and_hair_and_eyes_stay_fixed() -> None:
    hanbok, casual = (set(slotted(o).uvs[:, 0].astype(int)) for o in OUTFITS)
    assert hanbok == {FIXED, MAIN, ACCENT, SKIN, CUFF}
    assert casual == {FIXED, MAIN, ACCENT, SKIN}  # no cuffs on a shirt


def test_recolouring_the_slotted_mesh_gives_each_looks_own_colours() -> None:
    rng = random.Random(3)
    looks = [Look(o, c, a, s) for o, c, a, s in itertools.product(OUTFITS, range(len(PALETTE)), (0, 6, 9),
                                                                  range(len(SKINS)))]
    for look in rng.sample(looks, 24) + [Look("hanbok", 6, 6, 3), Look("hanbok", 0, 6, 0)]:
        for far, build in ((False, avatar_still), (True, distant_still)):
            mesh, want = slotted(look.outfit, far), build(look)
            assert np.array_equal(mesh.positions, want.positions) and np.array_equal(mesh.indices, want.indices)
            np.testing.assert_allclose(recoloured(mesh, look_colours(look)), want.colors, atol=1e-6,
                                       err_msg=f"{look} far={far}")
