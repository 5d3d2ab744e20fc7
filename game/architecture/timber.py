"""The timber frame: round columns with entasis, lintels with 머리초 bands, 다포 bracket sets, board walls.

Proportions follow ``reference/korean-architecture.md`` §1: column diameter about a tenth of the bay, 창방
lintel as deep as the column, a wider flat 평방 on top carrying bracket sets both on and between the columns
(다포), each 출목 stepping the arms out about 0.3 m (1 척). Colours are 모로 dancheong: 석간주 verticals, 뇌록
horizontals whose outer thirds carry the 머리초 bands (S21).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.architecture import palette
from game.architecture.building import Parts
from game.architecture.mesh import Mesh, box, merge
from game.architecture.primitives import lathe

ENTASIS = ((0.0, 0.94), (0.12, 0.98), (0.33, 1.0), (0.55, 0.97), (0.78, 0.9), (1.0, 0.82))  # 배흘림 (S9)
ARM = 0.15  # bracket arm section (metres)
LAYER = 0.17  # height of one bracket layer
CAP = 0.2  # 주두 block height
PURLIN = 0.25
STEP = 0.3  # one 출목 (≈ 1 척)


@dataclass(frozen=True)
class Frame:
    """A storey's column grid (building-local centres) and sizes."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    z0: float  # column foot
    column_height: float
    column_radius: float
    projections: int  # 출목 of the bracket sets

    @property
    def column_top(self) -> float:
        return self.z0 + self.column_height

    @property
    def plate_top(self) -> float:
        """Top of the 평방, where the bracket sets stand."""
        return self.column_top + 0.5 * self.lintel_depth

    @property
    def lintel_depth(self) -> float:
        return 1.9 * self.column_radius

    @property
    def top(self) -> float:
        """Top of the bracket zone: the purlin the rafters rest on."""
        return self.plate_top + bracket_height(self.projections)

    @property
    def half_x(self) -> float:
        return self.xs[-1]

    @property
    def half_y(self) -> float:
        return self.ys[-1]

    def perimeter(self) -> list[tuple[float, float]]:
        return [(x, y) for x in self.xs for y in self.ys
                if x in (self.xs[0], self.xs[-1]) or y in (self.ys[0], self.ys[-1])]


def outer_reach(projections: int) -> float:
    """How far the outermost purlin, on which the rafters rest, stands out from the wall line."""
    return projections * STEP + 0.2


def bracket_height(projections: int) -> float:
    return CAP + (projections + 2) * LAYER + PURLIN


def grid_lines(bays: list[float] | tuple[float, ...]) -> tuple[float, ...]:
    """Column lines from bay widths, centred on 0."""
    edges = np.concatenate([[0.0], np.cumsum(bays)])
    return tuple(float(v) for v in edges - edges[-1] / 2)


def column(x: float, y: float, z0: float, height: float, radius: float, shell: bool = False) -> Mesh:
    """A round column with 배흘림 entasis (widest a third of the way up); as a ``shell`` (from afar) six-sided,
    widest at the same height."""
    f, r = zip(*ENTASIS, strict=True)
    if shell:
        f, r = (0.0, 0.33, 1.0), (0.94, 1.0, 0.82)
    return lathe([radius * k for k in r], [height * k for k in f], (x, y, z0), palette.SEOKGANJU,
                 segments=6 if shell else 12)


BAND_FRACS = np.array([0.06, 0.2, 0.16, 0.22, 0.06, 0.3])  # 머리초 bands, outer to inner, share of an end zone


def banded_beam(axis: int, start: float, end: float, at: tuple[float, float], z0: float, width: float,
                depth: float, shell: bool = False) -> Mesh:
    """A horizontal member along x (axis 0) or y (axis 1) with 머리초 bands over its outer thirds; as a ``shell``
    (from afar) each end zone is one block in the bands' mean colour."""
    length = end - start
    end_zone = length / 3
    cuts = np.concatenate([[0.0], np.cumsum(BAND_FRACS) / BAND_FRACS.sum() * end_zone])
    pieces = []
    if shell:
        mixed = np.average(np.asarray(palette.MEORICHO_BANDS), axis=0, weights=BAND_FRACS)
        band = (float(mixed[0]), float(mixed[1]), float(mixed[2]), float(mixed[3]))
        spans = [(0.0, end_zone, band), (length - end_zone, length, band)]
    else:
        spans = [(cuts[i], cuts[i + 1], palette.MEORICHO_BANDS[i]) for i in range(len(BAND_FRACS))]
        spans += [(length - b, length - a, c) for a, b, c in spans]
    spans.append((end_zone, length - end_zone, palette.NOEROK))
    for a, b, color in spans:
        mid = start + (a + b) / 2
        size = [0.0, 0.0, depth]
        size[axis] = b - a
        size[1 - axis] = width
        centre = [0.0, 0.0, z0]
        centre[axis] = mid
        centre[1 - axis] = at[1 - axis]
        pieces.append(box(tuple(size), tuple(centre), color))
    return merge(pieces)


def _placer(x: float, y: float, outward: tuple[int, int], out: list[Mesh]):
    """A box maker in a bracket set's frame: ``a`` along the wall, ``b`` outwards, converted to x/y."""
    ox, oy = outward
    along = (abs(oy), abs(ox))  # wall direction

    def piece(a0: float, a1: float, b0: float, b1: float, z: float, h: float, color: palette.Color) -> None:
        ca, cb = (a0 + a1) / 2, (b0 + b1) / 2
        la, lb = a1 - a0, b1 - b0
        cx = x + along[0] * ca + ox * cb
        cy = y + along[1] * ca + oy * cb
        sx = along[0] * la + abs(ox) * lb
        sy = along[1] * la + abs(oy) * lb
        out.append(box((sx, sy, h), (cx, cy, z), color))

    return piece


def bracket_set(x: float, y: float, z0: float, outward: tuple[int, int], projections: int) -> Mesh:
    """One 다포 set on the plate at (x, y): cap block, stacked crossing arms stepping out ``projections`` times."""
    out: list[Mesh] = []
    piece = _placer(x, y, outward, out)
    piece(-0.22, 0.22, -0.22, 0.22, z0, CAP, palette.HAYEOP)
    z = z0 + CAP
    layers = projections + 2
    for i in range(layers):
        reach = outer_reach(min(i + 1, projections))
        tip = palette.JUHONG if i == layers - 1 else palette.NOEROK
        piece(-ARM / 2, ARM / 2, -reach * 0.7, reach, z, LAYER * 0.9, palette.NOEROK)  # 살미, projecting arm
        piece(-ARM / 2, ARM / 2, reach, reach + 0.12, z + 0.02, LAYER * 0.7, tip)  # painted arm end
        half = 0.35 + 0.12 * (i % 2)
        piece(-half, half, -ARM / 2, ARM / 2, z, LAYER * 0.9, palette.NOEROK)  # 첨차 on the wall line
        for j in range(1, min(i, projections) + 1):  # 첨차 on each projected line
            piece(-0.3, 0.3, j * STEP - ARM / 2, j * STEP + ARM / 2, z, LAYER * 0.9, palette.NOEROK)
        z += LAYER
    return merge(out)


def bracket_shell(x: float, y: float, z0: float, outward: tuple[int, int], projections: int) -> Mesh:
    """A bracket set from afar: two stepped blocks with the set's outline (the lower one standing in for the cap
    too) and the red arm end, in three boxes instead of some twenty."""
    out: list[Mesh] = []
    piece = _placer(x, y, outward, out)
    layers = projections + 2
    low = layers // 2
    z = z0 + CAP
    reach_low = outer_reach(min(low, projections))
    reach = outer_reach(projections)
    piece(-0.4, 0.4, -reach_low * 0.7, reach_low, z0, CAP + low * LAYER, palette.NOEROK)
    piece(-0.4, 0.4, -reach * 0.7, reach, z + low * LAYER, (layers - low) * LAYER - 0.1 * LAYER, palette.NOEROK)
    piece(-ARM / 2, ARM / 2, reach, reach + 0.12, z + (layers - 1) * LAYER + 0.02, LAYER * 0.7, palette.JUHONG)
    return merge(out)


def storey(parts: Parts, frame: Frame, *, interior: bool) -> None:
    """Columns, lintels, plates, bracket sets and purlins of one storey."""
    pts = [(x, y) for x in frame.xs for y in frame.ys] if interior else frame.perimeter()
    r = frame.column_radius
    parts.add_detail("wood", [column(x, y, frame.z0, frame.column_height, r) for x, y in pts],
                     [column(x, y, frame.z0, frame.column_height, r, shell=True) for x, y in pts])
    hx, hy = frame.half_x, frame.half_y
    ld = frame.lintel_depth
    spans = [(0, a, b, (0.0, y)) for y in (-hy, hy) for a, b in zip(frame.xs[:-1], frame.xs[1:], strict=True)]
    spans += [(1, a, b, (x, 0.0)) for x in (-hx, hx) for a, b in zip(frame.ys[:-1], frame.ys[1:], strict=True)]
    parts.add_detail("wood", [banded_beam(*span, frame.column_top - ld, 1.5 * r, ld) for span in spans],
                     [banded_beam(*span, frame.column_top - ld, 1.5 * r, ld, shell=True) for span in spans])
    wood = []
    plate_h = frame.plate_top - frame.column_top
    wood.append(box((2 * hx + 2 * r, 2 * r, plate_h), (0, -hy, frame.column_top), palette.NOEROK))
    wood.append(box((2 * hx + 2 * r, 2 * r, plate_h), (0, hy, frame.column_top), palette.NOEROK))
    wood.append(box((2 * r, 2 * hy, plate_h), (-hx, 0, frame.column_top), palette.NOEROK))
    wood.append(box((2 * r, 2 * hy, plate_h), (hx, 0, frame.column_top), palette.NOEROK))
    places = [(x, side, (0, oy)) for side, oy in ((-hy, -1), (hy, 1)) for x in bracket_positions(frame.xs)]
    places += [(side, y, (ox, 0)) for side, ox in ((-hx, -1), (hx, 1)) for y in bracket_positions(frame.ys)]
    sets = [bracket_set(x, y, frame.plate_top, out, frame.projections) for x, y, out in places]
    shells = [bracket_shell(x, y, frame.plate_top, out, frame.projections) for x, y, out in places]
    reach = outer_reach(frame.projections)
    z_p = frame.top - PURLIN
    for d in (0.0, reach):  # 장혀/도리 on the wall line and the outer line
        wood.append(box((2 * (hx + d), 0.3, PURLIN), (0, -hy - d, z_p), palette.NOEROK))
        wood.append(box((2 * (hx + d), 0.3, PURLIN), (0, hy + d, z_p), palette.NOEROK))
        wood.append(box((0.3, 2 * (hy + d), PURLIN), (-hx - d, 0, z_p), palette.NOEROK))
        wood.append(box((0.3, 2 * (hy + d), PURLIN), (hx + d, 0, z_p), palette.NOEROK))
    # 포벽: boards between the bracket sets closing the roof space, painted red so the green sets read
    # against them as on the gates' photographs (M-m)
    for y in (-hy, hy):
        wood.append(box((2 * hx, 0.08, frame.top - frame.plate_top - PURLIN), (0, y, frame.plate_top),
                        palette.SEOKGANJU))
    for x in (-hx, hx):
        wood.append(box((0.08, 2 * hy, frame.top - frame.plate_top - PURLIN), (x, 0, frame.plate_top),
                        palette.SEOKGANJU))
    wood.append(box((2 * hx, 2 * hy, 0.05), (0, 0, frame.top - PURLIN), palette.NOEROK))  # ceiling (반자)
    parts.add("wood", *wood)
    parts.add_detail("wood", sets, shells)


def bracket_positions(lines: tuple[float, ...]) -> list[float]:
    """Bracket sets on every column and about one per 1.7 m between (다포)."""
    out = [lines[0]]
    for a, b in zip(lines[:-1], lines[1:], strict=True):
        n = max(1, round((b - a) / 1.7) - 1)
        out += [a + (b - a) * k / (n + 1) for k in range(1, n + 1)]
        out.append(b)
    return out


def board_walls(parts: Parts, frame: Frame, z0: float, z1: float) -> None:
    """Red board doors (판문) filling every perimeter bay between ``z0`` and ``z1``, with a 머름 rail below."""
    r = frame.column_radius
    hx, hy = frame.half_x, frame.half_y
    wood = []
    for y in (-hy, hy):
        for a, b in zip(frame.xs[:-1], frame.xs[1:], strict=True):
            wood.append(box((b - a - 2 * r, 0.12, z1 - z0), ((a + b) / 2, y, z0), palette.SEOKGANJU))
            wood.append(box((b - a - 2 * r, 0.2, 0.4), ((a + b) / 2, y, z0), palette.NOEROK))
    for x in (-hx, hx):
        for a, b in zip(frame.ys[:-1], frame.ys[1:], strict=True):
            wood.append(box((0.12, b - a - 2 * r, z1 - z0), (x, (a + b) / 2, z0), palette.SEOKGANJU))
            wood.append(box((0.2, b - a - 2 * r, 0.4), (x, (a + b) / 2, z0), palette.NOEROK))
    parts.add("wood", *wood)


def signboard(parts: Parts, x: float, y: float, z_mid: float, width: float, height: float, chars: int) -> Mesh:
    """A 현판: black board, gilt border and ``chars`` gilt character blocks, stacked if the board is upright.

    Returns the board so callers can measure where it hangs."""
    board = box((width, 0.12, height), (x, y, z_mid - height / 2), palette.MEOK)
    parts.add("wood", board)
    vertical = height > width
    n = max(1, chars)
    metal = [box((width + 0.12, 0.06, 0.08), (x, y - 0.08, z_mid - height / 2 - 0.04), palette.GILT),
             box((width + 0.12, 0.06, 0.08), (x, y - 0.08, z_mid + height / 2 - 0.04), palette.GILT)]
    for k in range(n):
        f = (k + 0.5) / n - 0.5
        if vertical:
            cx, cz, s = x, z_mid - f * (height - 0.3), min(width * 0.6, (height - 0.3) / n * 0.7)
        else:
            cx, cz, s = x + f * (width - 0.3), z_mid, min(height * 0.6, (width - 0.3) / n * 0.7)
        metal.append(box((s, 0.05, s), (cx, y - 0.08, cz - s / 2), palette.GILT))
    parts.add("metal", *metal)
    return board


def column_radius(bays: list[float] | tuple[float, ...]) -> float:
    """Half of a diameter about a tenth of the mean bay (S26), kept within what the gates' photographs show."""
    return float(np.clip(float(np.mean(bays)) / 10.0, 0.45, 0.75)) / 2


def eave_overhang(height_above_foot: float) -> float:
    """Eave reach from the column line: the eave tip seen from the column foot at ≈ 30° off vertical."""
    return float(np.clip(math.tan(math.radians(30)) * height_above_foot, 1.8, 3.6))
