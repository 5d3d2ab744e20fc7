"""The :class:`Building` a builder returns and the :class:`Parts` collector that assembles one.

Builders add many small meshes per material; the renderer wants one mesh per material (one draw call), so
:class:`Parts` defers the merge to the end and checks material names as they arrive.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from game.architecture.mesh import MATERIALS, Mesh, merge

Box = tuple[float, float, float, float, float, float]


@dataclass
class Building:
    """A landmark's geometry in building-local metres (origin at the footprint centre, front facing -Y, +Z up).

    ``parts`` maps a material name to one merged mesh; ``dims`` holds dimensions measured from the generated
    geometry (the tests compare them with the catalogue); ``colliders`` are axis-aligned boxes
    (xmin, ymin, zmin, xmax, ymax, zmax) for walking collision, leaving passages open.
    """

    parts: dict[str, Mesh]
    dims: dict[str, float] = field(default_factory=dict)
    colliders: list[Box] = field(default_factory=list)

    @property
    def triangle_count(self) -> int:
        return sum(m.triangle_count for m in self.parts.values())

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = zip(*(m.bounds() for m in self.parts.values() if m.triangle_count), strict=True)
        return np.min(lo, axis=0), np.max(hi, axis=0)


class Parts:
    """Collects meshes per material, then merges them into a :class:`Building`."""

    def __init__(self) -> None:
        self._meshes: dict[str, list[Mesh]] = defaultdict(list)
        self.colliders: list[Box] = []

    def add(self, material: str, *meshes: Mesh) -> None:
        if material not in MATERIALS:
            raise ValueError(f"unknown material {material!r}; the renderer knows {MATERIALS}")
        self._meshes[material].extend(meshes)

    def collide(self, xmin: float, ymin: float, zmin: float, xmax: float, ymax: float, zmax: float) -> None:
        self.colliders.append((float(xmin), float(ymin), float(zmin), float(xmax), float(ymax), float(zmax)))

    def merged(self, material: str) -> Mesh:
        return merge(self._meshes.get(material, []))

    def build(self, dims: dict[str, float]) -> Building:
        parts = {name: merge(ms) for name, ms in self._meshes.items()}
        parts = {name: m for name, m in parts.items() if m.triangle_count}
        building = Building(parts=parts, dims=dict(dims), colliders=list(self.colliders))
        building.dims["total_height"] = float(building.bounds()[1][2])
        return building
