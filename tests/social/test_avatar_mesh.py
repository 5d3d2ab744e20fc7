"""Avatar geometry: looks survive the wire, parts sit on their pivots, the figure stands and faces +Y."""

from __future__ import annotations

import numpy as np

from game.social.avatar_mesh import HAND_PIVOTS, HEIGHT, OUTFITS, PALETTE, SKINS, Look, avatar_parts, avatar_still
from net.protocol import LOOK


def test_looks_round_trip_and_bad_ones_fall_back():
    look = Look("casual", 3, 7, 2)
    assert Look.parse(look.wire()) == look and LOOK.fullmatch(look.wire())
    assert Look.parse("armour:1:2:3") == Look() and Look.parse("hanbok:x:1:1") == Look()
    assert Look.parse("hanbok:99:98:97") == Look("hanbok", 99 % len(PALETTE), 98 % len(PALETTE), 97 % len(SKINS))


def test_every_outfit_stands_on_the_ground_at_human_height_and_faces_forward():
    for outfit in OUTFITS:
        still = avatar_still(Look(outfit))
        low, high = still.bounds()
        assert abs(low[2]) < 1e-6 and abs(high[2] - HEIGHT) < 0.05
        assert still.triangle_count < 2000  # fifty of them on a software renderer
        assert np.allclose(np.linalg.norm(still.normals, axis=1), 1.0, atol=1e-3)
        head = avatar_parts(Look(outfit))["head"]
        dark = head.colors[:, :3].sum(axis=1) < 0.05  # eyes (and hair) are the darkest vertices
        eyes = head.positions[dark & (head.positions[:, 1] > 0.1)]
        assert len(eyes) and eyes[:, 1].min() > 0.1  # the face looks along +Y, a walker's heading 0


def test_parts_are_centred_on_their_pivots_for_vr_poses():
    parts = avatar_parts(Look("hanbok", 1, 2, 3))
    for name in ("head", *HAND_PIVOTS):
        low, high = parts[name].bounds()
        assert np.all(np.abs((low + high) / 2) < 0.03), name
    assert not np.array_equal(avatar_parts(Look("hanbok", 0))["body"].colors,
                              avatar_parts(Look("hanbok", 2))["body"].colors)
