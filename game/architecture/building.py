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
    (xmin, ymin, zmin, xmax, ymax, zmax) for walking collision, leaving passages open. ``far_parts`` is the
    same building seen from afar (empty when it has no detail worth dropping): bracket sets and tile rows
    replaced by their shells, everything else shared with ``parts``.
    """

    parts: dict[str, Mesh]
    dims: dict[str, float] = field(default_factory=dict)
    colliders: list[Box] = field(default_factory=list)
    far_parts: dict[str, Mesh] = field(default_factory=dict)
    #: The box (lo, hi) whose distance from the camera picks the level of detail, when it is not the whole building:
    #: Gwanghwamun's detail is in the gate, not in the palace wall that runs from it for hundreds of metres.
    detail_box: tuple[tuple[float, float, float], tuple[float, float, float]] | None = None

    @property
    def triangle_count(self) -> int:
        return sum(m.triangle_count for m in self.parts.values())

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = zip(*(m.bounds() for m in self.parts.values() if m.triangle_count), strict=True)
        return np.min(lo, axis=0), np.max(hi, axis=0)

    def detail_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """The box the level of detail is judged by: :attr:`detail_box`, else the whole building's bounds."""
        if self.detail_box is None:
            return self.bounds()
        return np.asarray(self.detail_box[0]), np.asarray(self.detail_box[1])


class Parts:
    """Collects meshes per material, then merges them into a :class:`Building`: the full detail, and where
    :meth:`add_detail` was used, the far version with shells in place of the detail."""

    def __init__(self) -> None:
        self._meshes: dict[str, list[Mesh]] = defaultdict(list)
        self._far: dict[str, list[Mesh]] = defaultdict(list)
        self._has_shells = False
        self.colliders: list[Box] = []

    def add(self, material: str, *meshes: Mesh) -> None:
        if material not in MATERIALS:
            raise ValueError(f"unknown material {material!r}; the renderer knows {MATERIALS}")
        self._meshes[material].extend(meshes)
        self._far[material].extend(meshes)

    def add_detail(self, material: str, detail: list[Mesh], shell: list[Mesh]) -> None:
        """Fine geometry seen up close, and the coarse ``shell`` that stands in for it from afar."""
        self.add(material)
        self._meshes[material].extend(detail)
        self._far[material].extend(shell)
        self._has_shells = True

    def collide(self, xmin: float, ymin: float, zmin: float, xmax: float, ymax: float, zmax: float) -> None:
        self.colliders.append((float(xmin), float(ymin), float(zmin), float(xmax), float(ymax), float(zmax)))

    def merged(self, material: str) -> Mesh:
        return merge(self._meshes.get(material, []))

    def build(self, dims: dict[str, float]) -> Building:
        parts = {name: merge(ms) for name, ms in self._meshes.items()}
        parts = {name: m for name, m in parts.items() if m.triangle_count}
        far: dict[str, Mesh] = {}
        if self._has_shells:
            far = {name: m for name, ms in self._far.items() if (m := merge(ms)).triangle_count}
        building = Building(parts=parts, dims=dict(dims), colliders=list(self.colliders), far_parts=far)
        building.dims["total_height"] = float(building.bounds()[1][2])
        return building
