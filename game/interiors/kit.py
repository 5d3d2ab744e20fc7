"""Interior kit: room shells with window openings, furniture, flags, lamps and boards, as numpy meshes. Pure.

Room-local metres: floor centre at the origin, +Z up, the visitor enters at -Y and looks towards +Y (where a
window wall goes). Everything is boxes, lathes and quads from the architecture kit, so a room costs one draw
call per material. Lamps are kept apart (:attr:`Interior.glow`): the renderer lights them far brighter than
the rest so they read as light sources without a second shadow-casting light (simplepbr runs with one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.architecture import palette
from game.architecture.building import Parts
from game.architecture.mesh import Mesh, box, merge
from game.architecture.primitives import lathe

Color = tuple[float, float, float, float]
Point = tuple[float, float, float]
rgba = palette.rgba

WALNUT = rgba("#5A3A24")
OAK = rgba("#A9814F")
CREAM = rgba("#EFE8DA")
WARM_WHITE = rgba("#F4F1EA")
CARPET = rgba("#5B6E8C")
LEATHER = rgba("#2B2522")
STEEL = rgba("#9EA3A8")
GREEN = rgba("#3F7A46")
POT = rgba("#D8D2C6")
LAMP = rgba("#FFF4DC")
SKIN = rgba("#D9A882")
HAIR = rgba("#1E1A18")


@dataclass
class Interior:
    """A room's meshes per material, its lamp meshes, and named anchors (points the scene places things at)."""

    parts: dict[str, Mesh]
    glow: Mesh
    anchors: dict[str, Point] = field(default_factory=dict)
    size: tuple[float, float, float] = (0.0, 0.0, 0.0)  # width, depth, height

    @property
    def triangle_count(self) -> int:
        return sum(m.triangle_count for m in self.parts.values()) + self.glow.triangle_count


class RoomBuilder:
    """Collects a room: ``parts`` for surfaces, ``lamps`` for glowing meshes, ``anchors`` for named points."""

    def __init__(self, width: float, depth: float, height: float):
        self.w, self.d, self.h = width, depth, height
        self.parts = Parts()
        self.lamps: list[Mesh] = []
        self.anchors: dict[str, Point] = {}

    def build(self) -> Interior:
        merged = self.parts.build({})
        return Interior(merged.parts, merge(self.lamps), dict(self.anchors), (self.w, self.d, self.h))

    # -- shell -------------------------------------------------------------------------------------------------
    def shell(self, floor: str, floor_color: Color, wall: str, wall_color: Color,
              window: tuple[float, float, float, float] | None = None, skylight: bool = False) -> None:
        """Floor, ceiling, three walls and a front (+Y) wall with an optional window opening
        ``(x0, x1, z0, z1)``; walls are 0.2 m thick boxes so light and shadow read correctly from inside."""
        w, d, h, t = self.w, self.d, self.h, 0.2
        self.parts.add(floor, box((w, d, 0.1), (0, 0, -0.1), floor_color))
        self.parts.add(wall, box((t, d, h), (-w / 2 - t / 2, 0, 0), wall_color),
                       box((t, d, h), (w / 2 + t / 2, 0, 0), wall_color),
                       box((w + 2 * t, t, h), (0, -d / 2 - t / 2, 0), wall_color))
        self.parts.add("wood", box((w, 0.04, 0.12), (0, -d / 2 + 0.02, 0), WALNUT),  # skirting boards
                       box((0.04, d, 0.12), (-w / 2 + 0.02, 0, 0), WALNUT),
                       box((0.04, d, 0.12), (w / 2 - 0.02, 0, 0), WALNUT))
        y = d / 2 + t / 2
        if window is None:
            self.parts.add(wall, box((w + 2 * t, t, h), (0, y, 0), wall_color))
        else:
            x0, x1, z0, z1 = window
            self.parts.add(wall, box((x0 + w / 2 + t, t, h), ((x0 - w / 2 - t) / 2, y, 0), wall_color),
                           box((w / 2 + t - x1, t, h), ((x1 + w / 2 + t) / 2, y, 0), wall_color),
                           box((x1 - x0, t, z0), ((x0 + x1) / 2, y, 0), wall_color),
                           box((x1 - x0, t, h - z1), ((x0 + x1) / 2, y, z1), wall_color))
            self.window_frame(x0, x1, z0, z1, d / 2)
        if skylight:
            sw, sd = w * 0.5, d * 0.35
            ceiling = [box((w, (d - sd) / 2, 0.15), (0, -(d + sd) / 4, h), WARM_WHITE),
                       box((w, (d - sd) / 2, 0.15), (0, (d + sd) / 4, h), WARM_WHITE),
                       box(((w - sw) / 2, sd, 0.15), (-(w + sw) / 4, 0, h), WARM_WHITE),
                       box(((w - sw) / 2, sd, 0.15), ((w + sw) / 4, 0, h), WARM_WHITE)]
            self.parts.add("plaster", *ceiling)
            for x in np.linspace(-sw / 2, sw / 2, 5):
                self.parts.add("metal", box((0.08, sd, 0.25), (x, 0, h - 0.1), STEEL))
        else:
            self.parts.add("plaster", box((w, d, 0.15), (0, 0, h), WARM_WHITE))

    def window_frame(self, x0: float, x1: float, z0: float, z1: float, y: float) -> None:
        """Mullions, transoms and a sill: the view is open (no pane), the frame says it is a window."""
        steel = rgba("#3A3F44")
        bars = [box((0.08, 0.12, z1 - z0), (x, y, z0), steel) for x in np.linspace(x0, x1, 5)]
        bars += [box((x1 - x0, 0.12, 0.08), ((x0 + x1) / 2, y, z), steel) for z in (z0, z1 - 0.08, z0 + 0.9)]
        self.parts.add("metal", *bars)
        self.parts.add("granite", box((x1 - x0 + 0.2, 0.35, 0.06), ((x0 + x1) / 2, y - 0.12, z0 - 0.06), CREAM))

    def ceiling_lights(self, rows: int, cols: int, size: float = 0.6) -> None:
        """Recessed square panels in a grid; they glow."""
        for i in range(cols):
            for j in range(rows):
                x = -self.w / 2 + self.w * (i + 0.5) / cols
                y = -self.d / 2 + self.d * (j + 0.5) / rows
                self.lamps.append(box((size, size, 0.03), (x, y, self.h - 0.03), LAMP))

    # -- furniture ---------------------------------------------------------------------------------------------
    def desk(self, x: float, y: float, width: float = 2.0, depth: float = 0.9, facing: float = -1.0) -> None:
        """An executive desk: walnut top, two pedestals, a modesty panel on the visitor's side."""
        h = 0.76
        self.parts.add("wood", box((width, depth, 0.05), (x, y, h - 0.05), WALNUT),
                       box((0.45, depth - 0.1, h - 0.05), (x - width / 2 + 0.25, y, 0), WALNUT),
                       box((0.45, depth - 0.1, h - 0.05), (x + width / 2 - 0.25, y, 0), WALNUT),
                       box((width - 0.9, 0.03, 0.5), (x, y + facing * (depth / 2 - 0.05), 0.2), WALNUT))
        self.parts.add("metal", box((0.5, 0.32, 0.02), (x + 0.3, y, h), rgba("#202326")),  # closed laptop
                       box((0.04, 0.04, 0.35), (x - 0.6, y + 0.2, h), STEEL))  # desk lamp stem
        self.lamps.append(box((0.3, 0.18, 0.08), (x - 0.6, y + 0.12, h + 0.33), LAMP))
        self.parts.add("fabric", box((0.3, 0.22, 0.02), (x - 0.2, y - 0.05, h), WARM_WHITE))  # papers

    def chair(self, x: float, y: float, facing: float = 1.0, color: Color = LEATHER, tall: bool = False) -> None:
        """An office chair; ``facing`` +1 looks towards +Y."""
        back_h = 0.75 if tall else 0.45
        self.parts.add("fabric", box((0.5, 0.5, 0.1), (x, y, 0.42), color),
                       box((0.5, 0.08, back_h), (x, y - facing * 0.24, 0.52), color))
        self.parts.add("metal", box((0.06, 0.06, 0.42), (x, y, 0), STEEL),
                       box((0.55, 0.05, 0.04), (x, y, 0.02), STEEL), box((0.05, 0.55, 0.04), (x, y, 0.02), STEEL))

    def table(self, x: float, y: float, width: float, depth: float, color: Color = OAK, seats: int = 0) -> None:
        """A meeting table on two trestles, with ``seats`` chairs along each long side."""
        self.parts.add("wood", box((width, depth, 0.05), (x, y, 0.72), color),
                       box((0.1, depth * 0.7, 0.72), (x - width / 2 + 0.3, y, 0), color),
                       box((0.1, depth * 0.7, 0.72), (x + width / 2 - 0.3, y, 0), color))
        for k in range(seats):
            cx = x - width / 2 + width * (k + 0.5) / seats
            self.chair(cx, y - depth / 2 - 0.35, 1.0, rgba("#6B4E3A"))
            self.chair(cx, y + depth / 2 + 0.35, -1.0, rgba("#6B4E3A"))

    def bookshelf(self, x: float, y: float, width: float, height: float, rng: np.random.Generator,
                  facing: str = "+x") -> None:
        """Shelves against a wall, filled with books of varied height and colour; ``facing`` is the open side."""
        along = facing in ("+y", "-y")
        sign = 1.0 if facing[0] == "+" else -1.0
        depth, shelves = 0.35, max(2, int(height / 0.38))

        def at(u: float, v: float, size: tuple[float, float, float]) -> Mesh:
            """A box at ``u`` along the shelf and ``v`` out from the wall."""
            if along:
                return box(size, (x + u, y + sign * v, 0.0))
            return box((size[1], size[0], size[2]), (x + sign * v, y + u, 0.0))

        wood: list[Mesh] = []
        books: list[Mesh] = []
        for side in (-width / 2, width / 2):
            wood.append(at(side, depth / 2, (0.04, depth, height)))
        wood.append(at(0, 0.02, (width, 0.02, height)))
        for k in range(shelves + 1):
            z = k * height / shelves
            wood.append(at(0, depth / 2, (width, depth, 0.03)).transformed(_lift(z)))
            if k == shelves:
                break
            u = -width / 2 + 0.05
            while u < width / 2 - 0.08:
                t = float(rng.uniform(0.03, 0.07))
                bh = float(rng.uniform(0.22, 0.32))
                col = BOOK_COLOURS[int(rng.integers(len(BOOK_COLOURS)))]
                if rng.random() < 0.08:
                    u += 0.1  # a gap
                    continue
                books.append(at(u + t / 2, depth / 2, (t, depth * 0.8, bh)).transformed(_lift(z + 0.03))
                             .tinted(palette.jitter(col, rng, 0.12)))
                u += t + 0.004
        self.parts.add("wood", *[m.tinted(WALNUT) for m in wood])
        self.parts.add("fabric", *books)

    def flag(self, x: float, y: float, kind: str) -> None:
        """A flag on a floor stand: ``"korea"`` (Taegukgi) or ``"seoul"`` (the city's white flag)."""
        self.parts.add("bronze", lathe([0.25, 0.2, 0.03], [0, 0.08, 0.12], (x, y, 0), palette.GILT, 12, cap=True),
                       lathe([0.018, 0.018], [0.0, 2.35], (x, y, 0.1), palette.GILT, 8),
                       lathe([0.05, 0.04, 0.0], [0, 0.06, 0.12], (x, y, 2.45), palette.GILT, 8))
        fw, fh, top = 0.9, 0.6, 2.35
        cloth = box((fw, 0.02, fh), (x + fw / 2 + 0.02, y, top - fh), WARM_WHITE)
        # hanging folds: the flag drapes down beside the pole, as indoor flags do
        drape = box((0.14, 0.05, 1.05), (x + 0.08, y, top - fh - 1.05), WARM_WHITE)
        self.parts.add("fabric", cloth, drape)
        cx, cz = x + fw / 2 + 0.02, top - fh / 2
        front = y - 0.011
        if kind == "korea":
            red, blue = rgba("#CD2E3A"), rgba("#0047A0")
            self.parts.add("fabric", _half_disc(cx, front, cz, 0.15, True, red), _half_disc(cx, front, cz, 0.15,
                                                                                            False, blue))
            black = rgba("#1A1A1A")
            trigrams = []
            for dx, dz in ((-0.3, 0.18), (0.3, 0.18), (-0.3, -0.18), (0.3, -0.18)):
                for k in range(3):
                    trigrams.append(box((0.11, 0.01, 0.02), (cx + dx, front, cz + dz + (k - 1) * 0.035), black))
            self.parts.add("fabric", *trigrams)
        else:
            self.parts.add("fabric", _half_disc(cx, front, cz + 0.06, 0.1, True, rgba("#E03C31")),
                           box((0.34, 0.01, 0.05), (cx - 0.04, front, cz - 0.08), rgba("#3C8D3F")),
                           box((0.3, 0.01, 0.04), (cx + 0.05, front, cz - 0.16), rgba("#1F6CB0")))

    def person(self, x: float, y: float, facing: float = 1.0, seated: bool = False, shirt: Color = CARPET,
               skin: Color = SKIN, hair: Color = HAIR) -> None:
        """A simple figure (staff at a counter, a visitor waiting): legs, torso, arms, head with hair.
        ``facing`` +1 looks towards +Y. Seated figures sit at chair height (0.46 m)."""
        hip = 0.46 if seated else 0.9
        legs = [box((0.14, 0.16, hip), (x + dx, y, 0), rgba("#2E3440")) for dx in (-0.09, 0.09)]
        if seated:  # thighs forward on the seat, shins down
            legs = [box((0.14, 0.42, 0.14), (x + dx, y + facing * 0.18, hip - 0.02), rgba("#2E3440"))
                    for dx in (-0.09, 0.09)]
            legs += [box((0.12, 0.12, hip), (x + dx, y + facing * 0.36, 0), rgba("#2E3440")) for dx in (-0.09, 0.09)]
        torso = box((0.4, 0.22, 0.58), (x, y, hip), shirt)
        arms = [box((0.09, 0.1, 0.52), (x + dx, y, hip + 0.04), shirt) for dx in (-0.25, 0.25)]
        self.parts.add("fabric", *legs, torso, *arms)
        head_z = hip + 0.62
        self.parts.add("plaster", lathe([0.0, 0.09, 0.11, 0.1, 0.0], [0.0, 0.03, 0.12, 0.2, 0.24], (x, y, head_z),
                                        skin, 10),
                       box((0.1, 0.08, 0.08), (x, y, hip + 0.56), skin))  # neck
        self.parts.add("fabric", lathe([0.0, 0.105, 0.115, 0.0], [0.1, 0.14, 0.22, 0.27], (x, y - facing * 0.015,
                                                                                        head_z), hair, 10))

    def plant(self, x: float, y: float, height: float = 1.4) -> None:
        self.parts.add("plaster", lathe([0.22, 0.26, 0.24], [0, 0.4, 0.45], (x, y, 0), POT, 12, cap=True))
        self.parts.add("fabric", lathe([0.05, 0.35, 0.42, 0.3, 0.0], [0, 0.25, 0.55, 0.85, 1.0],
                                       (x, y, 0.45), GREEN, 10).transformed(_scale_about(x, y, 0.45, height - 0.45)))

    def board(self, x: float, y: float, z: float, width: float, height: float, color: Color,
              facing: str = "+x", frame: Color = WALNUT) -> None:
        """A framed panel on a wall (notice board, screen, painting), its face towards ``facing``."""
        if facing in ("+x", "-x"):
            s = 1.0 if facing == "+x" else -1.0
            self.parts.add("wood", box((0.06, width + 0.12, height + 0.12), (x, y, z - 0.06), frame))
            self.parts.add("plaster", box((0.02, width, height), (x + s * 0.04, y, z), color))
        else:
            s = 1.0 if facing == "+y" else -1.0
            self.parts.add("wood", box((width + 0.12, 0.06, height + 0.12), (x, y, z - 0.06), frame))
            self.parts.add("plaster", box((width, 0.02, height), (x, y + s * 0.04, z), color))

    def counter(self, x: float, y: float, width: float, color: Color = CREAM, top: Color = WALNUT) -> None:
        """A service counter facing -Y (the visitor's side), with a monitor on the staff side."""
        self.parts.add("plaster", box((width, 0.6, 1.0), (x, y, 0), color))
        self.parts.add("wood", box((width + 0.1, 0.75, 0.05), (x, y - 0.05, 1.0), top))
        self.parts.add("metal", box((0.5, 0.04, 0.32), (x, y + 0.15, 1.12), rgba("#1E2024")),
                       box((0.06, 0.06, 0.12), (x, y + 0.17, 1.0), STEEL))

    def bench(self, x: float, y: float, width: float = 1.8) -> None:
        self.parts.add("wood", box((width, 0.45, 0.06), (x, y, 0.42), OAK),
                       box((width, 0.06, 0.4), (x, y + 0.2, 0.48), OAK))
        self.parts.add("metal", box((0.05, 0.4, 0.42), (x - width / 2 + 0.1, y, 0), STEEL),
                       box((0.05, 0.4, 0.42), (x + width / 2 - 0.1, y, 0), STEEL))

    def plinth(self, x: float, y: float, size: float = 1.2, height: float = 0.9) -> Point:
        """A white exhibition plinth; returns the centre of its top, where an exhibit stands."""
        self.parts.add("plaster", box((size, size, height), (x, y, 0), WARM_WHITE))
        self.parts.add("wood", box((size + 0.04, size + 0.04, 0.06), (x, y, 0), WALNUT))
        return (x, y, height)

    def rug(self, x: float, y: float, width: float, depth: float, color: Color) -> None:
        self.parts.add("fabric", box((width, depth, 0.015), (x, y, 0), color))

    def sofa(self, x: float, y: float, width: float = 2.0, facing: float = 1.0, color: Color = CREAM) -> None:
        self.parts.add("fabric", box((width, 0.8, 0.42), (x, y, 0), color),
                       box((width, 0.2, 0.45), (x, y - facing * 0.3, 0.42), color),
                       box((0.2, 0.8, 0.25), (x - width / 2 + 0.1, y, 0.42), color),
                       box((0.2, 0.8, 0.25), (x + width / 2 - 0.1, y, 0.42), color))


BOOK_COLOURS = tuple(rgba(c) for c in ("#7A2E2E", "#2E4A7A", "#2F5E3A", "#C9B78F", "#5A3E6B", "#B0562E",
                                        "#E8E2D0", "#30343A"))


def _lift(z: float) -> np.ndarray:
    m = np.eye(4)
    m[2, 3] = z
    return m


def _scale_about(x: float, y: float, z: float, s: float) -> np.ndarray:
    """Scale by ``s`` about (x, y, z) (a unit-height shape grows to height ``s``)."""
    m = np.diag([s * 0.9, s * 0.9, s, 1.0])
    m[:3, 3] = np.array([x, y, z]) - m[:3, :3] @ np.array([x, y, z])
    return m


def _half_disc(cx: float, y: float, cz: float, r: float, top: bool, color: Color, n: int = 12) -> Mesh:
    """Half of a vertical disc facing -Y (the flag's yin-yang halves, simplified to upper and lower)."""
    a = np.linspace(0, np.pi, n) if top else np.linspace(np.pi, 2 * np.pi, n)
    rim = np.stack([cx + r * np.cos(a), np.full(n, y), cz + r * np.sin(a)], 1)
    pos = np.vstack([[cx, y, cz], rim]).astype(np.float32)
    k = np.arange(1, n)
    idx = np.stack([np.zeros(n - 1, int), k, k + 1], 1)  # counter-clockwise seen from -Y
    m = len(pos)
    return Mesh(pos, np.tile(np.array([0, -1, 0], np.float32), (m, 1)), pos[:, [0, 2]].copy(),
                np.tile(np.asarray(color, np.float32), (m, 1)), np.ascontiguousarray(idx, np.uint32))
