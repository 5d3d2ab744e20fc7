"""Laser pointer maths: where a controller ray meets a flat UI panel placed in the world. Pure.

World-space panels are rectangles; the pointer needs the nearest panel hit and the hit's panel coordinates
(u, v in [0, 1], origin bottom-left) so the panel can map it onto its widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.xr.axes import Vec3


def _dot(a: Vec3, b: Vec3) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _sub(a: Vec3, b: Vec3) -> Vec3:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


@dataclass(frozen=True)
class PanelRect:
    """A panel: centre, unit right and up axes (world), and its width and height in metres."""

    name: str
    centre: Vec3
    right: Vec3
    up: Vec3
    width: float
    height: float


@dataclass(frozen=True)
class PanelHit:
    name: str
    distance: float
    u: float
    v: float
    point: Vec3


def hit_panel(origin: Vec3, direction: Vec3, panel: PanelRect) -> PanelHit | None:
    """Intersect a ray with one panel (either face); None if it misses or the panel is behind the ray."""
    normal = (
        panel.right[1] * panel.up[2] - panel.right[2] * panel.up[1],
        panel.right[2] * panel.up[0] - panel.right[0] * panel.up[2],
        panel.right[0] * panel.up[1] - panel.right[1] * panel.up[0],
    )
    denom = _dot(direction, normal)
    if abs(denom) < 1e-9:
        return None
    t = _dot(_sub(panel.centre, origin), normal) / denom
    if t <= 0:
        return None
    point = (origin[0] + direction[0] * t, origin[1] + direction[1] * t, origin[2] + direction[2] * t)
    rel = _sub(point, panel.centre)
    u = _dot(rel, panel.right) / panel.width + 0.5
    v = _dot(rel, panel.up) / panel.height + 0.5
    if not (0 <= u <= 1 and 0 <= v <= 1):
        return None
    length = _dot(direction, direction) ** 0.5
    return PanelHit(panel.name, t * length, u, v, point)


def nearest_hit(origin: Vec3, direction: Vec3, panels: list[PanelRect]) -> PanelHit | None:
    """The closest panel the ray hits, so a panel in front shadows one behind it."""
    hits = [h for p in panels if (h := hit_panel(origin, direction, p)) is not None]
    return min(hits, key=lambda h: h.distance, default=None)
