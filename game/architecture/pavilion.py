"""Timber pavilions from bay lists: one-storey gate halls, two-storey gate towers and two-storey lofts.

Heights are solved, not guessed: the roof's rise follows from its eave depth and pitch, the eave reach from
the 30° rule, the bracket zone from its 출목 count, and the columns take what is left of the catalogue's total
height, so the ridge lands on ``total_height`` whatever the bays are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.architecture import palette
from game.architecture.building import Parts
from game.architecture.mesh import box, merge
from game.architecture.primitives import lathe
from game.architecture.roof import SOFFIT_DROP, Roof, build_roof, crown, figure_layout, section
from game.architecture.timber import (
    Frame,
    board_walls,
    bracket_height,
    column_radius,
    eave_overhang,
    grid_lines,
    outer_reach,
    storey,
)


@dataclass(frozen=True)
class Style:
    """What distinguishes one pavilion from another beyond its catalogue params (sourced in the reference)."""

    projections: tuple[int, ...] = (2, 3)  # 출목 per storey, lower first (Sungnyemun 2/3, S8-S9)
    pitch: float = 0.7  # roof rise / eave half-depth
    lift: float = 0.6  # 앙곡 at the corners
    sweep: float = 0.45  # 안허리곡
    ridge_height: float = 1.0
    figures: tuple[int, ...] = (7, 9)  # 잡상 per hip, lower roof first (Sungnyemun 7/9, S10)
    upper_inset: float = 0.9  # how far the upper storey stands in from the lower one
    tile_pitch: float = 0.45  # tile row spacing as built (coarser than the real ~0.3 m for the triangle budget)


def _roof_above_wall(half_y: float, overhang: float, style: Style, projections: int) -> float:
    """Height from the bracket top to the finials for a roof over a wall of half-depth ``half_y``; the rafters
    rest on the outermost 출목 purlin, so the roof's underside meets the bracket top there."""
    hy = half_y + overhang
    rise = style.pitch * hy
    return SOFFIT_DROP + rise * (1 - section((overhang - outer_reach(projections)) / hy)) + crown(style.ridge_height)


def _roof(frame: Frame, overhang: float, style: Style, kind: str, figures: int, top_t: float = 1.0) -> Roof:
    hx, hy = frame.half_x + overhang, frame.half_y + overhang
    rise = style.pitch * hy
    eave_z = frame.top + SOFFIT_DROP - rise * section((overhang - outer_reach(frame.projections)) / hy)
    gable_x = hx - 0.55 * hy if kind == "hip-and-gable" else 0.0
    return Roof(hx=hx, hy=hy, eave_z=eave_z, rise=rise, wall_x=frame.half_x, wall_y=frame.half_y, kind=kind,
                top_t=top_t, gable_x=gable_x, lift=style.lift, sweep=style.sweep,
                ridge_height=style.ridge_height, figures=figures, pitch=style.tile_pitch)


def _close_roof_space(parts: Parts, frame: Frame, roof: Roof) -> None:
    """Board up the wall line from the bracket top to the soffit, where the roof rises inward of its purlin."""
    t_wall = 1.0 - frame.half_y / roof.hy
    z0 = frame.top - 0.3
    h = float(roof.z(t_wall)) - SOFFIT_DROP + 0.05 - z0
    hx, hy = frame.half_x, frame.half_y
    parts.add("wood", box((2 * hx, 0.1, h), (0, -hy, z0), palette.NOEROK), box((2 * hx, 0.1, h), (0, hy, z0),
              palette.NOEROK), box((0.1, 2 * hy, h), (-hx, 0, z0), palette.NOEROK),
              box((0.1, 2 * hy, h), (hx, 0, z0), palette.NOEROK))


def _frame(bays_front: list[float], bays_side: list[float], z0: float, height: float, projections: int,
           radius: float) -> Frame:
    return Frame(grid_lines(bays_front), grid_lines(bays_side), z0, height, radius, projections)


def _fixed_above_columns(radius: float, projections: int) -> float:
    return 0.5 * 1.9 * radius + bracket_height(projections)


def pavilion_dims(frames: list[Frame], roofs: list[Roof]) -> dict[str, float]:
    """Measured plan and heights of the timber part."""
    lower = frames[0]
    return {
        "pavilion_width": float(lower.xs[-1] - lower.xs[0]),
        "pavilion_depth": float(lower.ys[-1] - lower.ys[0]),
        "bays_front": float(len(lower.xs) - 1),
        "bays_side": float(len(lower.ys) - 1),
        "storeys": float(len(frames)),
        "eave_width": float(2 * roofs[-1].hx),
        "column_height": float(lower.column_height),
        "figures_upper_hip": float(figure_layout(roofs[-1])[0]),
        "figures_lower_hip": float(figure_layout(roofs[0])[0]),
    }


def gate_tower(parts: Parts, z0: float, bays_front: list[float], bays_side: list[float], storeys: int,
               total_height: float, style: Style, rng: np.random.Generator,
               roof_kind: str = "hipped") -> tuple[list[Frame], list[Roof]]:
    """A gate pavilion on a base top at ``z0``: open lower storey, and for two storeys a skirt roof and a
    board-walled upper storey under a hipped roof (or ``roof_kind`` "hip-and-gable", as on a throne hall)."""
    r = column_radius(bays_front)
    if storeys == 1:
        p = style.projections[-1]
        overhang = 2.4
        for _ in range(2):  # the overhang depends on the column height it shelters; two passes settle it
            above = _roof_above_wall(sum(bays_side) / 2, overhang, style, p)
            h1 = total_height - z0 - _fixed_above_columns(r, p) - above
            overhang = eave_overhang(h1 + bracket_height(p))
        lower = _frame(bays_front, bays_side, z0, h1, p, r)
        storey(parts, lower, interior=True)
        roof = _roof(lower, overhang, style, "hipped", style.figures[-1])
        build_roof(parts, roof, rng)
        _close_roof_space(parts, lower, roof)
        return [lower], [roof]
    p1, p2 = style.projections
    d = style.upper_inset
    wx, wy = sum(bays_front), sum(bays_side)
    up_front = [b * (wx - 2 * d) / wx for b in bays_front]
    up_side = [b * (wy - 2 * d) / wy for b in bays_side]
    r2 = 0.85 * r
    o2 = 2.9
    above = _roof_above_wall(sum(up_side) / 2, o2, style, p2)
    rest = total_height - z0 - _fixed_above_columns(r, p1) - _fixed_above_columns(r2, p2) - above
    h1, h2 = 0.55 * rest, 0.45 * rest
    lower = _frame(bays_front, bays_side, z0, h1, p1, r)
    upper = _frame(up_front, up_side, lower.top, h2, p2, r2)
    storey(parts, lower, interior=True)
    storey(parts, upper, interior=False)
    o1 = eave_overhang(h1 + bracket_height(p1)) * 0.85
    hy1 = lower.half_y + o1
    skirt = _roof(lower, o1, style, "skirt", style.figures[0], top_t=(o1 + d) / hy1)
    build_roof(parts, skirt, rng)
    roof = _roof(upper, o2, style, roof_kind, style.figures[-1])
    build_roof(parts, roof, rng)
    _close_roof_space(parts, upper, roof)
    board_walls(parts, upper, skirt.top_z - 0.1, upper.column_top - upper.lintel_depth)
    return [lower, upper], [skirt, roof]


def loft(parts: Parts, z0: float, bays_front: list[float], bays_side: list[float], total_height: float,
         bell: dict, style: Style, rng: np.random.Generator) -> tuple[list[Frame], list[Roof]]:
    """A two-storey bell loft (누각): square granite piers below, a railed timber floor above with the bell,
    under a hip-and-gable roof."""
    r = column_radius(bays_front)
    p = style.projections[-1]
    o = 2.6
    floor_t = 0.45
    above = _roof_above_wall(sum(bays_side) / 2, o, style, p)
    rest = total_height - z0 - floor_t - _fixed_above_columns(r, p) - above
    bell_room = bell["height"] + 0.35 - 0.5  # the bell's beam sits up in the bracket zone
    h2 = max(bell_room, 0.55 * rest)
    h1 = rest - h2
    lower = _frame(bays_front, bays_side, z0, h1, p, r)  # the piers stand on the same grid as the columns
    s = 2.4 * r
    parts.add("granite", *(box((s, s, h1), (x, y, z0), palette.jitter(palette.GRANITE, rng, 0.05))
                           for x, y in lower.perimeter()))
    floor_z = z0 + h1
    ext = 0.9  # the upper floor overhangs the piers as a balcony
    hx, hy = lower.half_x + ext, lower.half_y + ext
    parts.add("wood", box((2 * hx, 2 * hy, floor_t), (0, 0, floor_z), palette.NOEROK))
    _railing(parts, hx - 0.1, hy - 0.1, floor_z + floor_t)
    upper = _frame(bays_front, bays_side, floor_z + floor_t, h2, p, r)
    storey(parts, upper, interior=False)
    roof = _roof(upper, o, style, "hip-and-gable", style.figures[-1])
    build_roof(parts, roof, rng)
    _close_roof_space(parts, upper, roof)
    _bell(parts, upper.z0 + 0.35, bell)
    return [lower, upper], [roof]


def _railing(parts: Parts, hx: float, hy: float, z: float) -> None:
    """A 계자난간-like railing round the balcony edge: red posts, green rails and a white-lined panel."""
    posts, rails = [], []
    for x in np.linspace(-hx, hx, 13):
        for y in (-hy, hy):
            posts.append(box((0.14, 0.14, 0.95), (x, y, z), palette.SEOKGANJU))
    for y in np.linspace(-hy, hy, 9)[1:-1]:
        for x in (-hx, hx):
            posts.append(box((0.14, 0.14, 0.95), (x, y, z), palette.SEOKGANJU))
    for y in (-hy, hy):
        rails.append(box((2 * hx, 0.1, 0.1), (0, y, z + 0.85), palette.NOEROK))
        rails.append(box((2 * hx, 0.06, 0.35), (0, y, z + 0.1), palette.BAEK))
    for x in (-hx, hx):
        rails.append(box((0.1, 2 * hy, 0.1), (x, 0, z + 0.85), palette.NOEROK))
        rails.append(box((0.06, 2 * hy, 0.35), (x, 0, z + 0.1), palette.BAEK))
    parts.add("wood", *posts, *rails)


def _bell(parts: Parts, z_bottom: float, bell: dict) -> None:
    """The bronze bell: flared Korean profile, 용뉴 hanger, hung from a beam across the loft."""
    height, radius = float(bell["height"]), float(bell["diameter"]) / 2
    body = height * 0.84
    f = np.array([0.0, 0.06, 0.2, 0.45, 0.7, 0.86, 0.94, 0.985, 1.0])
    k = np.array([0.94, 0.99, 1.0, 0.93, 0.84, 0.78, 0.66, 0.4, 0.0])
    shell = lathe(radius * k, body * f, (0.0, 0.0, z_bottom), palette.BRONZE, segments=20)
    hook = merge([
        lathe([0.16, 0.16, 0.1], [0.0, height - body, height - body + 0.05], (0.0, -0.25, z_bottom + body),
              palette.BRONZE, segments=8, cap=True),
        box((0.5, 0.22, height - body), (0.0, 0.1, z_bottom + body), palette.BRONZE),
    ])
    parts.add("bronze", shell, hook)
    parts.add("wood", box((8.0, 0.35, 0.4), (0.0, 0.0, z_bottom + height), palette.NOEROK))
