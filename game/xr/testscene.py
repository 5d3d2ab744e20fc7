"""A small, cheap scene for XR runs without the district: ground, a ring of coloured blocks, one tall marker.

Near blocks give strong parallax between the eyes; colours make left/right and motion checks robust. Colours
are given as sRGB and stored linear, because the eye buffers encode linear shading to sRGB on write.
"""

from __future__ import annotations

import math

from panda3d.core import AmbientLight, CardMaker, DirectionalLight, NodePath

from game.xr.axes import srgb_to_linear


def _box(parent: NodePath, name: str, pos, size, colour) -> NodePath:
    root = parent.attach_new_node(name)
    sx, sy, sz = size
    faces = [((0, -sy, 0), (0, 0, 0)), ((0, sy, 0), (180, 0, 0)), ((-sx, 0, 0), (-90, 0, 0)),
             ((sx, 0, 0), (90, 0, 0)), ((0, 0, sz), (0, -90, 0))]  # fmt: skip
    for i, (offset, hpr) in enumerate(faces):
        cm = CardMaker(f"{name}-{i}")
        w = sx if i in (0, 1, 4) else sy
        h = sy if i == 4 else sz
        cm.set_frame(-w, w, -h, h)
        face = root.attach_new_node(cm.generate())
        face.set_hpr(*hpr)
        face.set_pos(*offset)
    root.set_pos(pos[0], pos[1], pos[2] + sz)
    root.set_color(*srgb_to_linear(colour))
    return root



def build_test_scene(app) -> NodePath:
    """Build under a new root (not yet parented) and return it; ``app`` is accepted for the contract."""
    root = NodePath("xr-test-scene")
    ground = CardMaker("ground")
    ground.set_frame(-50, 50, -50, 50)
    g = root.attach_new_node(ground.generate())
    g.set_p(-90)
    g.set_color(*srgb_to_linear((0.35, 0.45, 0.3, 1)))
    colours = [(0.9, 0.2, 0.2, 1), (0.2, 0.7, 0.2, 1), (0.2, 0.3, 0.9, 1), (0.9, 0.8, 0.1, 1),
               (0.8, 0.3, 0.8, 1), (0.1, 0.8, 0.8, 1), (0.95, 0.5, 0.1, 1), (0.6, 0.6, 0.6, 1)]  # fmt: skip
    for i, colour in enumerate(colours):
        a = 2 * math.pi * i / len(colours)
        r = 2.5 + (i % 3) * 2.0
        _box(root, f"block-{i}", (r * -math.sin(a), r * math.cos(a), 0), (0.4, 0.4, 0.6 + 0.3 * (i % 3)), colour)
    _box(root, "near-post", (0.3, 1.2, 0), (0.08, 0.08, 0.9), (1, 1, 1, 1))
    sun = DirectionalLight("sun")
    sun.set_color((0.8, 0.8, 0.75, 1))
    sun_np = root.attach_new_node(sun)
    sun_np.set_hpr(30, -50, 0)
    root.set_light(sun_np)
    amb = AmbientLight("sky")
    amb.set_color((0.2, 0.22, 0.26, 1))
    root.set_light(root.attach_new_node(amb))
    return root
