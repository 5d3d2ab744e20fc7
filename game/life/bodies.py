"""The shapes the city life is drawn with: a walker, a car, a bus, a scooter, signal heads. Pure (numpy).

Each vertex carries in its texture coordinate (u, v) a colour slot and a body part; the shader
(``shaders/life.vert``) picks the colour per instance and slot, and swings the parts (legs, arms) about their
hip or shoulder for the walk cycle. Bodies face +Y and stand on z = 0; a walker is 1.7 m tall before scaling.
"""

from __future__ import annotations

import numpy as np

from game.architecture.mesh import Mesh, box, merge
from game.architecture.primitives import lathe

# colour slots: the shader maps these to per-instance or fixed colours
SKIN, TOP, BOTTOM, HAIR, SHOES, GLASS, TYRE, ACCENT, HEADLIGHT, TAILLIGHT, SIGN, LAMP = range(12)
# body parts: 0 rigid; the walk cycle swings the rest
RIGID, LEFT_LEG, RIGHT_LEG, LEFT_ARM, RIGHT_ARM, TAXI_SIGN = range(6)
HIP, SHOULDER = 0.9, 1.42  # pivot heights (metres) of the swinging parts


def _tag(mesh: Mesh, slot: int, part: int = RIGID) -> Mesh:
    mesh.uvs = np.tile(np.float32([slot, part]), (len(mesh.positions), 1))
    mesh.colors = np.ones((len(mesh.positions), 4), np.float32)
    return mesh


def walker() -> Mesh:
    """A person about 1.7 m tall: legs with shoes, torso, arms with hands, head with hair."""
    parts = []
    for side, leg, arm in ((-1, LEFT_LEG, LEFT_ARM), (1, RIGHT_LEG, RIGHT_ARM)):
        parts.append(_tag(box((0.15, 0.17, HIP - 0.07), (side * 0.095, 0.0, 0.07)), BOTTOM, leg))
        parts.append(_tag(box((0.14, 0.26, 0.08), (side * 0.095, 0.04, 0.0)), SHOES, leg))
        parts.append(_tag(box((0.1, 0.12, 0.5), (side * 0.255, 0.0, SHOULDER - 0.5)), TOP, arm))
        parts.append(_tag(box((0.085, 0.1, 0.13), (side * 0.255, 0.0, SHOULDER - 0.63)), SKIN, arm))
    parts.append(_tag(lathe([0.2, 0.21, 0.2, 0.12], [0.0, 0.3, 0.5, 0.58], (0.0, 0.0, HIP - 0.05), (1, 1, 1, 1), 8),
                      TOP))
    parts.append(_tag(lathe([0.05, 0.1, 0.115, 0.1, 0.0], [0.0, 0.05, 0.13, 0.22, 0.26], (0.0, 0.0, 1.44),
                            (1, 1, 1, 1), 8), SKIN))
    parts.append(_tag(lathe([0.118, 0.12, 0.09, 0.0], [0.0, 0.06, 0.12, 0.15], (0.0, -0.015, 1.57),
                            (1, 1, 1, 1), 8), HAIR))
    m = merge(parts)
    m.positions[:, 1] *= 0.75  # bodies are deeper than wide only in the lathe; flatten front to back
    return m


def walker_far() -> Mesh:
    """A walker seen from afar (:data:`game.life.lod.DRAW_NEAR`): the same height, clothes and skin in four boxes
    (48 triangles against the full body's few hundred), standing still; a few pixels tall, it reads the same."""
    return merge([
        _tag(box((0.34, 0.2, HIP), (0.0, 0.0, 0.0)), BOTTOM),
        _tag(box((0.46, 0.26, SHOULDER + 0.02 - HIP), (0.0, 0.0, HIP)), TOP),
        _tag(box((0.2, 0.22, 0.2), (0.0, 0.0, SHOULDER + 0.02)), SKIN),
        _tag(box((0.22, 0.24, 0.1), (0.0, -0.01, SHOULDER + 0.2)), HAIR),
    ])


def _wheels(length: float, width: float, radius: float, axle_from_end: float) -> list[Mesh]:
    out = []
    for y in (-length / 2 + axle_from_end, length / 2 - axle_from_end):
        for side in (-1, 1):
            out.append(_tag(box((0.24, radius * 2, radius * 2), (side * (width / 2 - 0.1), y, 0.0)), TYRE))
    return out


def car() -> Mesh:
    """A saloon (cars and taxis share it; the taxi's roof sign is a part the shader shows only for taxis)."""
    parts = [
        _tag(box((1.84, 4.5, 0.68), (0.0, 0.0, 0.3)), TOP),
        _tag(box((1.66, 2.3, 0.52), (0.0, -0.25, 0.98)), GLASS),
        _tag(box((1.5, 2.0, 0.06), (0.0, -0.25, 1.48)), TOP),
        _tag(box((0.5, 0.22, 0.18), (0.0, -0.25, 1.5)), SIGN, TAXI_SIGN),
        _tag(box((0.36, 0.05, 0.12), (-0.62, 2.25, 0.72)), HEADLIGHT),
        _tag(box((0.36, 0.05, 0.12), (0.62, 2.25, 0.72)), HEADLIGHT),
        _tag(box((0.34, 0.05, 0.12), (-0.64, -2.25, 0.76)), TAILLIGHT),
        _tag(box((0.34, 0.05, 0.12), (0.64, -2.25, 0.76)), TAILLIGHT),
        *_wheels(4.5, 1.84, 0.33, 0.85),
    ]
    return merge(parts)


def bus() -> Mesh:
    """A Seoul city bus: livery body, window band, white roof stripe (the shader paints the livery)."""
    parts = [
        _tag(box((2.49, 10.9, 2.75), (0.0, 0.0, 0.35)), TOP),
        _tag(box((2.52, 9.6, 1.0), (0.0, -0.4, 1.55)), GLASS),
        _tag(box((2.3, 1.0, 1.4), (0.0, 5.0, 1.1)), GLASS),  # windscreen
        _tag(box((2.5, 10.6, 0.12), (0.0, 0.0, 3.05)), ACCENT),
        _tag(box((0.4, 0.05, 0.16), (-0.85, 5.46, 0.6)), HEADLIGHT),
        _tag(box((0.4, 0.05, 0.16), (0.85, 5.46, 0.6)), HEADLIGHT),
        _tag(box((0.3, 0.05, 0.3), (-0.95, -5.46, 0.8)), TAILLIGHT),
        _tag(box((0.3, 0.05, 0.3), (0.95, -5.46, 0.8)), TAILLIGHT),
        *_wheels(10.9, 2.49, 0.5, 2.3),
    ]
    return merge(parts)


def scooter() -> Mesh:
    """A delivery scooter with its rider and the box on the back."""
    parts = [
        _tag(box((0.1, 0.5, 0.5), (0.0, 0.7, 0.0)), TYRE),
        _tag(box((0.1, 0.5, 0.5), (0.0, -0.7, 0.0)), TYRE),
        _tag(box((0.42, 1.4, 0.45), (0.0, 0.0, 0.3)), TOP),
        _tag(box((0.46, 0.46, 0.44), (0.0, -0.65, 0.78)), ACCENT),
        _tag(box((0.38, 0.26, 0.62), (0.0, -0.05, 0.78)), BOTTOM),  # rider's jacket
        _tag(box((0.26, 0.28, 0.26), (0.0, 0.0, 1.4)), HAIR),  # helmet
        _tag(box((0.2, 0.05, 0.12), (0.0, 0.72, 0.78)), HEADLIGHT),
    ]
    return merge(parts)


def signal_head() -> Mesh:
    """A pole with a horizontal three-lamp head; the LAMP slot shows the current light."""
    return merge([
        _tag(box((0.16, 0.16, 5.6), (0.0, 0.0, 0.0)), TYRE),
        _tag(box((0.3, 1.3, 0.4), (0.0, 0.5, 5.3)), TYRE),
        _tag(box((0.06, 0.36, 0.3), (-0.17, 0.5, 5.35)), LAMP),
    ])


def walk_signal() -> Mesh:
    """A pedestrian signal: a 3 m pole with a square head whose lamp (the LAMP slot) faces +Y, showing the man's
    colour (Korean heads are about 30 cm square, at 2.5–3 m [E])."""
    return merge([
        _tag(box((0.12, 0.12, 2.6), (0.0, 0.0, 0.0)), TYRE),
        _tag(box((0.36, 0.22, 0.72), (0.0, 0.0, 2.35)), TYRE),
        _tag(box((0.28, 0.04, 0.28), (0.0, 0.12, 2.68)), LAMP),
    ])


def bench() -> Mesh:
    """A three-seat park bench facing +Y (:mod:`game.life.benches`): slatted seat and back on two end frames; the
    wood takes the instance's TOP colour."""
    from game.life.benches import DEPTH, LENGTH, SEAT_HEIGHT

    parts = [_tag(box((LENGTH, 0.11, 0.04), (0.0, y, SEAT_HEIGHT - 0.04)), TOP) for y in (-0.2, -0.07, 0.06, 0.19)]
    parts += [_tag(box((LENGTH, 0.04, 0.1), (0.0, -DEPTH / 2 + 0.02, z)), TOP) for z in (0.55, 0.7, 0.85)]
    parts += [_tag(box((0.06, DEPTH, SEAT_HEIGHT - 0.04), (x, 0.0, 0.0)), TYRE) for x in (-0.8, 0.8)]
    parts += [_tag(box((0.06, 0.05, 0.5), (x, -DEPTH / 2 + 0.02, SEAT_HEIGHT)), TYRE) for x in (-0.8, 0.8)]
    return merge(parts)
